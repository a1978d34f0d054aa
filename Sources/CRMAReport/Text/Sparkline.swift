import CSVStream

/// A one-line chart of a yearly series: eight levels, a blank for a year without a value, the
/// first and last year and the range as labels.
public struct Sparkline: Sendable {
  public var label: String
  public var unit: String
  public var values: [Int: Double]

  /// A sparkline of `values` by year.
  public init(label: String, unit: String, values: [Int: Double]) {
    self.label = label
    self.unit = unit
    self.values = values
  }

  /// The line, with the first and last year and the range, no wider than `width`.
  public func render(width: Int, style: ChartStyle) -> String {
    guard let first = values.keys.min(), let last = values.keys.max() else {
      return "\(label): no values\n"
    }
    let low = values.values.min()!
    let high = values.values.max()!
    let years = Array(first...last)
    let glyphs = years.map { year -> String in
      guard let value = values[year] else { return " " }
      guard high > low else { return style.levels[3] }
      // Halves first, so the range of ±1e308 values does not overflow to infinity.
      let level = Int(((value / 2 - low / 2) / (high / 2 - low / 2) * 7).rounded())
      return style.levels[max(0, min(7, level))]
    }
    let missing = years.filter { values[$0] == nil }
    var lines = ["\(label) \(first) \(glyphs.joined()) \(last)"]
    var footer = "min \(NumberText.quantity(low)), max \(NumberText.quantity(high)) \(unit)"
    if !missing.isEmpty {
      footer += "; blank = no figure (\(missing.count) year\(missing.count == 1 ? "" : "s"))"
    }
    lines.append(contentsOf: BarChart.wrap(footer, width: width))
    return lines.map { DisplayWidth.truncate($0, to: width) }.joined(separator: "\n") + "\n"
  }
}
