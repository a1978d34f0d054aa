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
    addExposure(&document)
    addScenarios(&document)
    addEvents(&document)
    addDisagreements(&document)
    return document
  }

  // MARK: - Sections

  private func asOfLine() -> String {
    let editions = Set(
      data.rows("shares").filter { row in spec.products.contains { $0.id == row.text("product") } }.map {
        $0.text("edition")
      })
    let controlDates = data.rows("exposure_deposits").filter {
      $0.text("material_id") == spec.depositMaterial
    }.map { $0.text("status_as_of") }
      .filter { !$0.isEmpty }.sorted()
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
      guard let material = data.rows("materials").first(where: { $0.text("material_id") == id }) else {
        continue
      }
      let category = material.text("crma_category")
      let label =
        [
          "strategic": "strategic and critical", "critical": "critical only",
          "partly-strategic": "partly strategic", "not-listed": "not listed",
        ][category] ?? category
      rows.append([
        material.text("name"), label,
        material.text("annex_i_entry").isEmpty ? "—" : material.text("annex_i_entry"),
        material.text("annex_ii_entry").isEmpty ? "—" : material.text("annex_ii_entry"),
        (material.text("grade_qualifier").isEmpty ? "—" : material.text("grade_qualifier")) + " "
          + citations.cite(material.text("source_id")),
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
    let rows = data.rows("supply_risk").filter { spec.assessed.contains($0.text("material_id")) }
      .sorted {
        ($0.text("material_label"), $0.text("assessment_year")) < (
          $1.text("material_label"), $1.text("assessment_year")
        )
      }
    guard let first = rows.first else {
      document.add(.paragraph("No EU assessment values in the data."))
      return
    }
    document.add(
      .paragraph(
        "Critical when supply risk (SR) ≥ \(first.text("sr_threshold")) and economic importance (EI) ≥ \(first.text("ei_threshold")) (CRMA Art. 4)."
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
              row.text("material_label"), row.text("assessment_year"), row.text("supply_risk"),
              row.text("economic_importance"),
              (row.text("meets_thresholds") == "true"
                ? "yes" : row.text("meets_thresholds") == "false" ? "no" : "n/a") + " "
                + citations.cite(row.text("source_id")),
            ]
          })))
  }

  private func addWorldSupply(_ document: inout Document, product: (id: String, title: String)) {
    document.add(.heading(2, product.title))
    for measure in ["production", "reserves"] {
      let rows = data.rows("shares").filter {
        $0.text("product") == product.id && $0.text("measure") == measure
      }
      guard let year = rows.compactMap({ Int($0.text("year")) }).max() else { continue }
      let latest = rows.filter { $0.text("year") == String(year) }
      let edition = latest.first?.text("edition") ?? ""
      let unit = latest.first?.text("unit") ?? ""
      let countries = latest.filter {
        !["WLD", "XOT"].contains($0.text("country")) && !$0.text("value").isEmpty
      }
      .sorted {
        ($0.number("value") ?? 0, $1.text("country")) > ($1.number("value") ?? 0, $0.text("country"))
      }
      let ukraine = latest.first { $0.text("country") == "UKR" }
      var bars = countries.prefix(10).map {
        BarChart.Bar(countryName($0.text("country")), $0.number("value"), marked: $0.text("country") == "UKR")
      }
      if let ukraine, !countries.prefix(10).contains(where: { $0.text("country") == "UKR" }) {
        bars.append(BarChart.Bar("Ukraine", ukraine.number("value"), marked: true))
      }
      if let other = latest.first(where: { $0.text("country") == "XOT" }), let value = other.number("value") {
        bars.append(BarChart.Bar("Other countries", value))
      }
      let sourceID = latest.first?.text("source_id") ?? ""
      let titleText = "\(measure == "production" ? "Production" : "Reserves") \(year), \(edition)"
      let chart = BarChart(title: titleText, unit: "\(unit) (\(edition))", bars: bars)
      document.add(.chart { width, style in chart.render(width: width, style: style) })
      let ukraineText: String
      if let ukraine, let share = ukraine.number("share") {
        ukraineText =
          "Ukraine: \(NumberText.quantity(ukraine.number("value") ?? 0)) \(unit), \(NumberText.percent(fraction: share)) of the listed total, rank \(ukraine.text("rank"))."
      } else if let ukraine {
        ukraineText = "Ukraine: \(ukraine.text("note"))."
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
    let rows = data.rows("concentration").filter { row in
      row.text("dataset") == "usgs" && spec.products.contains { $0.id == row.text("subject") }
    }.sorted {
      ($0.text("subject"), $0.text("measure"), $0.text("year")) < (
        $1.text("subject"), $1.text("measure"), $1.text("year")
      )
    }
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
              row.text("subject"), row.text("measure"), row.text("year"), row.text("edition"),
              NumberText.index(row.number("hhi") ?? 0),
              NumberText.percent(fraction: row.number("top3_share") ?? 0),
              countryName(row.text("largest_country")),
              NumberText.percent(fraction: row.number("largest_share") ?? 0),
              row.number("ukraine_share").map { NumberText.percent(fraction: $0) }
                ?? (row.text("ukraine_note").hasPrefix("no value") ? "no value" : "not listed"),
              row.text("ukraine_rank").isEmpty
                ? "—" : row.text("ukraine_rank") + " " + citations.cite(row.text("source_id")),
            ]
          })))
    let partial = rows.filter { $0.text("note").contains("partial table") }
    if !partial.isEmpty {
      document.add(
        .paragraph(
          "Partial tables (listed values cover less than 90 % of the published world total): "
            + partial.map {
              "\($0.text("subject")) \($0.text("measure")) \($0.text("year")) (\($0.text("edition")))"
            }.joined(separator: ", ") + "."))
    }
  }

  private func addEUSourcing(_ document: inout Document) {
    document.add(.heading(2, "EU sourcing and the 65 % cap"))
    let checks = data.rows("article5").filter {
      $0.text("check") == "diversification" && spec.studyMaterials.contains($0.text("material_id"))
    }
    let study = data.rows("concentration").filter {
      $0.text("dataset") == "eu-study" && $0.text("measure") == "eu-sourcing"
        && spec.studyMaterials.contains($0.text("material_id"))
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
              ($0.text("material_label"), $0.text("stage")) < ($1.text("material_label"), $1.text("stage"))
            }.map { row in
              [
                row.text("material_label"), row.text("stage"), countryName(row.text("largest_third_country")),
                row.text("largest_third_country_share_pct"), row.text("breach") == "true" ? "yes" : "no",
                (row.text("ukraine_share_pct").isEmpty ? "—" : row.text("ukraine_share_pct")) + " "
                  + citations.cite(row.text("source_id")),
              ]
            })))
    }
    // Materials the study gives identical shares for (the light rare earths, say) share a chart.
    var charts: [(subjects: [String], stage: String, members: [(country: String, pct: Double)])] = []
    for group in study.sorted(by: {
      ($0.text("stage"), $0.text("subject")) < ($1.text("stage"), $1.text("subject"))
    }) {
      let members = studyShares(subject: group.text("subject"), stage: group.text("stage"))
      guard !members.isEmpty else { continue }
      if let index = charts.firstIndex(where: { chart in
        chart.stage == group.text("stage")
          && chart.members.elementsEqual(members) { $0.country == $1.country && $0.pct == $1.pct }
      }) {
        charts[index].subjects.append(group.text("subject"))
      } else {
        charts.append(([group.text("subject")], group.text("stage"), members))
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
    let rows = data.rows("trade_shares").filter { materials.contains($0.text("material_id")) }
    guard let year = rows.compactMap({ Int($0.text("year")) }).max() else { return }
    document.add(.heading(2, "EU imports by partner (trade statistics)"))
    document.add(
      .paragraph(
        "Import value by partner in \(year) from the trade extract in the data package; shares are of extra-EU imports — a measure of imports, not of EU consumption."
      ))
    let latest = rows.filter { $0.text("year") == String(year) && !$0.text("share_of_extra_eu").isEmpty }
    let groups = Dictionary(grouping: latest) { "\($0.text("material_id")), \($0.text("stage"))" }
    for key in groups.keys.sorted() {
      let members = groups[key]!.sorted {
        ($0.number("share_of_extra_eu") ?? 0, $1.text("partner")) > (
          $1.number("share_of_extra_eu") ?? 0, $0.text("partner")
        )
      }
      var chart = BarChart(
        title: "Extra-EU imports of \(key), \(year)", unit: "percent of extra-EU import value",
        bars: members.prefix(12).map {
          BarChart.Bar(
            countryName($0.text("partner_iso3").isEmpty ? $0.text("partner") : $0.text("partner_iso3")),
            ($0.number("share_of_extra_eu") ?? 0) * 100, marked: $0.text("partner_iso3") == "UKR")
        })
      chart.marker = (65, "65 % cap")
      chart.format = { NumberText.percent($0) }
      let drawn = chart
      document.add(.chart { width, style in drawn.render(width: width, style: style) })
      document.add(.paragraph("Source: \(citations.cite(members.first?.text("source_id") ?? ""))"))
    }
  }

  /// EU-sourcing shares of one study material (as the study labels it) and stage, largest first.
  private func studyShares(subject: String, stage: String) -> [(country: String, pct: Double)] {
    data.rows("supply_shares").filter {
      $0.text("scope") == "eu-sourcing" && $0.text("material_label") == subject && $0.text("stage") == stage
    }.compactMap { row -> (country: String, pct: Double)? in
      guard let value = row.number("share_pct") else { return nil }
      return (row.text("country"), value)
    }.sorted { ($0.pct, $1.country) > ($1.pct, $0.country) }
  }

  private func addUkraineOutput(_ document: inout Document) {
    document.add(.heading(2, "Ukraine's own output over the years"))
    var drewAny = false
    for product in spec.products {
      let rows = data.rows("reconciled").filter {
        $0.text("product") == product.id && $0.text("measure") == "production" && $0.text("country") == "UKR"
      }
      var values: [Int: Double] = [:]
      for row in rows {
        if let year = Int(row.text("year")), let value = row.number("preferred_value") {
          values[year] = value
        }
      }
      guard !values.isEmpty else { continue }
      drewAny = true
      let unit = rows.first?.text("unit") ?? ""
      let line = Sparkline(label: product.id, unit: unit, values: values)
      document.add(.chart { width, style in line.render(width: width, style: style) })
      document.add(
        .table(
          TextTable(
            columns: [
              .init("Year", .right), .init("Ukraine (\(unit))", .right), .init("Edition"), .init("Flag"),
            ],
            rows: rows.sorted { $0.text("year") < $1.text("year") }.map { row in
              [
                row.text("year"), NumberText.quantity(row.number("preferred_value") ?? 0),
                row.text("preferred_edition"),
                row.text("flag") + " " + citations.cite(row.text("preferred_source_id")),
              ]
            })))
    }
    if !drewAny {
      document.add(.paragraph("USGS lists no separate figure for Ukraine for this material."))
    }
    let mapped = Set(
      data.rows("mapping").filter {
        $0.text("resource") == "ukraine_output" && $0.text("material_id") == spec.depositMaterial
          || $0.text("resource") == "ukraine_output" && spec.crmaEntries.contains($0.text("material_id"))
      }.map { $0.text("record") })
    let other = data.rows("ukraine_output").filter { mapped.contains($0.text("output_id")) }.sorted {
      ($0.text("year"), $0.text("output_id")) < ($1.text("year"), $1.text("output_id"))
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
                row.text("year").isEmpty ? "—" : row.text("year"), row.text("product"), row.text("measure"),
                row.number("quantity").map(NumberText.quantity) ?? "n/a", row.text("unit"),
                row.text("period"),
                row.text("scope") + " " + citations.cite(row.text("source_id")),
              ]
            })))
    }
  }

  private func addDeposits(_ document: inout Document) {
    document.add(.heading(2, "Ukrainian deposits"))
    let exposure = Dictionary(
      data.rows("exposure_deposits").filter { $0.text("material_id") == spec.depositMaterial }.map {
        ($0.text("deposit_id"), $0)
      }, uniquingKeysWith: { a, _ in a })
    let figures = data.rows("deposit_figures").filter { $0.text("material_id") == spec.depositMaterial }
      .sorted {
        ($0.text("deposit_id"), $0.text("figure_id")) < ($1.text("deposit_id"), $1.text("figure_id"))
      }
    let deposits = Dictionary(
      data.rows("deposits").map { ($0.text("deposit_id"), $0) }, uniquingKeysWith: { a, _ in a })
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
            let deposit = deposits[row.text("deposit_id")]
            let control = exposure[row.text("deposit_id")]
            let grade = row.text("grade").isEmpty ? "—" : "\(row.text("grade")) \(row.text("grade_unit"))"
            let bound = row.text("bound") == "point" ? "" : " (\(row.text("bound")) bound)"
            let statusDate =
              control.map {
                $0.text("status_as_of").isEmpty
                  ? $0.text("status") : "\($0.text("status")) (\($0.text("status_as_of")))"
              } ?? "unknown"
            return [
              (deposit?.text("name") ?? row.text("deposit_id"))
                + (row.text("part").isEmpty ? "" : ", \(row.text("part"))"),
              deposit?.text("oblast") ?? "", row.number("ore_tonnes").map { NumberText.grouped($0) } ?? "—",
              grade,
              row.number("contained_tonnes").map { NumberText.grouped($0) } ?? "—",
              row.text("contained_basis").isEmpty ? "—" : row.text("contained_basis"),
              [row.text("resource_category"), row.text("development_status")].filter { !$0.isEmpty }.joined(
                separator: "; ") + bound,
              statusDate + " " + citations.cite(row.text("source_id"))
                + statusCitation(control, figureSource: row.text("source_id")),
            ]
          })))
  }

  /// The control report's citation, unless it is the figure's own source (cited already).
  private func statusCitation(_ control: ReportData.Row?, figureSource: String) -> String {
    guard let source = control?.text("status_source_id"), !source.isEmpty, source != figureSource else {
      return ""
    }
    return citations.cite(source)
  }

  private func addExposure(_ document: inout Document) {
    document.add(.heading(2, "War exposure of known resources"))
    let rows = data.rows("exposure").filter { $0.text("material_id") == spec.depositMaterial }
    guard !rows.isEmpty else {
      document.add(.paragraph("No deposits of this material in the data."))
      return
    }
    let basis = rows.first?.text("basis") ?? ""
    let parts = rows.filter { ($0.number("contained") ?? 0) > 0 }.map {
      StackedBar.Part($0.text("status"), $0.number("contained") ?? 0)
    }
    let chart = StackedBar(
      title: "Contained tonnage by latest control status",
      unit: "\(basis), deposits with a convertible tonnage only", parts: parts)
    document.add(.chart { width, style in chart.render(width: width, style: style) })
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Status"), .init("Deposits", .right), .init("With tonnage", .right),
            .init("Contained (\(basis))", .right), .init("Share", .right), .init("Reports dated"),
          ],
          rows: rows.map { row in
            [
              row.text("status"), row.text("deposits"), row.text("deposits_with_tonnage"),
              NumberText.grouped(row.number("contained") ?? 0),
              NumberText.percent(fraction: row.number("share") ?? 0),
              row.text("earliest_as_of") == row.text("latest_as_of")
                ? (row.text("latest_as_of").isEmpty ? "no dated report" : row.text("latest_as_of"))
                : "\(row.text("earliest_as_of")) to \(row.text("latest_as_of"))",
            ]
          })))
    let noTonnage = data.rows("exposure_deposits").filter {
      $0.text("material_id") == spec.depositMaterial && $0.text("contained").isEmpty
    }.map { $0.text("deposit_id") }.sorted()
    if !noTonnage.isEmpty {
      document.add(
        .paragraph(
          "Deposits counted but without a convertible contained tonnage: \(noTonnage.joined(separator: ", "))."
        ))
    }
  }

  private func addScenarios(_ document: inout Document) {
    let rows = data.rows("scenarios").filter { row in spec.products.contains { $0.id == row.text("product") }
    }
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
              row.text("label") + " " + citations.cite(row.text("source_id")),
              "\(row.text("product")) \(row.text("year")) (\(row.text("edition")))",
              row.number("ukraine_before").map(NumberText.quantity) ?? "—",
              "\(NumberText.quantity(row.number("ukraine_after") ?? 0)) \(row.text("unit"))",
              row.number("ukraine_share_after").map { NumberText.percent(fraction: $0) } ?? "—",
              row.text("ukraine_rank_after"),
              "\(NumberText.index(row.number("hhi_before") ?? 0)) → \(NumberText.index(row.number("hhi_after") ?? 0))",
              "\(countryName(row.text("largest_country_after"))) \(NumberText.percent(fraction: row.number("largest_share_after") ?? 0))",
            ]
          })))
  }

  private func addEvents(_ document: inout Document) {
    document.add(.heading(2, "Dated events"))
    let rows = data.rows("events").filter { row in
      spec.eventWords.contains { row.text("materials").lowercased().contains($0) }
    }
    .sorted { ($0.text("date"), $0.text("event_id")) < ($1.text("date"), $1.text("event_id")) }
    document.add(
      .bullets(rows.map { "\($0.text("date")): \($0.text("event")) \(citations.cite($0.text("source_id")))" })
    )
  }

  private func addDisagreements(_ document: inout Document) {
    document.add(.heading(2, "Where sources disagree"))
    let rows = data.rows("reconciled").filter { row in
      spec.products.contains { $0.id == row.text("product") } && (Int(row.text("count")) ?? 0) > 1
        && row.text("minimum") != row.text("maximum")
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
              row.text("product"), row.text("measure"), row.text("year"), countryName(row.text("country")),
              "\(NumberText.quantity(row.number("minimum") ?? 0))–\(NumberText.quantity(row.number("maximum") ?? 0))",
              NumberText.quantity(row.number("preferred_value") ?? 0),
              row.text("reason") + " " + citations.cite(row.text("preferred_source_id")),
            ]
          })))
  }
}
