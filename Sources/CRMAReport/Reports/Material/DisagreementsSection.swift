import CRMATransform

/// Where USGS editions disagree on the same fact: per product and measure, the range, the
/// preferred figure and its edition (and why, where the rule is not simply "newest edition").
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
        "Same fact, different figures across USGS editions: the range and the preferred value with its edition. Rule: \(Reconciliation.rule); a reason is given where another part of the rule decided."
      ))
    for product in view.spec.products {
      for measure in [ProductionFigure.Measure.production, .reserves] {
        let group = rows.filter { $0.product == product.id && $0.measure == measure }
          .sorted { ($0.year, view.countryName($0.country)) < ($1.year, view.countryName($1.country)) }
        guard !group.isEmpty else { continue }
        document.add(.paragraph("World \(product.name) \(measure.rawValue) (\(group[0].preferred.unit)):"))
        document.add(
          .table(
            TextTable(
              name: "disagreements-\(product.id)-\(measure.rawValue)",
              columns: [
                .init("Year", .right), .init("Country"), .init("Range", .right), .init("Preferred", .right),
                .init("Edition"),
              ],
              rows: group.map { row in
                let reason = row.reason.hasPrefix("newest edition") ? "" : " (\(row.reason))"
                return [
                  String(row.year), view.countryName(row.country),
                  "\(NumberText.quantity(row.minimum ?? 0))–\(NumberText.quantity(row.maximum ?? 0))",
                  row.preferred.value.map(NumberText.quantity) ?? row.preferred.flag,
                  row.preferred.edition + reason,
                ]
              }, rowSources: group.map { [$0.preferred.sourceID] })))
        let sources = Set(group.map(\.preferred.sourceID)).sorted()
        document.add(.paragraph("Sources: " + sources.map { view.cite($0) }.joined(separator: ", ")))
      }
    }
  }
}
