import CRMATestSupport
import Foundation
import Testing

@Suite("crma cite and crma explain: output and exit codes of the built binary")
struct ProvenanceCommandTests {
  /// A transform output of the real data in a temporary folder.
  static func transformed() throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    let ingest = try CommandRunner.run([
      "ingest", "--data", Repository.dataDirectory, "--out", "\(folder.path)/ingest",
    ])
    #expect(ingest.status == 0)
    let transform = try CommandRunner.run([
      "transform", "--in", "\(folder.path)/ingest", "--out", "\(folder.path)/t",
    ])
    #expect(transform.status == 0)
    return folder
  }

  @Test("cite prints the source and the report rows citing it; an unknown id exits 65")
  func cite() throws {
    let folder = try Self.transformed()
    defer { folder.remove() }
    let result = try CommandRunner.run(["cite", "usgs-mcs-2026-data-release", "--in", "\(folder.path)/t"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Anchor: sources.md#usgs-mcs-2026-data-release"))
    #expect(result.standardOutput.contains("tables/titanium-concentration-ilmenite-production.csv"))
    let unknown = try CommandRunner.run(["cite", "no-such-source", "--in", "\(folder.path)/t"])
    #expect(unknown.status == 65)
    #expect(unknown.standardError.contains("no source \"no-such-source\""))
  }

  @Test("explain prints the rows behind a figure with their sources; an unknown country exits 65")
  func explain() throws {
    let folder = try Self.transformed()
    defer { folder.remove() }
    let result = try CommandRunner.run(["explain", "ilmenite", "UKR", "2024", "--in", "\(folder.path)/t"])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("ilmenite production 2024"))
    #expect(result.standardOutput.contains("Sources:"))
    let unknown = try CommandRunner.run(["explain", "titanium", "Atlantis", "--in", "\(folder.path)/t"])
    #expect(unknown.status == 65)
    let missing = try CommandRunner.run(["cite", "x", "--in", "\(folder.path)/none"])
    #expect(missing.status == 66)
  }
}
