/// One problem found in the data: a value, a row or a file that breaks its Table Schema. The
/// ingest stage collects all of them instead of stopping at the first.
public struct IngestProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of rule the data broke.
  public enum Kind: String, Sendable {
    /// The resource's file is missing or unreadable (exit 66).
    case missingFile
    /// The CSV itself is malformed (quoting, field count, encoding, size limits).
    case malformedCSV
    /// The header does not match the schema's fields.
    case header
    case type
    case constraint
    case primaryKey
    case foreignKey
    /// The schema does not give a field the way crma reads it: a field crma needs is missing
    /// (renamed or removed), or declared with a type crma cannot read, or a resource crma needs is
    /// absent. The package is not crma's as described (exit 78).
    case schemaMismatch
    /// A file resource is not the file the package records: its size or SHA-256 differs.
    case integrity
  }

  public var kind: Kind
  public var resource: String
  public var path: String
  public var line: Int?
  public var column: String?
  public var message: String

  /// A problem of `kind` at `path`, `line` and `column` (each where known).
  public init(_ kind: Kind, resource: String, path: String, line: Int?, column: String?, message: String) {
    self.kind = kind
    self.resource = resource
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  /// `FILE:LINE: column: message`.
  public var description: String {
    var text = path
    if let line { text += ":\(line)" }
    text += ": "
    if let column { text += "\(column): " }
    return text + message
  }
}
