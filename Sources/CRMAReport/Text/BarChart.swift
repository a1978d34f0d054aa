import CSVStream
import Foundation

/// A horizontal bar chart: one row per label, bars with eighth-block resolution (whole cells in
/// ASCII), a zero axis when values are negative, missing values said as such, an optional log
/// scale, value labels, a marked row (Ukraine) and an optional marker line (a cap).
public struct BarChart: Sendable {
  /// One labelled bar; `marked` rows carry a pointer (Ukraine).
  public struct Bar: Sendable {
    public var label: String
    public var value: Double?
    public var marked: Bool
    /// What a nil value is written as: "n/a" unless said ("withheld", "not listed").
    public var missing: String
    /// A bar for `label`; a nil value is drawn as `missing`.
    public init(_ label: String, _ value: Double?, marked: Bool = false, missing: String = "n/a") {
      self.label = label
      self.value = value
      self.marked = marked
      self.missing = missing
    }
  }

  public var title: String
  /// The unit and basis, stated under the chart.
  public var unit: String
  public var bars: [Bar]
  public var logScale = false
  /// A vertical marker at this value, e.g. the 65 % cap, with its legend ("65 % cap on a single
  /// third country"; the value is not repeated).
  public var marker: (value: Double, label: String)?
  /// A labelled value axis under the bars (0 and the largest value at their columns).
  public var axis = false
  /// Lines under the chart: what is not drawn, what marks mean.
  public var notes: [String] = []
  public var format: @Sendable (Double) -> String = { NumberText.quantity($0) }

  /// A chart of `bars` under `title`, its unit stated under it.
  public init(title: String, unit: String, bars: [Bar]) {
    self.title = title
    self.unit = unit
    self.bars = bars
  }

