/// A typed row of one table, decoded with checks: every column it reads must exist in the
/// table's schema with a type the record can read, every required value must be present and every
/// enumerated value must be one the record knows. Nothing falls back to a default.
///
/// A record names its columns in ``Column``, a `String` enum whose raw values are the field
/// names (like `CodingKeys`), so the names live in one place that the compiler checks:
///
/// ```swift
/// struct Benchmark: TableRecord {
///   enum Column: String, RecordColumn { case benchmark_id, value }
///   var id: String
///   var value: Double
///   init(row: RecordRow<Column>) throws(IngestProblem) {
///     id = try row.string(.benchmark_id)
///     value = try row.number(.value)
///   }
/// }
/// ```
public protocol TableRecord: Sendable {
  /// The fields the record reads; every case must be a field of the table.
  associatedtype Column: RecordColumn
  /// Decodes one row; throws a problem naming the file, the line and the column.
  init(row: RecordRow<Column>) throws(IngestProblem)
}

/// The field names of a ``TableRecord``: a `String` enum with one case per field it reads.
public protocol RecordColumn: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

/// A value of a field with a closed set of values (an enum column), decoded from its text.
public protocol RecordValue: RawRepresentable, CaseIterable, Sendable where RawValue == String {}
