import CRMATransform
import CSVStream

/// EU imports by partner (issue 14): the section of the material report. The body below does the work.
public struct TradeImportsSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    TradeImportsBody(spec: view.spec, data: view.data, citations: view.citations).add(&document)
  }
}

/// The material report's section on EU imports by partner (Eurostat Comext, 2022–2024): per
/// product group a table and a chart over the years — the largest third country against the
/// 65 % cap, Ukraine's share and rank — then the Article 5 comparison of the 2023 study's
/// sourcing shares with the import shares, both shown where they disagree, and Eurostat's own
/// published figures as a cross-check.
struct TradeImportsBody {
  let spec: MaterialSpec
  let data: ReportData
  let citations: Citations

  /// One product group in one year: the largest third country, Ukraine, and what is not ranked.
  struct YearSummary {
    var group: TradeProductGroup
    var year: Int
    var extraEU: Double
    var largest: TradeProductShare
    var ukraine: TradeProductShare?
    var thirdCountries: Int
    var unranked: Double
  }

  static func summaries(_ data: ReportData, report: String) -> [YearSummary] {
    var output: [YearSummary] = []
    for group in TradeProductGroup.all where group.report == report {
      let rows = data.tradeProducts.filter { $0.groupID == group.id }
      for year in Set(rows.map(\.year)).sorted() {
        let ofYear = rows.filter { $0.year == year }
        let ranked = ofYear.filter { $0.rank != nil }
        guard let largest = ranked.first(where: { $0.rank == 1 }) else { continue }
        output.append(
          YearSummary(
            group: group, year: year, extraEU: ranked.map(\.value).reduce(0, +), largest: largest,
            ukraine: ranked.first { $0.partnerISO3 == "UKR" }, thirdCountries: ranked.count,
            unranked: ofYear.filter { $0.partnerKind == .confidential || $0.partnerKind == .notACountry || $0.partnerKind == .unknown }
              .map(\.value).reduce(0, +)))
      }
    }
    return output
  }

  func add(_ document: inout Document) {
    let summaries = Self.summaries(data, report: spec.slug)
    guard let first = summaries.first else { return }
    let years = Set(summaries.map(\.year)).sorted()
    let source = citations.cite(first.largest.sourceID)
    let span = years.count == 1 ? "\(years[0])" : "\(years.first!)–\(years.last!)"
    document.add(.heading(2, "EU imports by partner, \(span) (trade statistics)"))
    document.add(
      .paragraph(
        "Imports, by value: each third country's share of the EU-27's imports from outside the EU, from Eurostat's Comext extract in the data package \(source). EU members (Greece as EL) are left out; partner codes that are not countries (confidential, not specified) are counted apart and never ranked. The extract has no quantities, so every share is a share of value. Imports are not consumption: these shares sit beside the study's sourcing shares, they do not replace them."
      ))
    for group in TradeProductGroup.all where group.report == spec.slug {
      let rows = summaries.filter { $0.group == group }
      guard !rows.isEmpty else { continue }
      document.add(.heading(3, group.label))
      document.add(
        .table(
          TextTable(
            columns: [
              .init("Year"), .init("Extra-EU imports (EUR million)", .right), .init("Largest third country"),
              .init("Share (%)", .right), .init("Above 65 %"), .init("Ukraine (%)", .right),
              .init("Ukraine's rank", .right), .init("Third countries", .right),
            ],
            rows: rows.map { row in
              [
                String(row.year), NumberText.grouped(row.extraEU / 1e6, digits: 1),
                countryName(row.largest.partnerISO3 ?? row.largest.partner),
                NumberFormatting.fixed((row.largest.shareOfExtraEU ?? 0) * 100, digits: 1),
                (row.largest.shareOfExtraEU ?? 0) * 100 > 65 ? "yes" : "no",
                row.ukraine.map { ukraineShare($0) } ?? "none recorded",
                row.ukraine?.rank.map { "\($0) of \(row.thirdCountries)" } ?? "—", String(row.thirdCountries),
              ]
            })))
      let unranked = rows.filter { $0.unranked > 0 }
      if !unranked.isEmpty {
        document.add(
          .paragraph(
            "Not ranked (partner codes that are not countries): "
              + unranked.map { "\($0.year) EUR \(NumberText.grouped($0.unranked, digits: 0))" }.joined(separator: ", ")
              + "."))
      }
      var bars: [BarChart.Bar] = []
      for row in rows {
        let name = countryName(row.largest.partnerISO3 ?? row.largest.partner)
        bars.append(BarChart.Bar("\(row.year) \(name)", (row.largest.shareOfExtraEU ?? 0) * 100))
        // No row for Ukraine is "none recorded" (n/a), not a measured 0 %.
        bars.append(BarChart.Bar("\(row.year) Ukraine", row.ukraine?.shareOfExtraEU.map { $0 * 100 }, marked: true))
      }
      var chart = BarChart(
        title: "\(group.label): largest third country and Ukraine, share of extra-EU imports by value",
        unit: "percent of extra-EU import value", bars: bars)
      chart.marker = (65, "the 65 % cap on a single third country")
      chart.format = { NumberText.percent($0) }
      let drawn = chart
      document.add(.chart { width, style in drawn.render(width: width, style: style) })
    }
    addArticle5Comparison(&document, summaries: summaries)
    addCrosscheck(&document)
  }

