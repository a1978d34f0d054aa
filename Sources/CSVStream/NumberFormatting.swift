/// One locale-free text form per number, so outputs are byte-identical run to run and readable
/// by R, Python and DuckDB: integral values below 10^15 without a decimal point, others in the
/// shortest form that reads back to the same `Double`. Both functions are total: every `Double`,
/// ±1e308 and the non-finite values included, has a text and none traps.
public enum NumberFormatting {
  /// The canonical text of `value`; `NaN`, `INF` and `-INF` (Table Schema's words) for the
  /// non-finite values, which crma's own checks keep out of its data.
  public static func canonical(_ value: Double) -> String {
    if let word = nonFinite(value) { return word }
    if value == 0 { return "0" }
    if value.rounded() == value && abs(value) < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }

  /// `value` with exactly `digits` decimals, rounded half away from zero; never a locale. Any
  /// finite value is written out in full (`1e20` → `100000000000000000000`); non-finite values
  /// are `NaN`, `INF`, `-INF`.
  public static func fixed(_ value: Double, digits: Int) -> String {
    precondition(digits >= 0 && digits <= 12)
    if let word = nonFinite(value) { return word }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    let negative = value < 0 && scaled != 0
    var digitsText: String
    if scaled < 9e18 {
      digitsText = String(Int64(scaled))
    } else if scaled.isFinite {
      digitsText = integerDigits(scaled)
    } else {
      // Scaling overflowed: the value is an integer far above 10^15, so its decimals are zeros.
      digitsText = integerDigits(abs(value)) + String(repeating: "0", count: digits)
    }
    if digits > 0 {
      if digitsText.count <= digits {
        digitsText = String(repeating: "0", count: digits - digitsText.count + 1) + digitsText
      }
      digitsText.insert(".", at: digitsText.index(digitsText.endIndex, offsetBy: -digits))
    }
    return (negative ? "-" : "") + digitsText
  }

  private static func nonFinite(_ value: Double) -> String? {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-INF" : "INF" }
    return nil
  }

  /// The exact decimal digits of a finite, non-negative, integral `value` of any size: its
  /// significand times a power of two, multiplied out in base 10^9.
  static func integerDigits(_ value: Double) -> String {
    if value < 9e18 { return String(UInt64(value)) }
    // value ≥ 2^63 is normal: significand · 2^(exponent − 52) with a 53-bit integer significand.
    var shift = Int(value.exponent) - 52
    let significand = value.significandBitPattern | (1 << 52)
    let base: UInt64 = 1_000_000_000
    var limbs: [UInt64] = [significand % base, (significand / base) % base, significand / base / base]
    while shift > 0 {
      let step = min(shift, 30)
      var carry: UInt64 = 0
      for index in limbs.indices {
        let product = (limbs[index] << UInt64(step)) + carry
        limbs[index] = product % base
        carry = product / base
      }
      while carry > 0 {
        limbs.append(carry % base)
        carry /= base
      }
      shift -= step
    }
    while limbs.count > 1 && limbs.last == 0 { limbs.removeLast() }
    var text = String(limbs.last!)
    for limb in limbs.dropLast().reversed() {
      let part = String(limb)
      text += String(repeating: "0", count: 9 - part.count) + part
    }
    return text
  }
}
