import ArgumentParser
import CRMAIngest
import CRMAMap
import CRMAFiles
import CSVStream
import Glibc
import Logging

struct Map: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Date each located deposit and site against a folder of occupied-territory snapshots.",
    discussion: """
      Reads every *.geojson in --maps (one file a day, the date in its name, e.g. \
      deepstatemap_data_20260822.geojson; Polygon/MultiPolygon in lon/lat), classifies every place \
      of data/locations.csv on every date as occupied, government-controlled or near the line \
      (its uncertainty radius crosses the front line; coast and state border, taken from \
      data/ukraine_boundary.csv, are not front line), and writes the status periods to \
      --out (default data/control_periods.csv). No polygon is written anywhere. Exit 65 for a \
      malformed, empty or oversized snapshot or a file name without a date, 66 for a missing folder.
      """)

  @Option(help: "The folder of dated occupied-territory snapshots (*.geojson).")
  var maps: String

  @Option(help: "The data package with locations.csv and ukraine_boundary.csv.")
  var data = "data"

  @Option(help: "Where to write the status periods (CSV).")
  var out: String?

  @Option(help: "The source_id the periods credit (a row of data/sources.csv).")
  var sourceId = "deepstatemap-occupied"

  @Option(help: "km from the coast or state border within which an edge does not count as front line.")
  var borderToleranceKm = 5.0

  @Option(help: "Largest snapshot accepted, in bytes.")
  var maxFileBytes = GeoJSONReader.defaultMaximumBytes

  @OptionGroup var logging: LoggingOptions

  func run() throws {
    let logger = logging.makeLogger(label: "crma.map")
    let ingest = try IngestCommandSupport.ingest(directory: data, logger: logger)
    if !ingest.isValid { try IngestCommandSupport.report(ingest) }
    let inputs: MapInputs
    do throws(RecordProblems) {
      inputs = try MapInputs(ingest: ingest)
    } catch {
      printError(error.description)
      throw ExitStatus.config
    }
    var clock = timespec()
    clock_gettime(CLOCK_MONOTONIC, &clock)
    let started = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9
    let result: MapResult
    do throws(MapError) {
      result = try MapStage.run(
        folder: maps, sites: inputs.sites,
        frontLine: FrontLine(boundary: inputs.boundary, toleranceKm: borderToleranceKm),
        maximumBytes: maxFileBytes, logger: logger)
    } catch {
      printError(error.description)
      throw error.kind == .noInput ? ExitStatus.noInput : ExitStatus.dataError
    }
    clock_gettime(CLOCK_MONOTONIC, &clock)
    let seconds = Double(clock.tv_sec) + Double(clock.tv_nsec) / 1e9 - started
    let path = out ?? (data.hasSuffix("/") ? data : data + "/") + "control_periods.csv"
    do throws(OutputError) {
      try AtomicFile.write(ControlPeriodsTable.csv(result.periods, sourceID: sourceId), to: path)
    } catch {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
    let counts = Dictionary(grouping: result.latest.values, by: \.status).mapValues(\.count)
    print(
      "\(result.snapshots) snapshots (\(result.firstDate ?? "-") to \(result.lastDate ?? "-")) × \(inputs.sites.count) located places in \(ControlPeriodsTable.formatKm(seconds)) s: \(result.periods.count) periods -> \(path)"
    )
    print(
      "on \(result.lastDate ?? "-"): "
        + MapStatus.allCases.sorted().map { "\(counts[$0] ?? 0) \($0.label)" }.joined(separator: ", ")
        + "; not located: \(inputs.unlocated.isEmpty ? "none" : inputs.unlocated.joined(separator: ", "))")
  }
}
