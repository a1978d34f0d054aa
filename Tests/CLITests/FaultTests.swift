import CRMATestSupport
import Foundation
import Testing

/// Faults during `crma run`: signals at any moment, killed runs' leftovers, missing or altered
/// outputs, inputs that are not regular files. Synthetic faults on a copy of data/.
@Suite("crma run under faults", .serialized)
struct FaultTests {
  struct Workspace {
    let fixture: DataFixture
    var root: String { fixture.folder.path }
    var build: String { "\(root)/out/build" }
    var reports: String { "\(root)/out/reports" }
    /// The three output sets a run replaces.
    var outputFolders: [String] { ["\(build)/ingest", "\(build)/transform", reports] }

    init() throws { fixture = try DataFixture() }

    var arguments: [String] {
      ["run", "--data", fixture.path, "--build", build, "--reports", reports, "--log-format", "json"]
    }

    func run(_ extra: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
      try CommandRunner.run(arguments + extra, environment: environment)
    }

    /// Every file of an output folder (relative path → bytes).
    func contents(_ folder: String) -> [String: Data] {
      var files: [String: Data] = [:]
      guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [:] }
      while let name = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: "\(folder)/\(name)", isDirectory: &isDirectory),
          !isDirectory.boolValue
        else { continue }
        files[name] = FileManager.default.contents(atPath: "\(folder)/\(name)")
      }
      return files
    }

    /// Staging folders and temporary files anywhere below out/.
    func leftovers() -> [String] {
      (FileManager.default.enumerator(atPath: "\(root)/out")?.allObjects as? [String] ?? [])
        .filter { $0.contains(".staging-") || $0.contains(".tmp-") }
    }

    /// Starts a run in the background (stderr discarded).
    func start(_ extra: [String] = [], environment: [String: String] = [:]) throws -> Process {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CommandRunner.crmaPath)
      process.arguments = arguments + extra
      var env = ProcessInfo.processInfo.environment
      for (key, value) in environment { env[key] = value }
      process.environment = env
      process.standardError = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      return process
    }

    /// Waits until the running process has a staging folder, i.e. is writing a stage's outputs.
    func waitForStaging(_ process: Process, timeout: Double = 60) -> Bool {
      let deadline = Date().addingTimeInterval(timeout)
      while Date() < deadline && process.isRunning {
        if !leftovers().filter({ $0.contains(".staging-") }).isEmpty { return true }
        Thread.sleep(forTimeInterval: 0.002)
      }
      return false
    }
  }

  /// Data A is the shipped data; data B changes one lithium share, so every stage's outputs differ.
  static func setData(_ workspace: Workspace, b: Bool) throws {
    try workspace.fixture.editLine("supply_shares.csv", 107) { line in
      b
        ? line.replacingOccurrences(of: ",AUS,53.0,", with: ",AUS,52.0,")
        : line.replacingOccurrences(of: ",AUS,52.0,", with: ",AUS,53.0,")
    }
  }

  @Test("SIGTERM, SIGINT or SIGKILL at random moments: each output set is the old or the new one, whole")
  func randomSignals() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    try Self.setData(workspace, b: false)
    #expect(try workspace.run().status == 0)
    let setsA = workspace.outputFolders.map(workspace.contents)
    try Self.setData(workspace, b: true)
    #expect(try workspace.run().status == 0)
    let setsB = workspace.outputFolders.map(workspace.contents)
    for (a, b) in zip(setsA, setsB) { #expect(a != b, "data B must change every stage's outputs") }
    // Slow writes and swaps widen the windows a signal can hit (test-only hooks).
    let slow = ["CRMA_TEST_WRITE_DELAY_MS": "4", "CRMA_TEST_SWAP_DELAY_MS": "40"]
    var random = SeededRandom(seed: 11)
    var outcomes: [String: Int] = [:]
    for round in 0..<8 {
      try Self.setData(workspace, b: round % 2 == 0)
      let process = try workspace.start(["--force"], environment: slow)
      // Half the signals land while a stage writes or swaps, half at any moment of the run.
      if round % 2 == 0 {
        _ = workspace.waitForStaging(process)
        Thread.sleep(forTimeInterval: Double(Int.random(in: 0...60, using: &random)) / 1000)
      } else {
        Thread.sleep(forTimeInterval: Double(Int.random(in: 0...3000, using: &random)) / 1000)
      }
      let signal = [SIGTERM, SIGINT, SIGKILL][Int.random(in: 0...2, using: &random)]
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      let status = process.terminationStatus
      if signal == SIGKILL {
        #expect(process.terminationReason == .uncaughtSignal || status == 0)
      } else {
        #expect(status == 128 + signal || status == 0, "signal \(signal) gave exit \(status)")
      }
      outcomes["\(signal)/\(status)", default: 0] += 1
      for (index, folder) in workspace.outputFolders.enumerated() {
        let found = workspace.contents(folder)
        #expect(found == setsA[index] || found == setsB[index], "round \(round): \(folder) is a mix")
      }
    }
    // The next plain run cleans up after the killed ones and ends on data B's complete sets.
    try Self.setData(workspace, b: true)
    let next = try workspace.run()
    #expect(next.status == 0, "\(next.standardError)")
    #expect(workspace.leftovers().isEmpty, "\(workspace.leftovers())")
    #expect(workspace.outputFolders.map(workspace.contents) == setsB)
    #expect(outcomes.keys.contains { $0.hasSuffix("/143") || $0.hasSuffix("/130") }, "\(outcomes)")
  }

  @Test("SIGTERM while a stage writes exits 143 and keeps the previous outputs")
  func sigtermExits143() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    #expect(try workspace.run().status == 0)
    let before = workspace.outputFolders.map(workspace.contents)
    let process = try workspace.start(["--force"], environment: ["CRMA_TEST_WRITE_DELAY_MS": "20"])
    #expect(workspace.waitForStaging(process))
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 143)
    #expect(workspace.outputFolders.map(workspace.contents) == before)
    #expect(workspace.leftovers().isEmpty, "\(workspace.leftovers())")
    let history = try String(contentsOfFile: "\(workspace.build)/runs.jsonl", encoding: .utf8)
    #expect(history.split(separator: "\n").last?.contains("\"status\":\"interrupted\"") == true)
  }

  @Test("a killed run's staging folders are removed by the next run, under the lock")
  func leftoversRemoved() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    #expect(try workspace.run().status == 0)
    // PIDs beyond the kernel's pid_max never run: the leftovers of a dead process.
    let dead = [
      "\(workspace.build)/.ingest.staging-99999999", "\(workspace.root)/out/.reports.staging-99999999",
    ]
    for folder in dead {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      _ = try workspace.fixture.folder.write(
        String(folder.dropFirst(workspace.root.count + 1)) + "/half.csv", "a,b\n")
    }
    _ = try workspace.fixture.folder.write("out/build/.run-status.json.tmp-99999999-0", "{")
    let result = try workspace.run()
    #expect(result.status == 0)
    #expect(workspace.leftovers().isEmpty, "\(workspace.leftovers())")
    #expect(result.standardError.contains("leftover of a killed run removed"))
  }

  @Test("a missing or altered output reruns its stage instead of failing every later run")
  func outputsChecked() throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    #expect(try workspace.run().status == 0)
    let sets = workspace.outputFolders.map(workspace.contents)
    try FileManager.default.removeItem(atPath: "\(workspace.build)/ingest/countries.csv")
    try "changed\n".write(
      toFile: "\(workspace.build)/transform/shares.csv", atomically: true, encoding: .utf8)
    try "changed\n".write(toFile: "\(workspace.reports)/lithium.md", atomically: true, encoding: .utf8)
    let result = try workspace.run()
    #expect(result.status == 0, "\(result.standardError)")
    #expect(workspace.outputFolders.map(workspace.contents) == sets)
    // An extra file in a stage folder also reruns the stage (the set is replaced whole).
    try "extra\n".write(toFile: "\(workspace.build)/ingest/extra.csv", atomically: true, encoding: .utf8)
    #expect(try workspace.run().status == 0)
    #expect(workspace.outputFolders.map(workspace.contents) == sets)
  }

  @Test(
    "a data file that is a device, a FIFO or a link out of data/ is refused before it is read (66)",
    arguments: ["device", "fifo", "outside"])
  func inputsNotRegular(kind: String) throws {
    let workspace = try Workspace()
    defer { workspace.fixture.remove() }
    let path = "\(workspace.fixture.path)/sources.csv"
    try FileManager.default.removeItem(atPath: path)
    switch kind {
    case "device": try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
    case "fifo": #expect(mkfifo(path, 0o644) == 0)
    default: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/etc/hostname")
    }
    let start = Date()
    let result = try workspace.run()
    #expect(result.status == 66, "\(result.standardError)")
    #expect(result.standardError.contains("sources.csv"))
    #expect(Date().timeIntervalSince(start) < 30)
    // The lock is released: the next run is not refused with 75.
    #expect(try workspace.run().status == 66)
  }
}
