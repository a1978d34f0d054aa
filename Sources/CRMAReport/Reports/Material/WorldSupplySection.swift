import CRMATransform

/// Per product, world production and reserves in the newest year: a bar chart of the largest
/// countries with Ukraine marked, withheld figures shown as such, the countries not drawn summed
/// in one bar, and Ukraine's share and rank (none for a zero producer).
public struct WorldSupplySection: MaterialSection {
  /// Countries drawn one by one; the rest are summed in one bar.
  static let drawn = 10

  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    for product in view.spec.products { add(to: &document, view, product: product) }
  }

  private func add(to document: inout Document, _ view: MaterialView, product: MaterialSpec.Product) {
    document.add(.heading(2, product.title))
    guard view.shares.contains(where: { $0.product == product.id }) else {
      document.add(.paragraph("No USGS world figures for \(product.name) in the data."))
      return
    }
    for measure in [ProductionFigure.Measure.production, .reserves] {
      let rows = view.shares.filter { $0.product == product.id && $0.measure == measure }
      guard let year = rows.map(\.year).max() else { continue }
      let latest = rows.filter { $0.year == year }
      let edition = latest.first?.edition ?? ""
      let unit = latest.first?.unit ?? ""
      let listed = latest.filter { !["WLD", "XOT"].contains($0.country) }
      let valued = listed.filter { $0.value != nil }
        .sorted { ($0.value ?? 0, $1.country) > ($1.value ?? 0, $0.country) }
      let withheld = listed.filter { $0.value == nil && $0.flag == "withheld" }.sorted {
        $0.country < $1.country
      }
      let ukraine = latest.first { $0.country == "UKR" }
      // One more country is drawn rather than summed alone.
      let shown = valued.prefix(valued.count == Self.drawn + 1 ? valued.count : Self.drawn)
      var bars = shown.map {
        BarChart.Bar(view.countryName($0.country), $0.value, marked: $0.country == "UKR")
      }
      let rest = valued.dropFirst(shown.count).filter { $0.country != "UKR" }
      if let ukraine, ukraine.value != nil, !shown.contains(where: { $0.country == "UKR" }) {
        bars.append(BarChart.Bar("Ukraine", ukraine.value, marked: true))
      }
      if !rest.isEmpty {
        bars.append(
          BarChart.Bar(
            "\(rest.count) more listed", rest.compactMap(\.value).reduce(0, +)))
      }
      bars += withheld.map {
        BarChart.Bar(view.countryName($0.country), nil, marked: $0.country == "UKR", missing: "withheld")
      }
      if let ukraine, ukraine.value == nil, ukraine.flag != "withheld" {
        bars.append(BarChart.Bar("Ukraine", nil, marked: true, missing: "not listed"))
      }
      if let other = latest.first(where: { $0.country == "XOT" }), let value = other.value {
        bars.append(BarChart.Bar("Other countries", value))
      }
      let sourceID = latest.first?.sourceID ?? ""
      let what = measure == .production ? "production" : "reserves"
      var chart = BarChart(
        title: "World \(product.name) \(what), \(year) (\(edition))", unit: "\(unit) (\(edition))", bars: bars
      )
      var notes: [String] = []
      if !rest.isEmpty {
        notes.append(
          "\(valued.count) countries listed with a figure: the \(shown.count) largest drawn, the other \(rest.count) summed in one bar (see the CSV table)."
        )
      }
      if !withheld.isEmpty {
        notes.append("withheld = figure withheld by USGS (company confidential); not in the shares.")
      }
      chart.notes = notes
      chart.axis = true
      let drawn = chart
      document.add(.chart { width, style in drawn.render(width: width, style: style) })
      let ukraineText: String
      if let ukraine, let value = ukraine.value, value == 0 {
        ukraineText = "Ukraine: listed with no output (0 \(unit)) in \(year): no share and no rank."
      } else if let ukraine, let share = ukraine.share, let value = ukraine.value {
        let rank = ukraine.rank.map { "rank \($0) of \(valued.count)" } ?? "no rank"
        ukraineText =
          "Ukraine: \(NumberText.quantity(value)) \(unit), \(NumberText.percent(fraction: share)) of the listed total, \(rank)."
      } else if let ukraine {
        ukraineText = "Ukraine: \(ukraine.note)."
      } else {
        ukraineText = "Ukraine: no figure."
      }
      document.add(
        .paragraph(
          ukraineText
            + " Shares are of the sum of listed values (countries and \"other countries\"). Source: \(view.cite(sourceID))"
        ))
    }
  }
}
