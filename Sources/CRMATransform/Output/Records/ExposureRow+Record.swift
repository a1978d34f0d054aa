import CRMAIngest

extension ExposureRow: TableRecord {
  /// The fields of `exposure.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case materialID = "material_id"
    case status
    case basis
    case deposits
    case depositsWithTonnage = "deposits_with_tonnage"
    case contained
    case share
    case earliestAsOf = "earliest_as_of"
    case latestAsOf = "latest_as_of"
  }

  /// Decodes a row of `exposure.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    status = try row.value(.status)
    basis = try row.text(.basis)
    deposits = try row.integer(.deposits)
    depositsWithTonnage = try row.integer(.depositsWithTonnage)
    contained = try row.number(.contained)
    share = try row.number(.share)
    earliestAsOf = try row.optionalString(.earliestAsOf)
    latestAsOf = try row.optionalString(.latestAsOf)
  }
}
