import CSVStream

/// Lays out a table as plain text in a fixed width: column widths between each column's longest
/// word and its widest cell, cells wrapped inside their column.
struct PlainLayout {
  let columns: [TextTable.Column]
  let rows: [[String]]
  let gap = 2

  /// The table in `width` cells, or nil when a column cannot be as narrow as its longest word
  /// (`breakingWords` breaks words other than URLs instead).
  func render(width: Int, breakingWords: Bool = false) -> String? {
    guard !columns.isEmpty else { return "" }
    let all =
      [columns.map(\.title)] + rows.map { row in columns.indices.map { $0 < row.count ? row[$0] : "" } }
    let natural = columns.indices.map { index in all.map { DisplayWidth.of($0[index]) }.max() ?? 0 }
    let gaps = gap * (columns.count - 1)
    var widths: [Int]
    if natural.reduce(0, +) + gaps <= width {
      widths = natural
    } else {
      var minimum = columns.indices.map { index in
        all.map { Self.longestWord($0[index]) }.max() ?? 0
      }
      // Numbers are never wrapped (their header may be).
      for index in columns.indices where columns[index].alignment == .right {
        minimum[index] = max(
          minimum[index], rows.map { DisplayWidth.of($0.count > index ? $0[index] : "") }.max() ?? 0)
      }
      if breakingWords {
        let urls = columns.indices.map { index in all.map { Self.longestURL($0[index]) }.max() ?? 0 }
        let share = max(4, (width - gaps) / columns.count)
        // Numbers keep their width; text columns may break words (never a URL).
        minimum = columns.indices.map { index in
          columns[index].alignment == .right ? minimum[index] : max(urls[index], min(minimum[index], share))
        }
      }
      guard minimum.reduce(0, +) + gaps <= width else { return nil }
      widths = minimum
      var spare = width - gaps - widths.reduce(0, +)
      // First the cells (a header may wrap sooner than its cells), then the headers; each cell of
      // spare width to the column narrowest against its target.
      let body = columns.indices.map { index in
        max(minimum[index], all.dropFirst().map { DisplayWidth.of($0[index]) }.max() ?? 0)
      }
      for target in [body, natural] {
        while spare > 0 {
          guard
            let index = columns.indices.filter({ widths[$0] < target[$0] })
              .min(by: { (widths[$0] * target[$1], $0) < (widths[$1] * target[$0], $1) })
          else { break }
          widths[index] += 1
          spare -= 1
        }
      }
    }
    let wrapped = all.map { row in columns.indices.map { Self.wrap(row[$0], width: widths[$0]) } }
    func lines(_ cells: [[String]]) -> [String] {
      let height = cells.map(\.count).max() ?? 1
      return (0..<max(1, height)).map { line in
        columns.indices.map { index in
          DisplayWidth.pad(
            line < cells[index].count ? cells[index][line] : "", to: widths[index],
            alignRight: columns[index].alignment == .right)
        }.joined(separator: String(repeating: " ", count: gap)).trimmingTrailingSpaces()
      }
    }
    var output = lines(wrapped[0])
    output.append(
      widths.map { String(repeating: "-", count: $0) }.joined(separator: String(repeating: " ", count: gap)))
    let body = wrapped.dropFirst().map(lines)
    // Rows that take several lines are set apart by a blank line, so a wrapped cell reads as one.
    let spaced = body.contains { $0.count > 1 }
    for (index, row) in body.enumerated() {
      if spaced && index > 0 { output.append("") }
      output += row
    }
    return output.joined(separator: "\n") + "\n"
  }

  /// The pieces a cell may be broken into: words, and parts of a word after a hyphen or a slash
  /// (never inside a URL); each with whether a space goes before it.
  static func pieces(_ text: String) -> [(text: String, spaced: Bool)] {
    var result: [(String, Bool)] = []
    for word in text.split(separator: " ") {
      // A percent sign stays with its number, an arrow with what it points from.
      if word == "%" || word == "→", let last = result.popLast() {
        result.append((last.0 + " " + word, last.1))
        continue
      }
      if isURL(word) {
        result.append((String(word), true))
        continue
      }
      var current = ""
      var first = true
      for character in word {
        // After a hyphen between letters ("government-controlled"), not in dates or numbers.
        let breaksAfter = character == "/" || (character == "-" && current.last?.isLetter == true)
        current.append(character)
        if breaksAfter && current.count > 1 {
          result.append((current, first))
          first = false
          current = ""
        }
      }
      if !current.isEmpty { result.append((current, first)) }
    }
    return result
  }

  static func isURL(_ word: Substring) -> Bool { word.contains("://") || word.hasPrefix("www.") }

  static func longestWord(_ text: String) -> Int { pieces(text).map { DisplayWidth.of($0.text) }.max() ?? 0 }

  static func longestURL(_ text: String) -> Int {
    text.split(separator: " ").filter(isURL).map { DisplayWidth.of(String($0)) }.max() ?? 0
  }

  /// `text` in lines of at most `width` cells, broken between pieces; a piece wider than the
  /// column is broken by cells (never a URL: it overflows instead).
  static func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for (piece, spaced) in pieces(text) {
      let joined = current.isEmpty ? piece : current + (spaced ? " " : "") + piece
      if DisplayWidth.of(joined) <= width {
        current = joined
        continue
      }
      if !current.isEmpty { lines.append(current) }
      current = piece
      while DisplayWidth.of(current) > width && !isURL(Substring(current)) && width > 0 {
        var head = ""
        for character in current {
          if DisplayWidth.of(head + String(character)) > width { break }
          head.append(character)
        }
        lines.append(head)
        current = String(current.dropFirst(head.count))
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }
}
