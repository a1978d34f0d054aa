import CRMATransform
import CSVStream

/// One material's report: CRMA status, EU assessment, world supply and Ukraine's place in it,
/// EU sourcing against the 65 % cap, Ukraine's output, deposits, war exposure, scenarios, events
/// and disagreements between sources. Every figure cites its source.
public struct MaterialReport {
  let spec: MaterialSpec
  let data: ReportData
  let citations: Citations

  /// The report of `spec`'s material, citing through `citations`.
  public init(spec: MaterialSpec, data: ReportData, citations: Citations) {
    self.spec = spec
    self.data = data
    self.citations = citations
  }

  func countryName(_ code: String) -> String { data.countryName(code) }

  /// The report as a document, section by section.
  public func document() -> Document {
    var document = Document(citations: citations)
    document.add(.heading(1, "\(spec.title): Ukraine and the EU Critical Raw Materials Act"))
    document.add(.paragraph(asOfLine()))
    addCategory(&document)
    addAssessment(&document)
    for product in spec.products { addWorldSupply(&document, product: product) }
    addConcentrationHistory(&document)
    addEUSourcing(&document)
    addTradeImports(&document)
    addUkraineOutput(&document)
    addDeposits(&document)
    FrontLineReport(data: data, citations: citations).materialSection(spec, into: &document)
    addScenarios(&document)
    addEvents(&document)
    addDisagreements(&document)
    return document
  }

  // MARK: - Sections

  private func asOfLine() -> String {
    let editions = Set(
      data.shares.filter { row in spec.products.contains { $0.id == row.product } }.map(\.edition))
    let controlDates = data.exposedDeposits.filter { $0.materialID == spec.depositMaterial }
      .compactMap(\.statusAsOf).filter { !$0.isEmpty }.sorted()
    var parts = [
      "Figures as of: USGS Mineral Commodity Summaries \(editions.sorted().joined(separator: ", "))"
    ]
    parts.append("EU criticality assessments 2020 and 2023")
    if let last = controlDates.last { parts.append("deposit control reports up to \(last)") }
    return parts.joined(separator: "; ") + ". Every figure cites its source: a bracketed label that links to its entry in sources.md."
  }

