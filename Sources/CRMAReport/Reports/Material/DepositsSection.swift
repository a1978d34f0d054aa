import CRMATransform

/// Ukrainian deposits: per deposit, its oblast and latest control status, then one row per
/// figure a source gives.
public struct DepositsSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Ukrainian deposits"))
    let exposure = Dictionary(
      view.exposedDeposits.map { ($0.depositID, $0) }, uniquingKeysWith: { a, _ in a })
    let deposits = Dictionary(view.data.deposits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    document.add(
      .paragraph(
        "Per deposit: its latest dated control report, then one row per figure a source gives; disagreeing sources are separate rows."
      ))
    let ids = view.depositFigures.map(\.depositID).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    for id in ids {
      let deposit = deposits[id]
      let name = deposit?.name ?? id
      document.add(.heading(3, deposit?.oblast.map { "\(name) (\($0) oblast)" } ?? name))
      document.add(.paragraph("Control: " + control(view, exposure[id])))
      let figures = view.depositFigures.filter { $0.depositID == id }
      var table = TextTable(
        name: "deposit-\(id)",
        columns: [
          .init("Part"), .init("Ore (t)", .right), .init("Grade"), .init("Contained"),
          .init("Category / status"),
        ],
        rows: figures.map { row in
          let grade = row.grade.map { "\(NumberText.canonical($0)) \(row.gradeUnit ?? "")" } ?? "—"
          let bound = row.bound == "point" ? "" : " (\(row.bound) bound)"
          let contained =
            row.containedTonnes.map { "\(NumberText.grouped($0)) t \(row.containedBasis ?? "")" } ?? "—"
          return [
            row.part ?? "whole", row.oreTonnes.map { NumberText.grouped($0) } ?? "—", grade, contained,
            ([row.resourceCategory, row.developmentStatus].compactMap { $0 }.joined(separator: "; ") + bound)
              + " " + view.cite(row.sourceID),
          ]
        })
      // The part column only where a figure is of a part of the deposit.
      if figures.allSatisfy({ $0.part == nil }) {
        table.columns.removeFirst()
        table.rows = table.rows.map { Array($0.dropFirst()) }
      }
      document.add(.table(table))
    }
  }

  /// The latest control status with its date and source, or "no control report".
  private func control(_ view: MaterialView, _ deposit: ExposedDeposit?) -> String {
    guard let deposit, let source = deposit.statusSourceID, !source.isEmpty else {
      return "no control report in the data (status unknown)."
    }
    let date = deposit.statusAsOf.map { " as of \($0)" } ?? " (undated report)"
    let wording = deposit.statusReportedAs.map { " — \"\($0)\"" } ?? ""
    return "\(deposit.status.rawValue)\(date)\(wording) \(view.cite(source))"
  }
}
