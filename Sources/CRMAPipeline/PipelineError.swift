import CRMAFiles
import CRMAIngest
import CSVStream

/// Why a stage stopped. Each case maps to one exit code in the CLI (`ExitStatus`).
public enum PipelineError: Error, Sendable, CustomStringConvertible {
  /// Values, rows or files break their schema (65), a file is missing (66), or the schema does
  /// not give a field the way crma reads it (78).
  case data([IngestProblem])
  /// An input file or folder is missing (66).
  case missingInput(String)
  /// `datapackage.json` or an option is invalid (78).
  case configuration(String)
  /// An output cannot be created (73) or written (74).
  case output(OutputError)
  /// Another run holds the lock (75).
  case locked(String)
  /// SIGINT or SIGTERM arrived (128 + the signal); nothing half-written was swapped in.
  case interrupted(Int32)

  public var description: String {
    switch self {
    case .data(let problems): return problems.map(\.description).joined(separator: "\n")
    case .missingInput(let message), .configuration(let message), .locked(let message): return message
    case .output(let error): return error.description
    case .interrupted(let signal):
      return "interrupted by signal \(signal); every output folder holds its previous or its new complete set"
    }
  }

  static func from(_ error: IngestError) -> PipelineError {
    error.code == .missingInput ? .missingInput(error.description) : .configuration(error.description)
  }
}
