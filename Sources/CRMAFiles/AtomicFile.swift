import Glibc

/// Writes a file under a temporary name in the same directory and renames it into place on
/// ``commit()``, so readers see the old file or the new one, never half of one. Dropped without
/// a commit, it removes its temporary file.
public final class AtomicFile {
  public let path: String
  let temporaryPath: String
  private var descriptor: Int32
  private var pending: [UInt8] = []
  private var finished = false

  /// Creates the temporary file beside `path`.
  public init(path: String) throws(OutputError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var fd: Int32 = -1
    var candidate = ""
    for attempt in 0..<100 {
      candidate = "\(directory.isEmpty ? "/" : directory)/.\(name).tmp-\(getpid())-\(attempt)"
      fd = open(candidate, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if fd >= 0 || errno != EEXIST { break }
    }
    guard fd >= 0 else {
      throw OutputError(.cannotCreate, path: path, message: "cannot create: \(errnoText())")
    }
    descriptor = fd
    temporaryPath = candidate
  }

  deinit {
    if !finished {
      close(descriptor)
      unlink(temporaryPath)
    }
  }

  /// Appends bytes (buffered).
  public func write(_ bytes: [UInt8]) throws(OutputError) {
    // A large piece with nothing buffered goes out at once, not copied into the buffer first.
    if pending.isEmpty && bytes.count >= 1 << 16 {
      try writeAll(descriptor, bytes, path: path)
      return
    }
    pending.append(contentsOf: bytes)
    if pending.count >= 1 << 16 { try flush() }
  }

  /// Appends the UTF-8 bytes of `text`.
  public func write(_ text: String) throws(OutputError) {
    try write(Array(text.utf8))
  }

  private func flush() throws(OutputError) {
    try writeAll(descriptor, pending, path: path)
    pending.removeAll(keepingCapacity: true)
  }

  /// Writes `bytes` at `offset` of the file at once, past the buffer and without moving the
  /// position `write(_:)` writes at: for a region written by another thread (only the
  /// descriptor is read here).
  public func write(_ bytes: [UInt8], at offset: Int) throws(OutputError) {
    let result = bytes.withUnsafeBytes { buffer in
      Result { () throws(OutputError) in
        var done = 0
        while done < buffer.count {
          let written = pwrite(
            descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
          if written < 0 {
            if errno == EINTR { continue }
            throw OutputError(.writeFailed, path: path, message: "write failed: \(errnoText())")
          }
          done += written
        }
      }
    }
    try result.get()
  }

  /// Reads `count` bytes at `offset` (written before, the buffer flushed), in pieces of up to
  /// 1 MiB handed to `body`.
  public func read(at offset: Int, count: Int, _ body: (UnsafeRawBufferPointer) throws(OutputError) -> Void)
    throws(OutputError)
  {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var done = 0
    while done < count {
      let read = pread(descriptor, buffer.baseAddress, min(buffer.count, count - done), off_t(offset + done))
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else {
        throw OutputError(
          .writeFailed, path: path, message: "cannot read back: \(read < 0 ? errnoText() : "end of file")")
      }
      try body(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
      done += read
    }
  }

  /// Writes out the buffer and moves the position `write(_:)` writes at to `offset`.
  public func flush(seekingTo offset: Int) throws(OutputError) {
    try flush()
    guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
      throw OutputError(.writeFailed, path: path, message: "cannot seek: \(errnoText())")
    }
  }

  /// Writes out the buffer and cuts the file to `length` bytes (bytes written with
  /// ``write(_:at:)`` past what the file keeps).
  public func flush(truncatingTo length: Int) throws(OutputError) {
    try flush()
    guard ftruncate(descriptor, off_t(length)) == 0 else {
      throw OutputError(.writeFailed, path: path, message: "cannot truncate: \(errnoText())")
    }
  }

  /// Flushes, syncs and renames the file into place, then syncs its folder.
  public func commit() throws(OutputError) {
    try commit(syncingFolder: true)
  }

  /// ``commit()``; a caller that syncs the folder itself later (a staging folder) passes false.
  func commit(syncingFolder: Bool) throws(OutputError) {
    try flush()
    guard fsync(descriptor) == 0 else {
      throw OutputError(.writeFailed, path: path, message: "fsync failed: \(errnoText())")
    }
    close(descriptor)
    finished = true
    guard rename(temporaryPath, path) == 0 else {
      let text = errnoText()
      unlink(temporaryPath)
      throw OutputError(.writeFailed, path: path, message: "cannot rename into place: \(text)")
    }
    if syncingFolder { try syncDirectory(containing: path) }
  }

  /// Writes `bytes` to `path` atomically in one call.
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    let file = try AtomicFile(path: path)
    try file.write(bytes)
    try file.commit()
  }
}

/// Syncs the folder that holds `path`, so a rename into it survives a crash.
func syncDirectory(containing path: String) throws(OutputError) {
  let slash = path.lastIndex(of: "/")
  let directory = slash.map { String(path[..<$0]) } ?? "."
  try syncDirectory(directory.isEmpty ? "/" : directory)
}

/// Syncs the folder `directory` itself (its entries).
func syncDirectory(_ directory: String) throws(OutputError) {
  let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  guard descriptor >= 0 else {
    throw OutputError(
      .writeFailed, path: directory, message: "cannot open the folder to sync it: \(errnoText())")
  }
  defer { close(descriptor) }
  guard fsync(descriptor) == 0 else {
    throw OutputError(.writeFailed, path: directory, message: "fsync of the folder failed: \(errnoText())")
  }
}

/// Writes every byte, retrying on short writes and EINTR.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(OutputError) {
  let result = bytes.withUnsafeBytes { buffer in
    Result { () throws(OutputError) in try writeAll(descriptor, buffer, path: path) }
  }
  try result.get()
}

func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws(OutputError) {
  var offset = 0
  while offset < buffer.count {
    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
    if written < 0 {
      if errno == EINTR { continue }
      throw OutputError(.writeFailed, path: path, message: "write failed: \(errnoText())")
    }
    offset += written
  }
}
