import CRMAFiles
import CRMAIngest
import CRMAReport
import CRMATransform
import CRMAUSGS
import Glibc
import CSVStream
import Foundation
import Logging

/// What one stage did in a run.
public struct StageReport: Sendable {
  /// Whether the stage ran, was skipped because nothing changed, or failed.
  public enum Status: String, Sendable { case ran, skipped, failed }
  public var stage: String
  public var status: Status
  public var rowsRead = 0
  public var rowsRejected = 0
  public var outputsWritten = 0
  public var outputsUnchanged = 0
  public var seconds = 0.0
  public var message = ""
}

/// ingest → transform → report over folders: each stage skips itself when its inputs and the
/// tool version are what its last record says (unless forced), writes its outputs as a whole set
/// (staged, then swapped in), and leaves the previous outputs untouched when it fails.
public struct Pipeline: Sendable {
  public var dataFolder: String
  public var buildFolder: String
  public var reportsFolder: String
  public var force: Bool
  public var toolVersion: String
  public var reportOptions: ReportOptions
  public var logger: Logger
  /// Output folders of the first two stages; `build/ingest` and `build/transform` by default.
  public var ingestFolder: String
  public var transformFolder: String
  /// A folder of dated occupied-territory snapshots; when set, the map stage runs first and
  /// refreshes `control_periods.csv` (issue 13). Without it the committed periods are used.
  public var mapsFolder: String?

  /// A pipeline over the given folders; `force` runs every stage even when nothing changed.
  public init(
    dataFolder: String = "data", buildFolder: String = "build", reportsFolder: String = "reports",
    force: Bool = false,
    toolVersion: String, reportOptions: ReportOptions = ReportOptions(), logger: Logger
  ) {
    self.dataFolder = dataFolder
    self.buildFolder = buildFolder
    self.reportsFolder = reportsFolder
    self.force = force
    self.toolVersion = toolVersion
    self.reportOptions = reportOptions
    self.logger = logger
    self.ingestFolder = "\(buildFolder)/ingest"
    self.transformFolder = "\(buildFolder)/transform"
  }

  /// Runs the three stages in order, stopping at the first failure or at SIGINT/SIGTERM
  /// (``PipelineError/interrupted(_:)``; a stage already swapped in stays, the others keep their
  /// previous outputs).
  public func run() -> (stages: [StageReport], error: PipelineError?) {
    var reports: [StageReport] = []
    let stages: [(String, () throws(PipelineError) -> StageReport)] =
      (mapsFolder == nil ? [] : [("map", map)]) + [
        ("ingest", ingest), ("transform", transform), ("report", report),
      ]
    for (name, stage) in stages {
      let clock = ContinuousClock()
      let start = clock.now
      do throws(PipelineError) {
        if let signal = Interruption.signal { throw .interrupted(signal) }
        var result = try stage()
        result.seconds = seconds(clock.now - start)
        log(result)
        reports.append(result)
      } catch {
        var failed = StageReport(stage: name, status: .failed, message: error.description)
        if case .data(let problems) = error {
          failed.rowsRejected =
            Set(problems.compactMap { problem in problem.line.map { "\(problem.path):\($0)" } }).count
        }
        failed.seconds = seconds(clock.now - start)
        log(failed, error: error)
        reports.append(failed)
        return (reports, error)
      }
    }
    return (reports, nil)
  }