  private func countryName(_ code: String) -> String { data.countryName(code) }

  private func ukraineShare(_ row: TradeProductShare) -> String {
    let share = (row.shareOfExtraEU ?? 0) * 100
    return share < 0.05 ? "<0.1" : NumberFormatting.fixed(share, digits: 1)
  }

  /// The study's EU sourcing shares beside the import shares of the latest year, stage by stage.
  private func addArticle5Comparison(_ document: inout Document, summaries: [YearSummary]) {
    guard let latest = summaries.map(\.year).max() else { return }
    let study = data.article5.filter { $0.check == "diversification" && spec.studyMaterials.contains($0.materialID) }
    var rows: [[String]] = []
    var disagreements: [String] = []
    for summary in summaries where summary.year == latest {
      let importShare = (summary.largest.shareOfExtraEU ?? 0) * 100
      let importLargest = summary.largest.partnerISO3 ?? summary.largest.partner
      // Study rows with the same largest country and share (the light rare earths, say) share a line.
      var sameStage: [(labels: [String], check: Article5Check)] = []
      for check in study.filter({ $0.stage == summary.group.stage }).sorted(by: { $0.materialLabel < $1.materialLabel }) {
        if let index = sameStage.firstIndex(where: {
          $0.check.largestThirdCountry == check.largestThirdCountry
            && $0.check.largestThirdCountrySharePct == check.largestThirdCountrySharePct
        }) {
          sameStage[index].labels.append(check.materialLabel)
        } else {
          sameStage.append(([check.materialLabel], check))
        }
      }
      let studyText =
        sameStage.isEmpty
        ? "no study share at this stage"
        : sameStage.map {
          "\($0.labels.joined(separator: ", ")): \(countryName($0.check.largestThirdCountry ?? "")) \(NumberText.canonical($0.check.largestThirdCountrySharePct)) %\(citations.cite($0.check.sourceID ?? ""))"
        }.joined(separator: "; ")
      rows.append([
        summary.group.label, summary.group.stage.rawValue, studyText,
        "\(countryName(importLargest)) \(NumberFormatting.fixed(importShare, digits: 1)) %"
          + (importShare > 65 ? " (above the cap)" : ""),
      ])
      for (labels, check) in sameStage {
        let studyAbove = check.breach == true
        if check.largestThirdCountry != importLargest || studyAbove != (importShare > 65) {
          disagreements.append(
            "\(summary.group.label): the study's EU sourcing of \(labels.joined(separator: ", ").lowercased()) puts \(countryName(check.largestThirdCountry ?? "")) first at \(NumberText.canonical(check.largestThirdCountrySharePct)) %\(studyAbove ? " (above the cap)" : ""); \(latest) imports by value put \(countryName(importLargest)) first at \(NumberFormatting.fixed(importShare, digits: 1)) %\(importShare > 65 ? " (above the cap)" : "")"
          )
        }
      }
    }
    guard !rows.isEmpty else { return }
    document.add(.heading(3, "Article 5: the study's sourcing shares beside imports, by value (\(latest))"))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Product"), .init("Stage"), .init("2023 study: largest third country, EU sourcing"),
            .init("Imports \(latest), by value: largest third country"),
          ], rows: rows)))
    if !disagreements.isEmpty {
      document.add(
        .paragraph(
          "Where the two measures disagree both are shown; the study measures sourcing (production plus imports) for an earlier period, the extract measures import value in one year."
        ))
      document.add(.bullets(disagreements))
    }
  }

  /// Eurostat's published rare-earth import figures (by weight) beside the extract's shares by value.
  private func addCrosscheck(_ document: inout Document) {
    let checks = data.tradeCrosschecks.filter { spec.studyMaterials.contains($0.materialID) || spec.depositMaterial == $0.materialID }
    guard !checks.isEmpty else { return }
    document.add(.heading(3, "Cross-check with Eurostat's published figures"))
    var rows: [[String]] = []
    for check in checks.sorted(by: { ($0.year, $0.partner == nil ? 0 : 1, -$0.value) < ($1.year, $1.partner == nil ? 0 : 1, -$1.value) }) {
      let published: String
      switch check.measure {
      case .importMass: published = "\(NumberText.grouped(check.value)) t imported"
      case .changeOnPreviousYear: published = "\(NumberFormatting.canonical(check.value)) % on the previous year"
      case .shareOfImportMass: published = "\(NumberFormatting.canonical(check.value)) % of the tonnage"
      }
      var extract = "—"
      if let partner = check.partner {
        let groups = TradeProductGroup.all.filter { $0.report == spec.slug }.map(\.id)
        let ofYear = data.tradeProducts.filter { groups.contains($0.groupID) && $0.year == check.year && $0.rank != nil }
        let total = ofYear.map(\.value).reduce(0, +)
        let partnerValue = ofYear.filter { $0.partnerISO3 == partner }.map(\.value).reduce(0, +)
        if total > 0 { extract = "\(NumberFormatting.fixed(partnerValue / total * 100, digits: 1)) % of the value" }
      }
      rows.append([
        String(check.year), check.partner.map(countryName) ?? "total", published + citations.cite(check.sourceID),
        extract,
      ])
    }
    document.add(
      .paragraph(
        "Eurostat's own figures are by weight for its REE+ product list; the extract's shares are by value for the CN codes above (metals and compounds together). A different basis: the check is of direction and order, not equality."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Year"), .init("Partner"), .init("Eurostat, published (by weight)"),
            .init("Extract (by value)"),
          ], rows: rows)))
  }
}

extension TradeImportsBody {
  /// The summary's line for one material: per product group of the latest year, the largest
  /// third country against the cap and Ukraine's share and rank.
  static func summaryLine(_ data: ReportData, spec: MaterialSpec, citations: Citations) -> String {
    let summaries = summaries(data, report: spec.slug)
    guard let latest = summaries.map(\.year).max() else { return "no trade extract in the data" }
    let parts = summaries.filter { $0.year == latest }.map { row -> String in
      let share = (row.largest.shareOfExtraEU ?? 0) * 100
      let ukraine =
        row.ukraine.map { u in
          "Ukraine \(NumberFormatting.fixed((u.shareOfExtraEU ?? 0) * 100, digits: 1)) % (rank \(u.rank ?? 0))"
        } ?? "Ukraine none recorded"
      return
        "\(row.group.label): \(data.countryName(row.largest.partnerISO3 ?? row.largest.partner)) \(NumberFormatting.fixed(share, digits: 1)) %\(share > 65 ? " — above the cap" : ""); \(ukraine)"
    }
    return "\(latest): " + parts.joined(separator: "; ") + citations.cite(summaries[0].largest.sourceID)
  }
}
