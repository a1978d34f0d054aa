/// Parses numbers straight from field bytes: locale-independent, no `String` per field, and
/// strict — `1,5`, ` 12`, `0x10`, `1e` and `inf` are not numbers.
public enum NumberParsing {
  /// `[+-]?[0-9]+`, nil on anything else or on overflow.
  public static func int(_ bytes: UnsafeRawBufferPointer) -> Int? {
    var index = 0
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      index = 1
    }
    guard index < bytes.count else { return nil }
    var value = 0
    while index < bytes.count {
      let digit = Int(bytes[index]) &- 48
      guard digit >= 0 && digit <= 9 else { return nil }
      let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (next, overflow2) =
        negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
      guard !overflow1 && !overflow2 else { return nil }
      value = next
      index += 1
    }
    return value
  }

  private static let exactPowersOf10: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// `[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`, correctly rounded.
  public static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
    let count = bytes.count
    var index = 0
    var negative = false
    if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var digits = 0
    var decimalExponent = 0
    var exact = true
    while index < count, let digit = digitValue(bytes[index]) {
      accumulate(digit, &mantissa, &significantDigits, &exact)
      if significantDigits > 19 { decimalExponent += 1 }
      digits += 1
      index += 1
    }
    if index < count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      while index < count, let digit = digitValue(bytes[index]) {
        accumulate(digit, &mantissa, &significantDigits, &exact)
        if significantDigits <= 19 { decimalExponent -= 1 }
        digits += 1
        index += 1
      }
    }
    guard digits > 0 else { return nil }
    if index < count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
      index += 1
      var exponentNegative = false
      if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      var exponent = 0
      var exponentDigits = 0
      while index < count, let digit = digitValue(bytes[index]) {
        exponent = min(exponent * 10 + Int(digit), 100_000)
        exponentDigits += 1
        index += 1
      }
      guard exponentDigits > 0 else { return nil }
      decimalExponent += exponentNegative ? -exponent : exponent
    }
    guard index == count else { return nil }
    // Clinger's fast path: both the mantissa and the power of ten are exact doubles.
    if exact && mantissa < (1 << 53) && abs(decimalExponent) <= 22 {
      let magnitude =
        decimalExponent >= 0
        ? Double(mantissa) * exactPowersOf10[decimalExponent]
        : Double(mantissa) / exactPowersOf10[-decimalExponent]
      return negative ? -magnitude : magnitude
    }
    // Rare: long mantissas or large exponents. The standard library's parser is
    // locale-independent; the grammar was already checked above.
    guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else {
      return nil
    }
    return value
  }

  private static func digitValue(_ byte: UInt8) -> UInt64? {
    byte >= 48 && byte <= 57 ? UInt64(byte - 48) : nil
  }

  private static func accumulate(
    _ digit: UInt64, _ mantissa: inout UInt64, _ significant: inout Int, _ exact: inout Bool
  ) {
    if mantissa == 0 && digit == 0 { return }
    if significant < 19 {
      mantissa = mantissa * 10 + digit
      significant += 1
    } else {
      significant += 1
      if digit != 0 { exact = false }
    }
  }
}
