import CSVStream
import Testing

@Suite("NumberParsing: locale-free, from bytes")
struct NumberParsingTests {
  private func double(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBytes { NumberParsing.double($0) }
  }

  private func int(_ text: String) -> Int? {
    Array(text.utf8).withUnsafeBytes { NumberParsing.int($0) }
  }

  @Test("decimals parse exactly like the standard library")
  func decimals() {
    for text in [
      "0", "1", "-1", "+2", "0.5", "1.25", "12345.678", "-0.001", ".5", "5.", "1e3", "1E-3",
      "2.153", "0.5995", "123456789012345678901234", "0.1", "3.14159265358979323846", "1e-320",
      "9007199254740993", "4.9e-324", "1.7976931348623157e308",
    ] {
      #expect(double(text) == Double(text), "\(text)")
    }
  }

  @Test("rejects what is not a plain decimal number")
  func rejects() {
    for text in ["", "-", ".", "1,5", " 1", "1 ", "0x10", "1e", "1e+", "inf", "NaN", "1.2.3", "--1", "1e999"]
    {
      #expect(double(text) == nil, "\(text)")
    }
  }

  @Test("integers with overflow checks")
  func integers() {
    #expect(int("42") == 42)
    #expect(int("-7") == -7)
    #expect(int("9223372036854775807") == Int.max)
    #expect(int("-9223372036854775808") == Int.min)
    #expect(int("9223372036854775808") == nil)
    #expect(int("1.0") == nil)
    #expect(int("") == nil)
    #expect(int("+") == nil)
  }

  @Test("random decimals round-trip through the fast path")
  func randomDecimals() {
    var random = SeededRandomLocal(seed: 42)
    for _ in 0..<5000 {
      let whole = random.next() % 1_000_000_000
      let fraction = random.next() % 1_000_000
      let text = "\(whole).\(String(fraction).leftPadded(6))"
      #expect(double(text) == Double(text), "\(text)")
    }
  }

  @Test("number errors name the line and column")
  func recordNumbers() throws {
    let reader = try CSVReader(source: MemoryByteSource("a,b\n1,x\n"), path: "n.csv")
    try reader.forEach { (record: CSVRecord) throws in
      #expect(try record.int(at: 0) == 1)
      #expect(throws: CSVError.self) { try record.double(at: 1) }
      do {
        _ = try record.double(at: 1)
      } catch let error as CSVError {
        #expect(error.description == "n.csv:2: column 2 (b): \"x\" is not a number")
      }
    }
  }
}

private struct SeededRandomLocal {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state >> 11
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
