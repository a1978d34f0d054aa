import CSVStream

/// The summary comparing the three materials, the full CRMA mapping, the sources list and the
/// index.
public enum OverviewReports {
  /// The three materials side by side, one question per row.
  public static func summary(_ data: ReportData, citations: Citations) -> Document {
    var document = Document(citations: citations)
    document.add(.heading(1, "Lithium, titanium and rare earths: Ukraine and the EU CRMA, side by side"))
    document.add(
      .paragraph(
        "Each column answers the same questions for one material; each figure cites its source, and each material report gives the detail, the dates and the caveats."
      ))
    let countryName = data.countryName
    var rows: [[String]] = []
    let specs = MaterialSpec.all
    func row(_ title: String, _ value: (MaterialSpec) -> String) { rows.append([title] + specs.map(value)) }
    row("CRMA category") { spec in
      spec.crmaEntries.compactMap { id in
        data.rows("materials").first { $0.text("material_id") == id }.map { m in
          "\(m.text("name")): \(m.text("crma_category"))\(citations.cite(m.text("source_id")))"
        }
      }.joined(separator: "; ")
    }
    row("EU 2023 SR / EI (critical if ≥ 1 / ≥ 2.8)") { spec in
      data.rows("supply_risk").filter {
        spec.assessed.contains($0.text("material_id")) && $0.text("assessment_year") == "2023"
      }
      .map {
        "\($0.text("material_label")): \($0.text("supply_risk")) / \($0.text("economic_importance"))\(citations.cite($0.text("source_id")))"
      }
      .joined(separator: "; ")
    }
    func latestConcentration(_ spec: MaterialSpec, measure: String) -> [ReportData.Row] {
      spec.products.compactMap { product in
        data.rows("concentration").filter {
          $0.text("dataset") == "usgs" && $0.text("subject") == product.id && $0.text("measure") == measure
        }
        .max { $0.text("year") < $1.text("year") }
      }
    }
    row("World production: largest producer, HHI, top-3") { spec in
      latestConcentration(spec, measure: "production").map { c in
        "\(c.text("subject")) \(c.text("year")): \(countryName(c.text("largest_country"))) \(NumberText.percent(fraction: c.number("largest_share") ?? 0)), HHI \(NumberText.index(c.number("hhi") ?? 0)), top-3 \(NumberText.percent(fraction: c.number("top3_share") ?? 0))\(citations.cite(c.text("source_id")))"
      }.joined(separator: "; ")
    }
    func ukraineShares(_ spec: MaterialSpec, measure: String) -> String {
      latestConcentration(spec, measure: measure).map { c in
        let share =
          c.number("ukraine_share").map {
            "\(NumberText.percent(fraction: $0)) (rank \(c.text("ukraine_rank")))"
          }
          ?? (c.text("ukraine_note").hasPrefix("no value") ? "no value" : "not listed separately")
        return "\(c.text("subject")) \(c.text("year")): \(share)"
      }.joined(separator: "; ")
    }
    row("Ukraine's share of world production (rank)") { ukraineShares($0, measure: "production") }
    row("Ukraine's share of world reserves (rank)") { ukraineShares($0, measure: "reserves") }
    row("Largest third-country share of EU sourcing (cap 65 %)") { spec in
      data.rows("article5").filter {
        $0.text("check") == "diversification" && spec.studyMaterials.contains($0.text("material_id"))
      }
      .sorted {
        ($0.number("largest_third_country_share_pct") ?? 0)
          > ($1.number("largest_third_country_share_pct") ?? 0)
      }
      .prefix(2).map {
        "\($0.text("material_label")) \($0.text("stage")): \(countryName($0.text("largest_third_country"))) \($0.text("largest_third_country_share_pct")) %\($0.text("breach") == "true" ? " — above the cap" : "")\(citations.cite($0.text("source_id")))"
      }.joined(separator: "; ")
    }
    row("Known resources by control status (deposits with tonnage)") { spec in
      let parts = data.rows("exposure").filter {
        $0.text("material_id") == spec.depositMaterial && ($0.number("contained") ?? 0) > 0
      }
      if parts.isEmpty { return "no convertible tonnage" }
      return parts.map { "\($0.text("status")) \(NumberText.percent(fraction: $0.number("share") ?? 0))" }
        .joined(separator: ", ")
        + " of \(NumberText.grouped(parts.compactMap { $0.number("contained") }.reduce(0, +))) \(parts[0].text("basis"))"
    }
    row("Deposits in the data (without a control report)") { spec in
      let rows = data.rows("exposure_deposits").filter { $0.text("material_id") == spec.depositMaterial }
      return
        "\(rows.count) (\(rows.filter { $0.text("status_as_of").isEmpty && $0.text("status") == "unknown" }.count))"
    }
    document.add(.table(TextTable(columns: [.init("Question")] + specs.map { .init($0.title) }, rows: rows)))
    document.add(
      .paragraph("Reports: " + specs.map { "[\($0.title)](\($0.slug).md)" }.joined(separator: ", ") + "."))
    return document
  }

