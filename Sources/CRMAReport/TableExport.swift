import CRMAIngest
import CSVStream
import Foundation

/// Every table of the reports as CSV (`tables/REPORT-TABLE.csv`), typed and listed in
/// `tables/datapackage.json`, so a table can be loaded into a spreadsheet exactly as printed:
/// a column whose cells are all numbers (thousands commas and a `%` sign allowed) is a number
/// column written without them; the cells' citations become a `sources` column of source ids.
public enum TableExport {
  /// One exported table.
  public struct Table: Sendable {
    /// `REPORT-TABLE`, the file name without `.csv`.
    public var name: String
    public var title: String
    public var fields: [(name: String, type: String)]
    public var rows: [[String]]

    /// The CSV text.
    public func csv() -> String {
      var writer = CSVWriter()
      writer.writeRow(fields.map(\.name))
      for row in rows { writer.writeRow(row) }
      return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The resource entry of `tables/datapackage.json`.
    var descriptor: JSONValue {
      .object([
        "name": .string(name), "path": .string("\(name).csv"), "title": .string(title),
        "format": .string("csv"),
        "mediatype": .string("text/csv"), "encoding": .string("utf-8"),
        "schema": .object([
          "fields": .array(fields.map { .object(["name": .string($0.name), "type": .string($0.type)]) })
        ]),
      ])
    }
  }

  /// The tables of `document`, the report called `report` (its file name without extension);
  /// a table without a name is named after the heading above it.
  public static func tables(_ document: Document, report: String, title: String) -> [Table] {
    var result: [Table] = []
    var heading = "table"
    var used: [String: Int] = [:]
    for block in document.blocks {
      switch block {
      case .heading(_, let text): heading = slug(text)
      case .table(let table):
        var name = table.name.isEmpty ? heading : table.name
        used[name, default: 0] += 1
        if let count = used[name], count > 1 { name += "-\(count)" }
        result.append(export(table, name: "\(report)-\(name)", title: "\(title): \(name)"))
      default: continue
      }
    }
    return result
  }

  /// `tables/datapackage.json` listing `tables`.
  public static func descriptor(_ tables: [Table]) -> String {
    JSONValue.object([
      "name": .string("crma-report-tables"),
      "title": .string("crma report tables"),
      "description": .string(
        "Every table of the crma reports as CSV, as printed: numbers without thousands separators or % signs, the sources each row cites in its sources column (ids of data/sources.csv, anchors of sources.md)."
      ),
      "resources": .array(tables.sorted { $0.name < $1.name }.map(\.descriptor)),
    ]).serialized()
  }

  static func export(_ table: TextTable, name: String, title: String) -> Table {
    let cells = table.rows.map { row in
      table.columns.indices.map { index in
        index < row.count ? plainCell(Document.withoutCitations(row[index])) : ""
      }
    }
    var fields: [(name: String, type: String)] = []
    var columns: [[String]] = table.columns.indices.map { index in cells.map { $0[index] } }
    var taken: Set<String> = []
    for (index, column) in table.columns.enumerated() {
      var fieldName = column.title
      let values = columns[index]
      var type = "string"
      let filled = values.filter { !isEmptyCell($0) }
      if !filled.isEmpty, filled.allSatisfy({ number($0) != nil }) {
        type = filled.allSatisfy { number($0)?.isInteger == true } ? "integer" : "number"
        if filled.contains(where: { $0.hasSuffix("%") }) && !fieldName.contains("%") { fieldName += " (%)" }
        columns[index] = values.map { isEmptyCell($0) ? "" : number($0).map { $0.text } ?? "" }
      }
      while taken.contains(fieldName) { fieldName += " 2" }
      taken.insert(fieldName)
      fields.append((fieldName, type))
    }
    fields.append(("sources", "string"))
    let rows = table.rows.indices.map { row in
      columns.map { $0[row] } + [
        Array(
          Set(
            table.rows[row].flatMap(Document.citationIDs)
              + (row < table.rowSources.count ? table.rowSources[row] : []))
        ).sorted().joined(separator: ";")
      ]
    }
    return Table(name: name, title: title, fields: fields, rows: rows)
  }

  static func isEmptyCell(_ text: String) -> Bool { ["", "—", "-", "n/a"].contains(text) }

  /// A cell's number: `1,234.5`, `12.3 %`, `-4`; nil for anything else.
  static func number(_ text: String) -> (text: String, isInteger: Bool)? {
    var body = text
    if body.hasSuffix("%") {
      body.removeLast()
      while body.last == " " { body.removeLast() }
    }
    body = body.replacing(",", with: "")
    guard !body.isEmpty, body.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), Double(body) != nil
    else {
      return nil
    }
    return (body, !body.contains("."))
  }

  /// A cell as plain text: a Markdown link `[text](target)` reads "text (target)", no padding.
  static func plainCell(_ text: String) -> String {
    Markup.plainLinks(text).trimmingCharacters(in: .whitespaces)
  }

  /// A heading as a file-name part: lower case letters and digits, hyphens between.
  static func slug(_ text: String) -> String {
    var result = ""
    for character in text.lowercased() {
      if character.isASCII && (character.isLetter || character.isNumber) {
        result.append(character)
      } else if !result.isEmpty && result.last != "-" {
        result.append("-")
      }
    }
    while result.last == "-" { result.removeLast() }
    return result.isEmpty ? "table" : result
  }
}
