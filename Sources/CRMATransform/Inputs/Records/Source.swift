import CRMAIngest

/// A row of sources.csv.
public struct Source: TableRecord {
  /// The fields of sources.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "source_id", publisher, title, edition, url, confidence, accessed, transcribed, terms
    case published, shortLabel = "short_label", retrievedFrom = "retrieved_from"
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
  /// When the source was published (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), where the page shows it.
  public var published: String?
  /// The citation label, where publisher and date would not read well.
  public var shortLabel: String?
  /// Where crma's copy of a publisher's file was retrieved from (repository, path, commit): provenance,
  /// not the citation.
  public var retrievedFrom: String?

  /// A source, for tests and other analyses.
  public init(
    id: String, publisher: String, title: String = "", edition: String = "", url: String,
    confidence: SourceConfidence = .medium, accessed: String? = nil, transcribed: String,
    terms: String? = nil, published: String? = nil, shortLabel: String? = nil,
    retrievedFrom: String? = nil
  ) {
    self.id = id
    self.publisher = publisher
    self.title = title
    self.edition = edition
    self.url = url
    self.confidence = confidence
    self.accessed = accessed
    self.transcribed = transcribed
    self.terms = terms
    self.published = published
    self.shortLabel = shortLabel
    self.retrievedFrom = retrievedFrom
  }

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
    published = try row.optionalString(.published)
    shortLabel = try row.optionalString(.shortLabel)
    retrievedFrom = try row.optionalString(.retrievedFrom)
  }
}
