/// A problem with a CSV file, with where it happened.
///
/// `line` is the 1-based line on which the offending record starts (a quoted field may span
/// several lines); `column` is the 1-based field number where it is known.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of problem it is; stable, so callers can map kinds to exit codes.
  public enum Code: String, Sendable, Equatable {
    /// The file does not exist or cannot be opened (exit 66 in the CLI).
    case cannotOpen
    /// Reading failed part-way.
    case readFailed
    case emptyFile
    case malformedQuoting
    case unterminatedQuote
    case fieldCountMismatch
    case invalidUTF8
    case emptyHeader
    case duplicateHeader
    case fieldTooLarge
    case rowTooLarge
    case invalidNumber
    case missingColumn
    case parserFailure
    /// libcsv (or the reader) ran out of memory: the machine's fault, not the file's (exit 70).
    case outOfMemory
  }

  public var code: Code
  public var path: String
  public var line: Int?
  public var column: Int?
  /// The header name of `column`, when the header is known.
  public var columnName: String?
  public var message: String

  /// An error of kind `code` at `path`, `line` and `column` where known.
  public init(
    _ code: Code, path: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
    message: String
  ) {
    self.code = code
    self.path = path
    self.line = line
    self.column = column
    self.columnName = columnName
    self.message = message
  }

  /// `FILE:LINE: column N (name): message`, the form compilers and editors understand.
  public var description: String {
    var text = path
    if let line { text += ":\(line)" }
    text += ": "
    if let column {
      text += "column \(column)"
      if let columnName { text += " (\(columnName))" }
      text += ": "
    }
    return text + message
  }
}
