import CRMATransform

/// The report's title and the line that says which data it reflects.
public struct TitleSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(1, "\(view.spec.title): Ukraine and the EU Critical Raw Materials Act"))
    let editions = Set(view.shares.map(\.edition))
    let controlDates = view.exposedDeposits.compactMap(\.statusAsOf).filter { !$0.isEmpty }.sorted()
    var parts = [
      "Figures as of: USGS Mineral Commodity Summaries \(editions.sorted().joined(separator: ", "))"
    ]
    parts.append("EU criticality assessments 2020 and 2023")
    if let last = controlDates.last { parts.append("deposit control reports up to \(last)") }
    document.add(
      .paragraph(
        parts.joined(separator: "; ")
          + ". Every figure cites its source: a bracketed label that links to its entry in sources.md."))
  }
}
