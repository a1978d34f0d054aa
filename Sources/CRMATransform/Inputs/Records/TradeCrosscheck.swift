import CRMAIngest

/// A row of trade_crosschecks.csv: a figure Eurostat published about EU imports, shown beside the
/// shares computed from the extract.
public struct TradeCrosscheck: TableRecord {
  /// The fields of trade_crosschecks.csv.
  public enum Column: String, RecordColumn {
    case id = "crosscheck_id", materialID = "material_id", year, partner, measure, value, unit, scope
    case sourceID = "source_id"
  }

  /// What the figure measures.
  public enum Measure: String, Sendable, RecordValue {
    case importMass = "import-mass"
    case changeOnPreviousYear = "change-on-previous-year"
    case shareOfImportMass = "share-of-import-mass"
  }

  public var id: String
  public var materialID: String
  public var year: Int
  /// ISO alpha-3; nil for the total.
  public var partner: String?
  public var measure: Measure
  public var value: Double
  public var unit: String
  public var scope: String
  public var sourceID: String

  /// Decodes a row of trade_crosschecks.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    materialID = try row.string(.materialID)
    year = try row.integer(.year)
    partner = try row.optionalString(.partner)
    measure = try row.value(.measure)
    value = try row.number(.value)
    unit = try row.string(.unit)
    scope = try row.string(.scope)
    sourceID = try row.string(.sourceID)
  }
}
