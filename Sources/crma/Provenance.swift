import ArgumentParser
import CRMAIngest
import CRMAReport
import Logging

/// Loads the transform output for a lookup, mapping failures to sysexits codes.
func loadReportData(_ input: String, logger: Logger) throws -> ReportData {
  let data: ReportData
  let problems: [IngestProblem]
  do throws(IngestError) {
    (data, problems) = try ReportData.load(directory: input, logger: logger)
  } catch {
    printError(error.description)
    throw ExitStatus.code(for: error)
  }
  if !problems.isEmpty {
    for problem in problems { printError(problem.description) }
    throw ExitStatus.code(for: problems)
  }
  return data
}

struct Cite: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print a source and the report figures that cite it.",
    discussion: """
      SOURCE_ID is a source's id in data/sources.csv (the anchor in reports/sources.md). Prints the \
      source's entry, then every report table row (as in reports/tables/) and every sentence that \
      cites it. An unknown id exits 65.
      """)

  @Argument(help: "The source id, as in sources.md#SOURCE_ID.")
  var sourceID: String

  @Option(name: .customLong("in"), help: "The transform stage's output folder.")
  var input = "build/transform"

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    let data = try loadReportData(input, logger: logging.makeLogger(label: "crma.cite"))
    guard let text = Provenance.cite(sourceID, data: data) else {
      printError("crma cite: no source \"\(sourceID)\" in \(input)/sources.csv")
      throw ExitStatus.dataError
    }
    print(text, terminator: "")
  }
}

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the data rows and sources behind a figure (material, country, year).",
    discussion: """
      MATERIAL is a report (lithium, titanium, rare-earths), a USGS product (ilmenite, rutile, \
      titanium-sponge, lithium-mine, rare-earths-mine) or a material id; COUNTRY an ISO 3166 \
      alpha-3 code or a country name; YEAR optional. Prints the world shares, each edition's \
      figure, the reconciled fact, the EU study's shares, EU imports and (for Ukraine) other \
      output figures, then their sources. An unknown material or country exits 65.
      """)

  @Argument(help: "Report, product or material id.")
  var material: String

  @Argument(help: "ISO3 code or country name.")
  var country: String

  @Argument(help: "Year (all years when left out).")
  var year: Int?

  @Option(name: .customLong("in"), help: "The transform stage's output folder.")
  var input = "build/transform"

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    let data = try loadReportData(input, logger: logging.makeLogger(label: "crma.explain"))
    guard let text = Provenance.explain(material: material, country: country, year: year, data: data) else {
      printError("crma explain: unknown material \"\(material)\" or country \"\(country)\"")
      throw ExitStatus.dataError
    }
    print(text, terminator: "")
  }
}
