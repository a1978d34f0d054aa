import ArgumentParser
import CRMAPipeline
import CRMAReport
import CSVStream
import Dispatch
import Foundation
import Glibc
import Logging

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run ingest → transform → report, skipping stages whose inputs did not change.",
    discussion: """
      The nightly command. Takes an exclusive lock (a second run exits 75 at once), writes each \
      stage's outputs as a whole set (staged, then swapped in), keeps the previous outputs when a \
      stage fails, and removes its staging folders on SIGINT/SIGTERM. Writes a deterministic \
      manifest.json with the reports and a run-status.json (times, per-stage status) in the build \
      folder. Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, 73/74 cannot create/write \
      output, 75 locked, 78 bad configuration.
      """)

  @Option(help: "The data package folder.")
  var data = "data"

  @Option(help: "Folder for the stage outputs and the run status.")
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
    let logger = logging.makeLogger(label: "crma.run", defaultLevel: .info)
    let started = Date()
    var pipeline = Pipeline(
      dataFolder: data, buildFolder: build, reportsFolder: reports, force: force,
      toolVersion: CRMAVersion.string, logger: logger)
    let environmentMaps = ProcessInfo.processInfo.environment["CRMA_MAP_FOLDER"].flatMap {
      $0.isEmpty ? nil : $0
    }
    pipeline.mapsFolder = maps ?? environmentMaps
    let signalGuards = Interruption.cleanUpOnSignal([
      pipeline.ingestFolder, pipeline.transformFolder, reports,
    ])
    let runLock: RunLock
    do throws(PipelineError) {
      runLock = try RunLock(path: lock ?? "\(build)/crma.lock")
    } catch {
      logger.error("run not started", metadata: ["reason": "\(error.description)"])
      printError(error.description)
      throw ExitCode(error.exitCode)
    }
    let (stages, error) = pipeline.run()
    let code = error?.exitCode ?? 0
    writeStatus(stages: stages, started: started, exitCode: code, logger: logger)
    let ran = stages.filter { $0.status == .ran }.count
    let skipped = stages.filter { $0.status == .skipped }.count
    let written = stages.map(\.outputsWritten).reduce(0, +)
    logger.info(
      "run finished",
      metadata: [
        "run.exit_code": "\(code)", "stages.ran": "\(ran)", "stages.skipped": "\(skipped)",
        "stages.failed": "\(stages.filter { $0.status == .failed }.count)", "outputs.written": "\(written)",
        "rows.rejected": "\(stages.map(\.rowsRejected).reduce(0, +))",
      ])
    withExtendedLifetime((runLock, signalGuards)) {}
    if let error {
      printError(error.description)
      throw ExitCode(code)
    }
  }

  /// `BUILD/run-status.json`: when the run started, each stage's status and timing, and the exit
  /// code. Volatile by design (it has times), so it is kept out of the reports.
  private func writeStatus(stages: [StageReport], started: Date, exitCode: Int32, logger: Logger) {
    let formatter = ISO8601DateFormatter()
    let object: [String: Any] = [
      "tool": ["name": "crma", "version": CRMAVersion.string], "started_at": formatter.string(from: started),
      "finished_at": formatter.string(from: Date()), "exit_code": Int(exitCode),
      "stages": stages.map { stage in
        [
          "name": stage.stage, "status": stage.status.rawValue, "seconds": stage.seconds,
          "rows_read": stage.rowsRead,
          "rows_rejected": stage.rowsRejected, "outputs_written": stage.outputsWritten,
          "outputs_unchanged": stage.outputsUnchanged, "message": stage.message,
        ] as [String: Any]
      },
    ]
    do {
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
      try FileManager.default.createDirectory(atPath: build, withIntermediateDirectories: true)
      try AtomicFile.write([UInt8](data) + [0x0A], to: "\(build)/run-status.json")
    } catch {
      logger.warning("run status not written", metadata: ["error.message": "\(error)"])
    }
  }
}

/// Removes this process's staging folders when SIGINT or SIGTERM arrives, then exits with
/// 128 + the signal, so an interrupted run leaves no temporary files behind.
enum Interruption {
  /// Installs the handlers; keep the returned sources alive for as long as they should act.
  static func cleanUpOnSignal(_ outputFolders: [String]) -> [any DispatchSourceSignal] {
    var sources: [any DispatchSourceSignal] = []
    let staging = outputFolders.map { OutputFolder.stagingPath(for: $0) }
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        for path in staging { try? FileManager.default.removeItem(atPath: path) }
        printError(
          "crma: interrupted by signal \(signalNumber); staging folders removed, previous outputs kept")
        _exit(128 + signalNumber)
      }
      source.resume()
      sources.append(source)
    }
    return sources
  }
}