  private func addCategory(_ document: inout Document) {
    document.add(.heading(2, "CRMA category"))
    var rows: [[String]] = []
    for id in spec.crmaEntries {
      guard let material = data.materials.first(where: { $0.id == id }) else { continue }
      let label: String
      switch material.category {
      case .strategic: label = "strategic and critical"
      case .critical: label = "critical only"
      case .partlyStrategic: label = "partly strategic"
      case .notListed: label = "not listed"
      }
      rows.append([
        material.name, label, material.annexIEntry ?? "—", material.annexIIEntry ?? "—",
        (material.gradeQualifier ?? "—") + " " + citations.cite(material.sourceID),
      ])
    }
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Entry"), .init("Category"), .init("Annex I (strategic)"), .init("Annex II (critical)"),
            .init("Grade qualifier"),
          ], rows: rows)))
  }

  private func addAssessment(_ document: inout Document) {
    document.add(.heading(2, "EU supply risk and economic importance"))
    let rows = data.supplyRisk.filter { spec.assessed.contains($0.materialID) }
      .sorted { ($0.label, $0.year) < ($1.label, $1.year) }
    guard let first = rows.first else {
      document.add(.paragraph("No EU assessment values in the data."))
      return
    }
    document.add(
      .paragraph(
        "Critical when supply risk (SR) ≥ \(NumberText.canonical(first.supplyRiskThreshold)) and economic importance (EI) ≥ \(NumberText.canonical(first.economicImportanceThreshold)) (CRMA Art. 4)."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Material (as assessed)"), .init("Year", .right), .init("SR", .right), .init("EI", .right),
            .init("Meets both thresholds"),
          ],
          rows: rows.map { row in
            [
              row.label, String(row.year), NumberText.canonical(row.supplyRisk),
              NumberText.canonical(row.economicImportance),
              (row.meetsThresholds.map { $0 ? "yes" : "no" } ?? "n/a") + " " + citations.cite(row.sourceID),
            ]
          })))
  }

  private func addWorldSupply(_ document: inout Document, product: (id: String, title: String)) {
    document.add(.heading(2, product.title))
    for measure in [ProductionFigure.Measure.production, .reserves] {
      let rows = data.shares.filter { $0.product == product.id && $0.measure == measure }
      guard let year = rows.map(\.year).max() else { continue }
      let latest = rows.filter { $0.year == year }
      let edition = latest.first?.edition ?? ""
      let unit = latest.first?.unit ?? ""
      let countries = latest.filter { !["WLD", "XOT"].contains($0.country) && $0.value != nil }
        .sorted { ($0.value ?? 0, $1.country) > ($1.value ?? 0, $0.country) }
      let ukraine = latest.first { $0.country == "UKR" }
      var bars = countries.prefix(10).map {
        BarChart.Bar(countryName($0.country), $0.value, marked: $0.country == "UKR")
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
            + " Shares are of the sum of listed values (countries and \"other countries\"); \(countries.count) countries listed. Source: \(citations.cite(sourceID))"
        ))
    }
  }

  private func addConcentrationHistory(_ document: inout Document) {
    document.add(.heading(2, "Concentration of supply"))
    let rows = data.concentration.filter { row in
      row.dataset == "usgs" && spec.products.contains { $0.id == row.subject }
    }.sorted { ($0.subject, $0.measure, $0.year) < ($1.subject, $1.measure, $1.year) }
    document.add(
      .paragraph(
        "Herfindahl–Hirschman index (HHI) with shares as fractions (0–1; multiply by 10,000 for the antitrust scale) over the listed countries; \"other countries\" is left out of the sum of squares, so the HHI is a lower bound."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Product"), .init("Measure"), .init("Year", .right), .init("Edition"), .init("HHI", .right),
            .init("Top-3 share", .right),
            .init("Largest"), .init("Largest share", .right), .init("Ukraine share", .right),
            .init("Ukraine rank", .right),
          ],
          rows: rows.map { row in
            [
              row.subject, row.measure, String(row.year), row.edition,
              row.hhi.map(NumberText.index) ?? "—",
              row.top3Share.map { NumberText.percent(fraction: $0) } ?? "—",
              row.largestCountry.isEmpty ? "—" : countryName(row.largestCountry),
              row.largestShare.map { NumberText.percent(fraction: $0) } ?? "—",
              row.ukraineShare.map { NumberText.percent(fraction: $0) }
                ?? (!row.statisticsWithheld.isEmpty
                  ? "—" : row.ukraineNote.hasPrefix("no value") ? "no value" : "not listed"),
              row.ukraineRank.map { String($0) + " " + citations.cite(row.sourceID) } ?? "—",
            ]
          })))
    for row in rows where !row.statisticsWithheld.isEmpty {
      document.add(
        .paragraph("\(row.subject) \(row.measure) \(row.year) (\(row.edition)): \(row.statisticsWithheld)."))
    }
  }

  private func addEUSourcing(_ document: inout Document) {
    document.add(.heading(2, "EU sourcing and the 65 % cap"))
    let checks = data.article5.filter {
      $0.check == "diversification" && spec.studyMaterials.contains($0.materialID)
    }
    let study = data.concentration.filter {
      $0.dataset == "eu-study" && $0.measure == "eu-sourcing" && spec.studyMaterials.contains($0.materialID)
    }
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
                row.materialLabel, row.stage?.rawValue ?? "", countryName(row.largestThirdCountry ?? ""),
                NumberText.canonical(row.largestThirdCountrySharePct), row.breach == true ? "yes" : "no",
                (row.ukraineSharePct.map(NumberText.canonical) ?? "—") + " "
                  + citations.cite(row.sourceID ?? ""),
              ]
            })))
    }
    // Materials the study gives identical shares for (the light rare earths, say) share a chart.
    var charts: [(subjects: [String], stage: String, members: [(country: String, pct: Double)])] = []
    for group in study.sorted(by: { ($0.stage.rawValue, $0.subject) < ($1.stage.rawValue, $1.subject) }) {
      let members = studyShares(subject: group.subject, stage: group.stage)
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
        BarChart.Bar(countryName($0.country), $0.pct, marked: $0.country == "UKR")
      }
      let names = entry.subjects.map { $0.lowercased() }.joined(separator: ", ")
      var chart = BarChart(
        title: "EU sourcing of \(names), \(entry.stage), 2023 study", unit: "percent of EU sourcing",
        bars: bars)
      chart.marker = (65, "65 % cap")
      chart.format = { NumberText.percent($0) }
      let drawn = chart
      document.add(.chart { width, style in drawn.render(width: width, style: style) })
    }
    if checks.isEmpty && study.isEmpty {
      document.add(.paragraph("No EU sourcing shares for this material in the data."))
    }
  }

  private func addTradeImports(_ document: inout Document) {
    let materials = Set(spec.studyMaterials + spec.crmaEntries + [spec.depositMaterial])
    let rows = data.trade.filter { materials.contains($0.materialID) }
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
            countryName($0.partnerISO3 ?? $0.partner), ($0.shareOfExtraEU ?? 0) * 100,
            marked: $0.partnerISO3 == "UKR")
        })
      chart.marker = (65, "65 % cap")
      chart.format = { NumberText.percent($0) }
      let drawn = chart
      document.add(.chart { width, style in drawn.render(width: width, style: style) })
      document.add(.paragraph("Source: \(citations.cite(members.first?.sourceID ?? ""))"))
    }
  }

  /// EU-sourcing shares of one study material (as the study labels it) and stage, largest first.
  private func studyShares(subject: String, stage: Stage) -> [(country: String, pct: Double)] {
    data.supplyShares.filter {
      $0.scope == "eu-sourcing" && $0.materialLabel == subject && $0.stage == stage
    }.map { (country: $0.country, pct: $0.sharePct) }
      .sorted { ($0.pct, $1.country) > ($1.pct, $0.country) }
  }

  private func addUkraineOutput(_ document: inout Document) {
    document.add(.heading(2, "Ukraine's own output over the years"))
    var drewAny = false
    for product in spec.products {
      let rows = data.reconciled.filter {
        $0.product == product.id && $0.measure == .production && $0.country == "UKR"
      }
      var values: [Int: Double] = [:]
      for row in rows {
        if let value = row.preferred.value { values[row.year] = value }
      }
      guard !values.isEmpty else { continue }
      drewAny = true
      // Each edition's figure for a year, from the figures table (record "EDITION|PRODUCT|UKR|YEAR|production"),
      // so revisions between editions are shown beside the preferred one.
      var editions: [Int: [(edition: String, value: String)]] = [:]
      for figure in data.figures where figure.resource == "production_reserves" {
        let key = figure.record.split(separator: "|").map(String.init)
        guard key.count == 5, key[1] == product.id, key[2] == "UKR", key[4] == "production",
          let year = Int(key[3])
        else { continue }
        editions[year, default: []].append((key[0], NumberText.quantity(figure.value)))
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
                row.preferred.flag + " " + citations.cite(row.preferred.sourceID),
                (editions[row.year] ?? []).filter { $0.edition != row.preferred.edition }
                  .sorted { $0.edition > $1.edition }.map { "\($0.value) (\($0.edition))" }
                  .joined(separator: "; "),
              ]
            })))
    }
    if !drewAny {
      document.add(.paragraph("USGS lists no separate figure for Ukraine for this material."))
    }
    let mapped = Set(
      data.mapping.filter {
        $0.resource == "ukraine_output"
          && ($0.materialID == spec.depositMaterial || spec.crmaEntries.contains($0.materialID))
      }.map(\.record))
    let other = data.ukraineOutput.filter { mapped.contains($0.id) }.sorted {
      ($0.year ?? Int.min, $0.id) < ($1.year ?? Int.min, $1.id)
    }
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
                row.scope + " " + citations.cite(row.sourceID),
              ]
            })))
    }
  }

  private func addDeposits(_ document: inout Document) {
    document.add(.heading(2, "Ukrainian deposits"))
    let exposure = Dictionary(
      data.exposedDeposits.filter { $0.materialID == spec.depositMaterial }.map { ($0.depositID, $0) },
      uniquingKeysWith: { a, _ in a })
    let figures = data.depositFigures.filter { $0.materialID == spec.depositMaterial }
      .sorted { ($0.depositID, $0.id) < ($1.depositID, $1.id) }
    let deposits = Dictionary(data.deposits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    document.add(
      .paragraph(
        "One row per figure a source gives; disagreeing sources are separate rows. Control status is each deposit's latest dated report."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Deposit"), .init("Oblast"), .init("Ore (t)", .right), .init("Grade"),
            .init("Contained (t)", .right), .init("Basis"),
            .init("Category / status"), .init("Control (as of)"),
          ],
          rows: figures.map { row in
            let deposit = deposits[row.depositID]
            let control = exposure[row.depositID]
            let grade = row.grade.map { "\(NumberText.canonical($0)) \(row.gradeUnit ?? "")" } ?? "—"
            let bound = row.bound == "point" ? "" : " (\(row.bound) bound)"
            let statusDate =
              control.map { control in
                control.statusAsOf.map { "\(control.status.rawValue) (\($0))" } ?? control.status.rawValue
              } ?? "unknown"
            return [
              (deposit?.name ?? row.depositID) + (row.part.map { ", \($0)" } ?? ""),
              deposit?.oblast ?? "", row.oreTonnes.map { NumberText.grouped($0) } ?? "—",
              grade,
              row.containedTonnes.map { NumberText.grouped($0) } ?? "—",
              row.containedBasis ?? "—",
              [row.resourceCategory, row.developmentStatus].compactMap { $0 }.joined(separator: "; ") + bound,
              statusDate + " " + citations.cite(row.sourceID)
                + statusCitation(control, figureSource: row.sourceID),
            ]
          })))
  }

  /// The control report's citation, unless it is the figure's own source (cited already).
  private func statusCitation(_ control: ExposedDeposit?, figureSource: String) -> String {
    guard let source = control?.statusSourceID, !source.isEmpty, source != figureSource else {
      return ""
    }
    return citations.cite(source)
  }

  private func addScenarios(_ document: inout Document) {
    let rows = data.scenarios.filter { row in spec.products.contains { $0.id == row.product } }
    guard !rows.isEmpty else {
      document.add(.heading(2, "Scenarios"))
      document.add(.paragraph("No sourced scenario for this material in the data."))
      return
    }
    document.add(.heading(2, "Scenarios"))
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
              row.label + " " + citations.cite(row.sourceID),
              "\(row.product) \(row.year) (\(row.edition))",
              row.ukraineBefore.map(NumberText.quantity) ?? "—",
              "\(NumberText.quantity(row.ukraineAfter)) \(row.unit)",
              row.ukraineShareAfter.map { NumberText.percent(fraction: $0) } ?? "—",
              row.ukraineRankAfter.map(String.init) ?? "",
              "\(NumberText.index(row.hhiBefore ?? 0)) → \(NumberText.index(row.hhiAfter ?? 0))",
              "\(countryName(row.largestCountryAfter ?? "")) \(NumberText.percent(fraction: row.largestShareAfter ?? 0))",
            ]
          })))
  }

  private func addEvents(_ document: inout Document) {
    document.add(.heading(2, "Dated events"))
    let rows = data.events.filter { row in
      spec.eventWords.contains { row.materials.lowercased().contains($0) }
    }
    .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    document.add(.bullets(rows.map { "\($0.date): \($0.event) \(citations.cite($0.sourceID))" }))
  }

  private func addDisagreements(_ document: inout Document) {
    document.add(.heading(2, "Where sources disagree"))
    let rows = data.reconciled.filter { row in
      spec.products.contains { $0.id == row.product } && row.count > 1 && row.minimum != row.maximum
    }
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
              row.product, row.measure.rawValue, String(row.year), countryName(row.country),
              "\(NumberText.quantity(row.minimum ?? 0))–\(NumberText.quantity(row.maximum ?? 0))",
              NumberText.quantity(row.preferred.value ?? 0),
              row.reason + " " + citations.cite(row.preferred.sourceID),
            ]
          })))
  }
}
