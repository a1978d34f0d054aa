import CRMAIngest

extension MappedFigure: TableRecord {
  /// The fields of `mapping.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case resource
    case record
    case materialID = "material_id"
    case materialCategory = "material_category"
    case crmaEntry = "crma_entry"
    case crmaCategory = "crma_category"
    case gradeQualifier = "grade_qualifier"
    case stage
    case mappedVia = "mapped_via"
  }

  /// Decodes a row of `mapping.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    resource = try row.string(.resource)
    record = try row.string(.record)
    materialID = try row.text(.materialID)
    materialCategory = try row.value(.materialCategory)
    crmaEntry = try row.optionalString(.crmaEntry)
    crmaCategory = try row.value(.crmaCategory)
    gradeQualifier = try row.optionalString(.gradeQualifier)
    stage = try row.optionalValue(.stage)
    mappedVia = try row.text(.mappedVia)
  }
}
