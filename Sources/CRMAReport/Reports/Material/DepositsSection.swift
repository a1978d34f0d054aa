import CRMATransform

/// Ukrainian deposits: one row per figure a source gives, with each deposit's latest control
/// status.
public struct DepositsSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Ukrainian deposits"))
    let exposure = Dictionary(
      view.exposedDeposits.map { ($0.depositID, $0) }, uniquingKeysWith: { a, _ in a })
    let deposits = Dictionary(view.data.deposits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    document.add(
      .paragraph(
        "One row per figure a source gives; disagreeing sources are separate rows. Control status is each deposit's latest dated report."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Deposit"), .init("Oblast"), .init("Ore (t)", .right), .init("Grade"),
            .init("Contained (t)", .right), .init("Basis"),
            .init("Category / status"), .init("Control (as of)"),
          ],
          rows: view.depositFigures.map { row in
            let deposit = deposits[row.depositID]
            let control = exposure[row.depositID]
            let grade = row.grade.map { "\(NumberText.canonical($0)) \(row.gradeUnit ?? "")" } ?? "—"
            let bound = row.bound == "point" ? "" : " (\(row.bound) bound)"
            let statusDate =
              control.map { control in
                control.statusAsOf.map { "\(control.status.rawValue) (\($0))" } ?? control.status.rawValue
              } ?? "unknown"
            return [
              (deposit?.name ?? row.depositID) + (row.part.map { ", \($0)" } ?? ""),
              deposit?.oblast ?? "", row.oreTonnes.map { NumberText.grouped($0) } ?? "—",
              grade,
              row.containedTonnes.map { NumberText.grouped($0) } ?? "—",
              row.containedBasis ?? "—",
              [row.resourceCategory, row.developmentStatus].compactMap { $0 }.joined(separator: "; ") + bound,
              statusDate + " " + view.cite(row.sourceID)
                + statusCitation(view, control, figureSource: row.sourceID),
            ]
          })))
  }

  /// The control report's citation, unless it is the figure's own source (cited already).
  private func statusCitation(_ view: MaterialView, _ control: ExposedDeposit?, figureSource: String) -> String {
    guard let source = control?.statusSourceID, !source.isEmpty, source != figureSource else {
      return ""
    }
    return view.cite(source)
  }
}
