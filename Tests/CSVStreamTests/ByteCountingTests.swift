import CSVStream
import Testing

@Suite("Byte counting")
struct ByteCountingTests {
  @Test("counts every occurrence, at the edges too; nothing in empty bytes")
  func occurrences() {
    let text = Array("\"a\",\"b\n\"\"c\"\n".utf8)
    text.withUnsafeBytes { bytes in
      #expect(bytes.count(of: UInt8(ascii: "\"")) == 6)
      #expect(bytes.count(of: 0x0A) == 2)
      #expect(bytes.count(of: UInt8(ascii: "x")) == 0)
      #expect(UnsafeRawBufferPointer(rebasing: bytes[1..<4]).count(of: UInt8(ascii: "\"")) == 1)
    }
    #expect(UnsafeRawBufferPointer(start: nil, count: 0).count(of: 0x0A) == 0)
  }
}
