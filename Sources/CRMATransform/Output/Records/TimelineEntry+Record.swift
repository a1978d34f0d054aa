import CRMAIngest

extension TimelineEntry: TableRecord {
  /// The fields of `timeline.csv`, shared by the writer and the report's reader.
  public enum Column: String, RecordColumn {
    case placeID = "place_id", from, to, status, evidence, detail, sourceID = "source_id", disagreement
  }

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    placeID = try row.string(.placeID)
    from = try row.string(.from)
    to = try row.optionalString(.to)
    status = try row.string(.status)
    evidence = try row.string(.evidence)
    detail = try row.text(.detail)
    sourceID = try row.string(.sourceID)
    disagreement = try row.text(.disagreement)
  }
}
