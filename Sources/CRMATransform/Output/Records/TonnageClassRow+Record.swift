import CRMAIngest

extension TonnageClassRow: TableRecord {
  /// The fields of `exposure_tonnage.csv`, shared by the writer and the report's reader.
  public enum Column: String, RecordColumn {
    case materialID = "material_id", status, resourceClass = "resource_class", basis, contained
    case depositIDs = "deposit_ids", qualifiers
  }

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    status = try row.value(.status)
    resourceClass = try row.string(.resourceClass)
    basis = try row.text(.basis)
    contained = try row.number(.contained)
    depositIDs = try row.text(.depositIDs)
    qualifiers = try row.text(.qualifiers)
  }
}
