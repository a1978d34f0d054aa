import CRMATransform

/// Ukraine's own output over the years: USGS figures per year with revisions between editions,
/// and other sourced figures on output, capacity and exports.
public struct UkraineOutputSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Ukraine's own output over the years"))
    var drewAny = false
    for product in view.spec.products {
      let rows = view.reconciled.filter {
        $0.product == product.id && $0.measure == .production && $0.country == "UKR"
      }
      var values: [Int: Double] = [:]
      for row in rows {
        if let value = row.preferred.value { values[row.year] = value }
      }
      guard !values.isEmpty else { continue }
      drewAny = true
      // Each edition's figure for a year, so revisions between editions are shown beside the
      // preferred one.
      var editions: [Int: [(edition: String, value: String)]] = [:]
      for figure in view.editionFigures where figure.product == product.id {
        editions[figure.year, default: []].append((figure.edition, NumberText.quantity(figure.value)))
      }
      let unit = rows.first?.preferred.unit ?? ""
      let line = Sparkline(label: product.id, unit: unit, values: values)
      document.add(.chart { width, style in line.render(width: width, style: style) })
      document.add(
        .table(
          TextTable(
            columns: [
              .init("Year", .right), .init("Ukraine (\(unit))", .right), .init("Edition"), .init("Flag"),
              .init("Earlier editions (revised)"),
            ],
            rows: rows.sorted { $0.year < $1.year }.map { row in
              [
                String(row.year), NumberText.quantity(row.preferred.value ?? 0), row.preferred.edition,
                row.preferred.flag + " " + view.cite(row.preferred.sourceID),
                (editions[row.year] ?? []).filter { $0.edition != row.preferred.edition }
                  .sorted { $0.edition > $1.edition }.map { "\($0.value) (\($0.edition))" }
                  .joined(separator: "; "),
              ]
            })))
    }
    if !drewAny {
      document.add(.paragraph("USGS lists no separate figure for Ukraine for this material."))
    }
    let other = view.ukraineOutput
    if !other.isEmpty {
      document.add(
        .paragraph(
          "Other figures on Ukrainian output, capacity and exports (company, ministry and press sources; bases and periods as stated):"
        ))
      document.add(
        .table(
          TextTable(
            columns: [
              .init("Year", .right), .init("Product"), .init("Measure"), .init("Quantity", .right),
              .init("Unit"), .init("Period"), .init("Scope"),
            ],
            rows: other.map { row in
              [
                row.year.map(String.init) ?? "—", row.product, row.measure,
                row.quantity.map(NumberText.quantity) ?? "n/a", row.unit, row.period,
                row.scope + " " + view.cite(row.sourceID),
              ]
            })))
    }
  }
}
