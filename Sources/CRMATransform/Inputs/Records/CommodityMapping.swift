import CRMAIngest

/// A row of commodity_map.csv.
public struct CommodityMapping: TableRecord {
  /// The fields of commodity_map.csv the transform reads.
  public enum Column: String, RecordColumn {
    case commodity, materialID = "material_id", stage, basis, mappingNote = "mapping_note"
  }

  public var commodity: String
  /// nil when the commodity belongs to no material.
  public var materialID: String?
  public var stage: Stage
  public var basis: String?
  /// Why the row maps as it does; a note starting "deliberately unmapped" marks a documented
  /// exclusion (listed once in unmapped.csv, never a warning).
  public var mappingNote: String?

  /// A code or name the map leaves without a material on purpose, and says why.
  public var isDeliberateExclusion: Bool {
    materialID == nil && (mappingNote?.hasPrefix("deliberately unmapped") ?? false)
  }

  /// Decodes a row of commodity_map.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    commodity = try row.string(.commodity)
    materialID = try row.optionalString(.materialID)
    stage = try row.value(.stage)
    basis = try row.optionalString(.basis)
    mappingNote = try row.optionalString(.mappingNote)
  }
}
