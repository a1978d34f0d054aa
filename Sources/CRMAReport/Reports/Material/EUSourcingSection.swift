import CRMATransform

/// EU sourcing in the 2023 study against the CRMA's 65 % cap on a single third country.
public struct EUSourcingSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "EU sourcing and the 65 % cap"))
    let checks = view.diversification
    let study = view.studyConcentration
    document.add(
      .paragraph(
        "CRMA Art. 5(1)(b): by 2030 no single third country should supply more than 65 % of the EU's annual consumption of a strategic raw material at any relevant stage. Shares: EU sourcing (EU production plus imports) in the 2023 EU criticality study; only shares of at least 1 % are published."
      ))
    if !checks.isEmpty {
      document.add(
        .table(
          TextTable(
            columns: [
              .init("Material (as assessed)"), .init("Stage"), .init("Largest third country"),
              .init("Share (%)", .right), .init("Above 65 %"), .init("Ukraine (%)", .right),
            ],
            rows: checks.sorted {
              ($0.materialLabel, $0.stage?.rawValue ?? "") < ($1.materialLabel, $1.stage?.rawValue ?? "")
            }.map { row in
              [
                row.materialLabel, row.stage?.rawValue ?? "", view.countryName(row.largestThirdCountry ?? ""),
                NumberText.canonical(row.largestThirdCountrySharePct), row.breach == true ? "yes" : "no",
                (row.ukraineSharePct.map(NumberText.canonical) ?? "—") + " "
                  + view.cite(row.sourceID ?? ""),
              ]
            })))
    }
    // Materials the study gives identical shares for (the light rare earths, say) share a chart.
    var charts: [(subjects: [String], stage: String, members: [(country: String, pct: Double)])] = []
    for group in study.sorted(by: { ($0.stage.rawValue, $0.subject) < ($1.stage.rawValue, $1.subject) }) {
      let members = shares(view, subject: group.subject, stage: group.stage)
      guard !members.isEmpty else { continue }
      if let index = charts.firstIndex(where: { chart in
        chart.stage == group.stage.rawValue
          && chart.members.elementsEqual(members) { $0.country == $1.country && $0.pct == $1.pct }
      }) {
        charts[index].subjects.append(group.subject)
      } else {
        charts.append(([group.subject], group.stage.rawValue, members))
      }
    }
    for entry in charts {
      let bars = entry.members.map {
        BarChart.Bar(
          view.countryName($0.country) + (view.isEUMember($0.country) ? " (EU)" : ""), $0.pct,
          marked: $0.country == "UKR")
      }
      let names = entry.subjects.map { $0.lowercased() }.joined(separator: ", ")
      var chart = BarChart(
        title: "EU sourcing of \(names), \(entry.stage), 2023 study", unit: "percent of EU sourcing",
        bars: bars)
      chart.marker = (65, "the 65 % cap on a single third country")
      chart.format = { NumberText.percent($0) }
      if entry.members.contains(where: { view.isEUMember($0.country) }) {
        chart.notes.append(
          "(EU) = EU member state: EU production, which the cap on third countries does not concern.")
      }
      let drawn = chart
      document.add(.chart { width, style in drawn.render(width: width, style: style) })
    }
    if checks.isEmpty && study.isEmpty {
      document.add(.paragraph("No EU sourcing shares for this material in the data."))
    }
  }

  /// EU-sourcing shares of one study material (as the study labels it) and stage, largest first.
  private func shares(_ view: MaterialView, subject: String, stage: Stage) -> [(country: String, pct: Double)]
  {
    view.sourcingShares.filter { $0.materialLabel == subject && $0.stage == stage }
      .map { (country: $0.country, pct: $0.sharePct) }
      .sorted { ($0.pct, $1.country) > ($1.pct, $0.country) }
  }
}
