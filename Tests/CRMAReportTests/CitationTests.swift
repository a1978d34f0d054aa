import CRMAReport
import CRMATestSupport
import CRMATransform
import CSVStream
import Foundation
import Testing

/// Citations: stable links to `sources.md#SOURCE_ID` with short labels (synthetic sources, labelled
/// as such, except the check over the real report set).
@Suite("Citations and the sources list")
struct CitationTests {
  static func source(
    _ id: String, publisher: String, title: String = "A synthetic title", edition: String = "",
    published: String = "", shortLabel: String = "", url: String? = nil
  ) -> Source {
    Source(
      id: id, publisher: publisher, title: title, edition: edition, url: url ?? "https://example.org/\(id)",
      transcribed: "2026-11-25", published: published.isEmpty ? nil : published,
      shortLabel: shortLabel.isEmpty ? nil : shortLabel)
  }

  static let sources: [Source] = [
    source(
      "usgs-synthetic", publisher: "U.S. Geological Survey", edition: "MCS 2026", shortLabel: "USGS MCS 2026"),
    source("kyivpost-synthetic", publisher: "Kyiv Post", published: "2025-01-08"),
    source("gmk-one", publisher: "GMK Center"),
    source("gmk-two", publisher: "GMK Center"),
    source("www-site", publisher: "www.example.com (copy of a synthetic page)", published: "2024-09"),
    source(
      "long-url", publisher: "Synthetic Publisher", published: "2021",
      url: "https://example.org/" + String(repeating: "a-very-long-path-segment/", count: 6) + "end"),
  ]

  static func document(_ citations: Citations) -> Document {
    var document = Document(citations: citations)
    document.add(.heading(1, "Synthetic report"))
    document.add(
      .paragraph(
        "A figure\(citations.cite("usgs-synthetic")) and two sources side by side "
          + "\(citations.cite("gmk-one"))\(citations.cite("gmk-two"))."))
    document.add(
      .bullets([
        "Dated \(citations.cite("kyivpost-synthetic"))", "Unknown\(citations.cite("no-such-source"))",
      ]))
    let table = TextTable(
      columns: [.init("Item"), .init("Value")],
      rows: [
        ["Synthetic", "12 \(citations.cite("www-site"))"], ["Long", "3 \(citations.cite("long-url"))"],
      ])
    document.add(.table(table))
    document.add(.paragraph("See [the summary](summary.md)."))
    return document
  }

  @Test(
    "labels: short_label, else publisher without remark or www. with edition, date or n.d.; duplicates lettered"
  )
  func labels() {
    let citations = Citations(sources: Self.sources)
    #expect(citations.label("usgs-synthetic") == "USGS MCS 2026")
    #expect(citations.label("kyivpost-synthetic") == "Kyiv Post 2025-01-08")
    #expect(citations.label("www-site") == "example.com 2024-09")
    #expect(citations.label("gmk-one") == "GMK Center n.d. a")
    #expect(citations.label("gmk-two") == "GMK Center n.d. b")
  }

  @Test("a citation links to the source id, which adding a source does not change")
  func stableLinks() {
    var withOne = Self.sources
    withOne.insert(Self.source("aaa-first", publisher: "Synthetic First"), at: 0)
    for sources in [Self.sources, withOne] {
      let citations = Citations(sources: sources)
      var document = Document(citations: citations)
      document.add(.paragraph("Figure\(citations.cite("kyivpost-synthetic"))"))
      let markdown = document.markdown(width: 80, style: ChartStyle(ascii: true))
      #expect(markdown.contains("Figure [[Kyiv Post 2025-01-08](sources.md#kyivpost-synthetic)]"))
    }
  }

  @Test("unknown and empty source ids cite nothing")
  func unknown() {
    let citations = Citations(sources: Self.sources)
    #expect(citations.cite("no-such-source").isEmpty)
    #expect(citations.cite("").isEmpty)
    #expect(citations.used.isEmpty)
  }

  @Test("Markdown and plain text, golden")
  func golden() throws {
    let markdown = Self.document(Citations(sources: Self.sources)).markdown(
      width: 60, style: ChartStyle(ascii: true))
    let plain = Self.document(Citations(sources: Self.sources)).plain(
      width: 60, style: ChartStyle(ascii: true))
    try expectGolden(markdown, named: "citations-markdown.txt")
    try expectGolden(plain, named: "citations-plain.txt")
    var data = ReportData()
    data.sources = Self.sources
    try expectGolden(OverviewReports.sources(data), named: "sources-list.txt")
  }

  @Test("adjacent citations stay apart; plain text has no Markdown and never breaks a URL")
  func plainText() {
    let citations = Citations(sources: Self.sources)
    let markdown = Self.document(citations).markdown(width: 60, style: ChartStyle(ascii: true))
    #expect(
      markdown.contains("[[GMK Center n.d. a](sources.md#gmk-one)] [[GMK Center n.d. b](sources.md#gmk-two)]")
    )
    #expect(!markdown.contains("[^"))
    let plain = Self.document(Citations(sources: Self.sources)).plain(
      width: 60, style: ChartStyle(ascii: true))
    #expect(!plain.contains("]("))
    #expect(!plain.contains("{cite:"))
    #expect(plain.contains("A figure [USGS MCS 2026]"))
    #expect(plain.contains("See the summary (summary.md)."))
    let longURL = Self.sources.last?.url ?? ""
    let lines = plain.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }
    #expect(lines.contains { $0 == longURL }, "the long URL is not on a line of its own")
    for line in lines where !line.hasPrefix("http") { #expect(DisplayWidth.of(line) <= 60, "\(line)") }
  }

  @Test("every citation link in every generated report resolves to an anchor in sources.md")
  func linksResolve() throws {
    let files = try ReportSetTests.render()
    let sources = try #require(files["sources.md"])
    let anchors = Set(Self.matches(of: #/<a id="([a-z0-9-]+)"></a>/#, in: sources))
    #expect(anchors.count == sources.split(separator: "\n").filter { $0.hasPrefix("- <a id=") }.count)
    var links = 0
    for (name, text) in files {
      for target in Self.matches(of: #/\]\(sources\.md#([^)]*)\)/#, in: text) {
        links += 1
        let resolves = anchors.contains(target)
        #expect(resolves, "\(name) links to sources.md#\(target), which has no anchor")
      }
      if name.hasSuffix(".txt") {
        #expect(!text.contains("]("), "\(name) has a Markdown link")
        #expect(!text.contains("[^"), "\(name) has a Markdown footnote")
      }
    }
    #expect(links > 100)
  }

  static func matches(of regex: Regex<(Substring, Substring)>, in text: String) -> [String] {
    text.matches(of: regex).map { String($0.output.1) }
  }
}
