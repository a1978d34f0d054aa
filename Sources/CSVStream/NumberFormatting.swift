/// One locale-free text form per number, so outputs are byte-identical run to run and readable
/// by R, Python and DuckDB: integral values below 10^15 without a decimal point, others in the
/// shortest form that reads back to the same `Double`.
public enum NumberFormatting {
  /// The canonical text of `value`.
  public static func canonical(_ value: Double) -> String {
    if value == 0 { return "0" }
    if value.rounded() == value && abs(value) < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }

  /// `value` with exactly `digits` decimals, rounded half away from zero; never a locale.
  public static func fixed(_ value: Double, digits: Int) -> String {
    precondition(digits >= 0 && digits <= 12)
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    let negative = value < 0 && scaled != 0
    let integer = Int64(scaled)
    var digitsText = String(integer)
    if digits > 0 {
      if digitsText.count <= digits {
        digitsText = String(repeating: "0", count: digits - digitsText.count + 1) + digitsText
      }
      digitsText.insert(".", at: digitsText.index(digitsText.endIndex, offsetBy: -digits))
    }
    return (negative ? "-" : "") + digitsText
  }
}
