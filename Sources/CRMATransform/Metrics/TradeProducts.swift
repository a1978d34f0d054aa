/// The products whose EU imports the reports break down by partner: each a set of CN codes
/// (by their leading digits, per the Combined Nomenclature) and the report it belongs to.
public struct TradeProductGroup: Sendable, Equatable {
  public var id: String
  public var label: String
  /// The report (material slug) that shows the group.
  public var report: String
  /// The CRMA material the codes map to in commodity_map.
  public var materialID: String
  /// The value-chain stage of the codes (as in commodity_map).
  public var stage: Stage
  public var codePrefixes: [String]

  /// Whether a product code belongs to the group.
  public func contains(_ code: String) -> Bool { codePrefixes.contains { code.hasPrefix($0) } }

  public static let all: [TradeProductGroup] = [
    .init(
      id: "lithium-carbonate", label: "Lithium carbonate (CN 2836 91 00)", report: "lithium",
      materialID: "lithium", stage: .processing, codePrefixes: ["28369100"]),
    .init(
      id: "lithium-hydroxide", label: "Lithium oxide and hydroxide (CN 2825 20 00)", report: "lithium",
      materialID: "lithium", stage: .processing, codePrefixes: ["28252000"]),
    .init(
      id: "lithium-ores", label: "Lithium ores: spodumene and others (CN 2530 90 40)",
      report: "lithium", materialID: "lithium", stage: .extraction, codePrefixes: ["25309040"]),
    .init(
      id: "titanium-ores", label: "Titanium ores and concentrates (CN 2614 00 00)", report: "titanium",
      materialID: "titanium", stage: .extraction, codePrefixes: ["26140000"]),
    .init(
      id: "titanium-unwrought", label: "Unwrought titanium and titanium powders (CN 8108 20 00)",
      report: "titanium", materialID: "titanium-metal", stage: .metal, codePrefixes: ["81082000"]),
    .init(
      id: "rare-earth-metals", label: "Rare-earth metals, scandium and yttrium (CN 2805 30)",
      report: "rare-earths", materialID: "rare-earth-elements", stage: .metal, codePrefixes: ["280530"]),
    .init(
      id: "rare-earth-compounds", label: "Compounds of rare-earth metals, yttrium and scandium (CN 2846)",
      report: "rare-earths", materialID: "rare-earth-elements", stage: .processing, codePrefixes: ["2846"]),
  ]
}

/// One partner's part in EU imports of a product group in one year.
public struct TradeProductShare: Sendable, Equatable {
  /// What a partner code stands for in the shares.
  public enum PartnerKind: String, Sendable, CaseIterable {
    case thirdCountry = "third-country"
    case euMember = "eu-member"
    case confidential
    case notACountry = "not-a-country"
    case unknown
  }

  public var groupID: String
  public var year: Int
  public var partner: String
  /// ISO alpha-3 of the partner (for a territory, of its state); nil when not a country.
  public var partnerISO3: String?
  public var partnerKind: PartnerKind
  public var value: Double
  /// What the shares are of: `value` (import value; a value-only extract gives nothing else).
  public var basis: String
  /// Share of the third countries' total (0-1); nil for EU members and codes that are not countries.
  public var shareOfExtraEU: Double?
  /// Rank among third countries by value.
  public var rank: Int?
  public var sourceID: String
}

/// Each third country's share of EU imports per product group and year, from
/// `trade_imports_by_product`: EU members (EL and GR included) are left out, confidential and
/// not-a-country codes are kept as rows but never ranked.
public enum TradeProducts {
  /// What `code` stands for: trade_partner_codes first, then countries by alpha-2 and alpha-3.
  public static func resolve(_ code: String, _ input: TransformInput) -> (TradeProductShare.PartnerKind, String?) {
    if let special = input.tradePartnerCodes[code] {
      switch special.kind {
      case .country, .territory: return (special.isEUMember ? .euMember : .thirdCountry, special.iso3)
      case .confidential: return (.confidential, nil)
      case .notACountry: return (.notACountry, nil)
      }
    }
    let country =
      code.count == 2 ? input.countries.values.first { $0.iso2 == code } : input.countries[code]
    guard let country else { return (.unknown, nil) }
    if country.isAggregate { return (.notACountry, nil) }
    return (country.isEUMember ? .euMember : .thirdCountry, country.iso3)
  }

  public static func compute(_ input: TransformInput) -> [TradeProductShare] {
    guard !input.tradeImportsByProduct.isEmpty else { return [] }
    var kinds: [String: (TradeProductShare.PartnerKind, String?)] = [:]
    for row in input.tradeImportsByProduct where kinds[row.partner] == nil {
      kinds[row.partner] = resolve(row.partner, input)
    }
    var output: [TradeProductShare] = []
    for group in TradeProductGroup.all {
      let rows = input.tradeImportsByProduct.filter { group.contains($0.productCode) }
      for year in Set(rows.map(\.year)).sorted() {
        var values: [String: Double] = [:]
        var source: [String: String] = [:]
        for row in rows where row.year == year {
          values[row.partner, default: 0] += row.value
          source[row.partner] = row.sourceID
        }
        let third = values.filter { kinds[$0.key]?.0 == .thirdCountry }
        // Summed in a fixed order: a Dictionary's order differs between runs, and so would the last digit.
        let total = third.values.sorted().reduce(0, +)
        let ranked = third.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        var ranks: [String: Int] = [:]
        for (index, entry) in ranked.enumerated() { ranks[entry.key] = index + 1 }
        for partner in values.keys.sorted() {
          let (kind, iso3) = kinds[partner] ?? (.unknown, nil)
          output.append(
            TradeProductShare(
              groupID: group.id, year: year, partner: partner, partnerISO3: iso3, partnerKind: kind,
              value: values[partner]!, basis: "value",
              shareOfExtraEU: kind == .thirdCountry && total > 0 ? values[partner]! / total : nil,
              rank: ranks[partner], sourceID: source[partner]!))
        }
      }
    }
    return output
  }
}
