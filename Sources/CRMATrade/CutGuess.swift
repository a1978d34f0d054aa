import CSVStream
import Glibc

extension TradeIngest {
  /// Cuts the file into up to `parts` ranges without reading up to the cuts: after each nominal
  /// cut (equal shares of bytes), the first line feed followed by a line that reads as a whole
  /// record — its quotes balanced, and `fieldCount` fields when read from its start — is taken.
  ///
  /// A guess can be wrong only where a quoted field holds line breaks and a line inside it looks
  /// like a record. The scan finds out: the part before such a cut ends inside a quoted field, an
  /// error under libcsv's strict end of input, and ``run(path:columns:crosswalk:partners:options:logger:)``
  /// reads again with ``split(path:parts:minimumPartBytes:)``'s exact cuts. Why a part that ends
  /// outside quotes proves its cut: it was read from a record start (the file's, or a proven
  /// cut), and its last byte, a line feed outside quotes, ended a record.
  ///
  /// Returns nil when a file is too small to cut or no record start shows within `window` bytes
  /// of a nominal cut (the caller then counts quotes).
  static func guessCuts(
    path: String, parts: Int, minimumPartBytes: Int, fieldCount: Int, window: Int = 1 << 20
  ) throws(CSVError) -> [Part]? {
    let (size, count) = try partCount(path: path, parts: parts, minimumPartBytes: minimumPartBytes)
    guard count > 1 else { return nil }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CSVError(.cannotOpen, path: path, message: "cannot open: \(errnoText())") }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: window, alignment: 16)
    defer { buffer.deallocate() }
    var cuts = [0]
    for partIndex in 1..<count {
      let nominal = max(cuts.last! + 1, size * partIndex / count)
      guard nominal < size else { break }
      var read = 0
      while read < min(window, size - nominal) {
        let got = pread(
          fd, buffer.baseAddress! + read, min(window, size - nominal) - read, off_t(nominal + read))
        if got < 0 && errno == EINTR { continue }
        guard got > 0 else { throw CSVError(.readFailed, path: path, message: "read failed: \(errnoText())") }
        read += got
      }
      guard let cut = recordStart(UnsafeRawBufferPointer(rebasing: buffer[0..<read]), fieldCount: fieldCount)
      else { return nil }
      guard nominal + cut < size else { break }
      cuts.append(nominal + cut)
    }
    guard cuts.count > 1 else { return nil }
    return Self.parts(cuts: cuts, size: size)
  }

  /// The offset just after the first line feed in `bytes` whose next line reads as one record
  /// of `fieldCount` fields with balanced quotes (a CR before its line feed allowed); nil if none.
  static func recordStart(_ bytes: UnsafeRawBufferPointer, fieldCount: Int) -> Int? {
    var position = 0
    while let feed = firstLineFeed(bytes, from: position) {
      let start = feed + 1
      guard let end = firstLineFeed(bytes, from: start) else { return nil }
      if readsAsRecord(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), fieldCount: fieldCount) {
        return start
      }
      position = start
    }
    return nil
  }

  private static func firstLineFeed(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard start < bytes.count, let base = bytes.baseAddress else { return nil }
    guard let hit = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
    return UnsafeRawPointer(hit) - base
  }

  /// Whether `line` (without its line feed) is one whole record read from its start: quoted
  /// fields opened at a field's start and closed, `fieldCount` fields.
  static func readsAsRecord(_ line: UnsafeRawBufferPointer, fieldCount: Int) -> Bool {
    var fields = 1
    var inQuotes = false
    var fieldStart = true
    var end = line.count
    if end > 0 && line[end - 1] == 0x0D { end -= 1 }
    for index in 0..<end {
      let byte = line[index]
      if inQuotes {
        if byte == UInt8(ascii: "\"") { inQuotes = false }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""):
        // A quote opens a field only at its start; a doubled quote reopens (`"a""b"`).
        guard fieldStart || (index > 0 && line[index - 1] == UInt8(ascii: "\"")) else { return false }
        inQuotes = true
        fieldStart = false
      case UInt8(ascii: ","):
        fields += 1
        fieldStart = true
      case 0x0D:
        return false
      default:
        fieldStart = false
      }
    }
    return !inQuotes && fields == fieldCount
  }
}
