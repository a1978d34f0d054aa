/// The report texts' two inline markups, found by hand: citations `{cite:SOURCE_ID}` and Markdown
/// links `[text](target)`. Each scanner finds exactly what the regular expression in its comment
/// finds, character by character (the regexes' default grapheme-cluster semantics), leftmost
/// first, going on after each match. They replace regex literals that Swift parses again each
/// time the literal is evaluated: per table cell, that was a third of a nightly run's time.
/// `MarkupTests` checks each scanner against its regex.
enum Markup {
  static let citationStart = "{cite:"
  private static let openBrace: Character = "{"
  private static let openBracket: Character = "["

  /// The citations in `text`, in order: `\{cite:([^}]*)\}`, or ` ?\{cite:([^}]*)\}` when
  /// `spaceBefore` (the range then takes the one space before the marker, when there is one).
  static func citations(in text: String, spaceBefore: Bool = false) -> [(
    range: Range<String.Index>, id: Substring
  )] {
    var found: [(range: Range<String.Index>, id: Substring)] = []
    var position = text.startIndex
    while position < text.endIndex, let marker = text[position...].firstRange(of: citationStart) {
      // `[^}]*` stops at the first "}"; with none left, neither this marker nor a later one matches.
      guard let close = text[marker.upperBound...].firstIndex(of: "}") else { break }
      var start = marker.lowerBound
      if spaceBefore, start > position, text[text.index(before: start)] == " " {
        start = text.index(before: start)
      }
      let end = text.index(after: close)
      found.append((start..<end, text[marker.upperBound..<close]))
      position = end
    }
    return found
  }

  /// The source ids cited in `text`, in order (`\{cite:([^}]*)\}`).
  static func citationIDs(_ text: String) -> [String] {
    guard text.contains(openBrace) else { return [] }
    return citations(in: text).map { String($0.id) }
  }

  /// `text` with each citation and the one space before it (` ?\{cite:([^}]*)\}`) replaced by
  /// `replacement(id)`.
  static func replacingCitations(in text: String, with replacement: (Substring) -> String) -> String {
    guard text.contains(openBrace) else { return text }
    let found = citations(in: text, spaceBefore: true)
    if found.isEmpty { return text }
    var result = ""
    var copied = text.startIndex
    for citation in found {
      result += text[copied..<citation.range.lowerBound]
      result += replacement(citation.id)
      copied = citation.range.upperBound
    }
    result += text[copied...]
    return result
  }

  /// `text` with each Markdown link `\[([^\[\]]+)\]\(([^()\s]+)\)` written "text (target)".
  static func plainLinks(_ text: String) -> String {
    guard text.contains(openBracket) else { return text }
    var result = ""
    var copied = text.startIndex
    var search = text.startIndex
    while search < text.endIndex, let open = text[search...].firstIndex(of: "[") {
      guard let link = link(in: text, at: open) else {
        search = text.index(after: open)
        continue
      }
      result += text[copied..<open]
      result += link.label
      result += " ("
      result += link.target
      result += ")"
      copied = link.end
      search = link.end
    }
    result += text[copied...]
    return result
  }

  /// The link `[label](target)` that starts at `open` (a "["), if one does.
  private static func link(in text: String, at open: String.Index)
    -> (label: Substring, target: Substring, end: String.Index)?
  {
    let labelStart = text.index(after: open)
    // `[^\[\]]+\]`: at least one character, up to the first bracket, which must close.
    guard let labelEnd = text[labelStart...].firstIndex(where: { $0 == "[" || $0 == "]" }),
      labelEnd > labelStart, text[labelEnd] == "]"
    else { return nil }
    let paren = text.index(after: labelEnd)
    guard paren < text.endIndex, text[paren] == "(" else { return nil }
    let targetStart = text.index(after: paren)
    // `[^()\s]+\)`: at least one character, up to the first parenthesis or space, which must close.
    guard
      let targetEnd = text[targetStart...].firstIndex(where: { $0 == "(" || $0 == ")" || $0.isWhitespace }),
      targetEnd > targetStart, text[targetEnd] == ")"
    else { return nil }
    return (text[labelStart..<labelEnd], text[targetStart..<targetEnd], text.index(after: targetEnd))
  }
}
