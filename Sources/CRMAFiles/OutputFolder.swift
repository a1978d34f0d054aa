import CSystemShims
import Foundation
import Glibc

/// A folder of outputs replaced as a whole: files are written into a staging folder beside the
/// target (`.NAME.staging-PID`), and ``commit()`` swaps it with the target in one atomic
/// exchange, so readers see the old set or the new set, never a mix. Dropped without a commit,
/// the staging folder is removed and the target stays byte-identical.
///
/// Durability: every file is flushed to disk before the swap, but in one batch in ``commit()``
/// rather than one `fsync` as each file is written (see ``commit()``).
///
/// Signals: between files and before the swap the folder checks ``Interruption/signal`` and
/// stops with ``OutputError/Code-swift.enum/interrupted``; a SIGKILL leaves the staging folder,
/// which ``removeLeftovers(beside:)`` deletes on the next run.
public final class OutputFolder {
  public let path: String
  public let stagingPath: String
  private var committed = false
  private var folders: Set<String> = []
  /// Files written and not yet synced, with their still-open descriptors: synced as a batch by
  /// ``commit()`` (or when `syncBatch` are open), each through the descriptor that wrote it,
  /// so a writeback error is reported to this process whatever the kernel version.
  private var unsynced: [(descriptor: Int32, path: String)] = []
  /// At most this many written files wait for their sync with a descriptor open.
  static let syncBatch = 128

  /// Test hooks: milliseconds to sleep after each file written and before the swap, so a test
  /// can send a signal into those windows. Never set in production.
  static let writeDelay = Interruption.testDelay("CRMA_TEST_WRITE_DELAY_MS")
  static let swapDelay = Interruption.testDelay("CRMA_TEST_SWAP_DELAY_MS")

  /// The staging folder name a process uses for `path`.
  public static func stagingPath(for path: String, pid: Int32 = getpid()) -> String {
    let (parent, name) = split(path)
    return "\(parent)/.\(name).staging-\(pid)"
  }

  private static func split(_ path: String) -> (parent: String, name: String) {
    let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
    let slash = trimmed.lastIndex(of: "/")
    let parent = slash.map { String(trimmed[..<$0]) } ?? "."
    let name = slash.map { String(trimmed[trimmed.index(after: $0)...]) } ?? trimmed
    return (parent.isEmpty ? "/" : parent, name)
  }

  /// Creates the staging folder beside `path` (and `path`'s parent if missing).
  public init(path: String) throws(OutputError) {
    self.path = path.hasSuffix("/") ? String(path.dropLast()) : path
    self.stagingPath = Self.stagingPath(for: self.path)
    try Interruption.check(self.path)
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
    folders.insert(stagingPath)
  }

  deinit {
    for file in unsynced { close(file.descriptor) }
    if !committed { try? FileManager.default.removeItem(atPath: stagingPath) }
  }

  /// Where to write the file `name` of the set.
  public func file(_ name: String) -> String { "\(stagingPath)/\(name)" }

