import CRMAIngest

/// A row of benchmarks.csv: one of the Act's numeric benchmarks.
public struct Benchmark: TableRecord {
  /// The fields of benchmarks.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "benchmark_id", value
  }

  public var id: String
  public var value: Double

  /// Decodes a row of benchmarks.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    value = try row.number(.value)
  }
}
