import CSVStream

/// One row per item, one cell per month: each cell the status in force at the end of that month
/// (a letter), a dot before the first report, with a year ruler above and a legend below.
public struct StatusTimeline: Sendable {
  /// One row: a label and its dated statuses (`YYYY-MM` months, any order).
  public struct Row: Sendable {
    public var label: String
    public var reports: [(month: String, status: String)]
    /// A row called `label` with its dated statuses.
    public init(_ label: String, reports: [(month: String, status: String)]) {
      self.label = label
      self.reports = reports
    }
  }

  public var title: String
  /// The months shown, first to last (`YYYY-MM`).
  public var months: [String]
  public var rows: [Row]
  /// Status → letter, in legend order.
  public var legend: [(status: String, letter: String)]
  /// Lines under the legend.
  public var notes: [String] = []

  /// A timeline of `rows` over `months`.
  public init(title: String, months: [String], rows: [Row], legend: [(status: String, letter: String)]) {
    self.title = title
    self.months = months
    self.rows = rows
    self.legend = legend
  }

  /// Every month from `first` to `last` (`YYYY-MM`), empty when either is malformed.
  public static func months(from first: String, to last: String) -> [String] {
    func parse(_ text: String) -> (Int, Int)? {
      let parts = text.split(separator: "-")
      guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
      else { return nil }
      return (year, month)
    }
    guard var (year, month) = parse(first), let end = parse(last), (year, month) <= end else { return [] }
    var result: [String] = []
    while (year, month) <= end {
      result.append(String(year) + "-" + (month < 10 ? "0" : "") + String(month))
      month += 1
      if month > 12 { (year, month) = (year + 1, 1) }
    }
    return result
  }

  /// The timeline no wider than `width`; when the months do not fit, the newest are shown and
  /// the chart says from when.
  public func render(width: Int, style: ChartStyle) -> String {
    let labelWidth = min(22, max(4, rows.map { DisplayWidth.of($0.label) }.max() ?? 4))
    let room = max(1, width - labelWidth - 1)
    let shown = Array(months.suffix(room))
    var lines = BarChart.wrap(title, width: width)
    // Year ruler: the year written where its first shown month is, if it fits before the next.
    var ruler = Array(repeating: " ", count: shown.count)
    var index = 0
    while index < shown.count {
      let year = String(shown[index].prefix(4))
      let next = shown[index...].firstIndex { !$0.hasPrefix(year) } ?? shown.count
      if next - index >= 4 {
        for (offset, character) in year.enumerated() where index + offset < shown.count {
          ruler[index + offset] = String(character)
        }
      }
      index = next
    }
    let indent = String(repeating: " ", count: labelWidth + 1)
    lines.append((indent + ruler.joined()).trimmingTrailingSpaces())
    lines.append(
      indent
        + shown.map { $0.hasSuffix("-01") ? (style.ascii ? "|" : "╷") : (style.ascii ? "-" : "─") }.joined())
    let none = style.ascii ? "." : "·"
    for row in rows {
      let reports = row.reports.sorted { $0.month < $1.month }
      let cells = shown.map { month -> String in
        guard let report = reports.last(where: { $0.month <= month }) else { return none }
        return legend.first { $0.status == report.status }?.letter ?? "?"
      }
      let label = DisplayWidth.pad(DisplayWidth.truncate(row.label, to: labelWidth), to: labelWidth)
      lines.append(label + " " + cells.joined())
    }
    let used = Set(rows.flatMap { $0.reports.map(\.status) })
    var key = legend.filter { used.contains($0.status) }.map { "\($0.letter) \($0.status)" }
    key.append("\(none) no report yet")
    lines.append(
      contentsOf: BarChart.wrap(
        "One cell per month, \(shown.first ?? "") to \(shown.last ?? ""): " + key.joined(separator: ", "),
        width: width))
    for note in notes { lines.append(contentsOf: BarChart.wrap(note, width: width)) }
    return lines.joined(separator: "\n") + "\n"
  }
}
