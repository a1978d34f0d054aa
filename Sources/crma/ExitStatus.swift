import ArgumentParser
import CRMAFiles
import CRMAIngest
import CRMAPipeline
import CSVStream
import Glibc

/// The one map from crma's errors to exit codes: sysexits (`/usr/include/sysexits.h`), 75 for
/// a held lock, 128 + the signal for SIGINT/SIGTERM. The README's table lists the same codes.
enum ExitStatus {
  /// 65 EX_DATAERR: a value, row or file breaks its schema.
  static let dataError = ExitCode(65)
  /// 66 EX_NOINPUT: an input file or folder is missing, or is not a regular file in its folder.
  static let noInput = ExitCode(66)
  /// 70 EX_SOFTWARE: an internal error.
  static let software = ExitCode(70)
  /// 73 EX_CANTCREAT: an output cannot be created.
  static let cannotCreate = ExitCode(73)
  /// 74 EX_IOERR: an output cannot be written.
  static let ioError = ExitCode(74)
  /// 75 EX_TEMPFAIL: another run holds the lock (not a failure: the next run catches up).
  static let locked = ExitCode(75)
  /// 78 EX_CONFIG: datapackage.json or an option is invalid, or a field is not what crma reads.
  static let config = ExitCode(78)

  /// 130 for SIGINT, 143 for SIGTERM.
  static func interrupted(_ signal: Int32) -> ExitCode { ExitCode(128 + signal) }

  static func code(for error: CSVError) -> ExitCode {
    switch error.code {
    case .cannotOpen: return noInput
    case .readFailed: return ioError
    default: return dataError
    }
  }

  static func code(for error: OutputError) -> ExitCode {
    switch error.code {
    case .cannotCreate: return cannotCreate
    case .writeFailed: return ioError
    case .interrupted: return interrupted(Interruption.signal ?? SIGTERM)
    }
  }

  static func code(for error: InputError) -> ExitCode { noInput }

  static func code(for error: IngestError) -> ExitCode {
    error.code == .missingInput ? noInput : config
  }

  /// 66 when a file is missing, 78 when the schema does not give a field the way crma reads it
  /// (schemaMismatch), else 65.
  static func code(for problems: [IngestProblem]) -> ExitCode {
    if problems.contains(where: { $0.kind == .missingFile }) { return noInput }
    return problems.contains { $0.kind == .schemaMismatch } ? config : dataError
  }

  static func code(for error: PipelineError) -> ExitCode {
    switch error {
    case .data(let problems): return code(for: problems)
    case .missingInput: return noInput
    case .configuration: return config
    case .output(let error): return code(for: error)
    case .locked: return locked
    case .interrupted(let signal): return interrupted(signal)
    }
  }
}

/// Prints `message` on standard error.
func printError(_ message: String) {
  var text = message
  if !text.hasSuffix("\n") { text += "\n" }
  var bytes = Array(text.utf8)
  bytes.withUnsafeMutableBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
      if written <= 0 { if errno == EINTR { continue } else { return } }
      offset += written
    }
  }
}
