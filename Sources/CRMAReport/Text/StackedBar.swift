import CSVStream

/// A 100 % bar: parts of a whole as segments of one line, apportioned by largest remainder so
/// the segments fill the width exactly, with a legend.
public struct StackedBar: Sendable {
  /// One part of the whole.
  public struct Part: Sendable {
    public var label: String
    public var value: Double
    /// A part called `label` with its amount.
    public init(_ label: String, _ value: Double) {
      self.label = label
      self.value = value
    }
  }

  public var title: String
  public var unit: String
  public var parts: [Part]
  public var format: @Sendable (Double) -> String = { NumberText.quantity($0) }

  /// A bar of `parts` under `title`.
  public init(title: String, unit: String, parts: [Part]) {
    self.title = title
    self.unit = unit
    self.parts = parts
  }

  /// The bar and its legend, no wider than `width`.
  public func render(width: Int, style: ChartStyle) -> String {
    let barWidth = max(10, width - 2)
    // Parts are drawn relative to the largest, so a sum of values near 1e308 stays finite; only
    // positive parts have a segment.
    let largest = parts.map(\.value).max() ?? 0
    let scale = largest > 0 ? largest : 1
    let relative = parts.map { max(0, $0.value) / scale }
    let total = relative.reduce(0, +)
    var lines = BarChart.wrap(title, width: width)
    guard total > 0 else {
      lines.append("(nothing to show: the parts sum to zero)")
      lines.append(contentsOf: BarChart.wrap("Unit: \(unit)", width: width))
      return lines.joined(separator: "\n") + "\n"
    }
    let exact = relative.map { $0 / total * Double(barWidth) }
    var cells = exact.map { Int($0) }
    var left = barWidth - cells.reduce(0, +)
    let order = exact.indices.sorted {
      (exact[$0] - Double(cells[$0]), -$0) > (exact[$1] - Double(cells[$1]), -$1)
    }
    for index in order where left > 0 {
      cells[index] += 1
      left -= 1
    }
    let fills = style.fills
    let bar = parts.indices.map { String(repeating: fills[$0 % fills.count], count: cells[$0]) }.joined()
    lines.append("[" + bar + "]")
    for (index, part) in parts.enumerated() {
      let text =
        "\(fills[index % fills.count]) \(part.label): \(format(part.value)) (\(NumberText.percent(fraction: relative[index] / total)))"
      lines.append(contentsOf: BarChart.wrap(text, width: width))
    }
    lines.append(contentsOf: BarChart.wrap("Unit: \(unit)", width: width))
    return lines.joined(separator: "\n") + "\n"
  }
}
