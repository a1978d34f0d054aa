import CRMAFiles
import CRMATestSupport
import CSVStream
import Foundation
import Logging
import Testing

@testable import CRMAIngest

/// The two-part read of a streamed resource (files of ``IngestStage/parallelBytes`` or more, two
/// threads), forced here on small SYNTHETIC files by a threshold of one byte; and the cells a
/// streamed read decides on their bytes (``FieldChecker/quickCheck(_:)``), whose output must be
/// the bytes the typed values' texts give.
@Suite("Ingest: streamed resources read in two parts, cells decided on their bytes")
struct StreamedTwoPartTests {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
  /// Whether this machine reads large files in two parts (it needs two cores).
  static let twoCores = ProcessInfo.processInfo.activeProcessorCount >= 2

  /// Cells in canonical and non-canonical forms, all valid, by column of ``formsPackage(rows:)``.
  static let integers = ["0", "7", "007", "+5", "-0", "123456789", "42"]
  static let numbers = [
    "0", "1.5", "1.50", "0.0001", "0.00001", "0.001", "1e3", "-0", "-0.0", "12345678901234.5",
    "123456789012345",
    "123456789012345.5", "999999999999999.9", ".5", "+2.25", "0.1", "3.14159265358979", "2.5E-3", "10.000",
    "-7.25", "100",
  ]
  static let shares = ["0", "1", "0.25", "0.250", "1.0", "0.5", ".75", "0.0005"]
  static let labels = [
    "plain", "with, comma", "with \"quote\"", "two\nlines", "Zürich", "ends with space ", "x",
  ]
  static let booleans = ["true", "false", "1", "0", "TRUE"]

  /// A SYNTHETIC package of one resource `forms` whose cells cycle through the lists above.
  static func formsPackage(rows: Int) throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory("crma-two-part")
    var text = "id,label,kind,count,amount,share,day,flag,year,note\n"
    func quoted(_ field: String) -> String {
      field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
        ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
    for index in 1...rows {
      let fields = [
        "R\(index)", labels[index % labels.count], ["ore", "metal"][index % 2],
        integers[index % integers.count],
        numbers[index % numbers.count], shares[index % shares.count],
        "20\(10 + index % 15)-0\(1 + index % 9)-2\(index % 8)",
        booleans[index % booleans.count], "\(1990 + index % 30)", index % 3 == 0 ? "" : "note \(index)",
      ]
      text += fields.map(quoted).joined(separator: ",") + "\n"
    }
    try folder.write("forms.csv", text)
    try folder.write(
      "datapackage.json",
      """
      {"name": "synthetic-forms", "resources": [
        {"name": "forms", "path": "forms.csv", "schema": {
          "primaryKey": "id",
          "fields": [
            {"name": "id", "type": "string", "constraints": {"required": true, "pattern": "R[0-9]+"}},
            {"name": "label", "type": "string"},
            {"name": "kind", "type": "string", "constraints": {"enum": ["ore", "metal"]}},
            {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
            {"name": "amount", "type": "number"},
            {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 1}},
            {"name": "day", "type": "date"},
            {"name": "flag", "type": "boolean"},
            {"name": "year", "type": "year"},
            {"name": "note", "type": "string", "constraints": {"unique": true}}]}}
      ]}
      """)
    return folder
  }

  /// The normalised CSV of `forms` written by a streamed read with the given two-part threshold.
  static func streamedOutput(_ folder: TemporaryDirectory, parallelBytes: Int, name: String) throws
    -> (result: IngestResult, text: String, table: StreamedTable)
  {
    let output = try OutputFolder(path: "\(folder.path)/\(name)")
    let result = try IngestStage.run(
      directory: folder.path, retainBytes: 1000, parallelBytes: parallelBytes, output: output, logger: logger)
    let table = try #require(result.streamed.first { $0.name == "forms" })
    return (result, try String(contentsOfFile: output.file("forms.csv"), encoding: .utf8), table)
  }

  @Test("a streamed resource read in two parts or one writes the bytes the retained table's values give")
  func outputsAgree() throws {
    let folder = try Self.formsPackage(rows: 3000)
    defer { folder.remove() }
    let retained = try IngestStage.run(directory: folder.path, logger: Self.logger)
    #expect(retained.problems.isEmpty, "\(retained.problems.prefix(3))")
    let expected = String(decoding: try #require(retained.table(named: "forms")).csvBytes(), as: UTF8.self)
    let two = try Self.streamedOutput(folder, parallelBytes: 1, name: "two")
    let one = try Self.streamedOutput(folder, parallelBytes: Int.max, name: "one")
    #expect(two.result.problems.isEmpty, "\(two.result.problems.prefix(3))")
    #expect(two.table.parts == (Self.twoCores ? 2 : 1))
    #expect(one.table.parts == 1)
    #expect(two.table.rows == 3000 && one.table.rows == 3000)
    #expect(two.text == expected)
    #expect(one.text == expected)
    #expect(two.table.outputSHA256 == SHA256.hex(Array(expected.utf8)))
    // The non-canonical forms were rewritten, not copied.
    #expect(expected.contains(",1.5,") && !expected.contains(",1.50,") && !expected.contains(",007,"))
  }

  /// A SYNTHETIC one-resource package whose `amount` cells are `form(index)`.
  static func amountsPackage(rows: Int, form: (Int) -> String) throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory("crma-two-part")
    var text = "id,amount\n"
    for index in 1...rows { text += "R\(index),\(form(index))\n" }
    try folder.write("amounts.csv", text)
    try folder.write(
      "datapackage.json",
      """
      {"name": "synthetic-amounts", "resources": [
        {"name": "amounts", "path": "amounts.csv", "schema": {"primaryKey": "id", "fields": [
          {"name": "id", "type": "string"}, {"name": "amount", "type": "number"}]}}]}
      """)
    return folder
  }

