/// Decimal numbers as integers of millionths, so sums are exact and do not depend on the order
/// (or the split) in which rows are added.
public enum FixedPoint {
  public static let scale: Int128 = 1_000_000

  /// `[+-]?digits[.digits]`, at most 6 decimals kept (the rest must be zeros); nil otherwise.
  public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int128? {
    var index = 0
    let count = bytes.count
    var negative = false
    if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    // Digits accumulate in 64 bits (up to 18 at a time) and fold into 128 bits rarely.
    var high: Int128 = 0
    var low: UInt64 = 0
    var lowDigits = 0
    var digits = 0
    var fractionDigits = 0
    var inFraction = false
    while index < count {
      let byte = bytes[index]
      let digit = byte &- 48
      if digit <= 9 {
        if inFraction {
          if fractionDigits == 6 {
            guard digit == 0 else { return nil }
            digits += 1
            index += 1
            continue
          }
          fractionDigits += 1
        }
        guard digits < 30 else { return nil }
        low = low &* 10 &+ UInt64(digit)
        lowDigits += 1
        digits += 1
        if lowDigits == 18 {
          high = high * 1_000_000_000_000_000_000 + Int128(low)
          low = 0
          lowDigits = 0
        }
      } else if byte == UInt8(ascii: ".") && !inFraction {
        inFraction = true
      } else {
        return nil
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    // Scaled to millionths with one widening multiply in the common case (up to 18 digits);
    // at most 30 digits and 6 decimals, so every product fits in 128 bits.
    let scale = power(6 - fractionDigits)
    let value: Int128
    if high == 0 {
      let wide = low.multipliedFullWidth(by: scale)
      value = Int128(UInt128(wide.high) << 64 | UInt128(wide.low))
    } else {
      value = (high * Int128(power(lowDigits)) + Int128(low)) * Int128(scale)
    }
    return negative ? -value : value
  }

  /// 10 to the `exponent` (0 to 18), from a table rather than a loop of multiplications.
  @inline(__always)
  static func power(_ exponent: Int) -> UInt64 {
    switch exponent {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1_000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    case 8: 100_000_000
    case 9: 1_000_000_000
    case 10: 10_000_000_000
    case 11: 100_000_000_000
    case 12: 1_000_000_000_000
    case 13: 10_000_000_000_000
    case 14: 100_000_000_000_000
    case 15: 1_000_000_000_000_000
    case 16: 10_000_000_000_000_000
    case 17: 100_000_000_000_000_000
    default: 1_000_000_000_000_000_000
    }
  }

  /// Text without trailing zeros: `1234500000` → `1234.5`.
  public static func text(_ value: Int128) -> String {
    // Integers and small strings, no character-by-character edits: this runs for every value
    // and mass of every output row.
    let magnitude = value.magnitude
    let integer = magnitude / UInt128(scale)
    var fraction = UInt64(magnitude % UInt128(scale))
    var text = value < 0 ? "-" : ""
    text += integer <= UInt128(UInt64.max) ? String(UInt64(integer)) : String(integer)
    guard fraction != 0 else { return text }
    var digits = 6
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let shown = String(fraction)
    text += "."
    if shown.count < digits { text += String(repeating: "0", count: digits - shown.count) }
    return text + shown
  }

}
