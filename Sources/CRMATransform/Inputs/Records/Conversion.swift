import CRMAIngest

/// A row of conversions.csv.
public struct Conversion: TableRecord {
  /// The fields of conversions.csv the transform reads.
  public enum Column: String, RecordColumn {
    case from = "from_basis", to = "to_basis", factor, sourceID = "source_id"
  }

  /// The factors crma applies, both ways: chemical conversions lie far inside it, and a value
  /// within the data's bound times a factor (or its inverse) stays finite.
  public static let factorRange = 1e-6...1e6

  public var from: String
  public var to: String
  public var factor: Double
  public var sourceID: String

  /// Decodes a row of conversions.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    from = try row.string(.from)
    to = try row.string(.to)
    factor = try row.number(.factor)
    guard Self.factorRange.contains(factor) else {
      throw row.invalid(.factor, "\(factor) is outside crma's range for conversion factors (10^-6 to 10^6)")
    }
    sourceID = try row.string(.sourceID)
  }

  /// A conversion factor, for tests and other analyses.
  public init(from: String, to: String, factor: Double, sourceID: String) {
    self.from = from
    self.to = to
    self.factor = factor
    self.sourceID = sourceID
  }
}
