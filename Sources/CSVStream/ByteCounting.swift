import Glibc

extension UnsafeRawBufferPointer {
  /// How often `byte` occurs in these bytes, found with `memchr` (for the quote and line-feed
  /// counts that cut a file into parts at record boundaries).
  public func count(of byte: UInt8) -> Int {
    guard var cursor = baseAddress else { return 0 }
    var remaining = count
    var found = 0
    while remaining > 0, let hit = memchr(cursor, Int32(byte), remaining) {
      found += 1
      let advanced = UnsafeRawPointer(hit) - cursor + 1
      cursor += advanced
      remaining -= advanced
    }
    return found
  }
}
