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
          columns: [
            .init("Scenario"), .init("Base"), .init("Ukraine before", .right), .init("Ukraine after", .right),
            .init("Share after", .right),
            .init("Rank after", .right), .init("HHI before → after"), .init("Largest after"),
          ],
          rows: rows.map { row in
            [
              row.label + " " + view.cite(row.sourceID),
              "\(row.product) \(row.year) (\(row.edition))",
              row.ukraineBefore.map(NumberText.quantity) ?? "—",
              "\(NumberText.quantity(row.ukraineAfter)) \(row.unit)",
              row.ukraineShareAfter.map { NumberText.percent(fraction: $0) } ?? "—",
              row.ukraineRankAfter.map(String.init) ?? "",
              "\(NumberText.index(row.hhiBefore ?? 0)) → \(NumberText.index(row.hhiAfter ?? 0))",
              "\(view.countryName(row.largestCountryAfter ?? "")) \(NumberText.percent(fraction: row.largestShareAfter ?? 0))",
            ]
          })))
  }
}
