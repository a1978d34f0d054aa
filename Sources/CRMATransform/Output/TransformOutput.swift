import CRMAFiles
import CRMAIngest
import CSVStream
import Logging

/// Writes the transform tables as CSV through the CSV writer, with a `datapackage.json` that
/// describes them, each file replaced atomically. The input tables the report stage needs are
/// passed through, so the folder is a self-contained package.
public enum TransformOutput {
  /// Input resources copied into the transform output for the report stage.
  public static let passThrough = [
    "sources", "countries", "materials", "criticality", "events", "deposits", "deposit_figures",
    "deposit_control",
    "ukraine_output", "supply_shares",
  ]

  /// The output files, by name: the derived tables, the passed-through inputs and the
  /// descriptor.
  public static func files(_ result: TransformResult, passingThrough ingest: IngestResult? = nil) -> [String:
    [UInt8]]
  {
    let tables = result.tables
    var files: [String: [UInt8]] = [:]
    for table in tables { files["\(table.name).csv"] = table.csv() }
    var resources = tables.map(\.descriptor)
    if let ingest {
      for name in passThrough {
        guard let table = ingest.table(named: name), let json = resourceJSON(name, in: ingest.descriptor.json)
        else { continue }
        files["\(name).csv"] = table.csvBytes()
        resources.append(json)
      }
    }
    let descriptor = JSONValue.object([
      "$schema": .string("https://datapackage.org/profiles/2.0/datapackage.json"),
      "name": .string("crma-transform"),
      "title": .string("crma transform stage: CRMA mapping and dependency metrics"),
      "description": .string(
        "Derived from the crma data package by `crma transform`; see each resource's description."),
      "resources": .array(resources),
    ])
    files["datapackage.json"] = Array(descriptor.serialized().utf8)
    return files
  }

  /// Replaces `directory` with the output set as a whole.
  public static func write(
    _ result: TransformResult, passingThrough ingest: IngestResult? = nil, to directory: String,
    logger: Logger
  ) throws(OutputError) -> [String] {
    let files = files(result, passingThrough: ingest)
    try OutputFolder.replace(directory, with: files)
    logger.debug(
      "outputs written", metadata: ["output.folder": "\(directory)", "outputs.written": "\(files.count)"])
    return files.keys.sorted().map { "\(directory)/\($0)" }
  }
}

/// A resource's descriptor from a package descriptor, with its foreign keys removed (the
/// resources they point at are not all passed through) and its path set to `NAME.csv`.
private func resourceJSON(_ name: String, in package: JSONValue) -> JSONValue? {
  guard var resource = package["resources"]?.array?.first(where: { $0["name"]?.string == name })?.object
  else { return nil }
  if var schema = resource["schema"]?.object {
    schema["foreignKeys"] = nil
    resource["schema"] = .object(schema)
  }
  resource["path"] = .string("\(name).csv")
  return .object(resource)
}