  /// Removes what runs killed before they could clean up left behind: staging folders beside
  /// the three output folders and temporary files beside them. Call it under the run lock.
  @discardableResult
  public func removeLeftovers() -> [String] {
    let removed = [ingestFolder, transformFolder, reportsFolder].flatMap {
      OutputFolder.removeLeftovers(beside: $0)
    }
    for path in Set(removed).sorted() {
      logger.notice("leftover of a killed run removed", metadata: ["path": "\(path)"])
    }
    return removed
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// One record per stage; a failed stage's record carries the reason (`error.message`, one
  /// line per problem in `error.problems`).
  private func log(_ report: StageReport, error: PipelineError? = nil) {
    var metadata: Logger.Metadata = [
      "stage.name": "\(report.stage)", "stage.status": "\(report.status.rawValue)",
      "rows.read": .stringConvertible(report.rowsRead),
      "rows.rejected": .stringConvertible(report.rowsRejected),
      "outputs.written": .stringConvertible(report.outputsWritten),
      "outputs.unchanged": .stringConvertible(report.outputsUnchanged),
      "duration.seconds": .stringConvertible(Double(NumberFormatting.fixed(report.seconds, digits: 3)) ?? 0),
    ]
    if !report.message.isEmpty && error == nil { metadata["stage.message"] = "\(report.message)" }
    if let error {
      switch error {
      case .data(let problems):
        metadata["error.message"] = "\(problems.first?.description ?? "")"
        metadata["error.problems"] = .array(problems.map { "\($0.description)" })
      default:
        metadata["error.message"] = "\(error.description)"
      }
    }
    switch (report.status, error) {
    case (.failed, .interrupted?): logger.notice("stage interrupted", metadata: metadata)
    case (.failed, _): logger.error("stage failed", metadata: metadata)
    default: logger.info("stage finished", metadata: metadata)
    }
  }

  // MARK: - Stages

  /// The ingest stage: validates `dataFolder` and replaces `ingestFolder` with the normalised tables.
  public func ingest() throws(PipelineError) -> StageReport {
    if let skipped = skipIngestByRecord() { return skipped }
    let descriptor: DataPackageDescriptor
    do {
      descriptor = try DataPackageDescriptor.load(directory: dataFolder)
    } catch {
      throw PipelineError.from(error)
    }
    let listed = ["datapackage.json"] + descriptor.resources.map(\.path) + descriptor.files.map(\.path)
    // Every listed file must be a regular file inside the package folder before anything reads
    // it (a link to /dev/zero or a FIFO would otherwise hang the run while it holds the lock).
    var present: [String] = []
    for name in listed {
      do {
        try InputFile.check("\(dataFolder)/\(name)", inside: dataFolder)
        present.append(name)
      } catch  where error.kind == .missing {
        continue  // reported by the ingest stage with the resource that lists it
      } catch {
        throw .missingInput(error.description)
      }
    }
    let inputs = try FileRecord.of(folder: dataFolder, names: present)
    if let skipped = skipIfUnchanged(
      "ingest", tool: toolVersion, inputs: inputs, folder: ingestFolder,
      listedAll: present.count == listed.count)
    {
      return skipped
    }
    // Resources too large to keep in memory are written to the staging folder while they are
    // read; the folder is dropped (the old outputs stay) unless the package is valid.
    let folder: OutputFolder
    do {
      try OutputFolder.checkReplaceable(ingestFolder)
      folder = try OutputFolder(path: ingestFolder)
    } catch {
      throw outputError(error)
    }
    let result: IngestResult
    do {
      // The USGS publisher files' rows join the hand-entered production_reserves rows; the trade
      // extract's aggregate becomes trade_imports.
      result = TradeImportsStage.merge(
        USGSStage.merge(
          try IngestStage.run(directory: dataFolder, output: folder, logger: logger), directory: dataFolder,
          logger: logger),
        directory: dataFolder, logger: logger)
    } catch {
      throw PipelineError.from(error)
    }
    guard result.isValid else { throw .data(result.problems) }
    if let error = result.streamed.compactMap(\.outputError).first { throw outputError(error) }
    // What the transform cannot read is refused here, naming the user's files, not ingest's.
    let unreadable = TransformInput.problems(in: result)
    guard unreadable.isEmpty else { throw .data(unreadable) }
    var files = IngestOutput.files(result)
    let streamedOutputs = result.streamed.compactMap { table in
      table.outputSHA256.map { FileRecord(path: table.resource.path, bytes: table.outputBytes ?? 0, sha256: $0) }
    }
    let outputs = (FileRecord.of(files: files) + streamedOutputs).sorted { $0.path < $1.path }
    files[StageRecord.fileName] = StageRecord(tool: toolVersion, inputs: inputs, outputs: outputs).serialized
    let previous = StageRecord.read(from: ingestFolder)?.outputs ?? []
    var report = try replace(folder, with: files, stage: "ingest")
    // A streamed table counts as unchanged when the previous run recorded the same size and hash.
    let same = streamedOutputs.filter { previous.contains($0) }.count
    report.outputsWritten += streamedOutputs.count - same
    report.outputsUnchanged += same
    report.rowsRead = result.totalRows
    return report
  }

  /// The transform stage: reads `ingestFolder` and replaces `transformFolder` with the derived tables.
  public func transform() throws(PipelineError) -> StageReport {
    let inputs = try stageInputs(ingestFolder)
    if let skipped = skipIfUnchanged(
      "transform", tool: toolVersion, inputs: inputs, folder: transformFolder, listedAll: true)
    {
      return skipped
    }
    let ingest = try load(ingestFolder)
    let input: TransformInput
    do {
      input = try TransformInput(ingest: ingest)
    } catch {
      throw .data(error.problems)
    }
    let result = TransformStage.run(input, logger: logger)
    var files = TransformOutput.files(result, passingThrough: ingest)
    files[StageRecord.fileName] =
      StageRecord(tool: toolVersion, inputs: inputs, outputs: FileRecord.of(files: files)).serialized
    var report = try replace(transformFolder, with: files, stage: "transform")
    report.rowsRead = ingest.totalRows
    // Codes the commodity map excludes on purpose are listed in unmapped.csv, not rejected.
    let unmapped = result.unmapped.filter { !$0.isExcludedByMap }
    report.rowsRejected = unmapped.count
    if !unmapped.isEmpty {
      report.message = "\(unmapped.count) figure(s) map to no material (see unmapped.csv)"
    }
    return report
  }

  /// The report stage: reads `transformFolder` and replaces `reportsFolder` with the reports and the manifest.
  public func report() throws(PipelineError) -> StageReport {
    let inputs = try stageInputs(transformFolder).map { record in
      FileRecord(path: "transform/\(record.path)", bytes: record.bytes, sha256: record.sha256)
    }
    if !force, let manifest = RunManifest.read(from: reportsFolder), manifest.tool == toolVersion,
      manifest.inputs == inputs,
      (try? FileRecord.of(folder: reportsFolder, names: manifest.outputs.map(\.path))) == manifest.outputs
    {
      return StageReport(
        stage: "report", status: .skipped, outputsUnchanged: manifest.outputs.count + 1,
        message: "inputs unchanged")
    }
    let (data, problems): (ReportData, [IngestProblem])
    do {
      (data, problems) = try ReportData.load(directory: transformFolder, logger: logger)
    } catch {
      throw PipelineError.from(error)
    }
    guard problems.isEmpty else { throw .data(problems) }
    var files = ReportStage.render(data, options: reportOptions, logger: logger).mapValues { Array($0.utf8) }
    let outputs = files.keys.sorted().map { FileRecord.of(name: $0, bytes: files[$0]!) }
    files[RunManifest.fileName] = RunManifest(tool: toolVersion, inputs: inputs, outputs: outputs).serialized
    var report = try replace(reportsFolder, with: files, stage: "report")
    report.rowsRead = data.rowCount
    return report
  }

  // MARK: - Helpers

  /// The ingest skip without parsing `datapackage.json` (a tenth of an unchanged run): which
  /// files the package lists depends only on the descriptor's bytes (and the tool version), so
  /// when the descriptor hashes as in the stage record, the files to check are the record's
  /// inputs. They are still checked (regular files inside the package) and hashed, and the outputs
  /// too, exactly as in ``skipIfUnchanged(_:tool:inputs:folder:listedAll:)``. Anything else —
  /// no record, another descriptor, a file refused, missing or changed — returns nil and the
  /// stage takes its normal path, which reports the problem or reruns.
  private func skipIngestByRecord() -> StageReport? {
    let descriptorName = "datapackage.json"
    guard !force, let record = StageRecord.read(from: ingestFolder), record.tool == toolVersion,
      let descriptor = record.inputs.first(where: { $0.path == descriptorName }),
      (try? InputFile.check("\(dataFolder)/\(descriptorName)", inside: dataFolder)) != nil,
      (try? FileRecord.of(folder: dataFolder, names: [descriptorName])) == [descriptor]
    else { return nil }
    let names = record.inputs.map(\.path)
    for name in names where name != descriptorName {
      guard (try? InputFile.check("\(dataFolder)/\(name)", inside: dataFolder)) != nil else { return nil }
    }
    guard let inputs = try? FileRecord.of(folder: dataFolder, names: names) else { return nil }
    return skipIfUnchanged("ingest", tool: toolVersion, inputs: inputs, folder: ingestFolder, listedAll: true)
  }

  private func stageInputs(_ folder: String) throws(PipelineError) -> [FileRecord] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw .missingInput("\(folder): not found (run the previous stage first)")
    }
    return try FileRecord.of(folder: folder, names: FileRecord.files(in: folder))
  }

  private func load(_ folder: String) throws(PipelineError) -> IngestResult {
    let result: IngestResult
    do {
      result = try IngestStage.run(directory: folder, logger: logger)
    } catch {
      throw PipelineError.from(error)
    }
    guard result.isValid else { throw .data(result.problems) }
    return result
  }

  /// A skip when the stage record in `folder` lists the same tool and inputs and every output
  /// it lists is still there with its size and SHA-256 (a missing or altered output reruns the
  /// stage).
  private func skipIfUnchanged(
    _ stage: String, tool: String, inputs: [FileRecord], folder: String, listedAll: Bool
  ) -> StageReport? {
    guard !force, listedAll, let record = StageRecord.read(from: folder), record.tool == tool,
      record.inputs == inputs, FileRecord.files(in: folder) == record.outputs.map(\.path),
      (try? FileRecord.of(folder: folder, names: record.outputs.map(\.path))) == record.outputs
    else { return nil }
    return StageReport(
      stage: stage, status: .skipped, outputsUnchanged: record.outputs.count, message: "inputs unchanged")
  }

  /// Replaces `folder` with `files`, counting how many differ from what was there.
  private func replace(_ folder: String, with files: [String: [UInt8]], stage: String) throws(PipelineError)
    -> StageReport
  {
    let staged: OutputFolder
    do {
      try OutputFolder.checkReplaceable(folder)
      staged = try OutputFolder(path: folder)
    } catch {
      throw outputError(error)
    }
    return try replace(staged, with: files, stage: stage)
  }

  private func outputError(_ error: OutputError) -> PipelineError {
    error.code == .interrupted ? .interrupted(Interruption.signal ?? SIGTERM) : .output(error)
  }

  /// Writes `files` into the staging `folder` and swaps it in, counting how many differ from
  /// what was there.
  private func replace(_ folder: OutputFolder, with files: [String: [UInt8]], stage: String) throws(PipelineError)
    -> StageReport
  {
    var written = 0
    var unchanged = 0
    for (name, bytes) in files {
      if FileManager.default.contents(atPath: "\(folder.path)/\(name)").map({ [UInt8]($0) == bytes }) == true {
        unchanged += 1
      } else {
        written += 1
      }
    }
    do {
      try folder.finish(with: files)
    } catch {
      throw outputError(error)
    }
    return StageReport(stage: stage, status: .ran, outputsWritten: written, outputsUnchanged: unchanged)
  }
}
