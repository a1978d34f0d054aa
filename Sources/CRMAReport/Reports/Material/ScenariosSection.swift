import CRMATransform

/// World supply with Ukraine's figure set to a sourced quantity.
public struct ScenariosSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Scenarios"))
    let rows = view.scenarios
    guard !rows.isEmpty else {
      document.add(.paragraph("No sourced scenario for this material in the data."))
      return
    }
    document.add(
      .paragraph(
        "World supply with Ukraine's figure set to a sourced quantity; EU sourcing is not recomputed (the data has no EU supply in tonnes)."
      ))
    document.add(
      .table(
        TextTable(
          name: "scenarios",
          columns: [
            .init("Scenario"), .init("Base"), .init("Ukraine before → after", .right),
            .init("Share (rank) after", .right), .init("HHI before → after", .right), .init("Largest after"),
          ],
          rows: rows.map { row in
            let rank = row.ukraineRankAfter.map { " (\($0))" } ?? ""
            return [
              row.label + " " + view.cite(row.sourceID),
              "\(view.spec.productName(row.product)) \(row.year) (\(row.edition))",
              "\(row.ukraineBefore.map(NumberText.quantity) ?? "—") → \(NumberText.quantity(row.ukraineAfter)) \(row.unit)",
              (row.ukraineShareAfter.map { NumberText.percent(fraction: $0) } ?? "—") + rank,
              "\(row.hhiBefore.map(NumberText.index) ?? "—") → \(row.hhiAfter.map(NumberText.index) ?? "—")",
              "\(view.countryName(row.largestCountryAfter ?? "")) \(row.largestShareAfter.map { NumberText.percent(fraction: $0) } ?? "")",
            ]
          })))
  }
}
