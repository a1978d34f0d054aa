import CRMAIngest
import CSVStream
import Foundation
import Logging

/// Writes the transform tables as CSV through the CSV writer, with a `datapackage.json` that
/// describes them, each file replaced atomically.
public enum TransformOutput {
  public static func write(_ result: TransformResult, to directory: String, logger: Logger)
    throws(OutputError) -> [String]
  {
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
    let descriptor = JSONValue.object([
      "$schema": .string("https://datapackage.org/profiles/2.0/datapackage.json"),
      "name": .string("crma-transform"),
      "title": .string("crma transform stage: CRMA mapping and dependency metrics"),
      "description": .string(
        "Derived from the crma data package by `crma transform`; see each resource's description."),
      "resources": .array(tables.map(\.descriptor)),
    ])
    let path = "\(directory)/datapackage.json"
    try AtomicFile.write(Array(descriptor.serialized().utf8), to: path)
    written.append(path)
    return written
  }
}
