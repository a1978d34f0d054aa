import CRMATransform

/// EU imports by partner from the trade extract, newest year.
public struct TradeImportsSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    let rows = view.trade
    guard let year = rows.map(\.year).max() else { return }
    document.add(.heading(2, "EU imports by partner (trade statistics)"))
    document.add(
      .paragraph(
        "Import value by partner in \(year) from the trade extract in the data package; shares are of extra-EU imports — a measure of imports, not of EU consumption."
      ))
    let latest = rows.filter { $0.year == year && $0.shareOfExtraEU != nil }
    let groups = Dictionary(grouping: latest) { "\($0.materialID), \($0.stage.rawValue)" }
    for key in groups.keys.sorted() {
      let members = groups[key]!.sorted {
        ($0.shareOfExtraEU ?? 0, $1.partner) > ($1.shareOfExtraEU ?? 0, $0.partner)
      }
      var chart = BarChart(
        title: "Extra-EU imports of \(key), \(year)", unit: "percent of extra-EU import value",
        bars: members.prefix(12).map {
          BarChart.Bar(
            view.countryName($0.partnerISO3 ?? $0.partner), ($0.shareOfExtraEU ?? 0) * 100,
            marked: $0.partnerISO3 == "UKR")
        })
      chart.marker = (65, "the 65 % cap on a single third country")
      chart.format = { NumberText.percent($0) }
      let drawn = chart
      document.add(.chart { width, style in drawn.render(width: width, style: style) })
      document.add(.paragraph("Source: \(view.cite(members.first?.sourceID ?? ""))"))
    }
  }
}
