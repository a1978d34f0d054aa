import CSVStream

/// A table to render as GitHub-flavoured Markdown or as aligned plain text. Numeric columns are
/// right-aligned; units belong in the header text.
public struct TextTable: Sendable {
  /// Left for text, right for numbers.
  public enum Alignment: Sendable { case left, right }

  /// A column title (with its unit) and alignment.
  public struct Column: Sendable {
    public var title: String
    public var alignment: Alignment
    /// A column; numbers take `.right`.
    public init(_ title: String, _ alignment: Alignment = .left) {
      self.title = title
      self.alignment = alignment
    }
  }

  public var columns: [Column]
  public var rows: [[String]]

  /// A table of `rows`, one cell per column.
  public init(columns: [Column], rows: [[String]]) {
    self.columns = columns
    self.rows = rows
  }

  /// GFM: `|` escaped, `---:` for right-aligned columns, cells padded so the raw text lines up.
  public func markdown() -> String {
    let escaped = ([columns.map(\.title)] + rows).map { row in row.map { Self.escape($0) } }
    var widths = columns.map { _ in 3 }
    for row in escaped {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], DisplayWidth.of(cell))
      }
    }
    func line(_ cells: [String]) -> String {
      let padded = columns.indices.map { index in
        DisplayWidth.pad(
          index < cells.count ? cells[index] : "", to: widths[index],
          alignRight: columns[index].alignment == .right)
      }
      return "| " + padded.joined(separator: " | ") + " |"
    }
    var lines = [line(escaped[0])]
    lines.append(
      "| "
        + columns.indices.map { index in
          columns[index].alignment == .right
            ? String(repeating: "-", count: widths[index] - 1) + ":"
            : String(repeating: "-", count: widths[index])
        }.joined(separator: " | ") + " |")
    for row in escaped.dropFirst() { lines.append(line(row)) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Aligned plain text no wider than `width`. A table too wide to fit without cutting its text
  /// is written as records instead: the first cell as a line, then one `column: value` line per
  /// other cell, wrapped.
  public func plain(width: Int) -> String {
    let all = [columns.map(\.title)] + rows
    var widths = columns.indices.map { index in
      all.map { index < $0.count ? DisplayWidth.of($0[index]) : 0 }.max() ?? 0
    }
    let gap = 2
    if widths.reduce(0, +) + gap * max(0, widths.count - 1) > width {
      return records(width: width)
    }
    func total() -> Int { widths.reduce(0, +) + gap * max(0, widths.count - 1) }
    while total() > width {
      let candidates = columns.indices.filter { columns[$0].alignment == .left && widths[$0] > 6 }
      guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
      widths[widest] -= 1
    }
    func line(_ cells: [String]) -> String {
      let text = columns.indices.map { index in
        let cell = DisplayWidth.truncate(index < cells.count ? cells[index] : "", to: widths[index])
        return DisplayWidth.pad(cell, to: widths[index], alignRight: columns[index].alignment == .right)
      }.joined(separator: String(repeating: " ", count: gap))
      return text.trimmingTrailingSpaces()
    }
    var lines = [line(columns.map(\.title))]
    lines.append(
      widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: gap)))
    for row in rows { lines.append(line(row)) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One block per row: the first cell, then the other cells labelled with their column.
  func records(width: Int) -> String {
    var blocks: [String] = []
    for row in rows {
      var lines = BarChart.wrap(row.first ?? "", width: width)
      for index in columns.indices.dropFirst() where index < row.count && !row[index].isEmpty {
        let wrapped = BarChart.wrap("\(columns[index].title): \(row[index])", width: width - 4)
        lines += wrapped.enumerated().map { ($0 == 0 ? "  " : "    ") + $1 }
      }
      blocks.append(lines.joined(separator: "\n"))
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  static func escape(_ text: String) -> String {
    text.replacing("|", with: "\\|").replacing("\n", with: " ")
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
