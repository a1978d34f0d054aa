import CRMAReport
import CRMATestSupport
import CRMATransform
import CSVStream
import Testing

/// Golden files for every report section in both formats, over SYNTHETIC data (see
/// ``SyntheticReportData``): each section alone in a document, Markdown then plain text.
@Suite("Report sections (synthetic data)")
struct SectionGoldenTests {
  static let style = ChartStyle(ascii: false)

  static func both(_ document: Document) -> String {
    document.markdown(width: 80, style: style) + "\n==== plain text ====\n\n"
      + document.plain(width: 80, style: style)
  }

  static let titanium = MaterialSpec.all.first { $0.slug == "titanium" }!

  @Test("every material section, Markdown and plain text", arguments: MaterialReport.sections.indices)
  func materialSection(_ index: Int) throws {
    let data = try SyntheticReportData.load()
    let section = MaterialReport.sections[index]
    let view = MaterialView(spec: Self.titanium, data: data, citations: Citations(sources: data.sources))
    var document = Document(citations: view.citations)
    section.add(to: &document, view)
    let text = Self.both(document)
    for line in document.plain(width: 80, style: Self.style).split(separator: "\n")
    where !line.contains("://") {
      #expect(DisplayWidth.of(String(line)) <= 80, "\(type(of: section)): \(line)")
    }
    try expectGolden(text, named: "section-\(type(of: section)).txt")
  }

  @Test("every summary section, Markdown and plain text", arguments: SummaryReport.sections.indices)
  func summarySection(_ index: Int) throws {
    let data = try SyntheticReportData.load()
    let section = SummaryReport.sections[index]
    let citations = Citations(sources: data.sources)
    var document = Document(citations: citations)
    section.add(to: &document, SummaryView(data: data, citations: citations))
    try expectGolden(Self.both(document), named: "summary-\(type(of: section)).txt")
  }
}
