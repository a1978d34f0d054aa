import ArgumentParser
import CRMAFiles
import CRMAIngest
import CRMAPipeline
import CRMATransform
import CRMAUSGS
import CSVStream
import Logging

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check data/ against its datapackage.json (types, constraints, keys, foreign keys).",
    discussion: """
      Prints a summary per resource on standard output and every problem as FILE:LINE: column: \
      message on standard error. Exit 0 when valid, 65 when any value or row breaks its schema, \
      66 when a listed file is missing, 78 when datapackage.json itself is invalid or lacks a \
      field crma needs (renamed, removed or declared with another type).
      """)

  @Option(help: "The data package folder.")
  var data = "data"

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    let result = try IngestCommandSupport.ingest(
      directory: data, logger: logging.makeLogger(label: "crma.validate"))
    // A package is valid when the transform can read it too, so validate and the later stages agree.
    let unreadable = result.isValid ? TransformInput.problems(in: result) : []
    try IngestCommandSupport.report(result, more: unreadable)
  }
}

struct Ingest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate data/ and write the normalised tables with their own datapackage.json.",
    discussion: """
      The output folder is replaced as a whole, and only when the package is valid. Exit codes as \
      for validate; 73/74 when the output cannot be created or written.
      """)

  @Option(help: "The data package folder.")
  var data = "data"

  @Option(help: "Where to write the normalised tables.")
  var out = "build/ingest"

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    var pipeline = Pipeline(
      dataFolder: data, force: true, toolVersion: CRMAVersion.string,
      logger: logging.makeLogger(label: "crma.ingest"))
    pipeline.ingestFolder = out
    try runStage(pipeline.ingest)
  }
}

/// Runs one pipeline stage for a command: SIGINT/SIGTERM stop it between files (its staging
/// folder removed, exit 128 + the signal); errors are printed (unless the JSON log carries them)
/// and mapped to exit codes.
func runStage(_ stage: () throws(PipelineError) -> StageReport) throws {
  Interruption.install()
  do throws(PipelineError) {
    _ = try stage()
  } catch {
    printError(error.description)
    throw ExitStatus.code(for: error)
  }
  if let signal = Interruption.signal { throw ExitStatus.interrupted(signal) }
}

/// What validate and ingest share: running the stage and turning its result into output and
/// an exit code.
enum IngestCommandSupport {
  /// The package as the ingest stage reads it (all of it, or the named tables and those they
  /// reference), without the USGS and trade stages' tables; an unusable descriptor is printed and
  /// becomes its exit status.
  static func packageOnly(directory: String, resources: Set<String>? = nil, logger: Logger) throws
    -> IngestResult
  {
    do throws(IngestError) {
      return try IngestStage.run(directory: directory, resources: resources, logger: logger)
    } catch {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
  }

  static func ingest(directory: String, logger: Logger) throws -> IngestResult {
    do throws(IngestError) {
      return TradeImportsStage.merge(
        USGSStage.merge(
          try IngestStage.run(directory: directory, logger: logger), directory: directory, logger: logger),
        directory: directory, logger: logger)
    } catch {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
  }

  /// Prints the summary and problems; throws the exit code when there are problems.
  static func report(_ result: IngestResult, more: [IngestProblem] = []) throws {
    let problemList = result.problems + more
    var lines = ["resource                      rows  problems"]
    var totalRows = 0
    for resource in result.descriptor.resources {
      let rows = result.rowCount(of: resource.name)
      totalRows += rows ?? 0
      let problemCount = problemList.filter { $0.resource == resource.name }.count
      lines.append(
        DisplayWidth.pad(resource.name, to: 26)
          + DisplayWidth.pad(rows.map(String.init) ?? "-", to: 8, alignRight: true)
          + DisplayWidth.pad(String(problemCount), to: 10, alignRight: true))
    }
    let count = problemList.count
    lines.append(
      "\(result.descriptor.resources.count) resources, \(totalRows) rows, \(count) problem\(count == 1 ? "" : "s")"
    )
    print(lines.joined(separator: "\n"))
    for problem in problemList { printError(problem.description) }
    if !problemList.isEmpty { throw ExitStatus.code(for: problemList) }
  }
}
