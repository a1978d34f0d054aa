import CRMATransform

/// The summary's title, its "figures as of" line and how to read it.
public struct SummaryTitleSection: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    document.add(.heading(1, "Ukraine's lithium, titanium and rare earths and the EU CRMA: the answers"))
    let controls = view.data.controlReports.map(\.asOf).filter { !$0.isEmpty }.max()
    let editions = view.materials.flatMap { $0.shares.map(\.edition) }.max()
    var parts: [String] = []
    if let editions { parts.append("USGS \(editions)") }
    parts.append("EU criticality study 2023")
    if let controls { parts.append("deposit control reports up to \(controls)") }
    if let snapshot = view.data.frontLinePlaces.filter({ $0.evidence == "map" }).compactMap(\.asOf).max() {
      parts.append("front-line map of \(snapshot)")
    }
    document.add(.asOf(parts.joined(separator: "; ")))
  }
}
