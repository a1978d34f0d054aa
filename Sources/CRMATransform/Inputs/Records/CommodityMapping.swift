import CRMAIngest

/// A row of commodity_map.csv.
public struct CommodityMapping: TableRecord {
  /// The fields of commodity_map.csv the transform reads.
  public enum Column: String, RecordColumn {
    case commodity, materialID = "material_id", stage, basis
  }

  public var commodity: String
  /// nil when the commodity belongs to no material.
  public var materialID: String?
  public var stage: Stage
  public var basis: String?

  /// Decodes a row of commodity_map.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    commodity = try row.string(.commodity)
    materialID = try row.optionalString(.materialID)
    stage = try row.value(.stage)
    basis = try row.optionalString(.basis)
  }
}
