import CSVStream
import Testing

/// Number formatting is total: every Double has a text, nothing traps, finite values read back.
@Suite("NumberFormatting: total over every Double")
struct NumberFormattingTests {
  /// Generated extremes (synthetic): the largest and smallest magnitudes, zeros, powers of ten
  /// around the Int64 and 10^15 edges.
  static let extremes: [Double] =
    [
      1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
      -.leastNonzeroMagnitude, .leastNormalMagnitude, 0, -0.0, 1e15, 1e15 - 1, 1e15 + 2, 9.2e18, 9.3e18,
      1e19, 1e20, -1e20, 1.5e22, 0x1p63, 0x1p64, 1234567890123456789012345678901234567890.0,
    ] + (0..<64).map { Double(sign: .plus, exponent: $0 * 16 - 500, significand: 1.337) }

  @Test("canonical text of any finite Double reads back to the same value", arguments: extremes)
  func canonicalRoundTrips(value: Double) {
    let text = NumberFormatting.canonical(value)
    let parsed = Array(text.utf8).withUnsafeBytes { NumberParsing.double($0) }
    #expect(parsed == value, "\(text)")
  }

  @Test("fixed writes any finite value in full without trapping", arguments: extremes)
  func fixedIsTotal(value: Double) {
    for digits in [0, 1, 3, 12] {
      let text = NumberFormatting.fixed(value, digits: digits)
      #expect(!text.isEmpty)
      #expect(text.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" }, "\(text)")
      if value.magnitude >= 1, let back = Double(text) {
        #expect(back == value.rounded(.toNearestOrAwayFromZero) || digits > 0, "\(value) → \(text)")
      }
    }
  }

  @Test("1e20 and the largest double are written exactly")
  func exactLargeIntegers() {
    #expect(NumberFormatting.fixed(1e20, digits: 0) == "100000000000000000000")
    #expect(NumberFormatting.fixed(-1e20, digits: 2) == "-100000000000000000000.00")
    #expect(NumberFormatting.fixed(0x1p64, digits: 0) == "18446744073709551616")
    let largest = NumberFormatting.fixed(.greatestFiniteMagnitude, digits: 0)
    #expect(largest.count == 309)
    #expect(largest.hasPrefix("17976931348623157"))
    #expect(Double(largest) == .greatestFiniteMagnitude)
  }

  @Test("-0 is 0; non-finite values get Table Schema's words")
  func zerosAndNonFinite() {
    #expect(NumberFormatting.canonical(-0.0) == "0")
    #expect(NumberFormatting.fixed(-0.0, digits: 1) == "0.0")
    #expect(NumberFormatting.fixed(-0.0001, digits: 1) == "0.0")
    #expect(NumberFormatting.canonical(.nan) == "NaN")
    #expect(NumberFormatting.canonical(.infinity) == "INF")
    #expect(NumberFormatting.canonical(-.infinity) == "-INF")
    #expect(NumberFormatting.fixed(.nan, digits: 2) == "NaN")
    #expect(NumberFormatting.fixed(-.infinity, digits: 0) == "-INF")
  }
}
