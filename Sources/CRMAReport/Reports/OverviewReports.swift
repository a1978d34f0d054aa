import CRMATransform
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
        data.materials.first { $0.id == id }.map { m in
          "\(m.name): \(m.category.rawValue)\(citations.cite(m.sourceID))"
        }
      }.joined(separator: "; ")
    }
    row("EU 2023 SR / EI (critical if ≥ 1 / ≥ 2.8)") { spec in
      data.supplyRisk.filter { spec.assessed.contains($0.materialID) && $0.year == 2023 }
        .map {
          "\($0.label): \(NumberText.canonical($0.supplyRisk)) / \(NumberText.canonical($0.economicImportance))\(citations.cite($0.sourceID))"
        }
        .joined(separator: "; ")
    }
    func latestConcentration(_ spec: MaterialSpec, measure: String) -> [ConcentrationRow] {
      spec.products.compactMap { product in
        data.concentration.filter {
          $0.dataset == "usgs" && $0.subject == product.id && $0.measure == measure
        }
        .max { $0.year < $1.year }
      }
    }
    row("World production: largest producer, HHI, top-3") { spec in
      latestConcentration(spec, measure: "production").map { c in
        guard let hhi = c.hhi, let largest = c.largestShare, let top3 = c.top3Share else {
          return "\(c.subject) \(c.year): \(c.statisticsWithheld)\(citations.cite(c.sourceID))"
        }
        return
          "\(c.subject) \(c.year): \(countryName(c.largestCountry)) \(NumberText.percent(fraction: largest)), HHI \(NumberText.index(hhi)), top-3 \(NumberText.percent(fraction: top3))\(citations.cite(c.sourceID))"
      }.joined(separator: "; ")
    }
    func ukraineShares(_ spec: MaterialSpec, measure: String) -> String {
      latestConcentration(spec, measure: measure).map { c in
        let share =
          c.ukraineShare.map {
            "\(NumberText.percent(fraction: $0)) (\(c.ukraineRank.map { "rank \($0)" } ?? "no rank: no output"))"
          }
          ?? (!c.statisticsWithheld.isEmpty
            ? "no share (incomplete table)"
            : c.ukraineNote.hasPrefix("no value") ? "no value" : "not listed separately")
        return "\(c.subject) \(c.year): \(share)"
      }.joined(separator: "; ")
    }
    row("Ukraine's share of world production (rank)") { ukraineShares($0, measure: "production") }
    row("Ukraine's share of world reserves (rank)") { ukraineShares($0, measure: "reserves") }
    row("Largest third-country share of EU sourcing (cap 65 %)") { spec in
      data.article5.filter { $0.check == "diversification" && spec.studyMaterials.contains($0.materialID) }
        .sorted { ($0.largestThirdCountrySharePct ?? 0) > ($1.largestThirdCountrySharePct ?? 0) }
        .prefix(2).map {
          "\($0.materialLabel) \($0.stage?.rawValue ?? ""): \(countryName($0.largestThirdCountry ?? "")) \(NumberText.canonical($0.largestThirdCountrySharePct)) %\($0.breach == true ? " — above the cap" : "")\(citations.cite($0.sourceID ?? ""))"
        }.joined(separator: "; ")
    }
    row("Deposits by status as of the newest evidence (see the front-line section)") { spec in
      FrontLineReport(data: data, citations: citations).headline(spec)
    }
    row("Deposits in the data (without a control report)") { spec in
      let rows = data.exposedDeposits.filter { $0.materialID == spec.depositMaterial }
      return "\(rows.count) (\(rows.filter { $0.statusAsOf == nil && $0.status == .unknown }.count))"
    }
    document.add(.table(TextTable(columns: [.init("Question")] + specs.map { .init($0.title) }, rows: rows)))
    document.add(
      .paragraph("Reports: " + specs.map { "[\($0.title)](\($0.slug).md)" }.joined(separator: ", ") + "."))
    FrontLineReport(data: data, citations: citations).summarySection(into: &document)
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
    let materials = data.materials.sorted { ($0.category, $0.id) < ($1.category, $1.id) }
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Material"), .init("Category"), .init("Annex I entry"), .init("Annex II entry"),
            .init("Grade qualifier"), .init("Part of"),
          ],
          rows: materials.map { row in
            [
              row.name, row.category.rawValue, row.annexIEntry ?? "", row.annexIIEntry ?? "",
              row.gradeQualifier ?? "", (row.partOf ?? "") + " " + citations.cite(row.sourceID),
            ]
          })))
    let unmapped = data.unmapped
    document.add(.heading(2, "Figures that map to no material"))
    if unmapped.isEmpty {
      document.add(.paragraph("None."))
    } else {
      document.add(
        .table(
          TextTable(
            columns: [.init("Resource"), .init("Record"), .init("Reason")],
            rows: unmapped.map { [$0.resource, $0.record, $0.reason] })))
    }
    let counts = Dictionary(grouping: data.mapping) { "\($0.resource)|\($0.crmaCategory.rawValue)" }
      .mapValues(\.count)
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
    let citations = Citations(sources: data.sources)
    var lines = [
      "# Sources", "",
      "Every citation in the reports is a bracketed label linking to the entry below with the same anchor (the source's id in `data/sources.csv`). "
        + "\"Title not recorded\" means no copy of the page we could read showed its title; \"Read at\" is the address the figures were read at (a mirror or repository where the title says so). "
        + "Confidence as graded in `data/sources.csv`.",
      "",
    ]
    for source in citations.ordered {
      let id = source.id
      var text =
        "- <a id=\"\(id)\"></a>**\(Citations.escape(citations.label(id)))**: \(TextTable.escape(source.publisher))"
      text += ", *\(TextTable.escape(source.title))*"
      if !source.edition.isEmpty { text += ", \(TextTable.escape(source.edition))" }
      text += ". Published: \(source.published ?? "not shown")."
      if let accessed = source.accessed { text += " Accessed \(accessed)." }
      text += " Transcribed \(source.transcribed)."
      text += " Read at: <\(source.url)>."
      text += " Confidence: \(source.confidence.rawValue)."
      if let terms = source.terms { text += " Terms: \(TextTable.escape(terms))." }
      if let retrievedFrom = source.retrievedFrom {
        text +=
          " crma's copy of the publisher's file retrieved from `\(retrievedFrom)` (provenance, not the citation)."
      }
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
    lines.append(
      "- [The front line, dated: deposits and sites against the daily maps, ceasefire lines](front-line.md) ([plain text](front-line.txt))"
    )
    lines.append("- [The CRMA mapping](mapping.md)")
    lines.append("- [Sources](sources.md)")
    return lines.joined(separator: "\n") + "\n"
  }
}
