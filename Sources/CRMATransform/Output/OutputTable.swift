import CRMAIngest
import CSVStream

/// A derived table ready to be written as CSV with a Table Schema.
public struct OutputTable: Sendable {
  /// A column: name, Table Schema type, description.
  public struct Field: Sendable {
    public var name: String
    public var type: String
    public var description: String
  }

  public var name: String
  public var title: String
  public var description: String
  public var fields: [Field]
  public var primaryKey: [String]
  public var rows: [[String]]

  /// The CSV text: header, then rows sorted by their primary-key columns.
  public func csv() -> [UInt8] {
    var writer = CSVWriter()
    writer.writeRow(fields.map(\.name))
    let keyIndexes = primaryKey.compactMap { key in fields.firstIndex { $0.name == key } }
    let sorted = rows.sorted { a, b in
      for index in keyIndexes where a[index] != b[index] {
        if let x = Double(a[index]), let y = Double(b[index]) { return x < y }
        return a[index] < b[index]
      }
      return false
    }
    for row in sorted { writer.writeRow(row) }
    return writer.bytes
  }

  /// The resource entry of the output package's `datapackage.json`.
  public var descriptor: JSONValue {
    .object([
      "name": .string(name), "path": .string("\(name).csv"), "title": .string(title),
      "description": .string(description),
      "format": .string("csv"), "mediatype": .string("text/csv"), "encoding": .string("utf-8"),
      "schema": .object([
        "fields": .array(
          fields.map { field in
            .object([
              "name": .string(field.name), "type": .string(field.type),
              "description": .string(field.description),
            ])
          }),
        "primaryKey": .array(primaryKey.map { .string($0) }),
        "missingValues": .array([.string("")]),
      ]),
    ])
  }
}

/// Text forms for table cells: locale-free, empty for missing.
enum Cell {
  static func number(_ value: Double?) -> String { value.map(NumberFormatting.canonical) ?? "" }
  static func int(_ value: Int?) -> String { value.map(String.init) ?? "" }
  static func bool(_ value: Bool?) -> String { value.map { $0 ? "true" : "false" } ?? "" }
  static func text(_ value: String?) -> String { value ?? "" }
}
