import CRMAIngest
import CRMATestSupport
import CRMATransform
import Foundation
import Logging
import Testing

/// Typed records decoded with checks: every way a table can fail to be what a record reads is a
/// problem naming the file, the column and (for values) the line; nothing becomes "" or 0.
@Suite("Typed records: decoding with checks")
struct RecordDecodingTests {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  /// A supply_shares table in memory (synthetic) with the given fields (name, type) and rows.
  static func table(_ fields: [(String, String)], _ rows: [[FieldValue?]]) throws -> Table {
    let fieldJSON = fields.map { "{\"name\": \"\($0.0)\", \"type\": \"\($0.1)\"}" }.joined(separator: ", ")
    let json = try JSONValue.parse(
      Data(
        """
        {"resources": [{"name": "supply_shares", "path": "supply_shares.csv", "schema": {"fields": [\(fieldJSON)]}}]}
        """.utf8))
    let resource = try DataPackageDescriptor(json: json).resources[0]
    return Table(
      resource: resource, rows: rows, lines: rows.indices.map { $0 + 2 }, path: "data/supply_shares.csv")
  }

  static let fields: [(String, String)] = [
    ("assessment_year", "integer"), ("scope", "string"), ("material_id", "string"),
    ("material_label", "string"), ("stage", "string"), ("country", "string"), ("share_pct", "number"),
    ("share_below", "boolean"), ("source_id", "string"),
  ]

  static func row(stage: String = "processing", share: FieldValue? = .number(79)) -> [FieldValue?] {
    [
      .integer(2023), .string("eu-sourcing"), .string("lithium"), .string("Lithium"), .string(stage),
      .string("CHL"), share, .boolean(false), .string("test"),
    ]
  }

  @Test("a good table decodes into typed records")
  func decodes() throws {
    let (records, problems) = try Self.table(Self.fields, [Self.row()]).records(SupplyShare.self)
    #expect(problems.isEmpty)
    #expect(records.count == 1)
    #expect(records.first?.sharePct == 79)
    #expect(records.first?.stage == .processing)
  }

  @Test("a missing (renamed) column names the file and the column, no line, and decodes nothing")
  func missingColumn() throws {
    var fields = Self.fields
    fields[6].0 = "share_percent"
    let (records, problems) = try Self.table(fields, [Self.row()]).records(SupplyShare.self)
    #expect(records.isEmpty)
    #expect(problems.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.kind == .schemaMismatch)
    #expect(problem.path == "data/supply_shares.csv")
    #expect(problem.column == "share_pct")
    #expect(problem.line == nil)
    #expect(problem.description.hasPrefix("data/supply_shares.csv: share_pct: "))
  }

  @Test("a column declared with a type the record cannot read is a schema mismatch")
  func wrongDeclaredType() throws {
    var fields = Self.fields
    fields[6].1 = "string"
    let (records, problems) = try Self.table(fields, [Self.row(share: .string("79"))]).records(
      SupplyShare.self)
    #expect(records.isEmpty)
    let problem = try #require(problems.first)
    #expect(problem.kind == .schemaMismatch)
    #expect(problem.column == "share_pct")
    #expect(problem.message.contains("declares it string"))
  }

