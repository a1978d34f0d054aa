import CRMATransform

/// Production over the years, per product: a bar per year from zero on a labelled axis (each
/// year from the newest edition that gives it, revisions marked), Ukraine's where USGS lists it,
/// the world's otherwise; then other sourced figures on Ukrainian output, capacity and exports.
public struct UkraineOutputSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Production over the years"))
    for product in view.spec.products {
      let ukraine = facts(view, product: product.id, country: "UKR")
      if ukraine.contains(where: { $0.preferred.value != nil }) {
        addSeries(&document, view, product: product, facts: ukraine, whose: "Ukraine's")
        addEditions(&document, view, product: product, facts: ukraine)
      } else {
        let world = facts(view, product: product.id, country: "WLD")
        guard !world.isEmpty else { continue }
        addSeries(&document, view, product: product, facts: world, whose: "World")
        document.add(
          .paragraph("USGS lists no separate figure for Ukraine's \(product.name) production in any edition.")
        )
      }
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
            name: "ukraine-output-other",
            columns: [
              .init("Year", .right), .init("Product"), .init("Measure"), .init("Quantity", .right),
              .init("Period", optional: true), .init("Scope"),
            ],
            rows: other.map { row in
              [
                row.year.map(String.init) ?? "—", row.product, row.measure,
                row.quantity.map { "\(NumberText.quantity($0)) \(row.unit)" } ?? "n/a", row.period,
                row.scope + " " + view.cite(row.sourceID),
              ]
            })))
    }
  }

  private func facts(_ view: MaterialView, product: String, country: String) -> [ReconciledFact] {
    view.reconciled.filter { $0.product == product && $0.measure == .production && $0.country == country }
      .sorted { $0.year < $1.year }
  }

  /// A bar per year from the first to the last year with a figure; a year without one says so.
  private func addSeries(
    _ document: inout Document, _ view: MaterialView, product: MaterialSpec.Product, facts: [ReconciledFact],
    whose: String
  ) {
    guard let first = facts.first?.year, let last = facts.last?.year else { return }
    let unit = facts.first?.preferred.unit ?? ""
    let byYear = Dictionary(facts.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
    let bars = (first...last).map { year -> BarChart.Bar in
      guard let fact = byYear[year], let value = fact.preferred.value else {
        let missing = byYear[year]?.preferred.flag == "withheld" ? "withheld" : "no figure"
        return BarChart.Bar(String(year), nil, missing: missing)
      }
      let revised = fact.count > 1 && fact.minimum != fact.maximum
      return BarChart.Bar(String(year) + (revised ? " r" : ""), value)
    }
    var chart = BarChart(
      title: "\(whose) \(product.name) production by year",
      unit: "\(unit); each year from the newest USGS edition that gives it",
      bars: bars)
    chart.axis = true
    if bars.contains(where: { $0.label.hasSuffix(" r") }) {
      chart.notes.append("r = revised: an earlier edition gave another figure for that year.")
    }
    let drawn = chart
    document.add(.chart { width, style in drawn.render(width: width, style: style) })
    let sources = Array(Set(facts.map(\.preferred.sourceID))).sorted()
    document.add(.paragraph("Sources: " + sources.map { view.cite($0) }.joined(separator: ", ")))
  }

  /// Ukraine's figure per year with its edition and flag, and what earlier editions said.
  private func addEditions(
    _ document: inout Document, _ view: MaterialView, product: MaterialSpec.Product, facts: [ReconciledFact]
  ) {
    var editions: [Int: [(edition: String, value: String)]] = [:]
    for figure in view.editionFigures where figure.product == product.id {
      editions[figure.year, default: []].append((figure.edition, NumberText.quantity(figure.value)))
    }
    let unit = facts.first?.preferred.unit ?? ""
    document.add(
      .table(
        TextTable(
          name: "ukraine-production-\(product.id)",
          columns: [
            .init("Year", .right), .init("Ukraine (\(unit))", .right), .init("Edition"), .init("Flag"),
            .init("Earlier editions (revised)"),
          ],
          rows: facts.map { row in
            [
              String(row.year), row.preferred.value.map(NumberText.quantity) ?? row.preferred.flag,
              row.preferred.edition, row.preferred.flag,
              (editions[row.year] ?? []).filter { $0.edition != row.preferred.edition }
                .sorted { $0.edition > $1.edition }.map { "\($0.value) (\($0.edition))" }
                .joined(separator: "; "),
            ]
          }, rowSources: facts.map { [$0.preferred.sourceID] })))
  }
}