  /// Writes one file of the set (`name` may contain subfolders). The file is written under its
  /// own name, without a temporary name and a rename: the staging folder is this process's alone
  /// and becomes visible only whole, in ``commit()``. Its writeback starts at once; ``commit()``
  /// waits for it.
  public func write(_ bytes: [UInt8], to name: String) throws(OutputError) {
    let target = try prepare(name)
    let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw OutputError(.cannotCreate, path: file(name), message: "cannot create: \(errnoText())")
    }
    do {
      try writeAll(descriptor, bytes, path: target)
    } catch {
      close(descriptor)
      throw error
    }
    // Only a hint (errors surface in the fsync); the pages go to disk while the next files are
    // written.
    _ = crma_start_writeback(descriptor)
    unsynced.append((descriptor, target))
    if unsynced.count >= Self.syncBatch { try syncWritten() }
    Interruption.pause(milliseconds: Self.writeDelay)
  }

  /// Starts one file of the set that is written piece by piece (a table streamed while it is
  /// read), hashed as it is written.
  public func stream(_ name: String) throws(OutputError) -> StagedFile {
    StagedFile(name: name, file: try AtomicFile(path: try prepare(name)))
  }

  /// The staging path of `name`, its subfolders created and recorded for syncing.
  private func prepare(_ name: String) throws(OutputError) -> String {
    try Interruption.check(path)
    let target = file(name)
    let folder = (target as NSString).deletingLastPathComponent
    if folder != stagingPath {
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw OutputError(
          .cannotCreate, path: folder, message: "cannot create folder: \(error.localizedDescription)")
      }
      folders.insert(folder)
    }
    return target
  }

  /// Syncs and closes the files written since the last batch, stopping at the first failure.
  private func syncWritten() throws(OutputError) {
    while let file = unsynced.first {
      guard fsync(file.descriptor) == 0 else {
        throw OutputError(.writeFailed, path: file.path, message: "fsync failed: \(errnoText())")
      }
      unsynced.removeFirst()
      guard close(file.descriptor) == 0 else {
        throw OutputError(.writeFailed, path: file.path, message: "close failed: \(errnoText())")
      }
    }
  }

  /// Marks a folder as written by crma, so a later run may replace it whole.
  public static let ownerMarker = ".crma-output"

  /// Writes `files` (name → bytes) as the new content of `path`, replacing the old set whole.
  /// A non-empty folder that crma did not write (no ``ownerMarker``) is never replaced.
  public static func replace(_ path: String, with files: [String: [UInt8]]) throws(OutputError) {
    try checkReplaceable(path)
    let folder = try OutputFolder(path: path)
    try folder.finish(with: files)
  }

  /// Writes `files` and the owner marker into the staging folder, then ``commit()``s.
  public func finish(with files: [String: [UInt8]]) throws(OutputError) {
    for name in files.keys.sorted() { try write(files[name]!, to: name) }
    try write(
      Array("This folder is written by crma and replaced whole on each run.\n".utf8), to: Self.ownerMarker)
    try commit()
  }

  /// Throws unless `path` is missing, empty or a folder crma wrote (``ownerMarker``).
  public static func checkReplaceable(_ path: String) throws(OutputError) {
    if let entries = try? FileManager.default.contentsOfDirectory(atPath: path), !entries.isEmpty,
      !entries.contains(ownerMarker)
    {
      throw OutputError(
        .cannotCreate, path: path,
        message:
          "folder exists, is not empty and was not written by crma; choose an empty folder or a crma output folder"
      )
    }
  }

  /// Replaces the target folder with the staged one: the staged files and folders are synced,
  /// the two are exchanged in one `renameat2`, the parent folder is synced, and the old set
  /// (now at the staging path) is removed.
  ///
  /// Why one batch of syncs is as safe as a sync per written file: nothing in the staging folder
  /// is visible at `path` until the exchange, so the order in which its files reach the disk
  /// does not matter, only that all of them (data and metadata) and its folders' entries are
  /// durable before the exchange — which the loop below ensures, stopping at the first failure
  /// (the exchange is then never made and the old set stays). A crash before the exchange leaves
  /// the old set and a staging folder that ``removeLeftovers(beside:)`` deletes; after it and
  /// the parent's sync, the new set complete. The batch is cheaper because writeback was started
  /// as each file was written and one journal commit covers many files, where a sync after each
  /// write paid one commit per file (a written file keeps its descriptor until its sync; more
  /// than `syncBatch` are synced early, so the set's size never meets the descriptor limit).
  public func commit() throws(OutputError) {
    try syncWritten()
    for folder in folders.sorted(by: { $0.count > $1.count }) { try syncDirectory(folder) }
    Interruption.pause(milliseconds: Self.swapDelay)
    try Interruption.check(path)
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
    try syncDirectory(containing: path)
    // After an exchange the old set sits at the staging path.
    try? FileManager.default.removeItem(atPath: stagingPath)
  }

  /// Removes staging folders (`.NAME.staging-PID`) that runs killed before they could clean up
  /// left beside `path`, and temporary files (`.FILE.tmp-PID-N`) they left in `path`'s parent.
  /// Only leftovers of processes that no longer exist are removed; call it under the run lock.
  /// Returns the paths removed.
  @discardableResult
  public static func removeLeftovers(beside path: String) -> [String] {
    let (parent, name) = split(path)
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
    var removed: [String] = []
    for entry in entries.sorted() {
      let pid: Int32?
      if entry.hasPrefix(".\(name).staging-") {
        pid = Int32(entry.dropFirst(".\(name).staging-".count))
      } else if entry.hasPrefix("."), let range = entry.range(of: ".tmp-", options: .backwards) {
        pid = entry[range.upperBound...].split(separator: "-").first.flatMap { Int32($0) }
      } else {
        continue
      }
      guard let pid, pid > 0, pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      if (try? FileManager.default.removeItem(atPath: "\(parent)/\(entry)")) != nil {
        removed.append("\(parent)/\(entry)")
      }
    }
    return removed
  }
}

/// One file of an ``OutputFolder`` written piece by piece: buffered, hashed (SHA-256) and counted
/// as it goes; ``finish()`` moves it into the staging folder.
public final class StagedFile {
  public let name: String
  private let file: AtomicFile
  private var hasher = SHA256()
  /// Bytes written so far.
  public private(set) var byteCount = 0

  init(name: String, file: AtomicFile) {
    self.name = name
    self.file = file
  }

  /// Appends `bytes`.
  public func write(_ bytes: [UInt8]) throws(OutputError) {
    hasher.update(bytes)
    byteCount += bytes.count
    try file.write(bytes)
  }

  /// Writes `bytes` at `offset`, not hashed or counted yet: a later region of the file filled by
  /// another thread while this one appends with ``write(_:)`` below `offset`. ``adopt(count:)``
  /// takes the region in once the bytes before it are written; ``read(at:count:_:)`` reads it back.
  public func write(_ bytes: [UInt8], at offset: Int) throws(OutputError) {
    try file.write(bytes, at: offset)
  }

  /// Reads back `count` bytes at `offset` (see ``write(_:at:)``), in pieces.
  public func read(at offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) throws(OutputError) -> Void)
    throws(OutputError)
  {
    try file.flush(seekingTo: byteCount)
    try file.read(at: offset, count: count, body)
  }

  /// Counts and hashes the `count` bytes written with ``write(_:at:)`` at ``byteCount`` as written
  /// (the file now ends after them).
  public func adopt(count: Int) throws(OutputError) {
    try file.flush(seekingTo: byteCount)
    try file.read(at: byteCount, count: count) { hasher.update($0) }
    byteCount += count
    try file.flush(seekingTo: byteCount)
  }

  /// Flushes and moves the file into place; its size and SHA-256.
  public func finish() throws(OutputError) -> (bytes: Int, sha256: String) {
    // Bytes written with `write(_:at:)` and not adopted are cut off.
    try file.flush(truncatingTo: byteCount)
    try file.commit(syncingFolder: false)
    return (byteCount, hasher.finalize())
  }
}
