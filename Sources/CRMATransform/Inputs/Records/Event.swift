import CRMAIngest

/// A row of events.csv: a dated event about the materials, passed through to the reports.
public struct Event: TableRecord {
  /// The fields of events.csv the reports read.
  public enum Column: String, RecordColumn {
    case id = "event_id", date, event, materials, sourceID = "source_id"
  }

  public var id: String
  public var date: String
  public var event: String
  /// The materials the event concerns, as free text; empty when not stated.
  public var materials: String
  public var sourceID: String

  /// Decodes a row of events.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    date = try row.string(.date)
    event = try row.string(.event)
    materials = try row.text(.materials)
    sourceID = try row.string(.sourceID)
  }
}
