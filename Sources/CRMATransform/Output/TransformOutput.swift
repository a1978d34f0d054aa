import CRMAIngest
import CSVStream
import Foundation
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

  public static func write(
    _ result: TransformResult, passingThrough ingest: IngestResult? = nil, to directory: String,
    logger: Logger
  ) throws(OutputError) -> [String] {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw OutputError(
        .cannotCreate, path: directory, message: "cannot create folder: \(error.localizedDescription)")
    }
    let tables = result.tables
    var written: [String] = []
    for table in tables {
      let path = "\(directory)/\(table.name).csv"
      try AtomicFile.write(table.csv(), to: path)
      written.append(path)
      logger.debug(
        "table written", metadata: ["output.path": "\(path)", "rows.written": "\(table.rows.count)"])
    }
    var resources = tables.map(\.descriptor)
    if let ingest {
      for name in passThrough {
        guard let table = ingest.table(named: name), let json = resourceJSON(name, in: ingest.descriptor.json)
        else { continue }
        var writer = CSVWriter()
        writer.writeRow(table.resource.schema.fields.map(\.name))
        for row in table.rows { writer.writeRow(row.map { $0?.text ?? "" }) }
        let path = "\(directory)/\(name).csv"
        try AtomicFile.write(writer.bytes, to: path)
        written.append(path)
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
    let path = "\(directory)/datapackage.json"
    try AtomicFile.write(Array(descriptor.serialized().utf8), to: path)
    written.append(path)
    return written
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