  /// The chart as lines no wider than `width` display cells.
  public func render(width: Int, style: ChartStyle) -> String {
    let labelWidth = min(22, max(4, bars.map { DisplayWidth.of($0.label) }.max() ?? 4))
    let valueTexts = bars.map { bar in bar.value.map(format) ?? bar.missing }
    let valueWidth = max(3, valueTexts.map { DisplayWidth.of($0) }.max() ?? 3)
    let markWidth = bars.contains(where: \.marked) ? 2 : 0
    let barWidth = max(8, width - labelWidth - valueWidth - markWidth - 3)
    let values = bars.compactMap(\.value)
    let scale = Scale(values: values + (marker.map { [$0.value] } ?? []), log: logScale, cells: barWidth)
    var lines = Self.wrap(title, width: width)
    for (index, bar) in bars.enumerated() {
      let label = DisplayWidth.pad(DisplayWidth.truncate(bar.label, to: labelWidth), to: labelWidth)
      var cells = Array(repeating: " ", count: barWidth)
      if let markerValue = marker?.value, let column = scale.column(of: markerValue), column < barWidth {
        cells[column] = style.marker
      }
      if let value = bar.value {
        scale.draw(value, into: &cells, style: style)
      }
      if scale.zeroColumn > 0 && scale.zeroColumn < barWidth && cells[scale.zeroColumn] == " " {
        cells[scale.zeroColumn] = style.axis
      }
      var line = label + " " + cells.joined() + " " + valueTexts[index]
      if bar.marked { line += " " + style.mark }
      lines.append(line.trimmingTrailingSpaces())
    }
    if axis && !logScale && !scale.hasNegative, let top = values.max(), top > 0 {
      lines += axisLines(scale: scale, top: top, labelWidth: labelWidth, barWidth: barWidth, style: style)
    }
    var footer = "Unit: \(unit)"
    if logScale { footer += "; bar length on a log10 scale (values as labelled)" }
    if let marker { footer += "; \(style.marker) \(marker.label)" }
    if scale.hasNegative { footer += "; \(style.axis) zero" }
    if bars.contains(where: { $0.value == nil && $0.missing == "n/a" }) { footer += "; n/a = no value" }
    lines.append(contentsOf: Self.wrap(footer, width: width))
    for note in notes { lines.append(contentsOf: Self.wrap(note, width: width)) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A rule under the bars from zero to the largest value, ticked and labelled at both ends.
  private func axisLines(scale: Scale, top: Double, labelWidth: Int, barWidth: Int, style: ChartStyle)
    -> [String]
  {
    let end = min(barWidth - 1, max(0, (scale.eighths(top) + 7) / 8 - 1))
    var rule = Array(repeating: style.rule, count: end + 1)
    rule[0] = style.ascii ? "+" : "└"
    if end > 0 { rule[end] = style.ascii ? "+" : "┴" }
    let indent = String(repeating: " ", count: labelWidth + 1)
    let topText = format(top)
    var labels = Array(repeating: " ", count: max(end + 1, DisplayWidth.of(topText)) + 1)
    labels[0] = "0"
    let start = max(2, end + 1 - DisplayWidth.of(topText))
    let text = Array(topText).map(String.init)
    for (offset, character) in text.enumerated() where start + offset < labels.count {
      labels[start + offset] = character
    }
    return [indent + rule.joined(), (indent + labels.joined()).trimmingTrailingSpaces()]
  }

  /// Breaks `text` at spaces so no line is wider than `width`; a word longer than the width is
  /// split across lines, except a URL, which keeps a line of its own.
  public static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    var words: [String] = []
    for word in text.split(separator: " ") {
      var rest = String(word)
      // A URL is never broken: it stands on a line of its own, however long.
      while DisplayWidth.of(rest) > width && !PlainLayout.isURL(word) {
        var head = ""
        for character in rest {
          if DisplayWidth.of(head + String(character)) > width { break }
          head.append(character)
        }
        words.append(head)
        rest = String(rest.dropFirst(head.count))
      }
      words.append(rest)
    }
    for word in words {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if DisplayWidth.of(candidate) > width && !current.isEmpty {
        lines.append(current)
        current = String(word)
      } else {
        current = candidate
      }
    }
    if !current.isEmpty {
      lines.append(
        PlainLayout.isURL(Substring(current)) ? current : DisplayWidth.truncate(current, to: width))
    }
    return lines
  }

  /// Maps values to cells: linear with a zero column (left of it for negatives), or log10 of
  /// positive values.
  struct Scale {
    let log: Bool
    let cells: Int
    let minimum: Double
    let maximum: Double
    let zeroColumn: Int
    var hasNegative: Bool { !log && minimum < 0 }

    init(values: [Double], log: Bool, cells: Int) {
      self.log = log
      self.cells = cells
      if log {
        let positive = values.filter { $0 > 0 }
        let low = positive.min() ?? 1
        minimum = Foundation.log10(low) - 1
        maximum = Foundation.log10(positive.max() ?? 10)
        zeroColumn = 0
      } else {
        minimum = min(0, values.min() ?? 0)
        maximum = max(0, values.max() ?? 0)
        let span = maximum - minimum
        zeroColumn = span > 0 ? Int((-minimum / span * Double(cells)).rounded()) : 0
      }
    }

    /// Length in eighths of a cell from the zero column (log: from the left edge).
    func eighths(_ value: Double) -> Int {
      if log {
        guard value > 0, maximum > minimum else { return 0 }
        return Int(((Foundation.log10(value) - minimum) / (maximum - minimum) * Double(cells * 8)).rounded())
      }
      let span = maximum - minimum
      guard span > 0 else { return 0 }
      return Int((abs(value) / span * Double(cells * 8)).rounded())
    }

    func column(of value: Double) -> Int? {
      if log {
        guard value > 0 else { return nil }
        return min(cells - 1, max(0, eighths(value) / 8))
      }
      guard maximum > minimum else { return nil }
      return min(cells - 1, max(0, zeroColumn + Int((value / (maximum - minimum) * Double(cells)).rounded())))
    }

    func draw(_ value: Double, into cells: inout [String], style: ChartStyle) {
      let length = eighths(value)
      if value < 0 && !log {
        // Left-growing bars use whole cells: there are no right-aligned eighth blocks to end them.
        let whole = min(zeroColumn, (length + 4) / 8)
        for column in max(0, zeroColumn - whole)..<zeroColumn { cells[column] = style.full }
        return
      }
      let start = log ? 0 : zeroColumn
      let available = self.cells - start
      var remaining = min(length, available * 8)
      if style.ascii { remaining = (remaining + 4) / 8 * 8 }
      var column = start
      while remaining >= 8 && column < self.cells {
        cells[column] = style.full
        column += 1
        remaining -= 8
      }
      if remaining > 0 && column < self.cells {
        cells[column] = style.eighths[remaining - 1]
      }
    }
  }
}
