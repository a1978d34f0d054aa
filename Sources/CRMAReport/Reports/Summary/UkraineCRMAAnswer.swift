import CRMATransform

/// Question 3: does Ukraine matter for the CRMA benchmarks — Ukraine's shares of world
/// production and reserves (USGS, newest year), of EU sourcing (2023 study), and which
/// benchmarks a third country's supply counts towards.
public struct UkraineCRMAAnswer: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    document.add(.heading(2, "3. Does Ukraine matter for the CRMA benchmarks?"))
    var rows: [[String]] = []
    var shares: [(text: String, value: Double)] = []
    var unlisted: [String] = []
    var sources: Set<String> = []
    var rowSources: [[String]] = []
    for material in view.materials {
      for product in material.spec.products {
        for measure in ["production", "reserves"] {
          guard
            let row = material.concentration.filter({ $0.subject == product.id && $0.measure == measure })
              .max(by: { $0.year < $1.year })
          else { continue }
          let what = "world \(product.name) \(measure)"
          if let share = row.ukraineShare, share > 0 {
            let rank = row.ukraineRank.map { " (rank \($0))" } ?? ""
            rows.append([what, "\(NumberText.percent(fraction: share))\(rank)", String(row.year)])
            sources.insert(row.sourceID)
            rowSources.append([row.sourceID])
            shares.append(("\(what) \(NumberText.percent(fraction: share))", share))
          } else if row.ukraineShare == 0 {
            rows.append([what, "no output", String(row.year)])
            sources.insert(row.sourceID)
            rowSources.append([row.sourceID])
          } else if measure == "production" {
            unlisted.append(product.name)
          }
        }
      }
    }
    for check in view.data.article5 where check.check == "diversification" {
      guard let share = check.ukraineSharePct, share > 0,
        view.materials.contains(where: { $0.spec.studyMaterials.contains(check.materialID) })
      else { continue }
      let what = "EU sourcing of \(check.materialLabel.lowercased()) (\(check.stage?.rawValue ?? ""))"
      rows.append([what, NumberText.percent(share), "2023 (EU study)"])
      if let source = check.sourceID { sources.insert(source) }
      rowSources.append(check.sourceID.map { [$0] } ?? [])
      shares.append(("\(what) \(NumberText.percent(share))", share / 100))
    }
    let top = shares.sorted { ($0.value, $1.text) > ($1.value, $0.text) }.prefix(3).map(\.text)
    var sentence =
      "Ukraine's largest shares: " + (top.isEmpty ? "none in the data" : top.joined(separator: "; ")) + "."
    if !unlisted.isEmpty {
      sentence += " USGS lists no separate Ukrainian output of \(unlisted.joined(separator: " or "))."
    }
    let checks = view.data.article5
    let regulation = view.data.materials.first { $0.id == view.materials.first?.spec.crmaEntries.first }?
      .sourceID
    if let cap = checks.first(where: { $0.check == "diversification" })?.benchmarkPct,
      let extraction = checks.first(where: { $0.check == "extraction-coverage" })?.benchmarkPct,
      let processing = checks.first(where: { $0.check == "processing-coverage" })?.benchmarkPct
    {
      sentence +=
        " As a third country, Ukraine counts towards diversification (no single third country above \(NumberText.percent(cap)) of EU consumption at any stage, Art. 5(1)(b)), not towards the Union's own capacity benchmarks (\(NumberText.percent(extraction)) extraction, \(NumberText.percent(processing)) processing, Art. 5(1)(a))"
        + (regulation.map { " " + view.cite($0) } ?? "") + "."
    }
    document.add(.paragraph(sentence))
    document.add(
      .table(
        TextTable(
          name: "ukraine-shares",
          columns: [.init("Ukraine's share of"), .init("Share", .right), .init("Year")], rows: rows,
          rowSources: rowSources)))
    document.add(.paragraph("Sources: " + sources.sorted().map { view.cite($0) }.joined(separator: ", ")))
  }
}
