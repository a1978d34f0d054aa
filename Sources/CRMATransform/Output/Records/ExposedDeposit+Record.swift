import CRMAIngest

extension ExposedDeposit: TableRecord {
  /// The fields of `exposure_deposits.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case materialID = "material_id"
    case depositID = "deposit_id"
    case status
    case statusAsOf = "status_as_of"
    case statusReportedAs = "status_reported_as"
    case statusSourceID = "status_source_id"
    case contained
    case basis
    case figureID = "figure_id"
    case figureSourceID = "figure_source_id"
    case minimum
    case maximum
    case figures
    case note
  }

  /// Decodes a row of `exposure_deposits.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    depositID = try row.string(.depositID)
    status = try row.value(.status)
    statusAsOf = try row.optionalString(.statusAsOf)
    statusReportedAs = try row.optionalString(.statusReportedAs)
    statusSourceID = try row.optionalString(.statusSourceID)
    contained = try row.optionalNumber(.contained)
    basis = try row.optionalString(.basis)
    figureID = try row.optionalString(.figureID)
    figureSourceID = try row.optionalString(.figureSourceID)
    minimum = try row.optionalNumber(.minimum)
    maximum = try row.optionalNumber(.maximum)
    figureCount = try row.integer(.figures)
    note = try row.text(.note)
  }
}
