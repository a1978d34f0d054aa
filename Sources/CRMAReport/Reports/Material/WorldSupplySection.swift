import CRMATransform

/// Per product, world production and reserves in the newest year: a bar chart of the largest
/// countries with Ukraine marked, and Ukraine's share and rank.
public struct WorldSupplySection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    for product in view.spec.products { add(to: &document, view, product: product) }
  }

  private func add(to document: inout Document, _ view: MaterialView, product: (id: String, title: String)) {
    document.add(.heading(2, product.title))
    for measure in [ProductionFigure.Measure.production, .reserves] {
      let rows = view.shares.filter { $0.product == product.id && $0.measure == measure }
      guard let year = rows.map(\.year).max() else { continue }
      let latest = rows.filter { $0.year == year }
      let edition = latest.first?.edition ?? ""
      let unit = latest.first?.unit ?? ""
      let countries = latest.filter { !["WLD", "XOT"].contains($0.country) && $0.value != nil }
        .sorted { ($0.value ?? 0, $1.country) > ($1.value ?? 0, $0.country) }
      let ukraine = latest.first { $0.country == "UKR" }
      var bars = countries.prefix(10).map {
        BarChart.Bar(view.countryName($0.country), $0.value, marked: $0.country == "UKR")
      }
      if let ukraine, !countries.prefix(10).contains(where: { $0.country == "UKR" }) {
        bars.append(BarChart.Bar("Ukraine", ukraine.value, marked: true))
      }
      if let other = latest.first(where: { $0.country == "XOT" }), let value = other.value {
        bars.append(BarChart.Bar("Other countries", value))
      }
      let sourceID = latest.first?.sourceID ?? ""
      let titleText = "\(measure == .production ? "Production" : "Reserves") \(year), \(edition)"
      let chart = BarChart(title: titleText, unit: "\(unit) (\(edition))", bars: bars)
      document.add(.chart { width, style in chart.render(width: width, style: style) })
      let ukraineText: String
      if let ukraine, let share = ukraine.share {
        let rank = ukraine.rank.map { "rank \($0)" } ?? "no rank (no output)"
        ukraineText =
          "Ukraine: \(NumberText.quantity(ukraine.value ?? 0)) \(unit), \(NumberText.percent(fraction: share)) of the listed total, \(rank)."
      } else if let ukraine {
        ukraineText = "Ukraine: \(ukraine.note)."
      } else {
        ukraineText = "Ukraine: no figure."
      }
      document.add(
        .paragraph(
          ukraineText
            + " Shares are of the sum of listed values (countries and \"other countries\"); \(countries.count) countries listed. Source: \(view.cite(sourceID))"
        ))
    }
  }
}
