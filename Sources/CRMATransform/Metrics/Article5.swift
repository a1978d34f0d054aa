/// One Article 5 check for a strategic material.
public struct Article5Check: Sendable {
  /// `diversification` (largest single third country against the 65 % cap), or the
  /// consumption-coverage benchmarks `extraction-coverage` and `processing-coverage`.
  public var check: String
  public var materialID: String
  public var materialLabel: String
  public var crmaEntry: String
  public var stage: Stage?
  public var benchmarkPct: Double
  public var largestThirdCountry: String?
  public var largestThirdCountrySharePct: Double?
  public var breach: Bool?
  public var ukraineSharePct: Double?
  public var status: String
  public var sourceID: String?
}

/// Article 5 of the CRMA for each strategic material in the data: no single third country above
/// 65 % of EU supply at any stage; 10 % extraction and 40 % processing coverage of EU consumption.
public enum Article5 {
  /// Every Article 5 check the data allows, and the ones it does not, said so.
  public static func checks(_ input: TransformInput, tradeProducts: [TradeProductShare] = []) -> [Article5Check] {
    let cap = input.benchmarks["CRMA-ART5-1b-DIVERSIFICATION"] ?? 65
    var checks: [Article5Check] = []
    struct Key: Hashable {
      var material: String
      var label: String
      var stage: Stage
    }
    let euSourcing = input.supplyShares.filter { $0.scope == "eu-sourcing" }
    let groups = Dictionary(grouping: euSourcing) {
      Key(material: $0.materialID, label: $0.materialLabel, stage: $0.stage)
    }
    for key in groups.keys.sorted(by: {
      ($0.material, $0.label, $0.stage) < ($1.material, $1.label, $1.stage)
    }) {
      guard let entry = CRMAMapping.crmaEntry(for: key.material, in: input.materials),
        entry.category == .strategic
      else { continue }
      let members = groups[key]!
      let third = members.filter { share in
        guard let country = input.countries[share.country] else { return false }
        return !country.isAggregate && !country.isEUMember
      }
      let largest = third.max {
        $0.sharePct != $1.sharePct ? $0.sharePct < $1.sharePct : $0.country > $1.country
      }
      checks.append(
        Article5Check(
          check: "diversification", materialID: key.material, materialLabel: key.label, crmaEntry: entry.id,
          stage: key.stage,
          benchmarkPct: cap, largestThirdCountry: largest?.country,
          largestThirdCountrySharePct: largest?.sharePct,
          breach: largest.map { $0.sharePct > cap },
          ukraineSharePct: members.first { $0.country == WorldSupply.ukraine }?.sharePct,
          status: largest == nil
            ? "no third-country shares published" : "computed from the 2023 study's EU sourcing shares",
          sourceID: members.first?.sourceID))
    }
    // From a trade extract: per product group and year, the largest third country's share of
    // extra-EU import value — "imports, by value", shown beside the study's sourcing shares.
    for group in TradeProductGroup.all {
      let rows = tradeProducts.filter { $0.groupID == group.id && $0.rank != nil }
      for year in Set(rows.map(\.year)).sorted() {
        guard let largest = rows.first(where: { $0.year == year && $0.rank == 1 }) else { continue }
        let share = (largest.shareOfExtraEU ?? 0) * 100
        let ukraine = rows.first { $0.year == year && $0.partnerISO3 == WorldSupply.ukraine }
        checks.append(
          Article5Check(
            check: "diversification-imports", materialID: group.materialID,
            materialLabel: "\(group.label), imports \(year), by value",
            crmaEntry: CRMAMapping.crmaEntry(for: group.materialID, in: input.materials)?.id ?? group.materialID,
            stage: group.stage,
            benchmarkPct: cap, largestThirdCountry: largest.partnerISO3 ?? largest.partner,
            largestThirdCountrySharePct: share, breach: share > cap,
            ukraineSharePct: ukraine?.shareOfExtraEU.map { $0 * 100 },
            status: "imports, by value: share of extra-EU import value (Eurostat Comext), not of EU consumption",
            sourceID: largest.sourceID))
      }
    }
    // Coverage of EU consumption needs EU consumption in tonnes, which the package does not hold.
    let strategic = input.materials.values.filter { $0.category == .strategic && $0.annexIEntry != nil }.map(
      \.id
    ).sorted()
    for materialID in strategic {
      for (check, benchmark) in [
        ("extraction-coverage", "CRMA-ART5-1a-i-EXTRACTION"),
        ("processing-coverage", "CRMA-ART5-1a-ii-PROCESSING"),
      ] {
        checks.append(
          Article5Check(
            check: check, materialID: materialID,
            materialLabel: input.materials[materialID]?.name ?? materialID,
            crmaEntry: materialID, stage: check == "extraction-coverage" ? .extraction : .processing,
            benchmarkPct: input.benchmarks[benchmark] ?? .nan, largestThirdCountry: nil,
            largestThirdCountrySharePct: nil,
            breach: nil, ukraineSharePct: nil,
            status: "not computed: the data package holds no measured EU annual consumption", sourceID: nil))
      }
    }
    return checks
  }
}
