import CRMAReport
import CRMATestSupport
import CRMATransform
import CSVStream
import Testing

/// Plain-text tables stay tables (synthetic cells): wrapping inside columns, URLs whole,
/// transposition, optional columns, records only beyond six columns.
@Suite("Plain-text table layout")
struct PlainLayoutTests {
  static func widest(_ text: String) -> Int {
    text.split(separator: "\n").filter { !$0.contains("://") }.map { DisplayWidth.of(String($0)) }.max() ?? 0
  }

  @Test("long cells wrap inside their column; numbers are not wrapped; no key-value blocks")
  func wraps() throws {
    let table = TextTable(
      columns: [.init("Deposit"), .init("Tonnes (t)", .right), .init("Status")],
      rows: [
        [
          "Synthetic Alpha", "1,200,000",
          "government-controlled but under threat, near the front line according to a synthetic report",
        ],
        ["Synthetic Beta", "760", "occupied"],
      ])
    let text = table.plain(width: 40)
    #expect(Self.widest(text) <= 40)
    #expect(text.contains("1,200,000"))
    #expect(!text.contains("Status: "), "a 3-column table became key-value blocks")
    try expectGolden(text, named: "plain-wrapped.txt")
  }

  @Test("a URL in a cell is never broken, even when it overflows its column")
  func urlWhole() {
    let url = "https://example.org/a/very/long/synthetic/path/that/cannot/fit/in/a/narrow/column"
    let table = TextTable(columns: [.init("Name"), .init("Link")], rows: [["Synthetic", url]])
    #expect(table.plain(width: 40).contains(url))
    #expect(BarChart.wrap("see \(url) here", width: 30).contains(url))
  }

  @Test("a transposable year table too wide for its rows turns years into columns")
  func transposes() throws {
    let columns =
      [TextTable.Column("Year", .right)] + (1...9).map { TextTable.Column("Measure number \($0)", .right) }
    let rows = (2021...2024).map { year in [String(year)] + (1...9).map { "\($0 * year % 97).5 %" } }
    let table = TextTable(columns: columns, rows: rows, transposable: true)
    let text = table.plain(width: 60)
    #expect(Self.widest(text) <= 60)
    #expect(text.split(separator: "\n").first?.contains("2024") == true, "years are not the header")
    try expectGolden(text, named: "plain-transposed.txt")
  }

  @Test("optional columns are left out, and said so, before a table falls back")
  func dropsOptional() {
    let table = TextTable(
      columns: [
        .init("Name"), .init("Value", .right), .init("A long explanatory note", optional: true),
      ],
      rows: [["Synthetic", "1", "supercalifragilisticexpialidocious-and-then-some-more-words-here"]])
    let text = table.plain(width: 24)
    #expect(!text.contains("supercalifragilistic"))
    let joined = text.split(separator: "\n").joined(separator: " ")
    #expect(joined.contains("Not shown at this width: A long explanatory note"))
  }

  @Test("key-value records only for more than six columns that cannot fit")
  func recordsBeyondSix() {
    let wide = TextTable(
      columns: (1...8).map { .init("Column\($0)") }, rows: [(1...8).map { "verylongword\($0)" }])
    #expect(wide.plain(width: 40).contains("Column2: verylongword2"))
    let six = TextTable(columns: (1...6).map { .init("C\($0)") }, rows: [(1...6).map { "verylongword\($0)" }])
    let text = six.plain(width: 40)
    #expect(!text.contains("C2: "))
    #expect(Self.widest(text) <= 40)
  }

  @Test("a table whose rows cite the same source says it once under the table")
  func hoistsCitations() {
    let citations = Citations(sources: [
      Source(
        id: "syn-one", publisher: "Synthetic", title: "t", url: "https://example.org/1",
        transcribed: "2026-01-01")
    ])
    var document = Document(citations: citations)
    document.add(
      .table(
        TextTable(
          columns: [.init("A"), .init("B")],
          rows: [["x", "1 \(citations.cite("syn-one"))"], ["y", "2 \(citations.cite("syn-one"))"]])))
    let text = document.plain(width: 80, style: ChartStyle(ascii: false))
    #expect(text.contains("Source: [Synthetic n.d.]"))
    #expect(!text.contains("1 [Synthetic"))
  }
}
