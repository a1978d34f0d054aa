import Glibc

/// Where a ``CSVReader`` gets its bytes from, one chunk at a time.
public protocol ByteSource {
  /// Fills the front of `buffer`; returns the count, 0 at the end.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int
}

/// A file read with `read(2)` in fixed-size chunks, so memory never depends on its size.
public final class FileByteSource: ByteSource {
  public let path: String
  private let descriptor: Int32

  /// Opens `path` for reading; a folder or a missing file is `cannotOpen`.
  public init(path: String) throws(CSVError) {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw CSVError(.cannotOpen, path: path, message: "cannot open: \(errnoText())")
    }
    var info = stat()
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      close(fd)
      throw CSVError(.cannotOpen, path: path, message: "cannot open: is a directory")
    }
    descriptor = fd
  }

  deinit { close(descriptor) }

  /// Reads up to `buffer.count` bytes; 0 at the end.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
    while true {
      let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw CSVError(.readFailed, path: path, message: "read failed: \(errnoText())")
    }
  }
}

/// A byte range of a file, read with `pread(2)` in chunks: lets two readers share one file
/// without sharing a file offset.
public final class FileRangeByteSource: ByteSource {
  public let path: String
  private let descriptor: Int32
  private var offset: Int
  private let end: Int

  /// Opens `path` to read the bytes in `range`.
  public init(path: String, range: Range<Int>) throws(CSVError) {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw CSVError(.cannotOpen, path: path, message: "cannot open: \(errnoText())")
    }
    descriptor = fd
    offset = range.lowerBound
    end = range.upperBound
  }

  deinit { close(descriptor) }

  /// Reads up to `buffer.count` bytes; 0 at the end.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
    let wanted = min(buffer.count, end - offset)
    guard wanted > 0 else { return 0 }
    while true {
      let count = pread(descriptor, buffer.baseAddress, wanted, off_t(offset))
      if count >= 0 {
        offset += count
        return count
      }
      if errno == EINTR { continue }
      throw CSVError(.readFailed, path: path, message: "read failed: \(errnoText())")
    }
  }
}

/// Bytes already in memory; for tests and for callers that hold the text.
public struct MemoryByteSource: ByteSource {
  private let bytes: [UInt8]
  private var offset = 0

  /// A source over `bytes`.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }
  /// A source over the UTF-8 bytes of `text`.
  public init(_ text: String) { self.bytes = Array(text.utf8) }

  /// Copies the next bytes; 0 at the end.
  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(CSVError) -> Int {
    let count = min(buffer.count, bytes.count - offset)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
    }
    offset += count
    return count
  }
}

/// The text of the current `errno`.
public func errnoText() -> String { String(cString: strerror(errno)) }
