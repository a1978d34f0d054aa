import CRMAIngest

extension ExposureCount: TableRecord {
  /// The fields of `exposure_counts.csv`, shared by the writer and the report's reader.
  public enum Column: String, RecordColumn {
    case materialID = "material_id", status, deposits, total, depositIDs = "deposit_ids"
  }

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    status = try row.value(.status)
    deposits = try row.integer(.deposits)
    total = try row.integer(.total)
    depositIDs = try row.text(.depositIDs)
  }
}
