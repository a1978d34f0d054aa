import ArgumentParser
import CRMAFiles
import CRMAIngest
import CRMAUSGS
import CSVStream

struct USGS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "usgs",
    abstract:
      "Read the USGS data-release files the package declares and write their production_reserves rows.",
    discussion: """
      Checks each publisher file's SHA-256, decodes it by its declared encoding, recognises its \
      layout from the header and writes the rows `crma ingest` puts in front of the hand-entered \
      rows of production_reserves, as OUT/usgs_production_reserves.csv, with a count per file and \
      product on standard output. Exit 65 when a file breaks (hash, encoding, layout, value, \
      country), 66 when one is missing, 78 when datapackage.json is invalid; the output folder is \
      left as it was.
      """)

  @Option(help: "The data package folder.")
  var data = "data"

  @Option(help: "Where to write usgs_production_reserves.csv.")
  var out = "build/usgs"

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    let logger = logging.makeLogger(label: "crma.usgs")
    let ingest = try IngestCommandSupport.packageOnly(directory: data, logger: logger)
    // The package's own problems (a hash mismatch among them) come first.
    let read = USGSStage.read(ingest, directory: data, logger: logger)
    let problems = ingest.problems + read.problems
    if !problems.isEmpty {
      for problem in problems { printError(problem.description) }
      throw ExitStatus.code(for: problems)
    }
    guard let resource = ingest.descriptor.resource(named: USGSStage.tableName) else {
      printError("\(data)/datapackage.json: no \(USGSStage.tableName) resource")
      throw ExitStatus.config
    }
    var writer = CSVWriter()
    writer.writeRow(resource.schema.fields.map(\.name))
    var lines: [String] = []
    for file in read.files {
      for row in file.rows { writer.writeRow(row) }
      let products = file.products.keys.sorted().map { "\($0) \(file.products[$0]!)" }.joined(separator: ", ")
      lines.append(
        "\(file.edition)  \(file.path): \(file.rows.count) rows (\(products.isEmpty ? "none" : products))")
    }
    do {
      try OutputFolder.replace(out, with: ["usgs_production_reserves.csv": writer.bytes])
    } catch {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
    lines.append("\(read.files.map(\.rows.count).reduce(0, +)) rows from \(read.files.count) files")
    print(lines.joined(separator: "\n"))
  }
}
