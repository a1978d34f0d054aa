/// A failure to create or write an output file.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Which sysexits code the failure maps to.
  public enum Code: String, Sendable {
    /// The file or its temporary sibling cannot be created (sysexits EX_CANTCREAT, 73).
    case cannotCreate
    /// Writing, syncing or renaming failed (sysexits EX_IOERR, 74).
    case writeFailed
    /// SIGINT or SIGTERM arrived; nothing was swapped in (the CLI exits 128 + the signal).
    case interrupted
  }

  public var code: Code
  public var path: String
  public var message: String

  /// An error of kind `code` about `path`.
  public init(_ code: Code, path: String, message: String) {
    self.code = code
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}
