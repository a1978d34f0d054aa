import CRMAIngest
import CRMAPipeline
import CRMAReport
import CRMATestSupport
import CRMATransform
import CRMAUSGS
import CSVStream
import Foundation
import Logging
import Testing

@Suite("The report set from the real data")
struct ReportSetTests {
  static func render(ascii: Bool = false) throws -> [String: String] {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    // As `crma ingest` does: the USGS publisher files' rows join production_reserves, and the
    // Comext extract becomes the trade tables.
    let ingest = TradeImportsStage.merge(
      USGSStage.merge(
        try IngestStage.run(directory: Repository.dataDirectory, logger: logger),
        directory: Repository.dataDirectory,
        logger: logger),
      directory: Repository.dataDirectory, logger: logger)
    let result = TransformStage.run(try TransformInput(ingest: ingest), logger: logger)
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    _ = try TransformOutput.write(result, passingThrough: ingest, to: folder.path, logger: logger)
    let (data, problems) = try ReportData.load(directory: folder.path, logger: logger)
    #expect(problems.isEmpty)
    return ReportStage.render(data, options: ReportOptions(ascii: ascii), logger: logger)
  }

  @Test("rendering twice gives byte-identical files")
  func deterministic() throws {
    #expect(try Self.render() == Self.render())
  }

  @Test("the committed reports/ are current")
  func committedCurrent() throws {
    let files = try Self.render()
    for (name, text) in files {
      let committed = try? String(contentsOfFile: "\(Repository.root)/reports/\(name)", encoding: .utf8)
      #expect(committed == text, "reports/\(name) is stale: run make and commit reports/")
    }
  }

  @Test("plain text stays within 80 columns; no trailing spaces; LF only")
  func plainText() throws {
    for (name, text) in try Self.render() {
      #expect(!text.contains("\r"), "\(name)")
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(line.last != " ", "\(name): trailing space")
        // A URL is never broken: it stands alone on its line, however long.
        let isURL = line.trimmingPrefix(while: { $0 == " " }).hasPrefix("http")
        if name.hasSuffix(".txt") && !isURL { #expect(DisplayWidth.of(line) <= 80, "\(name): \(line)") }
      }
    }
  }

  @Test("each material report answers the five questions, with sources")
  func answers() throws {
    let files = try Self.render()
    for slug in ["lithium", "titanium", "rare-earths"] {
      let text = try #require(files["\(slug).md"])
      for heading in [
        "## CRMA category", "## EU supply risk", "## Concentration of supply",
        "## EU sourcing and the 65 % cap", "## Behind the front line", "## Ukrainian deposits", "## Dated events",
      ] {
        #expect(text.contains(heading), "\(slug): \(heading)")
      }
      #expect(text.contains("](sources.md#"), "\(slug) cites no source")
      #expect(text.contains("Unit: "), "\(slug): a chart without its unit")
    }
    #expect(files["README.md"]?.contains("summary.md") == true)
  }

  @Test("ASCII mode renders charts without block characters")
  func asciiSet() throws {
    let files = try Self.render(ascii: true)
    #expect(files["lithium.txt"]?.contains("█") == false)
  }
}
