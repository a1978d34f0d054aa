import CRMAFiles
import CSVStream
import Logging

extension Table {
  /// The table as CSV: header, then its rows in canonical text (ISO codes, locale-free numbers,
  /// `true`/`false`), written through the CSV writer.
  public func csvBytes() -> [UInt8] {
    var writer = CSVWriter()
    writer.writeRow(resource.schema.fields.map(\.name))
    for row in rows { writer.writeRow(row.map { $0?.text ?? "" }) }
    return writer.bytes
  }
}

/// The ingest stage's output: the validated, normalised tables as CSV with their own
/// `datapackage.json`, so R, Python or DuckDB can read them directly.
public enum IngestOutput {
  /// The output files, by path inside the output folder.
  public static func files(_ result: IngestResult) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    for table in result.tables { files[table.resource.path] = table.csvBytes() }
    files["datapackage.json"] = Array(tablesOnly(result.descriptor.json).serialized().utf8)
    return files
  }

  /// The descriptor without its file resources: the output holds the tables read from them,
  /// not the publishers' files, whose hashes the input package keeps.
  static func tablesOnly(_ json: JSONValue) -> JSONValue {
    guard var object = json.object, let resources = object["resources"]?.array else { return json }
    object["resources"] = .array(resources.filter { $0["type"]?.string != "file" })
    return .object(object)
  }

  /// Replaces `directory` with the output set as a whole.
  public static func write(_ result: IngestResult, to directory: String, logger: Logger) throws(OutputError)
    -> [String]
  {
    let files = files(result)
    try OutputFolder.replace(directory, with: files)
    logger.debug(
      "outputs written", metadata: ["output.folder": "\(directory)", "outputs.written": "\(files.count)"])
    return files.keys.sorted().map { "\(directory)/\($0)" }
  }
}
