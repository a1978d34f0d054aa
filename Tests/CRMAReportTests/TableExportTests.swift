import CRMAReport
import CRMATestSupport
import CRMATransform
import CSVStream
import Testing

/// Report tables as CSV, the provenance lookups and the status timeline, over SYNTHETIC data.
@Suite("CSV tables, provenance and the status timeline (synthetic data)")
struct TableExportTests {
  @Test("a table's CSV: number columns without separators or %, citations as a sources column")
  func csv() throws {
    let citations = Citations(sources: [
      Source(
        id: "syn-one", publisher: "Synthetic", title: "t", url: "https://example.org/1",
        transcribed: "2026-01-01")
    ])
    var document = Document(citations: citations)
    document.add(.heading(2, "Synthetic shares"))
    document.add(
      .table(
        TextTable(
          columns: [.init("Country"), .init("Value (t)", .right), .init("Share", .right)],
          rows: [
            ["Synthetia", "1,200,000", "12.5 % \(citations.cite("syn-one"))"], ["Testland", "—", "3 %"],
          ])))
    let tables = TableExport.tables(document, report: "synthetic", title: "Synthetic")
    let table = try #require(tables.first)
    #expect(table.name == "synthetic-synthetic-shares")
    #expect(table.fields.map(\.type) == ["string", "integer", "number", "string"])
    #expect(table.fields.map(\.name) == ["Country", "Value (t)", "Share (%)", "sources"])
    #expect(
      table.csv() == "Country,Value (t),Share (%),sources\nSynthetia,1200000,12.5,syn-one\nTestland,,3,\n")
    #expect(TableExport.descriptor(tables).contains("\"path\": \"synthetic-synthetic-shares.csv\""))
  }

  @Test("every report table of the synthetic data is exported and lists its sources")
  func everyTable() throws {
    let data = try SyntheticReportData.load()
    let files = ReportStage.render(data, logger: SyntheticReportData.logger)
    let names = files.keys.filter { $0.hasPrefix("tables/") && $0.hasSuffix(".csv") }
    #expect(names.contains("tables/titanium-concentration-ilmenite-production.csv"))
    #expect(names.contains("tables/summary-eu-dependence.csv"))
    let concentration = try #require(files["tables/titanium-concentration-ilmenite-production.csv"])
    #expect(concentration.contains("syn-usgs-2026"), "rows lost their sources")
    let descriptor = try #require(files["tables/datapackage.json"])
    for name in names { #expect(descriptor.contains(String(name.dropFirst("tables/".count)))) }
  }

  @Test("crma cite: the source and the figures citing it; unknown id is nil")
  func cite() throws {
    let data = try SyntheticReportData.load()
    let text = try #require(Provenance.cite("syn-study", data: data))
    #expect(text.hasPrefix("[Synthetic study 2023] Synthetic Commission"))
    #expect(text.contains("tables/summary-eu-dependence.csv") || text.contains("tables/titanium-"))
    #expect(Provenance.cite("no-such-source", data: data) == nil)
  }

  @Test("crma explain: the rows behind a figure, by product or report, ISO3 or name")
  func explain() throws {
    let data = try SyntheticReportData.load()
    let text = try #require(
      Provenance.explain(material: "ilmenite", country: "Ukraine", year: 2023, data: data))
    #expect(text.contains("MCS 2024|ilmenite|UKR|2023|production: 60"))
    #expect(text.contains("ilmenite production 2023: 40 kt TiO2 from MCS 2025"))
    #expect(text.contains("syn-usgs-2025: [Synthetic MCS 2025]"))
    let all = try #require(Provenance.explain(material: "titanium", country: "UKR", year: nil, data: data))
    #expect(all.contains("synthetic ilmenite concentrate"))
    #expect(Provenance.explain(material: "titanium", country: "Atlantis", year: nil, data: data) == nil)
    #expect(Provenance.explain(material: "unobtainium", country: "UKR", year: nil, data: data) == nil)
  }

  @Test("status timeline: one cell per month, the latest report at the month's end, a legend")
  func timeline() throws {
    #expect(
      StatusTimeline.months(from: "2024-11", to: "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"])
    #expect(StatusTimeline.months(from: "2025-02", to: "2024-11").isEmpty)
    #expect(StatusTimeline.months(from: "2025", to: "2025-02").isEmpty)
    let chart = StatusTimeline(
      title: "Synthetic timeline", months: StatusTimeline.months(from: "2023-11", to: "2025-02"),
      rows: [
        .init("Alpha", reports: [(month: "2024-01", status: "held"), (month: "2024-06", status: "lost")]),
        .init("Beta", reports: [(month: "2023-11", status: "lost")]),
      ], legend: [(status: "held", letter: "H"), (status: "lost", letter: "L")])
    let text =
      chart.render(width: 40, style: ChartStyle(ascii: false))
      + chart.render(width: 20, style: ChartStyle(ascii: true))
    try expectGolden(text, named: "timeline.txt")
  }
}
