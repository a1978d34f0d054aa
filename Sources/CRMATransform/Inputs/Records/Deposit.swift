import CRMAIngest

/// A row of deposits.csv.
public struct Deposit: TableRecord {
  /// The fields of deposits.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "deposit_id", name, oblast, partOf = "part_of"
  }

  public var id: String
  public var name: String
  public var oblast: String?
  public var partOf: String?

  /// Decodes a row of deposits.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    name = try row.string(.name)
    oblast = try row.optionalString(.oblast)
    partOf = try row.optionalString(.partOf)
  }
}
