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
    /// Left out of the plain text when the table does not fit its width otherwise (the
    /// Markdown and the CSV table keep it).
    public var optional: Bool
    /// A column; numbers take `.right`.
    public init(_ title: String, _ alignment: Alignment = .left, optional: Bool = false) {
      self.title = title
      self.alignment = alignment
      self.optional = optional
    }
  }

  public var columns: [Column]
  public var rows: [[String]]
  /// The table's name in its report, for its CSV file (`reports/tables/REPORT-NAME.csv`).
  public var name: String
  /// Rows may become columns in plain text (a table by year: one column per year).
  public var transposable: Bool
  /// Source ids per row that the printed cells do not cite (the sources are said once under the
  /// table); the CSV table lists them with the cells' citations.
  public var rowSources: [[String]] = []

  /// A table of `rows`, one cell per column, called `name` in its report's CSV tables;
  /// `rowSources` are the sources of rows whose cells do not cite them.
  public init(
    name: String = "", columns: [Column], rows: [[String]], transposable: Bool = false,
    rowSources: [[String]] = []
  ) {
    self.name = name
    self.columns = columns
    self.rows = rows
    self.transposable = transposable
    self.rowSources = rowSources
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

  /// Aligned plain text no wider than `width`, one table always, for a terminal:
  /// 1. each column as wide as its widest cell when that fits;
  /// 2. else long cells wrapped inside their column (at spaces and after hyphens; a URL is never
  ///    broken), the spare width given to the columns that need it most;
  /// 3. else, for a ``TextTable/transposable`` table, rows turned into columns (one column per row, in as
  ///    many tables as needed, each repeating the row titles);
  /// 4. else the ``TextTable/Column/optional`` columns left out, rightmost first, and said so under the
  ///    table;
  /// 5. else, for more than six columns, one block per row (first cell, then `column: value`);
  ///    for six or fewer, words broken inside their column.
  public func plain(width: Int) -> String {
    if let text = PlainLayout(columns: columns, rows: rows).render(width: width) { return text }
    if transposable, let text = transposedPlain(width: width) { return text }
    var kept = Array(columns.indices)
    var dropped: [Int] = []
    while let index = kept.last(where: { columns[$0].optional }) {
      kept.removeAll { $0 == index }
      dropped.insert(index, at: 0)
      let layout = PlainLayout(
        columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { cell(row, $0) } })
      if let text = layout.render(width: width) {
        let names = dropped.map { columns[$0].title }.joined(separator: "; ")
        let note = "Not shown at this width: \(names) (see the Markdown report or the CSV table)."
        return text + "\n" + BarChart.wrap(note, width: width).joined(separator: "\n") + "\n"
      }
    }
    if columns.count > 6 { return records(width: width) }
    return PlainLayout(columns: columns, rows: rows).render(width: width, breakingWords: true)
      ?? records(width: width)
  }

  /// The table with rows as columns: the first column's cells become the headers, the other
  /// column titles the first column; split into tables of as many rows as fit in `width`.
  func transposedPlain(width: Int) -> String? {
    guard !rows.isEmpty else { return nil }
    let titles = columns.dropFirst().map(\.title)
    var chunks: [String] = []
    var start = 0
    while start < rows.count {
      var best: String?
      var end = start + 1
      while end <= rows.count {
        let slice = rows[start..<end]
        let layout = PlainLayout(
          columns: [Column(columns[0].title)] + slice.map { Column(cell($0, 0), .right) },
          rows: titles.indices.map { index in [titles[index]] + slice.map { cell($0, index + 1) } })
        guard let text = layout.render(width: width) else { break }
        best = text
        end += 1
      }
      guard let text = best else { return nil }
      chunks.append(text)
      start = end - 1
    }
    return chunks.joined(separator: "\n")
  }

  private func cell(_ row: [String], _ index: Int) -> String { index < row.count ? row[index] : "" }

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
