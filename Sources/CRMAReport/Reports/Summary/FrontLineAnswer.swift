import CRMATransform

/// Question 1: how much of Ukraine's lithium, titanium and rare earths is behind the front line.
/// Deposits by latest control status and the share of contained tonnage, per material.
public struct FrontLineAnswer: SummarySection {
  public init() {}

  /// The statuses the table shows, gravest first.
  static let statuses: [ControlReport.Status] = [
    .occupied, .contested, .frontLine, .governmentControlled, .unknown,
  ]

  public func add(to document: inout Document, _ view: SummaryView) {
    document.add(.heading(2, "1. How much is behind the front line?"))
    let newest = view.materials.flatMap { $0.exposure.compactMap(\.latestAsOf) }.filter { $0.count >= 7 }
      .max()
    var clauses: [String] = []
    for material in view.materials {
      let rows = material.exposure
      guard !rows.isEmpty else { continue }
      let total = rows.map(\.contained).reduce(0, +)
      let deposits = rows.map(\.deposits).reduce(0, +)
      let exposed = rows.filter { [.occupied, .contested, .frontLine].contains($0.status) }
      let reported = material.exposedDeposits.filter { $0.statusSourceID != nil }.count
      let name = material.spec.shortTitle.lowercased()
      if reported == 0 {
        clauses.append("\(name): none of its \(deposits) deposits has a control report")
      } else if total > 0 {
        let share = exposed.map(\.share).reduce(0, +)
        clauses.append(
          "\(name): \(exposed.map(\.deposits).reduce(0, +)) of \(deposits) deposits, \(NumberText.percent(fraction: share)) of the \(NumberText.grouped(total)) \(rows[0].basis) with a convertible tonnage"
        )
      } else {
        clauses.append("\(name): \(exposed.map(\.deposits).reduce(0, +)) of \(deposits) deposits")
      }
    }
    document.add(
      .paragraph(
        "Occupied, contested or at the front line by each deposit's latest report"
          + (newest.map { " (newest \($0))" } ?? "") + ": " + clauses.joined(separator: "; ") + "."))
    let specs = view.materials
    document.add(
      .table(
        TextTable(
          name: "front-line",
          columns: [.init("Latest status")] + specs.map { .init($0.spec.shortTitle, .right) },
          rows: Self.statuses.compactMap { status in
            let cells = specs.map { material -> String in
              guard let row = material.exposure.first(where: { $0.status == status }) else { return "—" }
              let deposits = "\(row.deposits) dep."
              return row.contained > 0 ? "\(deposits), \(NumberText.percent(fraction: row.share))" : deposits
            }
            return cells.allSatisfy { $0 == "—" } ? nil : [status.rawValue] + cells
          })))
    document.add(
      .paragraph(
        "Deposits (dep.) by latest status and their share of the material's contained tonnage, where a source gives one that converts; month by month in each material report."
      ))
  }
}
