import CRMAIngest

/// A row of criticality.csv.
public struct CriticalityRecord: TableRecord {
  /// The fields of criticality.csv the transform reads.
  public enum Column: String, RecordColumn {
    case materialID = "material_id", label = "material_label", year = "assessment_year", stage
    case economicImportance = "economic_importance", supplyRisk = "supply_risk"
    case importReliancePct = "import_reliance_pct", eolRIRPct = "eol_rir_pct", sourceID = "source_id"
  }

  public var materialID: String
  public var label: String
  public var year: Int
  public var stage: String
  public var economicImportance: Double?
  public var supplyRisk: Double?
  public var importReliancePct: Double?
  public var eolRIRPct: Double?
  public var sourceID: String

  /// Decodes a row of criticality.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    label = try row.string(.label)
    year = try row.integer(.year)
    stage = try row.string(.stage)
    economicImportance = try row.optionalNumber(.economicImportance)
    supplyRisk = try row.optionalNumber(.supplyRisk)
    importReliancePct = try row.optionalNumber(.importReliancePct)
    eolRIRPct = try row.optionalNumber(.eolRIRPct)
    sourceID = try row.string(.sourceID)
  }
}
