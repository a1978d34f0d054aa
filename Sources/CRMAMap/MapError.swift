/// A problem with a snapshot file or the map stage's other inputs; the message names the file and,
/// inside a file, the line and column.
public struct MapError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    /// A folder or file that cannot be read.
    case noInput
    /// Malformed or unusable content (exit 65).
    case data
    /// Something crma cannot create or write.
    case output
  }

  public var kind: Kind
  public var path: String
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(_ kind: Kind, path: String, line: Int? = nil, column: Int? = nil, _ message: String) {
    self.kind = kind
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    var place = path
    if let line { place += ":\(line)" }
    if let column { place += ":\(column)" }
    return "\(place): \(message)"
  }
}
