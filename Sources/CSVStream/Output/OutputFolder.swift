import CSystemShims
import Foundation
import Glibc

/// A folder of outputs replaced as a whole: files are written into a staging folder beside the
/// target (`.NAME.staging-PID`), and ``commit()`` swaps it with the target in one atomic
/// exchange, so readers see the old set or the new set, never a mix. Dropped without a commit,
/// the staging folder is removed and the target stays byte-identical.
public final class OutputFolder {
  public let path: String
  public let stagingPath: String
  private var committed = false

  /// The staging folder name a process uses for `path`; the CLI removes it on SIGINT/SIGTERM.
  public static func stagingPath(for path: String, pid: Int32 = getpid()) -> String {
    let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
    let slash = trimmed.lastIndex(of: "/")
    let parent = slash.map { String(trimmed[..<$0]) } ?? "."
    let name = slash.map { String(trimmed[trimmed.index(after: $0)...]) } ?? trimmed
    return "\(parent.isEmpty ? "/" : parent)/.\(name).staging-\(pid)"
  }

  /// Creates the staging folder beside `path` (and `path`'s parent if missing).
  public init(path: String) throws(OutputError) {
    self.path = path.hasSuffix("/") ? String(path.dropLast()) : path
    self.stagingPath = Self.stagingPath(for: self.path)
    let parent = (self.path as NSString).deletingLastPathComponent
    do {
      if !parent.isEmpty {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
      }
    } catch {
      throw OutputError(
        .cannotCreate, path: parent, message: "cannot create folder: \(error.localizedDescription)")
    }
    try? FileManager.default.removeItem(atPath: stagingPath)
    guard mkdir(stagingPath, 0o755) == 0 else {
      throw OutputError(.cannotCreate, path: path, message: "cannot create staging folder: \(errnoText())")
    }
  }

  deinit {
    if !committed { try? FileManager.default.removeItem(atPath: stagingPath) }
  }

  /// Where to write the file `name` of the set.
  public func file(_ name: String) -> String { "\(stagingPath)/\(name)" }

  /// Writes one file of the set (`name` may contain subfolders).
  public func write(_ bytes: [UInt8], to name: String) throws(OutputError) {
    let target = file(name)
    let folder = (target as NSString).deletingLastPathComponent
    if folder != stagingPath {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw OutputError(
          .cannotCreate, path: folder, message: "cannot create folder: \(error.localizedDescription)")
      }
    }
    try AtomicFile.write(bytes, to: target)
  }

  /// Marks a folder as written by crma, so a later run may replace it whole.
  public static let ownerMarker = ".crma-output"

  /// Writes `files` (name → bytes) as the new content of `path`, replacing the old set whole.
  /// A non-empty folder that crma did not write (no ``ownerMarker``) is never replaced.
  public static func replace(_ path: String, with files: [String: [UInt8]]) throws(OutputError) {
    if let entries = try? FileManager.default.contentsOfDirectory(atPath: path), !entries.isEmpty,
      !entries.contains(ownerMarker)
    {
      throw OutputError(
        .cannotCreate, path: path,
        message:
          "folder exists, is not empty and was not written by crma; choose an empty folder or a crma output folder"
      )
    }
    let folder = try OutputFolder(path: path)
    for name in files.keys.sorted() { try folder.write(files[name]!, to: name) }
    try folder.write(
      Array("This folder is written by crma and replaced whole on each run.\n".utf8), to: ownerMarker)
    try folder.commit()
  }

  /// Replaces the target folder with the staged one.
  public func commit() throws(OutputError) {
    var info = stat()
    if lstat(path, &info) == 0 {
      guard (info.st_mode & S_IFMT) == S_IFDIR else {
        throw OutputError(.cannotCreate, path: path, message: "exists and is not a folder")
      }
      guard crma_rename_exchange(stagingPath, path) == 0 else {
        throw OutputError(.writeFailed, path: path, message: "cannot swap in the new outputs: \(errnoText())")
      }
    } else {
      guard rename(stagingPath, path) == 0 else {
        throw OutputError(
          .writeFailed, path: path, message: "cannot move the new outputs into place: \(errnoText())")
      }
    }
    committed = true
    // After an exchange the old set sits at the staging path.
    try? FileManager.default.removeItem(atPath: stagingPath)
  }
}
