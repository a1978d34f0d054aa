import CRMAIngest

/// A row of trade_partner_codes.csv: a Comext partner code that is not a plain ISO alpha-2 code.
public struct TradePartnerCode: TableRecord {
  /// The fields of trade_partner_codes.csv the transform reads.
  public enum Column: String, RecordColumn {
    case code, kind, iso3, name, euMember = "eu_member"
  }

  /// What the code stands for.
  public enum Kind: String, Sendable, RecordValue {
    case country, territory, confidential
    case notACountry = "not-a-country"
  }

  public var code: String
  public var kind: Kind
  public var iso3: String?
  public var name: String
  public var isEUMember: Bool

  /// Decodes a row of trade_partner_codes.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    code = try row.string(.code)
    kind = try row.value(.kind)
    iso3 = try row.optionalString(.iso3)
    name = try row.string(.name)
    isEUMember = try row.bool(.euMember)
  }

  /// A code, for tests.
  public init(code: String, kind: Kind, iso3: String?, name: String, isEUMember: Bool = false) {
    self.code = code
    self.kind = kind
    self.iso3 = iso3
    self.name = name
    self.isEUMember = isEUMember
  }
}
