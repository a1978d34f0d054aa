import CSVStream

/// Locale-free number text for reports: thousands grouped with a comma, a fixed number of
/// decimals, percentages with a space before `%`.
public enum NumberText {
  /// `1234567.8` with 0 digits → `1,234,568`.
  public static func grouped(_ value: Double, digits: Int = 0) -> String {
    let fixed = NumberFormatting.fixed(value, digits: digits)
    let negative = fixed.hasPrefix("-")
    let body = negative ? String(fixed.dropFirst()) : fixed
    let parts = body.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var groups: [String] = []
    while integer.count > 3 {
      groups.insert(String(integer.suffix(3)), at: 0)
      integer.removeLast(3)
    }
    groups.insert(integer, at: 0)
    var text = groups.joined(separator: ",")
    if parts.count > 1 { text += "." + parts[1] }
    return (negative ? "-" : "") + text
  }

  /// A quantity with as many decimals as it needs below 10 and none above.
  public static func quantity(_ value: Double) -> String {
    if value != value.rounded() && abs(value) < 10 { return grouped(value, digits: 2) }
    if value != value.rounded() && abs(value) < 1000 { return grouped(value, digits: 1) }
    return grouped(value, digits: 0)
  }

  /// A fraction (0–1) as a percentage: `0.1234` → `12.3 %`.
  public static func percent(fraction: Double, digits: Int = 1) -> String {
    NumberFormatting.fixed(fraction * 100, digits: digits) + " %"
  }

  /// A percentage value as given: `79` → `79 %`, `2.2` → `2.2 %`.
  public static func percent(_ value: Double) -> String {
    (value == value.rounded()
      ? NumberFormatting.fixed(value, digits: 0) : NumberFormatting.fixed(value, digits: 1)) + " %"
  }

  /// The canonical text of a number as the derived tables write it; empty when there is none.
  static func canonical(_ value: Double?) -> String { value.map(NumberFormatting.canonical) ?? "" }

  /// An index (HHI, SR) with three decimals.
  public static func index(_ value: Double) -> String { NumberFormatting.fixed(value, digits: 3) }
}
