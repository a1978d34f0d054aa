import CRMATransform
import CSVStream

/// Provenance lookups over the report data: a source and the report figures that cite it
/// (`crma cite`), and the data rows and sources behind a figure (`crma explain`).
public enum Provenance {
  /// The source `sourceID` and every report table row and text that cites it; nil when the data
  /// has no such source.
  public static func cite(_ sourceID: String, data: ReportData) -> String? {
    let citations = Citations(sources: data.sources)
    guard let source = citations.source(sourceID) else { return nil }
    var lines = ["[\(citations.label(sourceID))] \(source.publisher)"]
    lines.append("Title: \(source.title.isEmpty ? "title not recorded" : source.title)")
    if !source.edition.isEmpty { lines.append("Edition: \(source.edition)") }
    lines.append("Published: \(source.published ?? "not shown")")
    if let accessed = source.accessed { lines.append("Accessed: \(accessed)") }
    lines.append("Transcribed: \(source.transcribed)")
    lines.append("Confidence: \(source.confidence.rawValue)")
    lines.append("Read at: \(source.url)")
    if let retrieved = source.retrievedFrom { lines.append("Retrieved from: \(retrieved)") }
    lines.append("Anchor: sources.md#\(sourceID)")
    var rows: [String] = []
    var texts: [String] = []
    for (report, document) in documents(data) {
      for table in TableExport.tables(document, report: report, title: report) {
        let sourcesIndex = table.fields.count - 1
        for row in table.rows where row[sourcesIndex].split(separator: ";").contains(Substring(sourceID)) {
          let cells = zip(table.fields.dropLast(), row.dropLast()).filter { !$0.1.isEmpty }
            .map { "\($0.0.name)=\($0.1)" }
          rows.append("tables/\(table.name).csv: " + cells.joined(separator: "; "))
        }
      }
      for block in document.blocks {
        switch block {
        case .paragraph(let text) where Document.citationIDs(text).contains(sourceID):
          // A bare list of sources under a table is covered by the table's rows.
          let words = Document.withoutCitations(text).filter { $0.isLetter || $0.isNumber }
          if words == "Sources" || words == "Source" { continue }
          texts.append("\(report): " + labelled(text, citations))
        case .bullets(let items):
          for item in items where Document.citationIDs(item).contains(sourceID) {
            texts.append("\(report): " + labelled(item, citations))
          }
        default: continue
        }
      }
    }
    lines.append("")
    lines.append("Report table rows citing it (\(rows.count)):")
    lines += rows.isEmpty ? ["  none"] : rows.map { "  " + $0 }
    lines.append("")
    lines.append("Report text citing it (\(texts.count)):")
    lines += texts.isEmpty ? ["  none"] : texts.map { "  " + $0 }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The data rows behind a figure: `material` is a report (lithium, titanium, rare-earths), a
  /// USGS product or a material id; `country` an ISO3 code or a country name; `year` optional.
  /// Nil when the material or the country is unknown.
  public static func explain(material: String, country: String, year: Int?, data: ReportData) -> String? {
    let citations = Citations(sources: data.sources)
    let key = material.lowercased()
    let spec = MaterialSpec.all.first { $0.slug == key || $0.products.contains { $0.id == key } }
    var products = Set(spec?.products.map(\.id) ?? [])
    var materials = Set(spec.map { $0.studyMaterials + $0.crmaEntries + [$0.depositMaterial] } ?? [key])
    if let spec, spec.products.contains(where: { $0.id == key }) { products = [key] }
    if spec == nil {
      products = Set(data.shares.filter { $0.materialID == key }.map(\.product))
      materials = [key]
      guard !products.isEmpty || data.materials.contains(where: { $0.id == key }) else { return nil }
    }
    let wanted = country.lowercased()
    guard
      let code = data.countries.first(where: {
        $0.iso3.lowercased() == wanted || $0.name.lowercased() == wanted
      })?
      .iso3
    else { return nil }
    func matches(_ rowYear: Int?) -> Bool { year == nil || rowYear == year }
    var lines = ["\(material) · \(data.countryName(code)) (\(code))" + (year.map { " · \($0)" } ?? "")]
    var cited: Set<String> = []
    func section(_ title: String, _ rows: [String]) {
      guard !rows.isEmpty else { return }
      lines.append("")
      lines.append("\(title) (\(rows.count)):")
      lines += rows.map { "  " + $0 }
    }
    section(
      "World shares (transform table shares)",
      data.shares.filter { products.contains($0.product) && $0.country == code && matches($0.year) }
        .sorted { ($0.product, $0.measure, $0.year) < ($1.product, $1.measure, $1.year) }
        .map { row in
          cited.insert(row.sourceID)
          let value = row.value.map { "\(NumberText.quantity($0)) \(row.unit)" } ?? row.note
          let share = row.share.map { ", share \(NumberText.percent(fraction: $0))" } ?? ""
          let rank = row.rank.map { ", rank \($0)" } ?? ""
          return
            "\(row.product) \(row.measure.rawValue) \(row.year) (\(row.edition)): \(value)\(share)\(rank), flag \(row.flag) [\(row.sourceID)]"
        })
    section(
      "Figures per edition (transform table figures)",
      data.figures.filter { figure in
        let key = figure.record.split(separator: "|").map(String.init)
        return figure.resource == "production_reserves" && key.count == 5 && products.contains(key[1])
          && key[2] == code && matches(Int(key[3]))
      }.sorted { $0.record < $1.record }.map { "\($0.record): \(NumberText.quantity($0.value)) \($0.unit)" })
    section(
      "Reconciled facts (transform table reconciled)",
      data.reconciled.filter { products.contains($0.product) && $0.country == code && matches($0.year) }
        .sorted { ($0.product, $0.measure, $0.year) < ($1.product, $1.measure, $1.year) }
        .map { row in
          cited.insert(row.preferred.sourceID)
          let value = row.preferred.value.map(NumberText.quantity) ?? row.preferred.flag
          return
            "\(row.product) \(row.measure.rawValue) \(row.year): \(value) \(row.preferred.unit) from \(row.preferred.edition) (\(row.reason)); editions \(row.editions.joined(separator: ", ")) [\(row.preferred.sourceID)]"
        })
    section(
      "EU study shares (input table supply_shares)",
      data.supplyShares.filter { materials.contains($0.materialID) && $0.country == code && matches($0.year) }
        .sorted {
          ($0.materialLabel, $0.scope, $0.stage.rawValue) < ($1.materialLabel, $1.scope, $1.stage.rawValue)
        }
        .map { row in
          cited.insert(row.sourceID)
          return
            "\(row.materialLabel) \(row.stage.rawValue) \(row.scope) \(row.year): \(NumberText.percent(row.sharePct)) [\(row.sourceID)]"
        })
    section(
      "EU imports (transform table trade_shares)",
      data.trade.filter { materials.contains($0.materialID) && $0.partnerISO3 == code && matches($0.year) }
        .map { row in
          cited.insert(row.sourceID)
          let share = row.shareOfExtraEU.map { ", \(NumberText.percent(fraction: $0)) of extra-EU" } ?? ""
          return
            "\(row.materialID) \(row.stage.rawValue) \(row.year): \(NumberText.quantity(row.value))\(share) [\(row.sourceID)]"
        })
    if code == "UKR" {
      section(
        "Other Ukrainian output figures (input table ukraine_output)",
        data.ukraineOutput.filter { row in
          matches(row.year)
            && data.mapping.contains {
              $0.resource == "ukraine_output" && $0.record == row.id && materials.contains($0.materialID)
            }
        }.map { row in
          cited.insert(row.sourceID)
          return
            "\(row.id) \(row.year.map(String.init) ?? "undated"): \(row.product), \(row.measure) \(row.quantity.map(NumberText.quantity) ?? "n/a") \(row.unit) [\(row.sourceID)]"
        })
    }
    if lines.count == 1 { lines.append("No data rows for this material, country and year.") }
    if !cited.isEmpty {
      lines.append("")
      lines.append("Sources:")
      for id in cited.sorted() {
        guard let source = citations.source(id) else { continue }
        lines.append("  \(id): [\(citations.label(id))] \(source.publisher), \(source.title) — \(source.url)")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `text` with each citation as its bracketed label.
  static func labelled(_ text: String, _ citations: Citations) -> String {
    Markup.replacingCitations(in: text) { " [\(citations.label(String($0)))]" }
  }

  /// Every report document by report name.
  static func documents(_ data: ReportData) -> [(String, Document)] {
    var result = [("summary", OverviewReports.summary(data, citations: Citations(sources: data.sources)))]
    for spec in MaterialSpec.all {
      result.append(
        (
          spec.slug,
          MaterialReport(spec: spec, data: data, citations: Citations(sources: data.sources)).document()
        ))
    }
    result.append(("mapping", OverviewReports.mapping(data, citations: Citations(sources: data.sources))))
    return result
  }
}