  /// Every material with its CRMA category and wording, and what maps to nothing.
  public static func mapping(_ data: ReportData, citations: Citations) -> Document {
    var document = Document(citations: citations)
    document.add(.heading(1, "The CRMA mapping"))
    document.add(
      .paragraph(
        "Every material in the data with its CRMA category (Regulation (EU) 2024/1252: Annex I Section 1 strategic, Annex II Section 1 critical), the Act's wording and grade qualifier, and the group it belongs to."
      ))
    let materials = data.rows("materials").sorted { row1, row2 in
      let order = ["strategic": 0, "partly-strategic": 1, "critical": 2, "not-listed": 3]
      return (order[row1.text("crma_category")] ?? 9, row1.text("material_id")) < (
        order[row2.text("crma_category")] ?? 9, row2.text("material_id")
      )
    }
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Material"), .init("Category"), .init("Annex I entry"), .init("Annex II entry"),
            .init("Grade qualifier"), .init("Part of"),
          ],
          rows: materials.map { row in
            [
              row.text("name"), row.text("crma_category"), row.text("annex_i_entry"),
              row.text("annex_ii_entry"), row.text("grade_qualifier"),
              row.text("part_of") + " " + citations.cite(row.text("source_id")),
            ]
          })))
    let unmapped = data.rows("unmapped")
    document.add(.heading(2, "Figures that map to no material"))
    if unmapped.isEmpty {
      document.add(.paragraph("None."))
    } else {
      document.add(
        .table(
          TextTable(
            columns: [.init("Resource"), .init("Record"), .init("Reason")],
            rows: unmapped.map { [$0.text("resource"), $0.text("record"), $0.text("reason")] })))
    }
    let counts = Dictionary(grouping: data.rows("mapping")) {
      "\($0.text("resource"))|\($0.text("crma_category"))"
    }.mapValues(\.count)
    document.add(.heading(2, "Figures per resource and category"))
    document.add(
      .table(
        TextTable(
          columns: [.init("Resource"), .init("CRMA category"), .init("Figures", .right)],
          rows: counts.keys.sorted().map { key in
            let parts = key.split(separator: "|").map(String.init)
            return [parts[0], parts.count > 1 ? parts[1] : "", String(counts[key]!)]
          })))
    return document
  }

  /// The sources list: one entry per source in source-id order, each anchored by its id (the
  /// target of every citation link, `sources.md#SOURCE_ID`, which adding a source never changes).
  public static func sources(_ data: ReportData) -> String {
    let citations = Citations(sources: data.rows("sources"))
    var lines = [
      "# Sources", "",
      "Every citation in the reports is a bracketed label linking to the entry below with the same anchor (the source's id in `data/sources.csv`). "
        + "\"Title not recorded\" means no copy of the page we could read showed its title; \"Read at\" is the address the figures were read at (a mirror or repository where the title says so). "
        + "Confidence as graded in `data/sources.csv`.",
      "",
    ]
    for row in citations.ordered {
      let id = row.text("source_id")
      var text =
        "- <a id=\"\(id)\"></a>**\(Citations.escape(citations.label(id)))**: \(TextTable.escape(row.text("publisher")))"
      text += ", *\(TextTable.escape(row.text("title")))*"
      if !row.text("edition").isEmpty { text += ", \(TextTable.escape(row.text("edition")))" }
      text += ". Published: \(row.text("published").isEmpty ? "not shown" : row.text("published"))."
      if !row.text("accessed").isEmpty { text += " Accessed \(row.text("accessed"))." }
      text += " Transcribed \(row.text("transcribed"))."
      text += " Read at: <\(row.text("url"))>."
      text += " Confidence: \(row.text("confidence"))."
      if !row.text("terms").isEmpty { text += " Terms: \(TextTable.escape(row.text("terms")))." }
      text += " Id: `\(id)`."
      lines.append(text)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The index page linking every report.
  public static func index() -> String {
    var lines = [
      "# crma reports",
      "",
      "Generated by `crma report` from `data/` (via `build/ingest` and `build/transform`); regenerate with `make`. Do not edit by hand.",
      "",
      "- [Summary: the three materials side by side](summary.md) ([plain text](summary.txt))",
    ]
    for spec in MaterialSpec.all {
      lines.append("- [\(spec.title)](\(spec.slug).md) ([plain text](\(spec.slug).txt))")
    }
    lines.append("- [The CRMA mapping](mapping.md)")
    lines.append("- [Sources](sources.md)")
    return lines.joined(separator: "\n") + "\n"
  }
}
