// The declared types each accessor reads, built once (not a collection per cell read).
private let textTypes: [FieldDescriptor.FieldType] = [.string, .date, .any]
private let numberTypes: [FieldDescriptor.FieldType] = [.number, .integer]
private let integerTypes: [FieldDescriptor.FieldType] = [.integer, .year]
private let booleanTypes: [FieldDescriptor.FieldType] = [.boolean]

/// One row of a ``Table`` as a ``TableRecord`` reads it: accessors by column that either return
/// the typed value or throw a problem naming the file, the line and the column. Required and
/// optional values are separate accessors, so a record says which it expects.
public struct RecordRow<Column: RecordColumn> {
  let table: Table
  let index: Int
  let positions: [Column: Int]

  /// The line of the row in its file.
  public var line: Int { table.lines[index] }

  // MARK: - Required values

  /// The text of a string (or date) field; throws when the value is missing.
  public func string(_ column: Column) throws(IngestProblem) -> String {
    try required(column, optionalString(column))
  }

  /// A number (or integer) field; throws when the value is missing.
  public func number(_ column: Column) throws(IngestProblem) -> Double {
    try required(column, optionalNumber(column))
  }

  /// An integer (or year) field; throws when the value is missing.
  public func integer(_ column: Column) throws(IngestProblem) -> Int {
    try required(column, optionalInteger(column))
  }

  /// A boolean field; throws when the value is missing.
  public func bool(_ column: Column) throws(IngestProblem) -> Bool {
    try required(column, optionalBool(column))
  }

  /// A field with a closed set of values; throws when the value is missing or not one of them.
  public func value<Value: RecordValue>(_ column: Column, as type: Value.Type = Value.self)
    throws(IngestProblem) -> Value
  {
    try required(column, optionalValue(column, as: type))
  }

  // MARK: - Optional values

  /// The text of an optional free-text field, empty when the value is missing (a derived table
  /// writes an empty note or reason as a missing value). The field must still exist.
  public func text(_ column: Column) throws(IngestProblem) -> String {
    try optionalString(column) ?? ""
  }

  /// The text of a string (or date) field, nil when missing.
  public func optionalString(_ column: Column) throws(IngestProblem) -> String? {
    switch try cell(column, reading: "text", accepts: textTypes) {
    case nil: return nil
    case .string(let text)?, .date(let text)?: return text
    case let other?: return other.text
    }
  }

  /// A number (or integer) field, nil when missing.
  public func optionalNumber(_ column: Column) throws(IngestProblem) -> Double? {
    guard let value = try cell(column, reading: "a number", accepts: numberTypes) else { return nil }
    guard let number = value.double else { throw wrongValue(column, value, "a number") }
    return number
  }

  /// An integer (or year) field, nil when missing.
  public func optionalInteger(_ column: Column) throws(IngestProblem) -> Int? {
    guard let value = try cell(column, reading: "an integer", accepts: integerTypes) else { return nil }
    guard let integer = value.int else { throw wrongValue(column, value, "an integer") }
    return integer
  }

  /// A boolean field, nil when missing.
  public func optionalBool(_ column: Column) throws(IngestProblem) -> Bool? {
    guard let value = try cell(column, reading: "a boolean", accepts: booleanTypes) else { return nil }
    guard let bool = value.bool else { throw wrongValue(column, value, "a boolean") }
    return bool
  }

  /// A field with a closed set of values, nil when missing; throws on a value crma does not know.
  public func optionalValue<Value: RecordValue>(_ column: Column, as type: Value.Type = Value.self)
    throws(IngestProblem) -> Value?
  {
    guard let text = try optionalString(column) else { return nil }
    guard let value = Value(rawValue: text) else {
      let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
      throw problem(.type, column, line: line, "\"\(text)\" is not a value crma knows (\(known))")
    }
    return value
  }

  /// A problem with this row's value in `column`, for checks a record makes beyond the schema
  /// (a value crma cannot compute with); it names the file, the line and the column (exit 65).
  public func invalid(_ column: Column, _ message: String) -> IngestProblem {
    problem(.constraint, column, line: line, message)
  }

  // MARK: - Checks

  private func cell(_ column: Column, reading: String, accepts types: [FieldDescriptor.FieldType])
    throws(IngestProblem) -> FieldValue?
  {
    guard let position = positions[column] else {
      throw problem(.schemaMismatch, column, line: nil, "crma needs this field; the table has none")
    }
    let field = table.resource.schema.fields[position]
    guard types.contains(field.type) else {
      throw problem(
        .schemaMismatch, column, line: nil,
        "the schema declares it \(field.type.rawValue); crma reads it as \(reading)")
    }
    return table.rows[index][position]
  }

  private func required<Value>(_ column: Column, _ value: Value?) throws(IngestProblem) -> Value {
    guard let value else { throw problem(.constraint, column, line: line, "value is required by crma") }
    return value
  }

  private func wrongValue(_ column: Column, _ value: FieldValue, _ expected: String) -> IngestProblem {
    problem(.type, column, line: line, "\"\(value.text)\" is not \(expected)")
  }

  private func problem(_ kind: IngestProblem.Kind, _ column: Column, line: Int?, _ message: String)
    -> IngestProblem
  {
    IngestProblem(
      kind, resource: table.name, path: table.path, line: line, column: column.rawValue, message: message)
  }
}
