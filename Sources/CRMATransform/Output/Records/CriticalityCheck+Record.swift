import CRMAIngest

extension CriticalityCheck: TableRecord {
  /// The fields of `supply_risk.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case materialID = "material_id"
    case materialLabel = "material_label"
    case assessmentYear = "assessment_year"
    case supplyRisk = "supply_risk"
    case economicImportance = "economic_importance"
    case srThreshold = "sr_threshold"
    case eiThreshold = "ei_threshold"
    case meetsThresholds = "meets_thresholds"
    case crmaCategory = "crma_category"
    case recomputation
    case sourceID = "source_id"
  }

  /// Decodes a row of `supply_risk.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    label = try row.string(.materialLabel)
    year = try row.integer(.assessmentYear)
    supplyRisk = try row.optionalNumber(.supplyRisk)
    economicImportance = try row.optionalNumber(.economicImportance)
    supplyRiskThreshold = try row.number(.srThreshold)
    economicImportanceThreshold = try row.number(.eiThreshold)
    meetsThresholds = try row.optionalBool(.meetsThresholds)
    crmaCategory = try row.value(.crmaCategory)
    recomputation = try row.text(.recomputation)
    sourceID = try row.text(.sourceID)
  }
}
