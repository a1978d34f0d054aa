import CRMAIngest
import CRMAMap
import CRMAFiles
import CSVStream
import Foundation

extension Pipeline {
  /// The optional first stage: when a folder of daily occupied-territory snapshots is given,
  /// recompute `control_periods.csv` in the data folder. The file is rewritten only when its bytes
  /// change, so a night without a new snapshot leaves the later stages skipped.
  public func map() throws(PipelineError) -> StageReport {
    guard let mapsFolder else { return StageReport(stage: "map", status: .skipped, message: "no map folder") }
    let ingest: IngestResult
    do {
      ingest = try IngestStage.run(directory: dataFolder, logger: logger)
    } catch {
      throw PipelineError.from(error)
    }
    let inputs: MapInputs
    do {
      inputs = try MapInputs(ingest: ingest)
    } catch {
      throw .data(error.problems)
    }
    let result: MapResult
    do {
      result = try MapStage.run(
        folder: mapsFolder, sites: inputs.sites, frontLine: FrontLine(boundary: inputs.boundary),
        logger: logger)
    } catch {
      switch error.kind {
      case .noInput: throw .missingInput(error.description)
      case .data, .output: throw .configuration(error.description)
      }
    }
    let bytes = ControlPeriodsTable.csv(result.periods, sourceID: "deepstatemap-occupied")
    let path = "\(dataFolder)/control_periods.csv"
    if let current = FileManager.default.contents(atPath: path), [UInt8](current) == bytes {
      return StageReport(
        stage: "map", status: .ran, outputsUnchanged: 1,
        message: "\(result.snapshots) snapshots to \(result.lastDate ?? "-"); control periods unchanged")
    }
    do {
      try AtomicFile.write(bytes, to: path)
    } catch {
      throw .output(error)
    }
    return StageReport(
      stage: "map", status: .ran, outputsWritten: 1,
      message: "\(result.snapshots) snapshots to \(result.lastDate ?? "-"); \(result.periods.count) periods")
  }
}
