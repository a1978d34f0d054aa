/// One partner's part in EU imports of a material, stage and year.
public struct TradeShareRow: Sendable {
  public var materialID: String
  public var stage: Stage
  public var year: Int
  public var partner: String
  /// The partner's ISO alpha-3 code, when the code resolves.
  public var partnerISO3: String?
  public var isEUMember: Bool?
  public var value: Double
  public var netMassKg: Double?
  /// Share of the import value from outside the EU (0-1); nil for EU members and unresolved codes.
  public var shareOfExtraEU: Double?
  public var rank: Int?
  public var sourceID: String
}

/// EU imports by partner from a trade extract: each third country's share of extra-EU imports,
/// a stand-in for EU sourcing where the study's shares are old — labelled as imports, never as
/// consumption.
public enum TradeDependence {
  public static func compute(_ input: TransformInput) -> [TradeShareRow] {
    guard !input.tradeImports.isEmpty else { return [] }
    struct Key: Hashable {
      var material: String
      var stage: Stage
      var year: Int
    }
    var rows: [TradeShareRow] = []
    let groups = Dictionary(grouping: input.tradeImports) {
      Key(material: $0.materialID, stage: $0.stage, year: $0.year)
    }
    for key in groups.keys.sorted(by: { ($0.material, $0.stage, $0.year) < ($1.material, $1.stage, $1.year) })
    {
      let members = groups[key]!
      var extra: [String: Double] = [:]
      for member in members where TradeProducts.resolve(member.partner, input).0 == .thirdCountry {
        extra[member.partner, default: 0] += member.value
      }
      let shares = Concentration.shares(extra)
      let ranks = Concentration.ranks(extra)
      for member in members.sorted(by: { $0.partner < $1.partner }) {
        let (kind, iso3) = TradeProducts.resolve(member.partner, input)
        rows.append(
          TradeShareRow(
            materialID: key.material, stage: key.stage, year: key.year, partner: member.partner,
            partnerISO3: iso3,
            isEUMember: kind == .euMember ? true : kind == .thirdCountry ? false : nil, value: member.value, netMassKg: member.netMassKg,
            shareOfExtraEU: shares[member.partner], rank: ranks[member.partner], sourceID: member.sourceID))
      }
    }
    return rows
  }
}
