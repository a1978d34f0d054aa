import CSVStream
import Foundation
import Logging

/// Writes the validated, normalised tables (ISO codes, canonical numbers, `true`/`false`) as CSV
/// with their own `datapackage.json`, so R, Python or DuckDB can read the stage's output
/// directly. Each file is replaced atomically.
public enum IngestOutput {
  public static func write(_ result: IngestResult, to directory: String, logger: Logger) throws(OutputError)
    -> [String]
  {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw OutputError(
        .cannotCreate, path: directory, message: "cannot create folder: \(error.localizedDescription)")
    }
    var written: [String] = []
    for table in result.tables {
      var writer = CSVWriter()
      writer.writeRow(table.resource.schema.fields.map(\.name))
      for row in table.rows {
        writer.writeRow(row.map { $0?.text ?? "" })
      }
      let path = "\(directory)/\(table.resource.path)"
      try AtomicFile.write(writer.bytes, to: path)
      written.append(path)
      logger.debug(
        "table written", metadata: ["output.path": "\(path)", "rows.written": "\(table.rows.count)"])
    }
    let descriptorPath = "\(directory)/datapackage.json"
    try AtomicFile.write(Array(result.descriptor.json.serialized().utf8), to: descriptorPath)
    written.append(descriptorPath)
    return written
  }
}
