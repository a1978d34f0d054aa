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
    var integer: Int128 = 0
    var digits = 0
    while index < count {
      let digit = Int(bytes[index]) &- 48
      guard digit >= 0 && digit <= 9 else { break }
      guard digits < 30 else { return nil }
      integer = integer * 10 + Int128(digit)
      digits += 1
      index += 1
    }
    var fraction: Int128 = 0
    var fractionDigits = 0
    if index < count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < count {
        let digit = Int(bytes[index]) &- 48
        guard digit >= 0 && digit <= 9 else { return nil }
        if fractionDigits < 6 {
          fraction = fraction * 10 + Int128(digit)
        } else if digit != 0 {
          return nil
        }
        fractionDigits += 1
        digits += 1
        index += 1
      }
    }
    guard index == count, digits > 0 else { return nil }
    for _ in min(fractionDigits, 6)..<6 { fraction *= 10 }
    let value = integer * scale + fraction
    return negative ? -value : value
  }

  /// Text without trailing zeros: `1234500000` → `1234.5`.
  public static func text(_ value: Int128) -> String {
    let negative = value < 0
    let magnitude = negative ? -value : value
    let integer = magnitude / scale
    var fraction = String(magnitude % scale)
    fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
    while fraction.last == "0" { fraction.removeLast() }
    return (negative ? "-" : "") + String(integer) + (fraction.isEmpty ? "" : "." + fraction)
  }

  public static func double(_ value: Int128) -> Double { Double(value) / 1e6 }
}
