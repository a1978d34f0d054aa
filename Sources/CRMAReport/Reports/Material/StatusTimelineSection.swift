import CRMATransform

/// Per deposit, who controlled it month by month according to the dated control reports: one
/// row per deposit with a report, one cell per month over the months any report in the data
/// covers, a legend for the statuses.
public struct StatusTimelineSection: MaterialSection {
  public init() {}

  /// Status letters, mildest first.
  static let legend: [(status: String, letter: String)] = [
    (ControlReport.Status.governmentControlled.rawValue, "G"), (ControlReport.Status.frontLine.rawValue, "F"),
    (ControlReport.Status.contested.rawValue, "C"), (ControlReport.Status.occupied.rawValue, "O"),
    (ControlReport.Status.unknown.rawValue, "?"),
  ]

  public func add(to document: inout Document, _ view: MaterialView) {
    let monthly = view.controlReports.filter { $0.asOf.count >= 7 }
    guard !monthly.isEmpty else { return }
    document.add(.heading(2, "Control reports over time"))
    let all = view.data.controlReports.map { String($0.asOf.prefix(7)) }.filter { $0.count == 7 }.sorted()
    let months = StatusTimeline.months(from: all.first ?? "", to: all.last ?? "")
    let names = Dictionary(view.data.deposits.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let ids = monthly.map(\.depositID).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    let rows = ids.map { id in
      // Several reports in one month: the latest date, then the graver status, is shown.
      let reports = monthly.filter { $0.depositID == id }.sorted {
        ($0.asOf, $0.status) < ($1.asOf, $1.status)
      }
      return StatusTimeline.Row(
        names[id] ?? id,
        reports: reports.map { (month: String($0.asOf.prefix(7)), status: $0.status.rawValue) })
    }
    var chart = StatusTimeline(
      title: "Control status by month, as the dated reports give it", months: months, rows: rows,
      legend: Self.legend)
    let unplaced = view.controlReports.filter { $0.asOf.count < 7 }
    if !unplaced.isEmpty {
      chart.notes.append(
        "Not placed (no month given): "
          + unplaced.map {
            "\(names[$0.depositID] ?? $0.depositID) \($0.status.rawValue) (\($0.asOf.isEmpty ? "undated" : $0.asOf))"
          }
          .joined(separator: "; ") + ".")
    }
    let drawn = chart
    document.add(.chart { width, style in drawn.render(width: width, style: style) })
    document.add(
      .paragraph(
        "A cell shows the latest report at the end of its month (on the same date, the graver status); a claim later corrected stays in the month it was made. Sources: "
          + Array(Set(view.controlReports.map(\.sourceID))).sorted().map { view.cite($0) }.joined(
            separator: ", ")))
  }
}
