import CRMAFiles
import CRMAPipeline
import Foundation
import Glibc
import Logging

/// One `crma run`: what `BUILD/run-status.json` holds and what each line of `BUILD/runs.jsonl`
/// holds (Codable, numbers as numbers).
struct RunRecord: Codable, Equatable {
  enum Status: String, Codable {
    /// Every stage ran or was skipped.
    case ok
    /// A stage failed.
    case failed
    /// SIGINT or SIGTERM stopped the run.
    case interrupted
    /// Another run held the lock (exit 75): nothing was done.
    case locked
  }

  struct Stage: Codable, Equatable {
    var name: String
    var status: String
    var seconds: Double
    var rowsRead: Int
    var rowsRejected: Int
    var outputsWritten: Int
    var outputsUnchanged: Int
    var message: String

    enum CodingKeys: String, CodingKey {
      case name, status, seconds, message
      case rowsRead = "rows_read"
      case rowsRejected = "rows_rejected"
      case outputsWritten = "outputs_written"
      case outputsUnchanged = "outputs_unchanged"
    }
  }

  struct Tool: Codable, Equatable {
    var name = "crma"
    var version: String
  }

  var tool: Tool
  var pid: Int32
  var startedAt: String
  var finishedAt: String
  var status: Status
  var exitCode: Int32
  /// Output files written with new bytes, over all stages.
  var outputsChanged: Int
  var stages: [Stage]
  var error: String?

  enum CodingKeys: String, CodingKey {
    case tool, pid, status, stages, error
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case exitCode = "exit_code"
    case outputsChanged = "outputs_changed"
  }

  init(started: Date, status: Status, exitCode: Int32, stages: [StageReport], error: String?) {
    let formatter = ISO8601DateFormatter()
    tool = Tool(version: CRMAVersion.string)
    pid = getpid()
    startedAt = formatter.string(from: started)
    finishedAt = formatter.string(from: Date())
    self.status = status
    self.exitCode = exitCode
    outputsChanged = stages.map(\.outputsWritten).reduce(0, +)
    self.stages = stages.map { stage in
      Stage(
        name: stage.stage, status: stage.status.rawValue, seconds: (stage.seconds * 1000).rounded() / 1000,
        rowsRead: stage.rowsRead, rowsRejected: stage.rowsRejected, outputsWritten: stage.outputsWritten,
        outputsUnchanged: stage.outputsUnchanged, message: stage.message)
    }
    self.error = error
  }

  var summary: String {
    let changed = "\(outputsChanged) output\(outputsChanged == 1 ? "" : "s") changed"
    return "\(startedAt) → \(finishedAt)  \(status.rawValue), exit \(exitCode), \(changed)"
  }

  static func prettyJSON(_ record: RunRecord) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(record)) + [0x0A]
  }
}

/// `BUILD/runs.jsonl`: one line per run, appended (O_APPEND, one write), never rewritten.
struct RunHistory {
  let path: String

  init(build: String) { path = "\(build)/runs.jsonl" }

  func append(_ record: RunRecord, logger: Logger) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      let line = [UInt8](try encoder.encode(record)) + [0x0A]
      let folder = (path as NSString).deletingLastPathComponent
      if !folder.isEmpty {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      }
      let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
      defer { close(descriptor) }
      let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      guard written == line.count, fsync(descriptor) == 0 else {
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
      }
    } catch {
      logger.warning("run history not written", metadata: ["path": "\(path)", "error.message": "\(error)"])
    }
  }

  /// Every record, oldest first; a line that does not decode (a torn write) is skipped.
  func read() throws -> [RunRecord] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let decoder = JSONDecoder()
    return text.split(separator: "\n").compactMap { line in
      try? decoder.decode(RunRecord.self, from: Data(line.utf8))
    }
  }
}
