/// A failure that stops the ingest stage before any table is checked: the package descriptor is
/// unusable, or its folder is missing.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What failed; the CLI maps it to an exit code.
  public enum Code: String, Sendable {
    /// `datapackage.json` is missing, not JSON, or not a valid descriptor (exit 78).
    case invalidDescriptor
    /// The data folder or the descriptor file cannot be read (exit 66).
    case missingInput
  }

  public var code: Code
  public var path: String
  public var message: String

  /// An error of kind `code` about the file at `path`.
  public init(_ code: Code, path: String, message: String) {
    self.code = code
    self.path = path
    self.message = message
  }

  /// A descriptor problem whose file is filled in by the caller.
  static func descriptor(_ message: String) -> IngestError {
    IngestError(.invalidDescriptor, path: "datapackage.json", message: message)
  }

  public var description: String { "\(path): \(message)" }
}
