import Glibc

/// Why an input file is refused or cannot be read (sysexits EX_NOINPUT, 66).
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong with the file.
  public enum Kind: String, Sendable {
    /// The file does not exist.
    case missing
    /// A FIFO, a device, a socket or a folder where a file is expected.
    case notRegularFile
    /// A symbolic link (or a path through one) that leads out of the package folder.
    case outsideFolder
    /// Opening or reading failed.
    case readFailed
  }

  public var kind: Kind
  public var path: String
  public var message: String

  /// An error of kind `kind` about `path`.
  public init(_ kind: Kind, path: String, message: String) {
    self.kind = kind
    self.path = path
    self.message = message
  }

  public var description: String { "\(path): \(message)" }
}

/// Checks made on an input file before anything opens it: it must be a regular file inside its
/// package folder. A symbolic link to `/dev/zero` would otherwise be hashed forever and a FIFO
/// would block the run (while it holds the lock); a link out of the folder reads files the
/// package does not own.
public enum InputFile {
  /// Refuses `path` unless it resolves (links followed) to a regular file inside `folder`.
  public static func check(_ path: String, inside folder: String) throws(InputError) {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      throw InputError(
        errno == ENOENT ? .missing : .readFailed, path: path, message: "cannot open: \(errnoText())")
    }
    guard let resolved = realPath(path) else {
      throw InputError(.missing, path: path, message: "is a symbolic link to nothing: \(errnoText())")
    }
    if let root = realPath(folder), resolved != root, !resolved.hasPrefix(root == "/" ? "/" : root + "/") {
      throw InputError(
        .outsideFolder, path: path,
        message:
          "leads out of \(folder) (to \(resolved)); crma reads only regular files inside the package folder")
    }
    guard stat(resolved, &info) == 0 else {
      throw InputError(.readFailed, path: path, message: "cannot open: \(errnoText())")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw InputError(
        .notRegularFile, path: path,
        message: "is not a regular file (\(kindName(info.st_mode))); crma reads only regular files")
    }
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  static func kindName(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: return "a FIFO"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    case S_IFDIR: return "a folder"
    default: return "not a file"
    }
  }
}
