import CRMATestSupport
import Foundation
import Testing

/// The reproduction end to end: a rename that is valid Table Schema but not what crma
/// reads used to pass and flip lithium's conclusion; now validate and run refuse it (78).
@Suite("crma validate/run: the package must be what the transform reads", .serialized)
struct TypedRecordsCommandTests {
  static func renamedSharePct() throws -> DataFixture {
    let fixture = try DataFixture()
    try fixture.editLine("supply_shares.csv", 1) {
      $0.replacingOccurrences(of: "share_pct", with: "share_percent")
    }
    let descriptor = "\(fixture.path)/datapackage.json"
    let text = try String(contentsOfFile: descriptor, encoding: .utf8)
    try text.replacingOccurrences(of: "\"name\": \"share_pct\"", with: "\"name\": \"share_percent\"")
      .write(toFile: descriptor, atomically: true, encoding: .utf8)
    return fixture
  }

  @Test(
    "renaming share_pct in supply_shares.csv and datapackage.json: validate exits 78 naming file and column")
  func validateRefusesRename() throws {
    let fixture = try Self.renamedSharePct()
    defer { fixture.remove() }
    let result = try CommandRunner.run(["validate", "--data", fixture.path])
    #expect(result.status == 78, "\(result.standardError)")
    #expect(
      result.standardError.contains("\(fixture.path)/supply_shares.csv: share_pct: crma needs this field"))
  }

  @Test("the same rename: run exits 78 at ingest and writes no reports")
  func runRefusesRename() throws {
    let fixture = try Self.renamedSharePct()
    defer { fixture.remove() }
    let out = "\(fixture.folder.path)/out"
    let result = try CommandRunner.run([
      "run", "--data", fixture.path, "--build", "\(out)/build", "--reports", "\(out)/reports",
    ])
    #expect(result.status == 78, "\(result.standardError)")
    // The user's file is named (ingest refuses it), not the ingest stage's copy.
    #expect(
      result.standardError.contains("\(fixture.path)/supply_shares.csv: share_pct: crma needs this field"))
    #expect(!FileManager.default.fileExists(atPath: "\(out)/build/ingest/datapackage.json"))
    #expect(!FileManager.default.fileExists(atPath: "\(out)/reports/lithium.md"))
  }

  @Test("report --in a folder that is not a transform output exits 78 and leaves reports/ as it was")
  func reportRefusesIngestFolder() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let out = "\(fixture.folder.path)/out"
    let ingest = try CommandRunner.run(["ingest", "--data", fixture.path, "--out", "\(out)/ingest"])
    #expect(ingest.status == 0)
    try FileManager.default.createDirectory(atPath: "\(out)/reports", withIntermediateDirectories: true)
    try "kept\n".write(toFile: "\(out)/reports/README.md", atomically: true, encoding: .utf8)
    let result = try CommandRunner.run(["report", "--in", "\(out)/ingest", "--out", "\(out)/reports"])
    #expect(result.status == 78, "\(result.standardError)")
    #expect(result.standardError.contains("the package has no \"shares\" resource"))
    #expect(try String(contentsOfFile: "\(out)/reports/README.md", encoding: .utf8) == "kept\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: "\(out)/reports") == ["README.md"])
  }
}