  @Test("an unknown enum value names the file, the line and the column")
  func unknownEnumValue() throws {
    let (records, problems) = try Self.table(Self.fields, [Self.row(), Self.row(stage: "smelting")])
      .records(SupplyShare.self)
    #expect(records.count == 1)
    let problem = try #require(problems.first)
    #expect(problem.kind == .type)
    #expect(problem.line == 3)
    #expect(problem.column == "stage")
    #expect(
      problem.description.hasPrefix("data/supply_shares.csv:3: stage: \"smelting\" is not a value crma knows")
    )
  }

  @Test("a missing required value is a problem on its line, never 0")
  func missingRequiredValue() throws {
    let (records, problems) = try Self.table(Self.fields, [Self.row(share: nil)]).records(SupplyShare.self)
    #expect(records.isEmpty)
    let problem = try #require(problems.first)
    #expect(problem.kind == .constraint)
    #expect(problem.line == 2)
    #expect(problem.column == "share_pct")
  }

  @Test("a value of the wrong type in a cell is a problem on its line")
  func wrongValueType() throws {
    let (_, problems) = try Self.table(Self.fields, [Self.row(share: .boolean(true))]).records(
      SupplyShare.self)
    let problem = try #require(problems.first)
    #expect(problem.kind == .type)
    #expect(problem.line == 2)
    #expect(problem.column == "share_pct")
  }

  /// The issue's reproduction on a copy of data/: `share_pct` renamed in the CSV and the schema.
  static func renamedSharePct() throws -> DataFixture {
    let fixture = try DataFixture()
    try fixture.editLine("supply_shares.csv", 1) {
      $0.replacingOccurrences(of: "share_pct", with: "share_percent")
    }
    let descriptor = "\(fixture.path)/datapackage.json"
    let text = try String(contentsOfFile: descriptor, encoding: .utf8)
    #expect(text.contains("\"name\": \"share_pct\""))
    try text.replacingOccurrences(of: "\"name\": \"share_pct\"", with: "\"name\": \"share_percent\"")
      .write(toFile: descriptor, atomically: true, encoding: .utf8)
    return fixture
  }

  @Test(
    "renaming share_pct in the CSV and the schema is refused by the transform input, naming file and column")
  func renamedColumnInPackage() throws {
    let fixture = try Self.renamedSharePct()
    defer { fixture.remove() }
    let ingest = try IngestStage.run(directory: fixture.path, logger: Self.logger)
    #expect(ingest.isValid, "the renamed package is valid Table Schema")
    let problems = TransformInput.problems(in: ingest)
    #expect(
      problems.map(\.description) == [
        "\(fixture.path)/supply_shares.csv: share_pct: crma needs this field; the table has none (renamed or removed?)"
      ])
    #expect(throws: RecordProblems.self) { try TransformInput(ingest: ingest) }
  }

  @Test("a resource the transform needs that the package lacks names datapackage.json")
  func missingResource() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let descriptor = "\(fixture.path)/datapackage.json"
    var json = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: descriptor)))
    guard case .object(var object) = json, case .array(let resources)? = object["resources"] else {
      Issue.record("descriptor is not an object with resources")
      return
    }
    object["resources"] = .array(resources.filter { $0["name"]?.string != "benchmarks" })
    json = .object(object)
    try json.serialized().write(toFile: descriptor, atomically: true, encoding: .utf8)
    let ingest = try IngestStage.run(directory: fixture.path, logger: Self.logger)
    let problems = TransformInput.problems(in: ingest)
    #expect(problems.count == 1)
    #expect(problems.first?.kind == .schemaMismatch)
    #expect(problems.first?.path == descriptor)
    #expect(problems.first?.resource == "benchmarks")
  }

  @Test("a USGS edition without its year is refused on its line (editions are ordered by it)")
  func editionWithoutYear() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("production_reserves.csv", line: 2, column: 0, to: "MCS2026")
    // Without the shipped pattern the edition is valid Table Schema; crma still needs its year.
    let descriptor = "\(fixture.path)/datapackage.json"
    let text = try String(contentsOfFile: descriptor, encoding: .utf8)
    try text.replacingOccurrences(
      of: "\"required\": true,\n              \"pattern\": \"MCS 20[0-9]{2}\"", with: "\"required\": true"
    )
    .write(toFile: descriptor, atomically: true, encoding: .utf8)
    let ingest = try IngestStage.run(directory: fixture.path, logger: Self.logger)
    #expect(ingest.problems.map(\.description) == [])
    let problems = TransformInput.problems(in: ingest)
    #expect(problems.count == 1)
    #expect(problems.first?.line == 2)
    #expect(problems.first?.column == "edition")
    #expect(problems.first?.path == "\(fixture.path)/production_reserves.csv")
  }

  @Test("the shipped package decodes without a problem")
  func shippedDataDecodes() throws {
    let ingest = try IngestStage.run(directory: Repository.dataDirectory, logger: Self.logger)
    #expect(TransformInput.problems(in: ingest).isEmpty)
  }
}

/// The writer names every field of a derived table through its row type's `Column` enum, in the
/// enum's order, so the report's decoder and the writer cannot drift apart.
@Suite("Derived tables: the writer's fields are the row types' columns")
struct OutputColumnsTests {
  static func columns<Record: TableRecord>(_ type: Record.Type) -> [String] {
    Record.Column.allCases.map(\.rawValue)
  }

  @Test("each derived table's header is its row type's Column cases in order")
  func headersMatchColumns() throws {
    let tables = try RealDataTests.result().tables
    let expected: [String: [String]] = [
      "mapping": Self.columns(MappedFigure.self), "unmapped": Self.columns(UnmappedFigure.self),
      "figures": Self.columns(NormalisedFigure.self), "reconciled": Self.columns(ReconciledFact.self),
      "shares": Self.columns(ShareRow.self), "concentration": Self.columns(ConcentrationRow.self),
      "supply_risk": Self.columns(CriticalityCheck.self), "article5": Self.columns(Article5Check.self),
      "exposure_deposits": Self.columns(ExposedDeposit.self), "exposure": Self.columns(ExposureRow.self),
      "trade_shares": Self.columns(TradeShareRow.self), "scenarios": Self.columns(ScenarioResult.self),
      "trade_product_shares": Self.columns(TradeProductShare.self),
      "front_line_status": Self.columns(PlaceStatus.self), "timeline": Self.columns(TimelineEntry.self),
      "exposure_counts": Self.columns(ExposureCount.self), "exposure_tonnage": Self.columns(TonnageClassRow.self),
      "ceasefire": Self.columns(CeasefireRow.self),
    ]
    #expect(Set(tables.map(\.name)) == Set(expected.keys))
    for table in tables {
      #expect(table.fields.map(\.name) == expected[table.name], "\(table.name)")
    }
  }
}
