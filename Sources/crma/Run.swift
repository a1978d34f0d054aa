import ArgumentParser
import CRMAFiles
import CRMAPipeline
import CRMAReport
import CSVStream
import Foundation
import Glibc
import Logging

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run ingest → transform → report, skipping stages whose inputs and outputs did not change.",
    discussion: """
      The nightly command. Takes an exclusive lock (a second run exits 75 at once), removes the \
      staging folders of killed runs, writes each stage's outputs as a whole set (staged, then \
      swapped in), reruns a stage whose outputs are missing or altered, and keeps the previous \
      outputs when a stage fails. SIGINT/SIGTERM stop the run between files (exit 130/143); each \
      output folder then holds its previous or its new complete set. Writes a deterministic \
      manifest.json with the reports, BUILD/run-status.json (this run) and appends one line to \
      BUILD/runs.jsonl (the history `crma status` reads). Exit codes: 0 ok, 64 usage, 65 bad \
      data, 66 missing input, 73/74 cannot create/write output, 75 locked, 78 bad configuration, \
      130/143 interrupted.
      """)

  @Option(help: "The data package folder.")
  var data = "data"

  @Option(help: "Folder for the stage outputs, the run status and the run history.")
  var build = "build"

  @Option(help: "Folder for the reports.")
  var reports = "reports"

  @Option(help: "Lock file (default: BUILD/crma.lock).")
  var lock: String?

  @Option(
    help:
      "Folder of daily occupied-territory snapshots (*.geojson); the map stage then refreshes DATA/control_periods.csv first. Default: $CRMA_MAP_FOLDER; without either the committed periods are used."
  )
  var maps: String?

  @Flag(help: "Run every stage even when its inputs did not change.")
  var force = false

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    Interruption.install()
    let logger = logging.makeLogger(label: "crma.run", defaultLevel: .info)
    let started = Date()
    var pipeline = Pipeline(
      dataFolder: data, buildFolder: build, reportsFolder: reports, force: force,
      toolVersion: CRMAVersion.string, logger: logger)
    let environmentMaps = ProcessInfo.processInfo.environment["CRMA_MAP_FOLDER"].flatMap {
      $0.isEmpty ? nil : $0
    }
    pipeline.mapsFolder = maps ?? environmentMaps
    let history = RunHistory(build: build)
    let runLock: RunLock
    do throws(PipelineError) {
      runLock = try RunLock(path: lock ?? "\(build)/crma.lock")
    } catch {
      let code = ExitStatus.code(for: error)
      // A held lock is the timer's normal overlap, not a failure: notice, not error.
      if case .locked = error {
        logger.notice(
          "run skipped: locked",
          metadata: [
            "error.message": "\(error.description)", "run.exit_code": .stringConvertible(code.rawValue),
          ])
      } else {
        logger.error(
          "run not started",
          metadata: [
            "error.message": "\(error.description)", "run.exit_code": .stringConvertible(code.rawValue),
          ])
      }
      history.append(
        RunRecord(
          started: started, status: .locked, exitCode: code.rawValue, stages: [], error: error.description),
        logger: logger)
      if logging.logFormat == .text { printError(error.description) }
      throw code
    }
    pipeline.removeLeftovers()
    let (stages, error) = pipeline.run()
    var code = error.map { ExitStatus.code(for: $0).rawValue } ?? 0
    if let signal = Interruption.signal { code = ExitStatus.interrupted(signal).rawValue }
    let status: RunRecord.Status = Interruption.signal != nil ? .interrupted : (error == nil ? .ok : .failed)
    let record = RunRecord(
      started: started, status: status, exitCode: code, stages: stages, error: error?.description)
    writeStatus(record, logger: logger)
    history.append(record, logger: logger)
    let metadata: Logger.Metadata = [
      "run.status": "\(status.rawValue)", "run.exit_code": .stringConvertible(code),
      "stages.ran": .stringConvertible(stages.filter { $0.status == .ran }.count),
      "stages.skipped": .stringConvertible(stages.filter { $0.status == .skipped }.count),
      "stages.failed": .stringConvertible(stages.filter { $0.status == .failed }.count),
      "outputs.written": .stringConvertible(record.outputsChanged),
      "rows.rejected": .stringConvertible(stages.map(\.rowsRejected).reduce(0, +)),
    ]
    switch status {
    case .ok: logger.info("run finished", metadata: metadata)
    case .interrupted, .locked: logger.notice("run interrupted", metadata: metadata)
    case .failed:
      logger.error(
        "run failed", metadata: metadata.merging(["error.message": "\(error?.description ?? "")"]) { $1 })
    }
    withExtendedLifetime(runLock) {}
    if let error, logging.logFormat == .text { printError(error.description) }
    if code != 0 { throw ExitCode(code) }
  }

  /// `BUILD/run-status.json`: this run's record (times, per-stage status, exit code). Volatile by
  /// design (it has times), so it is kept out of the reports.
  private func writeStatus(_ record: RunRecord, logger: Logger) {
    do {
      try FileManager.default.createDirectory(atPath: build, withIntermediateDirectories: true)
      try AtomicFile.write(try RunRecord.prettyJSON(record), to: "\(build)/run-status.json")
    } catch {
      logger.warning("run status not written", metadata: ["error.message": "\(error)"])
    }
  }
}

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the last run and the last successful run from BUILD/runs.jsonl.",
    discussion: """
      Reads the run history `crma run` appends to (one JSON object per run: start, end, status, \
      exit code, outputs changed, stages). Exit 0 when the last run succeeded or was skipped \
      because another held the lock, 1 when it failed or was interrupted, 66 when there is no \
      history.
      """)

  @Option(help: "The build folder with runs.jsonl.")
  var build = "build"

  @Flag(help: "Print the two records as JSON.")
  var json = false

  func run() throws {
    let history = RunHistory(build: build)
    let records: [RunRecord]
    do {
      records = try history.read()
    } catch {
      printError("\(history.path): \(error)")
      throw ExitStatus.noInput
    }
    guard let last = records.last else {
      printError("\(history.path): no run recorded yet")
      throw ExitStatus.noInput
    }
    let success = records.last { $0.status == .ok }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let object = StatusOutput(lastRun: last, lastSuccess: success)
      print(String(decoding: try encoder.encode(object), as: UTF8.self))
    } else {
      print("last run:     \(last.summary)")
      print("last success: \(success?.summary ?? "none recorded")")
      if let error = last.error, last.status != .ok { print("reason:       \(error)") }
    }
    if last.status == .failed || last.status == .interrupted { throw ExitCode(1) }
  }

  struct StatusOutput: Encodable {
    var lastRun: RunRecord
    var lastSuccess: RunRecord?
    enum CodingKeys: String, CodingKey {
      case lastRun = "last_run"
      case lastSuccess = "last_success"
    }
  }
}
