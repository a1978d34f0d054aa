import CRMAIngest

/// A row of countries.csv.
public struct Country: TableRecord {
  /// The fields of countries.csv the transform reads.
  public enum Column: String, RecordColumn {
    case iso3, iso2, name, kind, euMember = "eu_member"
  }

  /// What a row of countries.csv stands for.
  public enum Kind: String, Sendable, RecordValue {
    case country
    /// A crma aggregate (world, other countries).
    case aggregate
  }

  public var iso3: String
  /// ISO 3166-1 alpha-2; empty for crma's aggregates (the field is optional).
  public var iso2: String
  public var name: String
  public var isAggregate: Bool
  public var isEUMember: Bool

  /// Decodes a row of countries.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    iso3 = try row.string(.iso3)
    iso2 = try row.optionalString(.iso2) ?? ""
    name = try row.string(.name)
    isAggregate = try row.value(.kind, as: Kind.self) == .aggregate
    isEUMember = try row.bool(.euMember)
  }

  /// A country, for tests and other analyses.
  public init(iso3: String, name: String, isAggregate: Bool = false, isEUMember: Bool = false) {
    self.iso3 = iso3
    self.iso2 = ""
    self.name = name
    self.isAggregate = isAggregate
    self.isEUMember = isEUMember
  }
}
