import CRMAIngest

/// A row of `trade_imports_by_product`: the trade extract's imports of one product code from one
/// partner in one year, as the ingest stage's trade step aggregates them.
public struct TradeImportByProduct: TableRecord {
  /// The fields of trade_imports_by_product the transform reads.
  public enum Column: String, RecordColumn {
    case productCode = "product_code", year, partner, value, netMassKg = "net_mass_kg"
    case sourceID = "source_id"
  }

  public var productCode: String
  public var year: Int
  /// The partner code as the extract gives it (Comext: ISO alpha-2, with EL, XS, XK, XC).
  public var partner: String
  public var value: Double
  /// nil when the extract has no mass: shares are then of value.
  public var netMassKg: Double?
  public var sourceID: String

  /// Decodes a row of trade_imports_by_product.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    productCode = try row.string(.productCode)
    year = try row.integer(.year)
    partner = try row.string(.partner)
    value = try row.number(.value)
    netMassKg = try row.optionalNumber(.netMassKg)
    sourceID = try row.string(.sourceID)
  }

  /// An import row, for tests and other analyses.
  public init(
    productCode: String, year: Int, partner: String, value: Double, netMassKg: Double? = nil,
    sourceID: String = "test"
  ) {
    self.productCode = productCode
    self.year = year
    self.partner = partner
    self.value = value
    self.netMassKg = netMassKg
    self.sourceID = sourceID
  }
}
