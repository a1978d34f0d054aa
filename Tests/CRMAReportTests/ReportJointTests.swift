import CRMAIngest
import CRMAReport
import CRMATestSupport
import CRMATransform
import Foundation
import Logging
import Testing

/// The transform → report joint is typed: the report decodes the transform's rows with the same
/// column enums the writer names its fields with, and refuses a package that is not what it reads.
@Suite("Report joint: typed rows, checked", .serialized)
struct ReportJointTests {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  /// The transform output of the real data in a temporary folder.
  static func transformOutput() throws -> TemporaryDirectory {
    let ingest = try IngestStage.run(directory: Repository.dataDirectory, logger: logger)
    let result = TransformStage.run(try TransformInput(ingest: ingest), logger: logger)
    let folder = try TemporaryDirectory()
    _ = try TransformOutput.write(result, passingThrough: ingest, to: folder.path, logger: logger)
    return folder
  }

  /// Renames field `old` of `table` to `new` in the CSV header and in the descriptor.
  static func rename(_ old: String, to new: String, in table: String, folder: String) throws {
    let csv = "\(folder)/\(table).csv"
    var lines = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\n")
    lines[0] = lines[0].split(separator: ",", omittingEmptySubsequences: false).map {
      $0 == old ? new : String($0)
    }.joined(separator: ",")
    try lines.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
    let descriptor = "\(folder)/datapackage.json"
    var json = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: descriptor)))
    guard case .object(var package) = json, case .array(var resources)? = package["resources"],
      let index = resources.firstIndex(where: { $0["name"]?.string == table }),
      case .object(var resource) = resources[index], case .object(var schema)? = resource["schema"],
      case .array(var fields)? = schema["fields"],
      let fieldIndex = fields.firstIndex(where: { $0["name"]?.string == old }),
      case .object(var field) = fields[fieldIndex]
    else {
      Issue.record("no field \(old) in \(table)")
      return
    }
    field["name"] = .string(new)
    fields[fieldIndex] = .object(field)
    schema["fields"] = .array(fields)
    if case .array(let key)? = schema["primaryKey"] {
      schema["primaryKey"] = .array(key.map { $0.string == old ? .string(new) : $0 })
    }
    resource["schema"] = .object(schema)
    resources[index] = .object(resource)
    package["resources"] = .array(resources)
    json = .object(package)
    try json.serialized().write(toFile: descriptor, atomically: true, encoding: .utf8)
  }

  @Test("the real transform output decodes with no problem and every table has rows")
  func decodes() throws {
    let folder = try Self.transformOutput()
    defer { folder.remove() }
    let (data, problems) = try ReportData.load(directory: folder.path, logger: Self.logger)
    #expect(problems.isEmpty, "\(problems)")
    #expect(!data.shares.isEmpty && !data.concentration.isEmpty && !data.article5.isEmpty)
    #expect(!data.sources.isEmpty && !data.reconciled.isEmpty && !data.exposure.isEmpty)
  }

  @Test("a renamed column of a derived table is a schema mismatch naming the file and the column")
  func renamedDerivedColumn() throws {
    let folder = try Self.transformOutput()
    defer { folder.remove() }
    try Self.rename("largest_share", to: "largest_fraction", in: "concentration", folder: folder.path)
    let (_, problems) = try ReportData.load(directory: folder.path, logger: Self.logger)
    #expect(
      problems.map(\.description) == [
        "\(folder.path)/concentration.csv: largest_share: crma needs this field; the table has none (renamed or removed?)"
      ])
    #expect(problems.first?.kind == .schemaMismatch)
  }

  @Test("a renamed column of a passed-through table is refused the same way")
  func renamedPassedThroughColumn() throws {
    let folder = try Self.transformOutput()
    defer { folder.remove() }
    try Self.rename("share_pct", to: "share_percent", in: "supply_shares", folder: folder.path)
    let (_, problems) = try ReportData.load(directory: folder.path, logger: Self.logger)
    #expect(problems.count == 1)
    #expect(problems.first?.column == "share_pct")
    #expect(problems.first?.path == "\(folder.path)/supply_shares.csv")
  }

  @Test("an unknown value in a derived enum column names the file, the line and the column")
  func unknownStatus() throws {
    let folder = try Self.transformOutput()
    defer { folder.remove() }
    let csv = "\(folder.path)/exposure.csv"
    var lines = try String(contentsOfFile: csv, encoding: .utf8).components(separatedBy: "\n")
    var fields = lines[1].components(separatedBy: ",")
    fields[1] = "liberated"
    lines[1] = fields.joined(separator: ",")
    try lines.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
    let (_, problems) = try ReportData.load(directory: folder.path, logger: Self.logger)
    let problem = try #require(problems.first)
    #expect(problem.kind == .type)
    #expect(problem.line == 2)
    #expect(problem.column == "status")
    #expect(problem.path == csv)
  }

  @Test("a folder that is not a transform output is refused, naming its descriptor")
  func notATransformOutput() throws {
    let (_, problems) = try ReportData.load(directory: Repository.dataDirectory, logger: Self.logger)
    #expect(problems.contains { $0.kind == .schemaMismatch && $0.resource == "shares" })
    #expect(problems.allSatisfy { $0.kind == .schemaMismatch })
  }
}
