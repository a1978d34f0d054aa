/// The glyphs a chart draws with: Unicode blocks for Markdown and terminals, or plain ASCII for
/// places that cannot show them (`--ascii`).
public struct ChartStyle: Sendable {
  public var ascii: Bool

  /// Block characters, or ASCII only.
  public init(ascii: Bool) { self.ascii = ascii }

  /// Left-aligned eighth blocks, 1/8 to 8/8 of a cell.
  var eighths: [String] {
    ascii ? ["", "", "", "", "", "", "", "#"] : ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
  }
  var full: String { ascii ? "#" : "█" }
  /// Sparkline levels, lowest to highest.
  var levels: [String] {
    ascii ? ["_", ".", "-", "~", "=", "+", "*", "#"] : ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  }
  /// Fills for the segments of a stacked bar, in order.
  var fills: [String] {
    ascii ? ["#", "=", "+", ":", ".", "o", "x", "%"] : ["█", "▓", "▒", "░", "▚", "▞", "▘", "▗"]
  }
  var axis: String { ascii ? "|" : "│" }
  var marker: String { ascii ? ":" : "┊" }
  var mark: String { ascii ? "<" : "◀" }
  var rule: String { ascii ? "-" : "─" }
}
