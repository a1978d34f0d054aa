import CRMATransform

/// The report's title and the line that says which data it reflects.
public struct TitleSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(1, "\(view.spec.title): Ukraine and the EU Critical Raw Materials Act"))
    let editions = Set(view.shares.map(\.edition))
    let controlDates = view.exposedDeposits.compactMap(\.statusAsOf).filter { !$0.isEmpty }.sorted()
    let sorted = editions.sorted()
    var parts: [String] = []
    if let first = sorted.first, let last = sorted.last {
      parts.append("USGS " + (first == last ? first : "\(first) to \(last)"))
    }
    let assessed = Set(view.data.supplyRisk.filter { view.spec.assessed.contains($0.materialID) }.map(\.year))
    if !assessed.isEmpty {
      parts.append(
        "EU criticality assessments \(assessed.sorted().map(String.init).joined(separator: " and "))")
    }
    if let last = controlDates.last { parts.append("deposit control reports up to \(last)") }
    if let snapshot = view.data.frontLinePlaces.filter({ $0.evidence == "map" }).compactMap(\.asOf).max() {
      parts.append("front-line map of \(snapshot)")
    }
    if let last = view.events.last { parts.append("events up to \(last.date)") }
    document.add(.asOf(parts.joined(separator: "; ")))
    document.add(
      .paragraph("Every figure cites its source: a bracketed label that links to its entry in sources.md."))
  }
}
