import CRMAFiles
import CRMAIngest
import CRMATestSupport
import Foundation
import Logging
import Testing

/// Resources larger than the retention bound are streamed: every value checked, keys checked
/// through spilled hashes, normalised CSV written while reading, rows not kept. The bound is set
/// small here so a few thousand SYNTHETIC rows are streamed.
@Suite("Ingest: resources above the retention bound are streamed, checked in full")
struct StreamedResourceTests {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  /// A SYNTHETIC package: `codes` (primary key `code`) and `records` (primary key `record_id`,
  /// `code` a foreign key into codes, `amount` a number at least 0), with `rows` records; `edit`
  /// changes record `i` (1-based; on line i + 1) before it is written.
  static func package(rows: Int = 5000, edit: (Int, inout [String]) -> Void = { _, _ in }) throws
    -> TemporaryDirectory
  {
    let folder = try TemporaryDirectory("crma-streamed")
    var codes = "code,label\n"
    // Long labels make codes.csv (~120 kB) larger than a 3,000-row records.csv (~50 kB).
    let padding = String(repeating: "x", count: 380)
    for index in 0..<300 { codes += "C\(index),SYNTHETIC code \(index) \(padding)\n" }
    try folder.write("codes.csv", codes)
    var records = "record_id,code,amount,note\n"
    for index in 1...rows {
      var fields = [
        "R\(index)", "C\(index % 300)", index % 7 == 0 ? "1.50" : "\(index)", index % 5 == 0 ? "a, b" : "",
      ]
      edit(index, &fields)
      records += fields.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") + "\n"
    }
    try folder.write("records.csv", records)
    try folder.write(
      "datapackage.json",
      """
      {"name": "synthetic", "resources": [
        {"name": "records", "path": "records.csv", "schema": {
          "primaryKey": "record_id",
          "foreignKeys": [{"fields": "code", "reference": {"resource": "codes", "fields": "code"}}],
          "fields": [
            {"name": "record_id", "type": "string", "constraints": {"required": true, "pattern": "R[0-9]+"}},
            {"name": "code", "type": "string"},
            {"name": "amount", "type": "number", "constraints": {"minimum": 0}},
            {"name": "note", "type": "string"}]}},
        {"name": "codes", "path": "codes.csv", "schema": {
          "primaryKey": "code",
          "fields": [{"name": "code", "type": "string"}, {"name": "label", "type": "string"}]}}
      ]}
      """)
    return folder
  }

  @Test("a resource above the bound is validated in full, written as normalised CSV, not kept")
  func streamedAndWritten() throws {
    let folder = try Self.package()
    defer { folder.remove() }
    let output = try OutputFolder(path: "\(folder.path)/out")
    let result = try IngestStage.run(
      directory: folder.path, retainBytes: 1000, output: output, logger: Self.logger)
    #expect(result.problems.isEmpty, "\(result.problems)")
    #expect(result.table(named: "records") == nil)
    #expect(result.rowCount(of: "records") == 5000)
    let streamed = try #require(result.streamed.first { $0.name == "records" })
    let written = try String(contentsOfFile: output.file("records.csv"), encoding: .utf8)
    var expected = "record_id,code,amount,note\n"
    for index in 1...5000 {
      expected +=
        "R\(index),C\(index % 300),\(index % 7 == 0 ? "1.5" : "\(index)"),\(index % 5 == 0 ? "\"a, b\"" : "")\n"
    }
    #expect(written == expected)
    #expect(streamed.outputBytes == expected.utf8.count)
    #expect(streamed.outputSHA256 == SHA256.hex(Array(expected.utf8)))
    // A stage that needs the rows is told why they are not there, never given an empty table.
    let refusal = try #require(result.notRetainedProblem("records"))
    #expect(refusal.message.contains("larger than the 1000 bytes crma keeps in memory"))
    #expect(result.notRetainedProblem("nothing") == nil)
  }

  @Test("the same package under the default bound is retained, with the same rows")
  func retainedUnderDefaultBound() throws {
    let folder = try Self.package()
    defer { folder.remove() }
    let result = try IngestStage.run(directory: folder.path, logger: Self.logger)
    #expect(result.problems.isEmpty)
    #expect(result.streamed.isEmpty)
    #expect(result.table(named: "records")?.rows.count == 5000)
  }

  @Test("a duplicate primary key 4,897 lines apart is found in a streamed resource, with both lines")
  func duplicateFarApart() throws {
    let folder = try Self.package { index, fields in if index == 4900 { fields[0] = "R3" } }
    defer { folder.remove() }
    let result = try IngestStage.run(directory: folder.path, retainBytes: 1000, logger: Self.logger)
    #expect(
      result.problems.map(\.description) == [
        "\(folder.path)/records.csv:4901: record_id: duplicate primary key (R3), first on line 4"
      ])
    #expect(result.problems.first?.kind == .primaryKey)
  }

  @Test(
    "a foreign key into a streamed table that resolves to nothing is found (source streamed or retained)",
    arguments: [1000, 100_000])
  func foreignKeyIntoStreamedTable(retainBytes: Int) throws {
    let folder = try Self.package(rows: 3000) { index, fields in if index == 2500 { fields[1] = "ZZ" } }
    defer { folder.remove() }
    // codes.csv (~120 kB) is streamed under both bounds; records.csv (~50 kB) is retained under the larger.
    let result = try IngestStage.run(directory: folder.path, retainBytes: retainBytes, logger: Self.logger)
    #expect(result.table(named: "codes") == nil)
    #expect((result.table(named: "records") != nil) == (retainBytes == 100_000))
    #expect(
      result.problems.map(\.description) == [
        "\(folder.path)/records.csv:2501: code: \"ZZ\" is not a code in codes"
      ])
  }

  @Test("a bad value deep in a streamed resource names its file, line and column")
  func badValueNamed() throws {
    let folder = try Self.package { index, fields in
      if index == 4000 { fields[2] = "abc" }
      if index == 4001 { fields[2] = "-2" }
      if index == 4002 { fields[0] = "X4002" }
    }
    defer { folder.remove() }
    let output = try OutputFolder(path: "\(folder.path)/out")
    let result = try IngestStage.run(
      directory: folder.path, retainBytes: 1000, output: output, logger: Self.logger)
    #expect(
      result.problems.map(\.description) == [
        "\(folder.path)/records.csv:4001: amount: \"abc\" is not a number",
        "\(folder.path)/records.csv:4002: amount: -2 is less than the minimum 0",
        "\(folder.path)/records.csv:4003: record_id: \"X4002\" does not match the pattern R[0-9]+",
      ])
    // An invalid resource's output is not finished (the stage will not commit it).
    #expect(result.streamed.first?.outputSHA256 == nil)
  }

  @Test(
    "problems are capped per resource, the rest counted", arguments: [1000, IngestStage.maxRetainedBytes])
  func problemCap(retainBytes: Int) throws {
    let folder = try Self.package { index, fields in if index <= 1500 { fields[2] = "x\(index)" } }
    defer { folder.remove() }
    let result = try IngestStage.run(directory: folder.path, retainBytes: retainBytes, logger: Self.logger)
    let problems = result.problems(of: "records")
    #expect(problems.count == IngestStage.maxProblemsPerResource + 1)
    #expect(problems.first?.description == "\(folder.path)/records.csv:2: amount: \"x1\" is not a number")
    #expect(
      problems.last?.description
        == "\(folder.path)/records.csv: 500 more problems not listed (crma lists the first 1000 of a resource)"
    )
    #expect(problems.last?.kind == .type)
  }
}
