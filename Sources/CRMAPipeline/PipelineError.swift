import CRMAIngest
import CSVStream

/// Why a stage stopped. Each case maps to one sysexits code in the CLI.
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

  public var description: String {
    switch self {
    case .data(let problems): return problems.map(\.description).joined(separator: "\n")
    case .missingInput(let message), .configuration(let message), .locked(let message): return message
    case .output(let error): return error.description
    }
  }

  /// The sysexits code.
  public var exitCode: Int32 {
    switch self {
    case .data(let problems):
      if problems.contains(where: { $0.kind == .missingFile }) { return 66 }
      return problems.contains { $0.kind == .schemaMismatch } ? 78 : 65
    case .missingInput: return 66
    case .configuration: return 78
    case .output(let error): return error.code == .cannotCreate ? 73 : 74
    case .locked: return 75
    }
  }

  static func from(_ error: IngestError) -> PipelineError {
    error.code == .missingInput ? .missingInput(error.description) : .configuration(error.description)
  }
}
