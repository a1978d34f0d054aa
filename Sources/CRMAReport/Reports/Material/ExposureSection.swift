import CRMATransform

/// War exposure: contained tonnage by each deposit's latest control status.
public struct ExposureSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "War exposure of known resources"))
    let rows = view.exposure
    guard !rows.isEmpty else {
      document.add(.paragraph("No deposits of this material in the data."))
      return
    }
    let basis = rows.first?.basis ?? ""
    let parts = rows.filter { $0.contained > 0 }.map { StackedBar.Part($0.status.rawValue, $0.contained) }
    let chart = StackedBar(
      title: "Contained tonnage by latest control status",
      unit: "\(basis), deposits with a convertible tonnage only", parts: parts)
    document.add(.chart { width, style in chart.render(width: width, style: style) })
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Status"), .init("Deposits", .right), .init("With tonnage", .right),
            .init("Contained (\(basis))", .right), .init("Share", .right), .init("Reports dated"),
          ],
          rows: rows.map { row in
            [
              row.status.rawValue, String(row.deposits), String(row.depositsWithTonnage),
              NumberText.grouped(row.contained), NumberText.percent(fraction: row.share),
              row.earliestAsOf == row.latestAsOf
                ? (row.latestAsOf ?? "no dated report")
                : "\(row.earliestAsOf ?? "") to \(row.latestAsOf ?? "")",
            ]
          })))
    let noTonnage = view.exposedDeposits.filter { $0.contained == nil }.map(\.depositID).sorted()
    if !noTonnage.isEmpty {
      document.add(
        .paragraph(
          "Deposits counted but without a convertible contained tonnage: \(noTonnage.joined(separator: ", "))."
        ))
    }
  }
}
