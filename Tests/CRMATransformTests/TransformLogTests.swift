import CRMAIngest
import CRMATestSupport
import CRMATransform
import CRMAUSGS
import InMemoryLogging
import Logging
import Testing

/// The transform's log at the nightly run's default level: per-figure messages are debug, the
/// count is in the one info summary (swift-log's best practice on per-item messages).
@Suite("Transform log levels")
struct TransformLogTests {
  @Test("each figure the commodity map excludes is logged at debug; the info summary counts them")
  func excludedAtDebug() throws {
    let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    let ingest = USGSStage.merge(
      try IngestStage.run(directory: Repository.dataDirectory, logger: quiet),
      directory: Repository.dataDirectory, logger: quiet)
    let handler = InMemoryLogHandler()
    var logger = Logger(label: "test", factory: { _ in handler })
    logger.logLevel = .trace
    let result = TransformStage.run(try TransformInput(ingest: ingest), logger: logger)
    let excluded = result.unmapped.filter(\.isExcludedByMap).count
    #expect(excluded > 0, "the shipped commodity map excludes some figures on purpose")
    let perFigure = handler.entries.filter {
      $0.message.description == "figure excluded by the commodity map"
    }
    #expect(perFigure.count == excluded)
    #expect(perFigure.allSatisfy { $0.level == .debug })
    let summary = handler.entries.filter { $0.message.description == "transform finished" }
    #expect(summary.count == 1)
    #expect(summary.first?.level == .info)
    #expect(summary.first?.metadata["figures.excluded"]?.description == "\(excluded)")
    // At info (the nightly default) nothing per figure is left.
    #expect(!handler.entries.contains { $0.level >= .info && $0.message.description.contains("excluded") })
  }
}