  @Test(
    "the second part's output lands after the first part's whether that is as long as its input, shorter or longer",
    arguments: ["same", "shorter", "longer"])
  func secondPartPlaced(firstPart: String) throws {
    // Canonical cells are written as they are; `2.50` becomes `2.5` (shorter), `1e3` `1000` (longer).
    let folder = try Self.amountsPackage(rows: 4000) { index in
      guard index < 2000 && index % 10 == 0 else { return "\(index).25" }
      return firstPart == "same" ? "\(index).5" : firstPart == "shorter" ? "2.50" : "1e3"
    }
    defer { folder.remove() }
    let retained = try IngestStage.run(directory: folder.path, logger: Self.logger)
    let expected = String(decoding: try #require(retained.table(named: "amounts")).csvBytes(), as: UTF8.self)
    let output = try OutputFolder(path: "\(folder.path)/out")
    let result = try IngestStage.run(
      directory: folder.path, retainBytes: 1000, parallelBytes: 1, output: output, logger: Self.logger)
    #expect(result.problems.isEmpty)
    let table = try #require(result.streamed.first)
    #expect(table.parts == (Self.twoCores ? 2 : 1))
    let written = try String(contentsOfFile: output.file("amounts.csv"), encoding: .utf8)
    #expect(written == expected)
    #expect(table.outputBytes == expected.utf8.count)
    #expect(table.outputSHA256 == SHA256.hex(Array(expected.utf8)))
    let input = try String(contentsOfFile: "\(folder.path)/amounts.csv", encoding: .utf8)
    #expect((written == input) == (firstPart == "same"))
  }

  @Test(
    "a one-column resource's empty cells are written as \"\" by a streamed read, as the CSV writer writes them"
  )
  func oneEmptyField() throws {
    let folder = try TemporaryDirectory("crma-two-part")
    defer { folder.remove() }
    var text = "note\n"
    for index in 1...3000 { text += index % 4 == 0 ? "\"\"\n" : "n\(index % 7)\n" }
    try folder.write("notes.csv", text)
    try folder.write(
      "datapackage.json",
      """
      {"name": "synthetic-notes", "resources": [
        {"name": "notes", "path": "notes.csv", "schema": {"fields": [{"name": "note", "type": "string"}]}}]}
      """)
    let retained = try IngestStage.run(directory: folder.path, logger: Self.logger)
    let expected = String(decoding: try #require(retained.table(named: "notes")).csvBytes(), as: UTF8.self)
    #expect(expected.contains("\n\"\"\n"))
    let output = try OutputFolder(path: "\(folder.path)/out")
    let result = try IngestStage.run(
      directory: folder.path, retainBytes: 1000, parallelBytes: 1, output: output, logger: Self.logger)
    #expect(result.problems.isEmpty)
    #expect(try String(contentsOfFile: output.file("notes.csv"), encoding: .utf8) == expected)
  }

  @Test(
    "bad values, a duplicate key and a bad record in the second part name their lines as a one-part read does"
  )
  func problemsInSecondPart() throws {
    let folder = try StreamedResourceTests.package(rows: 5000) { index, fields in
      if index == 4000 { fields[2] = "abc" }
      if index == 4300 { fields[0] = "R3" }
      if index == 4700 { fields[2] = "-1.25" }
    }
    defer { folder.remove() }
    var outcomes: [[String]] = []
    for parallelBytes in [1, Int.max] {
      let result = try IngestStage.run(
        directory: folder.path, retainBytes: 1000, parallelBytes: parallelBytes, logger: Self.logger)
      let table = try #require(result.streamed.first { $0.name == "records" })
      #expect(table.parts == (parallelBytes == 1 && Self.twoCores ? 2 : 1))
      #expect(table.rows == 5000)
      outcomes.append(result.problems.map(\.description))
    }
    #expect(
      outcomes[0] == [
        "\(folder.path)/records.csv:4001: amount: \"abc\" is not a number",
        "\(folder.path)/records.csv:4701: amount: -1.25 is less than the minimum 0",
        "\(folder.path)/records.csv:4301: record_id: duplicate primary key (R3), first on line 4",
      ])
    #expect(outcomes[0] == outcomes[1])
  }

  @Test("a malformed record in the second part is reported with its line, as a one-part read reports it")
  func malformedInSecondPart() throws {
    let folder = try StreamedResourceTests.package(rows: 5000) { index, fields in
      if index == 4500 { fields.append("extra") }
    }
    defer { folder.remove() }
    var outcomes: [[String]] = []
    for parallelBytes in [1, Int.max] {
      let result = try IngestStage.run(
        directory: folder.path, retainBytes: 1000, parallelBytes: parallelBytes, logger: Self.logger)
      outcomes.append(result.problems.map(\.description))
      #expect(result.problems.first?.kind == .malformedCSV)
    }
    #expect(outcomes[0].count == 1)
    #expect(outcomes[0].first?.hasPrefix("\(folder.path)/records.csv:4501: ") == true, "\(outcomes[0])")
    #expect(outcomes[0] == outcomes[1])
  }

  @Test("quickCheck says `same` only for cells whose value's text is the cell itself, and agrees with check")
  func quickCheckAgrees() throws {
    let fields: [(String, [String])] = [
      (
        #"{"name": "n", "type": "number"}"#,
        Self.numbers + ["-0.5", "1e-7", "5.", "0.", "00", "-", "", "1,5", "NaN"]
      ),
      (
        #"{"name": "i", "type": "integer", "constraints": {"minimum": 0}}"#,
        Self.integers + ["-3", "", "1.0", "x"]
      ),
      (
        #"{"name": "s", "type": "string", "constraints": {"pattern": "R[0-9]+"}}"#,
        ["R1", "R", "r1", "Rü", ""]
      ),
      (
        #"{"name": "e", "type": "string", "constraints": {"enum": ["ore", "metal"], "required": true}}"#,
        ["ore", "Ore", ""]
      ),
      (#"{"name": "d", "type": "date"}"#, ["2024-02-29", "2023-02-29", "2024-2-1", ""]),
      (#"{"name": "b", "type": "boolean"}"#, Self.booleans),
    ]
    for (json, cells) in fields {
      let field = try FieldDescriptor(json: JSONValue.parse(Data(json.utf8)), resource: "test")
      let checker = FieldChecker(field: field, schemaMissingValues: [""])
      for cell in cells {
        var text = cell
        let quick = text.withUTF8 { checker.quickCheck(UnsafeRawBufferPointer($0)) }
        let full = checker.check(cell)
        switch quick {
        case .same: #expect(try full.get()?.text == cell, "\(field.name): \(cell)")
        case .missing: #expect(try full.get() == nil, "\(field.name): \(cell)")
        case .undecided: break
        }
      }
    }
  }

  @Test("decimals accepted as canonical by their text are exactly what NumberFormatting writes")
  func canonicalDecimals() {
    var generator = SystemRandomNumberGenerator()
    var accepted = 0
    for _ in 0..<200_000 {
      let integerDigits = Int.random(in: 0...16, using: &generator)
      let fractionDigits = Int.random(in: 0...17, using: &generator)
      var text = Bool.random(using: &generator) ? "-" : ""
      text += integerDigits == 0 ? "0" : String(Int.random(in: 1...9, using: &generator))
      for _ in 1..<max(integerDigits, 1) { text += String(Int.random(in: 0...9, using: &generator)) }
      if fractionDigits > 0 {
        text += "."
        let zeros = Int.random(in: 0...5, using: &generator)
        text += String(repeating: "0", count: min(zeros, fractionDigits - 1))
        for _ in min(zeros, fractionDigits - 1)..<fractionDigits {
          text += String(Int.random(in: 0...9, using: &generator))
        }
      }
      var bytes = text
      let canonical = bytes.withUTF8 { FieldChecker.isCanonicalDecimal(UnsafeRawBufferPointer($0)) }
      guard canonical else { continue }
      accepted += 1
      let value = bytes.withUTF8 { NumberParsing.double(UnsafeRawBufferPointer($0)) }
      #expect(value.map(NumberFormatting.canonical) == text, "\(text)")
    }
    #expect(accepted > 10_000)
    for text in ["0.0001", "0.001", "12345678901234.5", "123456789012345", "-0.5", "0"] {
      var bytes = text
      #expect(bytes.withUTF8 { FieldChecker.isCanonicalDecimal(UnsafeRawBufferPointer($0)) }, "\(text)")
    }
    for text in ["0.00001", "1234567890123456", "1.50", "-0", "-0.0", "1e3", ".5", "+1", "01", "1.", ""] {
      var bytes = text
      #expect(!bytes.withUTF8 { FieldChecker.isCanonicalDecimal(UnsafeRawBufferPointer($0)) }, "\(text)")
    }
  }
}
