import CRMATransform

/// Question 2: how dependent the EU is on one supplier — the largest third country in EU
/// sourcing (2023 study) per stage, against the CRMA's 65 % cap, beside the largest world
/// supplier; rare-earth magnet elements and the heavy rare earths dysprosium and terbium
/// included.
public struct EUDependenceAnswer: SummarySection {
  public init() {}

  /// The stages the answer covers: a heading label, the study's material ids and the stage.
  static let rows: [(label: String, materials: [String], stage: Stage)] = [
    ("Lithium", ["lithium"], .extraction), ("Lithium", ["lithium"], .processing),
    ("Titanium ores", ["titanium"], .extraction), ("Titanium metal", ["titanium-metal"], .processing),
    ("Nd, Pr (magnet REE)", ["neodymium", "praseodymium"], .processing),
    ("Dy, Tb (heavy REE)", ["dysprosium", "terbium"], .processing),
  ]

  public func add(to document: inout Document, _ view: SummaryView) {
    document.add(.heading(2, "2. How dependent is the EU on one supplier?"))
    let data = view.data
    func country(_ code: String) -> String { data.countryName(code) }
    var breaches: [String] = []
    var unpublished: [String] = []
    var table: [[String]] = []
    let cap = data.article5.first { $0.check == "diversification" }?.benchmarkPct ?? 65
    for entry in Self.rows {
      let id = entry.materials[0]
      let check = data.article5.first {
        $0.check == "diversification" && $0.materialID == id && $0.stage == entry.stage
      }
      let world = data.concentration.first {
        $0.dataset == "eu-study" && $0.measure == "global-supply" && $0.materialID == id
          && $0.stage == entry.stage
      }
      let worldText =
        world.flatMap { row in
          row.largestShare.map {
            "\(country(row.largestCountry)) \(NumberText.percent(fraction: $0, digits: 0))" + " "
              + view.cite(row.sourceID)
          }
        } ?? "not published"
      let euText: String
      if let check, let largest = check.largestThirdCountry, let share = check.largestThirdCountrySharePct {
        let above = check.breach == true ? " (above the cap)" : ""
        euText = "\(country(largest)) \(NumberText.percent(share))\(above) " + view.cite(check.sourceID ?? "")
        if check.breach == true {
          breaches.append(
            "\(entry.label) \(entry.stage.rawValue), \(country(largest)) \(NumberText.percent(share))")
        }
      } else {
        euText = "not published"
        // Unpublished EU shares are said where one country holds more than the cap of world supply.
        if let world, let share = world.largestShare, share * 100 > cap {
          unpublished.append(
            "\(entry.label) \(entry.stage.rawValue): no EU shares published; \(country(world.largestCountry)) \(NumberText.percent(fraction: share, digits: 0)) of world supply"
          )
        }
      }
      guard check != nil || world != nil else { continue }
      table.append([entry.label, entry.stage.rawValue, euText, worldText])
    }
    var sentence =
      "Above the CRMA's \(NumberText.percent(cap)) cap on one third country in EU sourcing (2023 study): "
    sentence += breaches.isEmpty ? "none of these stages" : breaches.joined(separator: "; ")
    sentence += "."
    if !unpublished.isEmpty { sentence += " " + unpublished.joined(separator: "; ") + "." }
    document.add(.paragraph(sentence))
    document.add(
      .table(
        TextTable(
          name: "eu-dependence",
          columns: [
            .init("Material"), .init("Stage"), .init("EU: largest third country"),
            .init("World: largest"),
          ], rows: table)))
  }
}
