import CRMAIngest

extension UnmappedFigure: TableRecord {
  /// The fields of `unmapped.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case resource
    case record
    case name
    case reason
  }

  /// Decodes a row of `unmapped.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    resource = try row.string(.resource)
    record = try row.string(.record)
    name = try row.text(.name)
    reason = try row.text(.reason)
  }
}
