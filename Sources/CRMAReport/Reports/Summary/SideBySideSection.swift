import CRMATransform

/// The three materials side by side, one question per row, each cell citing its sources.
public struct SideBySideSection: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    let data = view.data
    let citations = view.citations
    document.add(.heading(2, "The three materials side by side"))
    document.add(
      .paragraph(
        "Each column answers the same questions for one material; each figure cites its source, and each material report gives the detail, the dates and the caveats."
      ))
    let countryName = data.countryName
    var rows: [[String]] = []
    let materials = view.materials
    func row(_ title: String, _ value: (MaterialView) -> String) {
      rows.append([title] + materials.map(value))
    }
    row("CRMA category") { material in
      material.spec.crmaEntries.compactMap { id in
        data.materials.first { $0.id == id }.map { m in
          "\(m.name): \(m.category.rawValue)\(citations.cite(m.sourceID))"
        }
      }.joined(separator: "; ")
    }
    row("EU 2023 SR / EI (critical if ≥ 1 / ≥ 2.8)") { material in
      data.supplyRisk.filter { material.spec.assessed.contains($0.materialID) && $0.year == 2023 }
        .map {
          "\($0.label): \(NumberText.canonical($0.supplyRisk)) / \(NumberText.canonical($0.economicImportance))\(citations.cite($0.sourceID))"
        }
        .joined(separator: "; ")
    }
    func latest(_ material: MaterialView, measure: String) -> [ConcentrationRow] {
      material.spec.products.compactMap { product in
        material.concentration.filter { $0.subject == product.id && $0.measure == measure }.max {
          $0.year < $1.year
        }
      }
    }
    row("World production: largest producer, HHI, top-3") { material in
      latest(material, measure: "production").map { c in
        let name = material.spec.productName(c.subject)
        guard let hhi = c.hhi, let largest = c.largestShare, let top3 = c.top3Share else {
          return "\(name) \(c.year): statistics withheld\(citations.cite(c.sourceID))"
        }
        return
          "\(name) \(c.year): \(countryName(c.largestCountry)) \(NumberText.percent(fraction: largest)), HHI \(NumberText.index(hhi)), top-3 \(NumberText.percent(fraction: top3))\(citations.cite(c.sourceID))"
      }.joined(separator: "; ")
    }
    func ukraineShares(_ material: MaterialView, measure: String) -> String {
      latest(material, measure: measure).map { c in
        let share: String
        if let value = c.ukraineShare, value > 0 {
          share =
            "\(NumberText.percent(fraction: value)) (\(c.ukraineRank.map { "rank \($0)" } ?? "no rank"))"
        } else if c.ukraineShare == 0 {
          share = "no output"
        } else if !c.statisticsWithheld.isEmpty {
          share = "no share (statistics withheld)"
        } else {
          share = c.ukraineNote.hasPrefix("no value") ? "no value" : "not listed separately"
        }
        return "\(material.spec.productName(c.subject)) \(c.year): \(share)"
      }.joined(separator: "; ")
    }
    row("Ukraine's share of world production (rank)") { ukraineShares($0, measure: "production") }
    row("Ukraine's share of world reserves (rank)") { ukraineShares($0, measure: "reserves") }
    row("Largest third-country share of EU sourcing (cap 65 %)") { material in
      material.diversification
        .sorted { ($0.largestThirdCountrySharePct ?? 0) > ($1.largestThirdCountrySharePct ?? 0) }
        .prefix(2).map {
          "\($0.materialLabel) \($0.stage?.rawValue ?? ""): \(countryName($0.largestThirdCountry ?? "")) \(NumberText.canonical($0.largestThirdCountrySharePct)) %\($0.breach == true ? " — above the cap" : "")\(citations.cite($0.sourceID ?? ""))"
        }.joined(separator: "; ")
    }
    row("Deposits in the data (without a control report)") { material in
      let rows = material.exposedDeposits
      return "\(rows.count) (\(rows.filter { $0.statusAsOf == nil && $0.status == .unknown }.count))"
    }
    document.add(
      .table(
        TextTable(
          name: "side-by-side", columns: [.init("Question")] + materials.map { .init($0.spec.title) },
          rows: rows)))
    document.add(
      .paragraph(
        "Reports: " + materials.map { "[\($0.spec.title)](\($0.spec.slug).md)" }.joined(separator: ", ") + "."
      ))
  }
}
