import CRMAIngest

/// A row of the optional `trade_imports` resource: the aggregate `crma trade` makes of a real
/// Comext or Comtrade extract, added to the data package with its source.
public struct TradeImport: TableRecord {
  /// The fields of trade_imports the transform reads.
  public enum Column: String, RecordColumn {
    case materialID = "material_id", stage, year, partner, value, netMassKg = "net_mass_kg"
    case sourceID = "source_id"
  }

  public var materialID: String
  public var stage: Stage
  public var year: Int
  /// The partner code as the extract gives it (ISO alpha-2 in Comext, alpha-3 in Comtrade).
  public var partner: String
  public var value: Double
  public var netMassKg: Double?
  public var sourceID: String

  /// Decodes a row of trade_imports.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    stage = try row.value(.stage)
    year = try row.integer(.year)
    partner = try row.string(.partner)
    value = try row.number(.value)
    netMassKg = try row.optionalNumber(.netMassKg)
    sourceID = try row.string(.sourceID)
  }

  /// An import row, for tests and other analyses.
  public init(
    materialID: String, stage: Stage, year: Int, partner: String, value: Double, sourceID: String = "test"
  ) {
    self.materialID = materialID
    self.stage = stage
    self.year = year
    self.partner = partner
    self.value = value
    self.sourceID = sourceID
  }
}
