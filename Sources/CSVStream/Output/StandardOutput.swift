import Glibc

/// Buffered writes to standard output in bounded memory, for streaming large outputs.
public final class StandardOutput {
  private var buffer: [UInt8] = []
  private let limit: Int

  public init(bufferBytes: Int = 1 << 16) {
    limit = bufferBytes
    buffer.reserveCapacity(bufferBytes + 1024)
  }

  public func write(_ text: String) throws(OutputError) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= limit { try flush() }
  }

  public func write(bytes: UnsafeRawBufferPointer) throws(OutputError) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= limit { try flush() }
  }

  public func flush() throws(OutputError) {
    try writeAll(STDOUT_FILENO, buffer, path: "<stdout>")
    buffer.removeAll(keepingCapacity: true)
  }
}
