import ArgumentParser
import CRMAFiles
import CRMAIngest
import CRMAPipeline
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
    var pipeline = Pipeline(
      force: true, toolVersion: CRMAVersion.string, logger: logging.makeLogger(label: "crma.transform"))
    pipeline.ingestFolder = input
    pipeline.transformFolder = out
    try runStage(pipeline.transform)
  }
}
