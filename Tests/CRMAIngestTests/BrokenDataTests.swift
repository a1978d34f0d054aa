import CRMAIngest
import CRMATestSupport
import Foundation
import InMemoryLogging
import Logging
import Testing

/// Broken copies of `data/`: each must be rejected by crma, with the right file, line and column,
/// and by the external validator frictionless when the Makefile provides it.
@Suite("Ingest: broken copies of data/ are rejected by crma and frictionless")
struct BrokenDataTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var break_: @Sendable (DataFixture) throws -> Void
    var file: String
    var line: Int?
    var column: String?
    var kind: IngestProblem.Kind
    var message: String
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(
      label: "wrong type", break_: { try $0.setField("supply_shares.csv", line: 2, column: 6, to: "abc") },
      file: "supply_shares.csv", line: 2, column: "share_pct", kind: .type, message: "\"abc\" is not a number"
    ),
    Case(
      label: "missing required value",
      break_: { try $0.setField("supply_shares.csv", line: 2, column: 5, to: "") },
      file: "supply_shares.csv", line: 2, column: "country", kind: .constraint, message: "value is required"),
    Case(
      label: "value outside an enum",
      break_: { try $0.setField("supply_shares.csv", line: 2, column: 1, to: "regional") },
      file: "supply_shares.csv", line: 2, column: "scope", kind: .constraint,
      message: "\"regional\" is not one of the allowed values (global, eu-sourcing)"),
    Case(
      label: "negative tonnage",
      break_: { fixture in
        try fixture.editLine("deposit_figures.csv", 2) {
          $0.replacingOccurrences(of: ",1200000,", with: ",-1200000,")
        }
      }, file: "deposit_figures.csv", line: 2, column: "contained_tonnes", kind: .constraint,
      message: "-1200000 is less than the minimum 0"),
    Case(
      label: "share above 100 %",
      break_: { try $0.setField("supply_shares.csv", line: 2, column: 6, to: "100.5") },
      file: "supply_shares.csv", line: 2, column: "share_pct", kind: .constraint,
      message: "100.5 is more than the maximum 100"),
    Case(
      label: "duplicate primary key",
      break_: { fixture in
        try fixture.editLine("supply_shares.csv", 3) { _ in
          "2023,global,fluorspar,Fluorspar,extraction,AFG,0.1,true,1.0,eu-critical-raw-material-data"
        }
      }, file: "supply_shares.csv", line: 3,
      column: "assessment_year, scope, material_id, material_label, stage, country",
      kind: .primaryKey,
      message: "duplicate primary key (2023, global, fluorspar, Fluorspar, extraction, AFG), first on line 2"),
    Case(
      label: "dangling source id",
      break_: { try $0.setField("supply_shares.csv", line: 2, column: 9, to: "no-such-source") },
      file: "supply_shares.csv", line: 2, column: "source_id", kind: .foreignKey,
      message: "\"no-such-source\" is not a source_id in sources"),
    Case(
      label: "unknown material",
      break_: { try $0.setField("supply_shares.csv", line: 2, column: 2, to: "unobtainium") },
      file: "supply_shares.csv", line: 2, column: "material_id", kind: .foreignKey,
      message: "\"unobtainium\" is not a material_id in materials"),
    Case(
      label: "unknown country",
      break_: { try $0.setField("supply_shares.csv", line: 2, column: 5, to: "ZZZ") },
      file: "supply_shares.csv", line: 2, column: "country", kind: .foreignKey,
      message: "\"ZZZ\" is not a iso3 in countries"),
    Case(
      label: "country code of the wrong shape",
      break_: { try $0.setField("supply_shares.csv", line: 2, column: 5, to: "Afghanistan") },
      file: "supply_shares.csv", line: 2, column: "country", kind: .constraint,
      message: "\"Afghanistan\" does not match the pattern [A-Z]{3}"),
    Case(
      label: "malformed CSV",
      break_: { try $0.setField("supply_shares.csv", line: 4, column: 2, to: "\"fluorspar\"x") },
      file: "supply_shares.csv", line: 4, column: "material_id", kind: .malformedCSV,
      message: "unexpected character 'x' after a closing quote"),
    Case(
      label: "ragged row",
      break_: { fixture in try fixture.editLine("supply_shares.csv", 5) { $0 + ",extra" } },
      file: "supply_shares.csv", line: 5, column: "column 11", kind: .malformedCSV,
      message: "record has 11 fields but the header has 10"),
    Case(
      label: "header that does not match the schema",
      break_: { fixture in
        try fixture.editLine("events.csv", 1) { $0.replacingOccurrences(of: "event_id", with: "id") }
      }, file: "events.csv", line: 1, column: "event_id", kind: .header,
      message: "header column 1 should be \"event_id\", found \"id\""),
    Case(
      label: "missing file", break_: { try $0.remove("events.csv") },
      file: "events.csv", line: nil, column: nil, kind: .missingFile,
      message: "cannot open: No such file or directory"),
    Case(
      label: "invalid date", break_: { try $0.setField("sources.csv", line: 3, column: 6, to: "2026-02-30") },
      file: "sources.csv", line: 3, column: "transcribed", kind: .type,
      message: "\"2026-02-30\" is not a date (YYYY-MM-DD)"),
  ]

  @Test("crma names file, line and column; frictionless also rejects", arguments: cases)
  func rejected(_ testCase: Case) throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try testCase.break_(fixture)
    let result = try IngestStage.run(
      directory: fixture.path, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    let problem = result.problems.first
    #expect(result.problems.count >= 1)
    #expect(problem?.path == "\(fixture.path)/\(testCase.file)")
    #expect(problem?.line == testCase.line)
    #expect(problem?.column == testCase.column)
    #expect(problem?.kind == testCase.kind)
    #expect(problem?.message == testCase.message)
    if let status = try Frictionless.validate("\(fixture.path)/datapackage.json") {
      #expect(status != 0, "frictionless accepted the broken copy")
    }
  }

  @Test("the real data/ is valid for crma and for frictionless")
  func realDataValid() throws {
    let result = try IngestStage.run(
      directory: Repository.dataDirectory,
      logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    #expect(result.problems.map(\.description) == [])
    #expect(result.tables.count == result.descriptor.resources.count)
    if let status = try Frictionless.validate("\(Repository.dataDirectory)/datapackage.json") {
      #expect(status == 0)
    }
  }

  @Test("all problems of a run are collected, not only the first")
  func collectsAll() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("supply_shares.csv", line: 2, column: 6, to: "abc")
    try fixture.setField("supply_shares.csv", line: 7, column: 1, to: "regional")
    try fixture.remove("events.csv")
    let result = try IngestStage.run(
      directory: fixture.path, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    #expect(result.problems.count == 3)
    #expect(Set(result.problems.map(\.kind)) == [.type, .constraint, .missingFile])
  }

  @Test("the stage logs rows read per resource through the logger it is given")
  func logs() throws {
    let handler = InMemoryLogHandler()
    var logger = Logger(label: "test", factory: { _ in handler })
    logger.logLevel = .debug
    _ = try IngestStage.run(directory: Repository.dataDirectory, logger: logger)
    let entries = handler.entries.filter { $0.message.description == "resource read" }
    #expect(entries.count == 24)
    #expect(entries.contains { $0.metadata["resource.name"]?.description == "sources" })
  }
}
