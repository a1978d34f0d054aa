import CRMATestSupport
import Foundation
import Testing

/// The nightly command on a copy of data/ in a temporary folder.
@Suite("crma run: incremental, locked, safe under failure", .serialized)
struct RunCommandTests {
  struct Workspace {
    let fixture: DataFixture
    var root: String { fixture.folder.path }
    var build: String { "\(root)/out/build" }
    var reports: String { "\(root)/out/reports" }

    init() throws { fixture = try DataFixture() }

    func run(_ extra: [String] = []) throws -> CommandResult {
      try CommandRunner.run(
        ["run", "--data", fixture.path, "--build", build, "--reports", reports, "--log-format", "json"]
          + extra)
    }

    /// Every file below the output folder with its bytes and modification time.
    func snapshot() throws -> [String: (Data, Date)] {
      var files: [String: (Data, Date)] = [:]
      let base = "\(root)/out"
      guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [:] }
      while let name = enumerator.nextObject() as? String {
        let path = "\(base)/\(name)"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { continue }
        if name.hasSuffix("run-status.json") || name.hasSuffix("runs.jsonl") || name.hasSuffix("crma.lock") {
          continue
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        files[name] = (
          try Data(contentsOf: URL(fileURLWithPath: path)), attributes[.modificationDate] as! Date
        )
      }
      return files
    }

    func status() throws -> [String: Any] {
      let data = try Data(contentsOf: URL(fileURLWithPath: "\(build)/run-status.json"))
      return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    func stageStatuses() throws -> [String] {
      (try status()["stages"] as! [[String: Any]]).map { "\($0["name"]!)=\($0["status"]!)" }
    }
  }

  @Test("a second run with no change writes nothing")
  func secondRunWritesNothing() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    let first = try workspace.run()
    #expect(first.status == 0, "\(first.standardError)")
    #expect(try workspace.stageStatuses() == ["ingest=ran", "transform=ran", "report=ran"])
    let before = try workspace.snapshot()
    let second = try workspace.run()
    #expect(second.status == 0)
    #expect(try workspace.stageStatuses() == ["ingest=skipped", "transform=skipped", "report=skipped"])
    let after = try workspace.snapshot()
    #expect(before.keys.sorted() == after.keys.sorted())
    for (name, value) in before {
      #expect(after[name]?.0 == value.0, "\(name) changed")
      #expect(after[name]?.1 == value.1, "\(name) was rewritten")
    }
    // One JSON object per line, the last one the run summary.
    let lines = second.standardError.split(separator: "\n")
    #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    #expect(lines.last?.contains("\"message\":\"run finished\"") == true)
    #expect(FileManager.default.fileExists(atPath: "\(workspace.reports)/manifest.json"))
  }

  @Test("a changed input reruns only the stages it affects")
  func changedInput() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    #expect(try workspace.run().status == 0)
    // Same records, CRLF line ends: ingest reads a changed file but writes the same tables.
    let events = "\(workspace.fixture.path)/events.csv"
    let text = try String(contentsOfFile: events, encoding: .utf8)
    try text.replacing("\n", with: "\r\n").write(toFile: events, atomically: true, encoding: .utf8)
    #expect(try workspace.run().status == 0)
    #expect(try workspace.stageStatuses() == ["ingest=ran", "transform=skipped", "report=skipped"])
    // Reports removed: only the report stage runs.
    try FileManager.default.removeItem(atPath: workspace.reports)
    #expect(try workspace.run().status == 0)
    #expect(try workspace.stageStatuses() == ["ingest=skipped", "transform=skipped", "report=ran"])
    // --force runs everything.
    #expect(try workspace.run(["--force"]).status == 0)
    #expect(try workspace.stageStatuses() == ["ingest=ran", "transform=ran", "report=ran"])
  }

  @Test("a malformed input exits 65 and leaves the previous outputs byte-identical")
  func malformedInput() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    #expect(try workspace.run().status == 0)
    let before = try workspace.snapshot()
    try workspace.fixture.editLine("supply_shares.csv", 4) { $0 + ",\"broken\"x" }
    let result = try workspace.run()
    #expect(result.status == 65)
    #expect(result.standardError.contains("supply_shares.csv:4:"))
    #expect(try workspace.stageStatuses() == ["ingest=failed"])
    let after = try workspace.snapshot()
    #expect(before.keys.sorted() == after.keys.sorted())
    for (name, value) in before { #expect(after[name]?.0 == value.0, "\(name) changed") }
  }

  @Test("a run while the lock is held exits 75 at once")
  func locked() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    try FileManager.default.createDirectory(atPath: workspace.build, withIntermediateDirectories: true)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = ["\(workspace.build)/crma.lock", "sleep", "30"]
    try holder.run()
    defer { holder.terminate() }
    Thread.sleep(forTimeInterval: 0.3)
    let start = Date()
    let result = try workspace.run()
    #expect(result.status == 75)
    #expect(result.standardError.contains("another crma run holds the lock"))
    #expect(Date().timeIntervalSince(start) < 10)
  }

  @Test("an output folder that cannot be created exits 73 without damage")
  func unwritable() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    try workspace.fixture.folder.write("out/blocker", "a file where a folder should be")
    let result = try CommandRunner.run([
      "run", "--data", workspace.fixture.path, "--build", "\(workspace.root)/out/blocker/build", "--reports",
      workspace.reports,
    ])
    #expect([73, 74].contains(result.status))
    #expect(try workspace.fixture.folder.read("out/blocker") == "a file where a folder should be")
  }

  @Test("a folder crma did not write is never replaced")
  func foreignFolder() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    try workspace.fixture.folder.write("out/reports/notes.txt", "mine")
    let result = try workspace.run()
    #expect(result.status == 73)
    #expect(try workspace.fixture.folder.read("out/reports/notes.txt") == "mine")
  }

  @Test("an interrupted run leaves no staging folders or temporary files")
  func interrupted() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    for delay in [0.05, 0.2, 0.5] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CommandRunner.crmaPath)
      process.arguments = [
        "run", "--force", "--data", workspace.fixture.path, "--build", workspace.build, "--reports",
        workspace.reports,
      ]
      process.standardError = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      process.terminate()
      process.waitUntilExit()
      #expect([0, 143].contains(process.terminationStatus))
      let leftovers =
        (FileManager.default.enumerator(atPath: "\(workspace.root)/out")?.allObjects as? [String] ?? [])
        .filter { $0.contains(".staging-") || $0.contains(".tmp-") }
      #expect(leftovers.isEmpty, "\(leftovers)")
    }
  }
}
