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
    var value = high
    var power: Int128 = 1
    for _ in 0..<lowDigits { power *= 10 }
    value = value * power + Int128(low)
    for _ in fractionDigits..<6 { value *= 10 }
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

}
