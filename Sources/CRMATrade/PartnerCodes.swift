import CRMAIngest

/// What a partner code of a trade extract stands for: an EU member (left out of third-country
/// shares), a third country or territory (ranked), or a code that is not a country — Comext's
/// confidential, not-specified, stores and high-seas codes — counted apart and never ranked.
public struct PartnerCodes: Sendable {
  /// The kind of a partner code.
  public enum Kind: String, Sendable, Comparable {
    case euMember = "eu-member"
    case thirdCountry = "third-country"
    case confidential
    case notACountry = "not-a-country"
    case unknown

    public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// A resolved code: its kind and, for countries, the ISO alpha-3 code.
  public struct Partner: Sendable, Equatable {
    public var kind: Kind
    public var iso3: String?

    /// A partner of `kind`, with its ISO alpha-3 code where it is a country.
    public init(kind: Kind, iso3: String?) {
      self.kind = kind
      self.iso3 = iso3
    }
  }

  private var codes: [String: Partner]

  /// From explicit entries (tests) or ``init(ingest:)``.
  public init(_ codes: [String: Partner]) { self.codes = codes }

  /// The data package tables ``init(ingest:)`` reads.
  public static let resources: Set<String> = ["countries", "trade_partner_codes"]

  /// From the data package: `countries` by ISO alpha-2 and alpha-3 (its `eu_member` flag gives
  /// the EU-27), then `trade_partner_codes` for the codes Comext spells differently.
  public init(ingest: IngestResult) throws(TradeError) {
    guard let countries = ingest.table(named: "countries") else {
      throw TradeError(.configuration, "the data package has no countries table")
    }
    var codes: [String: Partner] = [:]
    for row in countries.rows.indices {
      guard let iso3 = countries.value(row, "iso3")?.text else { continue }
      let aggregate = countries.value(row, "kind")?.text == "aggregate"
      let member = countries.value(row, "eu_member")?.text == "true"
      let partner = Partner(
        kind: aggregate ? .notACountry : member ? .euMember : .thirdCountry, iso3: aggregate ? nil : iso3)
      codes[iso3] = partner
      if let iso2 = countries.value(row, "iso2")?.text, !iso2.isEmpty { codes[iso2] = partner }
    }
    if let special = ingest.table(named: "trade_partner_codes") {
      for row in special.rows.indices {
        guard let code = special.value(row, "code")?.text, let kind = special.value(row, "kind")?.text else {
          continue
        }
        let member = special.value(row, "eu_member")?.text == "true"
        switch kind {
        case "country", "territory":
          codes[code] = Partner(
            kind: member ? .euMember : .thirdCountry, iso3: special.value(row, "iso3")?.text)
        case "confidential": codes[code] = Partner(kind: .confidential, iso3: nil)
        default: codes[code] = Partner(kind: .notACountry, iso3: nil)
        }
      }
    }
    self.codes = codes
  }

  /// What `code` stands for; `.unknown` when neither table lists it.
  public func resolve(_ code: String) -> Partner { codes[code] ?? Partner(kind: .unknown, iso3: nil) }
}
