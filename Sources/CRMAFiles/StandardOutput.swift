import Glibc

/// Buffered writes to standard output in bounded memory, for streaming large outputs.
public final class StandardOutput {
  private var buffer: [UInt8] = []
  private let limit: Int

  /// A writer that flushes every `bufferBytes` bytes.
  public init(bufferBytes: Int = 1 << 16) {
    limit = bufferBytes
    buffer.reserveCapacity(bufferBytes + 1024)
  }

  /// Appends the UTF-8 bytes of `text`.
  public func write(_ text: String) throws(OutputError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= limit { try flush() }
  }

  /// Appends `bytes`.
  public func write(bytes: UnsafeRawBufferPointer) throws(OutputError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= limit { try flush() }
  }

  /// Writes out what is buffered.
  public func flush() throws(OutputError) {
    try writeAll(STDOUT_FILENO, buffer, path: "<stdout>")
    buffer.removeAll(keepingCapacity: true)
  }
}
