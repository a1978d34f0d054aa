import ArgumentParser
import CRMAFiles
import CRMAIngest
import CRMATrade
import CSVStream
import Logging

struct Trade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Aggregate a Comext or Comtrade extract: imports per CRMA material, stage, partner and year.",
    discussion: """
      Streams FILE in one pass per core (bounded memory), maps product codes to CRMA materials \
      through data/commodity_map.csv, and writes aggregate.csv, by_product.csv and shares.csv to \
      --out, with outside_crosswalk.csv listing the import codes outside the crosswalk. Rows \
      with a malformed or negative number, a bad product code, period or partner are \
      counted and the first listed; the run fails (exit 65) when more than --max-bad-percent of \
      the rows are bad, when a sum is too large to add exactly, or when one year has both annual \
      (YYYY, YYYY52) and monthly (YYYYMM) rows. The mass column is optional (a value-only file \
      gives shares of value). Partners are classified with the package's countries and \
      trade_partner_codes: EU members are left out of third-country shares, confidential and \
      not-a-country codes are counted apart. Other flows and products outside the crosswalk are \
      counted, not errors.
      """)

  @Argument(help: "The trade extract (CSV with a header row).")
  var file: String

  @Option(help: "Column layout: comext (Eurostat bulk files) or comtrade (UN Comtrade).")
  var preset: String?

  @Option(
    name: .customLong("column"),
    help: "ROLE=HEADER for reporter, partner, product, flow, period, value, mass (repeatable).")
  var columns: [String] = []

  @Option(help: "A flow value that means import (repeatable; default from the preset, else 1 and M).")
  var importFlow: [String] = []

  @Option(help: "The data package with the product crosswalk.")
  var data = "data"

  @Option(help: "Where to write aggregate.csv and shares.csv.")
  var out = "build/trade"

  @Option(
    help:
      "The extract's source id in data/sources.csv; adds a source_id column so aggregate.csv can join the data package as trade_imports."
  )
  var sourceId: String?

  @Option(help: "Parallel parts (one libcsv parser each).")
  var workers = 2

  @Option(help: "Percentage of bad rows above which the run fails.")
  var maxBadPercent = 1.0

  @OptionGroup var logging: LoggingOptions

  func validate() throws {
    if let preset, TradeColumns.preset(preset) == nil {
      throw ValidationError("--preset takes comext or comtrade")
    }
    if preset == nil && columns.isEmpty {
      throw ValidationError("give --preset or --column ROLE=HEADER for every role")
    }
    guard (1...64).contains(workers) else { throw ValidationError("--workers must be between 1 and 64") }
    guard (0...100).contains(maxBadPercent) else {
      throw ValidationError("--max-bad-percent must be between 0 and 100")
    }
  }

  func run() throws {
    let logger = logging.makeLogger(label: "crma.trade")
    var layout = preset.flatMap(TradeColumns.preset) ?? TradeColumns(headers: [:], importFlows: ["1", "M"])
    switch layout.overriding(columns) {
    case .success(let applied): layout = applied
    case .failure(let error): throw ValidationError(error.message)
    }
    if !importFlow.isEmpty { layout.importFlows = Set(importFlow) }
    do {
      let (crosswalk, partners) = try packageTables(logger: logger)
      let result = try TradeIngest.run(
        path: file, columns: layout, crosswalk: crosswalk, partners: partners,
        options: TradeIngest.Options(workers: workers, maximumBadFraction: maxBadPercent / 100),
        logger: logger)
      try OutputFolder.replace(
        out,
        with: [
          "aggregate.csv": result.aggregateCSV(sourceID: sourceId),
          "by_product.csv": result.productCSV(sourceID: sourceId), "shares.csv": result.sharesCSV(),
          "outside_crosswalk.csv": result.outsideCSV(),
        ])
      print(result.summary(), terminator: "")
    } catch let error as CSVError {
      printError(error.description)
      throw ExitStatus.code(for: error)
    } catch let error as TradeError {
      printError("\(file): \(error.message)")
      switch error.kind {
      case .columns, .badRows, .overflow, .periods, .input: throw ExitStatus.dataError
      case .usage, .configuration: throw ExitStatus.config
      }
    } catch let error as OutputError {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
  }

  /// The crosswalk and partner codes from the data package: only their tables (and what those
  /// reference) are read, in a function of their own so that they are freed before the extract
  /// is read.
  private func packageTables(logger: Logger) throws -> (ProductCrosswalk, PartnerCodes) {
    let ingest = try IngestCommandSupport.packageOnly(
      directory: data, resources: ProductCrosswalk.resources.union(PartnerCodes.resources), logger: logger)
    if !ingest.isValid { try IngestCommandSupport.report(ingest) }
    return (try ProductCrosswalk(ingest: ingest), try PartnerCodes(ingest: ingest))
  }
}
