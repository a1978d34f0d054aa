import CRMAIngest

/// A USGS figure: one edition, product, country, year and measure (production_reserves.csv).
public struct ProductionFigure: TableRecord {
  /// The fields of production_reserves.csv the transform reads.
  public enum Column: String, RecordColumn {
    case edition, product, country, year, measure, value, unit, flag, qualifier
    case sourceID = "source_id"
  }

  /// Mine (or sponge) production, or reserves.
  public enum Measure: String, Sendable, Comparable, RecordValue {
    case production, reserves
    public static func < (lhs: Measure, rhs: Measure) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// How a published figure is qualified.
  public enum Qualifier: String, Sendable, RecordValue {
    /// Published with `>`.
    case greaterThan = "greater-than"
  }

  public var edition: String
  public var product: String
  public var country: String
  public var year: Int
  public var measure: Measure
  public var value: Double?
  public var unit: String
  public var flag: String
  public var greaterThan: Bool
  public var sourceID: String
  public var line: Int

  /// Decodes a row of production_reserves.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    edition = try row.string(.edition)
    guard Self.year(ofEdition: edition) != nil else {
      throw row.invalid(
        .edition, "\"\(edition)\" does not end with its year (as in \"MCS 2026\"); crma orders editions by it"
      )
    }
    product = try row.string(.product)
    country = try row.string(.country)
    year = try row.integer(.year)
    measure = try row.value(.measure)
    value = try row.optionalNumber(.value)
    unit = try row.string(.unit)
    flag = try row.string(.flag)
    greaterThan = try row.optionalValue(.qualifier, as: Qualifier.self) == .greaterThan
    sourceID = try row.string(.sourceID)
    line = row.line
  }

  /// A figure, for tests and other analyses.
  public init(
    edition: String, product: String, country: String, year: Int, measure: Measure, value: Double?,
    unit: String,
    flag: String = "reported", greaterThan: Bool = false, sourceID: String = "test", line: Int = 0
  ) {
    self.edition = edition
    self.product = product
    self.country = country
    self.year = year
    self.measure = measure
    self.value = value
    self.unit = unit
    self.flag = flag
    self.greaterThan = greaterThan
    self.sourceID = sourceID
    self.line = line
  }

  /// The edition's year ("MCS 2026" → 2026), for "newest edition first"; decoded figures always
  /// have one (0 only for a figure made in memory without it, which then sorts last).
  public var editionYear: Int { Self.year(ofEdition: edition) ?? 0 }

  /// The year an edition name ends with, if it ends with one.
  static func year(ofEdition edition: String) -> Int? {
    guard let last = edition.split(separator: " ").last, last.count == 4 else { return nil }
    return Int(last)
  }
}
