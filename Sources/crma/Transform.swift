import ArgumentParser
import CRMAIngest
import CRMATransform
import CSVStream
import Logging

struct Transform: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Map the ingested figures to CRMA categories and compute the dependency metrics.",
    discussion: """
      Reads the ingest stage's output (a data package), checks it again, and writes the derived \
      tables as CSV with their own datapackage.json. Exit codes as for validate; 73/74 when the \
      output cannot be created or written.
      """)

  @Option(name: .customLong("in"), help: "The ingest stage's output folder.")
  var input = "build/ingest"

  @Option(help: "Where to write the derived tables.")
  var out = "build/transform"

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    let logger = logging.makeLogger(label: "crma.transform")
    let ingest = try IngestCommandSupport.ingest(directory: input, logger: logger)
    if !ingest.isValid {
      try IngestCommandSupport.report(ingest)
    }
    let typed: TransformInput
    do throws(TransformError) {
      typed = try TransformInput(ingest: ingest)
    } catch {
      printError("\(input): \(error.message)")
      throw ExitStatus.config
    }
    let result = TransformStage.run(typed, logger: logger)
    do throws(OutputError) {
      let written = try TransformOutput.write(result, passingThrough: ingest, to: out, logger: logger)
      logger.info(
        "transform written", metadata: ["outputs.written": "\(written.count)", "output.folder": "\(out)"])
    } catch {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
  }
}
