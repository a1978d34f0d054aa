import CRMAIngest

/// A row of sources.csv.
public struct Source: TableRecord {
  /// The fields of sources.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "source_id", publisher, title, edition, url, confidence, accessed, transcribed, terms
  }

  public var id: String
  public var publisher: String
  /// Empty when the source has no title (the field is optional).
  public var title: String
  /// Empty when the source has no edition (the field is optional).
  public var edition: String
  public var url: String
  public var confidence: SourceConfidence
  /// When the copy was accessed (`YYYY-MM-DD`), if stated.
  public var accessed: String?
  /// When the figures were transcribed (`YYYY-MM-DD`).
  public var transcribed: String
  /// The publisher's terms of use, if stated.
  public var terms: String?

  /// Decodes a row of sources.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    publisher = try row.string(.publisher)
    title = try row.optionalString(.title) ?? ""
    edition = try row.optionalString(.edition) ?? ""
    url = try row.string(.url)
    confidence = try row.value(.confidence)
    accessed = try row.optionalString(.accessed)
    transcribed = try row.string(.transcribed)
    terms = try row.optionalString(.terms)
  }
}
