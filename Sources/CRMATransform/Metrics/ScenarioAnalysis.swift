/// What one scenario changes in world supply.
public struct ScenarioResult: Sendable {
  public var scenarioID: String
  public var label: String
  public var product: String
  public var edition: String
  public var year: Int
  public var unit: String
  public var ukraineBefore: Double?
  public var ukraineAfter: Double
  public var ukraineShareBefore: Double?
  public var ukraineShareAfter: Double?
  public var ukraineRankAfter: Int?
  public var hhiBefore: Double?
  public var hhiAfter: Double?
  public var largestCountryAfter: String?
  public var largestShareAfter: Double?
  public var capPct: Double
  public var largestAboveCapAfter: Bool?
  public var status: String
  public var sourceID: String
}

/// Recomputes world shares, the largest single-country share and the HHI with Ukraine's figure
/// set to each scenario's quantity. EU-sourcing shares are not recomputed: that needs EU supply
/// in tonnes, which the data package does not hold; the result says so.
public enum ScenarioAnalysis {
  /// One result per scenario, in scenario order.
  public static func run(_ input: TransformInput) -> [ScenarioResult] {
    let cap = input.benchmarks["CRMA-ART5-1b-DIVERSIFICATION"] ?? 65
    return input.scenarios.sorted { $0.id < $1.id }.map { scenario in
      var result = ScenarioResult(
        scenarioID: scenario.id, label: scenario.label, product: scenario.product,
        edition: scenario.baseEdition,
        year: scenario.baseYear, unit: scenario.unit, ukraineAfter: scenario.quantity, capPct: cap,
        status: "",
        sourceID: scenario.sourceID)
      let base = input.production.filter {
        $0.product == scenario.product && $0.edition == scenario.baseEdition && $0.year == scenario.baseYear
          && $0.measure == .production
      }
      guard let unit = base.first?.unit, let mapping = input.commodities[scenario.product],
        let materialID = mapping.materialID
      else {
        result.status =
          "not computed: no \(scenario.baseEdition) production figures for \(scenario.product) in \(scenario.baseYear)"
        return result
      }
      guard unit == scenario.unit else {
        result.status = "not computed: scenario unit \(scenario.unit) differs from the base figures' \(unit)"
        return result
      }
      let before = WorldSupply.analyse(
        base, product: scenario.product, materialID: materialID, stage: mapping.stage,
        countries: input.countries)
      var changed = base.filter { $0.country != WorldSupply.ukraine }
      let template = base[0]
      changed.append(
        ProductionFigure(
          edition: template.edition, product: template.product, country: WorldSupply.ukraine,
          year: template.year,
          measure: .production, value: scenario.quantity, unit: unit, flag: "scenario",
          sourceID: scenario.sourceID))
      let after = WorldSupply.analyse(
        changed, product: scenario.product, materialID: materialID, stage: mapping.stage,
        countries: input.countries)
      result.ukraineBefore = base.first { $0.country == WorldSupply.ukraine }?.value
      result.ukraineShareBefore = before.concentration?.ukraineShare
      result.ukraineShareAfter = after.concentration?.ukraineShare
      result.ukraineRankAfter = after.concentration?.ukraineRank
      result.hhiBefore = before.concentration?.hhi
      result.hhiAfter = after.concentration?.hhi
      result.largestCountryAfter = after.concentration?.largestCountry
      result.largestShareAfter = after.concentration?.largestShare
      result.largestAboveCapAfter = after.concentration?.largestShare.map { $0 * 100 > cap }
      result.status =
        "world supply recomputed; EU sourcing not recomputed (no EU supply in tonnes in the data package)"
      return result
    }
  }
}
