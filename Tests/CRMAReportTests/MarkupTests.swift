import Testing

@testable import CRMAReport

/// The hand-written citation and link scanners against the regular expressions they replaced:
/// the same matches, the same replacements, on crafted edge cases and on deterministic
/// pseudo-random texts made of the markups' own characters.
@Suite("Report markup scanners match their regexes")
struct MarkupTests {
  static let crafted = [
    "", "plain", "{cite:a}", "x {cite:a}", "x  {cite:a} y {cite:b}", "{cite:a}{cite:b}", " {cite:}",
    "{cite:a", "{cite:a} {cite:b", "{{cite:a}}", "{cite:a{cite:b}", "{cite:a\nb}", "é {cite:ü}",
    "[a](b)", "[a](b c)", "[a]( b)", "[](b)", "[a]()", "[[a](b)", "[a](b(c))", "[a]](b)", "[a](b)[c](d)",
    "see [USGS](https://x.org/a?b=c) and [x](y)", "[a\tb](c)", "[a](b\u{00A0}c)", "[a](b\tc)", "[é](ü)",
    "[a](b) {cite:s} [c](d) {cite:t}", "[x] (y)", "[a\n](b)",
  ]

  static func randomTexts() -> [String] {
    let pieces = ["{cite:", "}", "{", "[", "]", "(", ")", " ", "a", "b", "\t", "\n", "é", "x y", "\u{00A0}"]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    return (0..<3000).map { _ in
      var text = ""
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let length = Int(seed >> 59)
      for _ in 0..<length {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += pieces[Int(seed >> 33) % pieces.count]
      }
      return text
    }
  }

  @Test("citation ids: \\{cite:([^}]*)\\}")
  func citationIDs() {
    for text in Self.crafted + Self.randomTexts() {
      let expected = text.matches(of: #/\{cite:([^}]*)\}/#).map { String($0.output.1) }
      #expect(Markup.citationIDs(text) == expected, "\(text.debugDescription)")
    }
  }

  @Test("citations replaced with the space before them:  ?\\{cite:([^}]*)\\}")
  func replacingCitations() {
    for text in Self.crafted + Self.randomTexts() {
      let removed = text.replacing(#/ ?\{cite:[^}]*\}/#, with: "")
      #expect(Markup.replacingCitations(in: text) { _ in "" } == removed, "\(text.debugDescription)")
      let labelled = text.replacing(#/ ?\{cite:([^}]*)\}/#) { " [<\($0.output.1)>]" }
      #expect(Markup.replacingCitations(in: text) { " [<\($0)>]" } == labelled, "\(text.debugDescription)")
    }
  }

  @Test("plain-text links: \\[([^\\[\\]]+)\\]\\(([^()\\s]+)\\) as \"text (target)\"")
  func plainLinks() {
    for text in Self.crafted + Self.randomTexts() {
      let expected = text.replacing(#/\[([^\[\]]+)\]\(([^()\s]+)\)/#) { "\($0.output.1) (\($0.output.2))" }
      #expect(Markup.plainLinks(text) == expected, "\(text.debugDescription)")
    }
  }
}
