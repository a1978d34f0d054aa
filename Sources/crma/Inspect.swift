import ArgumentParser
import CRMAFiles
import CSVStream

struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Parse a CSV file with libcsv and print its records.",
    discussion: """
      Without --json: an aligned preview of the first records and a count of all. With --json: \
      every record as a JSON object keyed by header name (string values, "" for empty), in \
      file order, streamed. Bad CSV prints FILE:LINE: message on standard error and exits 65; \
      a missing or unreadable file exits 66.
      """)

  @Argument(help: "The CSV file (UTF-8, RFC 4180, header row first).")
  var file: String

  @Flag(help: "Print all records as a JSON array of objects.")
  var json = false

  @Option(help: "Records shown in the preview.")
  var limit = 20

  func validate() throws {
    guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
  }

  func run() throws {
    do {
      let reader = try CSVReader(path: file)
      if json {
        let output = StandardOutput()
        try CSVInspection.streamJSON(reader) { bytes in try output.write(bytes: bytes) }
        try output.flush()
      } else {
        let output = StandardOutput()
        try output.write(CSVInspection.preview(reader, limit: limit))
        try output.flush()
      }
    } catch let error as CSVError {
      printError(error.description)
      throw ExitStatus.code(for: error)
    } catch let error as OutputError {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
  }
}
