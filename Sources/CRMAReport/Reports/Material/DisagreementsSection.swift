import CRMATransform

/// Where USGS editions disagree on the same fact: the range, the preferred figure and why.
public struct DisagreementsSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Where sources disagree"))
    let rows = view.reconciled.filter { $0.count > 1 && $0.minimum != $0.maximum }
    guard !rows.isEmpty else {
      document.add(.paragraph("No disagreement between USGS editions for these products."))
      return
    }
    document.add(
      .paragraph(
        "Same fact, different figures across USGS editions: the range, the preferred value and why (rule: newest edition first)."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Product"), .init("Measure"), .init("Year", .right), .init("Country"),
            .init("Range", .right), .init("Preferred", .right), .init("Reason"),
          ],
          rows: rows.map { row in
            [
              row.product, row.measure.rawValue, String(row.year), view.countryName(row.country),
              "\(NumberText.quantity(row.minimum ?? 0))–\(NumberText.quantity(row.maximum ?? 0))",
              NumberText.quantity(row.preferred.value ?? 0),
              row.reason + " " + view.cite(row.preferred.sourceID),
            ]
          })))
  }
}
