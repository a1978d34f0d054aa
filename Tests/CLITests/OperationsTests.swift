import CRMATestSupport
import Foundation
import Testing

/// What an operator sees: JSON log records, the run history, `crma status`.
@Suite("crma run for operators: logs, history, status", .serialized)
struct OperationsTests {
  struct Workspace {
    let fixture: DataFixture
    var build: String { "\(fixture.folder.path)/out/build" }
    var reports: String { "\(fixture.folder.path)/out/reports" }

    init() throws { fixture = try DataFixture() }

    func run(_ extra: [String] = []) throws -> CommandResult {
      try CommandRunner.run(
        ["run", "--data", fixture.path, "--build", build, "--reports", reports, "--log-format", "json"]
          + extra)
    }

    func status(_ extra: [String] = []) throws -> CommandResult {
      try CommandRunner.run(["status", "--build", build] + extra)
    }
  }

  /// Every line of standard error as a JSON object (the test fails on a line that is not one).
  static func records(_ result: CommandResult) -> [[String: Any]] {
    result.standardError.split(separator: "\n").map { line in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object != nil, "not a JSON record: \(line)")
      return object ?? [:]
    }
  }

  static func metadata(_ record: [String: Any]) -> [String: Any] {
    record["metadata"] as? [String: Any] ?? [:]
  }

  @Test("a clean run on the shipped data: no warning, nothing rejected, numbers as JSON numbers")
  func cleanRun() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    let result = try workspace.run()
    #expect(result.status == 0)
    let records = Self.records(result)
    #expect(
      records.filter { ($0["level"] as? String) == "warning" || ($0["level"] as? String) == "error" }.isEmpty)
    let stages = records.filter { ($0["message"] as? String) == "stage finished" }
    #expect(stages.count == 3)
    for stage in stages {
      let metadata = Self.metadata(stage)
      #expect(metadata["rows.read"] is NSNumber, "\(metadata)")
      #expect(metadata["rows.rejected"] as? Int == 0, "\(metadata)")
      #expect(metadata["duration.seconds"] is NSNumber)
      #expect(metadata["stage.name"] is String)
    }
    // The deliberate exclusion (CN 85051190) is not a rejected row: the summary counts none.
    let summary = records.last.map(Self.metadata) ?? [:]
    #expect(summary["rows.rejected"] as? Int == 0)
  }

  @Test("a failing stage's record carries the reason; nothing but JSON on standard error")
  func failureInRecord() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    try workspace.fixture.editLine("supply_shares.csv", 4) { $0 + ",\"broken\"x" }
    let result = try workspace.run()
    #expect(result.status == 65)
    let records = Self.records(result)
    let failed = records.filter { ($0["message"] as? String) == "stage failed" }
    #expect(failed.count == 1)
    let metadata = failed.first.map(Self.metadata) ?? [:]
    #expect((metadata["error.message"] as? String)?.contains("supply_shares.csv:4:") == true)
    #expect((metadata["error.problems"] as? [String])?.isEmpty == false)
    #expect(failed.first?["level"] as? String == "error")
    let summary = records.last.map(Self.metadata) ?? [:]
    #expect(summary["run.exit_code"] as? Int == 65)
  }

  @Test("a held lock exits 75 and logs at notice, not error; the history records it")
  func lockAtNotice() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    try FileManager.default.createDirectory(atPath: workspace.build, withIntermediateDirectories: true)
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    holder.arguments = ["\(workspace.build)/crma.lock", "sleep", "30"]
    try holder.run()
    defer { holder.terminate() }
    Thread.sleep(forTimeInterval: 0.3)
    let result = try workspace.run()
    #expect(result.status == 75)
    let records = Self.records(result)
    #expect(records.map { $0["level"] as? String } == ["notice"])
    #expect(
      (records.first.map(Self.metadata)?["error.message"] as? String)?.contains("holds the lock") == true)
    let history = try String(contentsOfFile: "\(workspace.build)/runs.jsonl", encoding: .utf8)
    #expect(history.contains("\"status\":\"locked\""))
  }

  @Test("runs.jsonl grows by one line per run; crma status shows the last run and the last success")
  func historyAndStatus() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    #expect(try workspace.status().status == 66)
    #expect(try workspace.run().status == 0)
    #expect(try workspace.run().status == 0)
    try workspace.fixture.editLine("supply_shares.csv", 4) { $0 + ",\"broken\"x" }
    #expect(try workspace.run().status == 65)
    let lines = try String(contentsOfFile: "\(workspace.build)/runs.jsonl", encoding: .utf8)
      .split(separator: "\n")
    #expect(lines.count == 3)
    let records = lines.compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(records.map { $0["status"] as? String } == ["ok", "ok", "failed"])
    #expect(records.map { $0["exit_code"] as? Int } == [0, 0, 65])
    #expect((records[0]["outputs_changed"] as? Int ?? 0) > 0)
    #expect(records[1]["outputs_changed"] as? Int == 0)
    #expect(records.allSatisfy { $0["started_at"] is String && $0["finished_at"] is String })
    let status = try workspace.status(["--json"])
    #expect(status.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any]
    #expect((object?["last_run"] as? [String: Any])?["status"] as? String == "failed")
    #expect(
      (object?["last_success"] as? [String: Any])?["started_at"] as? String == records[1]["started_at"]
        as? String)
    let text = try workspace.status()
    #expect(text.standardOutput.contains("last success:"))
    #expect(text.standardOutput.contains("reason:"))
  }

  @Test("report --in a folder that is not a transform output is refused and reports/ stays as it was")
  func reportWrongInput() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    #expect(try workspace.run().status == 0)
    let before = try FileManager.default.contentsOfDirectory(atPath: workspace.reports).sorted()
    let lithium = try String(contentsOfFile: "\(workspace.reports)/lithium.md", encoding: .utf8)
    let result = try CommandRunner.run([
      "report", "--in", "\(workspace.build)/ingest", "--out", workspace.reports,
    ])
    #expect([66, 78].contains(result.status))
    #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.reports).sorted() == before)
    #expect(try String(contentsOfFile: "\(workspace.reports)/lithium.md", encoding: .utf8) == lithium)
  }
}
