import CRMAIngest
import CSVStream
import Logging

/// The USGS stage: reads every publisher file the package declares with a `usgs` property —
/// hash-checked, decoded by its declared encoding, parsed by libcsv, its layout recognised from
/// the header — and turns the world tables into rows of the `production_reserves` schema, each
/// citing the data release's source row. ``merge(_:directory:logger:)`` puts them in front of the
/// hand-entered rows, so the transform stage reads one table.
public enum USGSStage {
  /// The table the rows belong to.
  public static let tableName = "production_reserves"

  /// The rows of one publisher file.
  public struct FileRows: Sendable {
    public var resource: String
    public var path: String
    public var edition: String
    public var rows: [[String]]
    public var lines: [Int]
    /// How many rows per product.
    public var products: [String: Int]
  }

  /// What the stage read, and every problem (each naming its file, line and column).
  public struct Result: Sendable {
    public var files: [FileRows] = []
    public var problems: [IngestProblem] = []
  }

  /// Reads every USGS file of the package in `directory` that `ingest` describes.
  public static func read(_ ingest: IngestResult, directory: String, logger: Logger) -> Result {
    var result = Result()
    let declared = ingest.descriptor.files.filter { $0.json["usgs"] != nil }
    guard !declared.isEmpty else { return result }
    func packageProblem(_ message: String) {
      result.problems.append(
        IngestProblem(
          .constraint, resource: tableName, path: "\(directory)/datapackage.json", line: nil, column: nil,
          message: message))
    }
    guard let sources = ingest.table(named: "sources"), let countriesTable = ingest.table(named: "countries"),
      let target = ingest.descriptor.resource(named: tableName)
    else {
      let notRetained = ["sources", "countries"].compactMap { ingest.notRetainedProblem($0) }
      packageProblem(
        "USGS files need the sources, countries and \(tableName) tables"
          + notRetained.map { " (\($0.path) \($0.message))" }.joined())
      return result
    }
    let countries: CountryNames
    do {
      countries = try CountryNames(countries: countriesTable)
    } catch {
      packageProblem(error.text)
      return result
    }
    var sourceURLs: [String: String] = [:]
    for row in sources.rows.indices {
      if let id = sources.value(row, "source_id")?.string {
        sourceURLs[id] = sources.value(row, "url")?.string ?? ""
      }
    }
    let fields = target.schema.fields.map(\.name)
    for file in declared {
      let path = directory == "." ? file.path : "\(directory)/\(file.path)"
      func problem(_ kind: IngestProblem.Kind, _ found: FileProblem) {
        result.problems.append(
          IngestProblem(
            kind, resource: file.name, path: path, line: found.line, column: found.column,
            message: found.message))
      }
      let declaration: Declaration
      do {
        declaration = try Declaration(file.json["usgs"]!, sources: sourceURLs)
      } catch {
        problem(.constraint, FileProblem(.declaration, line: nil, column: nil, "usgs: \(error.text)"))
        continue
      }
      let bytes: [UInt8]
      switch IngestStage.readFile(file, directory: directory) {
      case .success(let read): bytes = read
      case .failure: continue  // the ingest stage reported it
      }
      let text: [UInt8]
      switch TextDecoding.utf8(bytes, encoding: file.encoding) {
      case .success(let decoded): text = decoded
      case .failure(let failure):
        problem(.malformedCSV, FileProblem(.encoding, line: failure.line, column: nil, failure.message))
        continue
      }
      if declaration.table == .notes { continue }
      let table: PublishedTable
      do {
        table = try PublishedTable.parse(utf8: text, path: path)
      } catch {
        problem(
          .malformedCSV, FileProblem(.encoding, line: error.line, column: error.columnName, error.message))
        continue
      }
      if declaration.table == .salient { continue }  // read and checked; no world figures in it
      let reader = WorldTableReader(
        edition: declaration.edition, commodity: declaration.commodity, corrections: declaration.corrections)
      let (figures, found) = reader.read(table)
      for item in found { problem(item.kind == .layout ? .header : .type, item) }
      var rows = FileRows(
        resource: file.name, path: path, edition: declaration.edition, rows: [], lines: [], products: [:])
      var unmapped: Set<Int> = []
      for figure in figures {
        guard let match = countries.match(figure.country) else {
          // One problem per line, not one per figure of the line.
          guard unmapped.insert(figure.line).inserted else { continue }
          problem(
            .foreignKey,
            FileProblem(
              .country, line: figure.line, column: nil,
              "\"\(figure.country)\" maps to no country in countries.csv (add the USGS spelling to name_variants)"
            ))
          continue
        }
        let row = Self.row(
          figure, code: match.code, footnote: match.footnote, declaration: declaration, fileName: file.path,
          url: sourceURLs[declaration.sourceID] ?? "")
        rows.rows.append(fields.map { row[$0] ?? "" })
        rows.lines.append(figure.line)
        rows.products[figure.product.rawValue, default: 0] += 1
      }
      logger.debug(
        "usgs file read",
        metadata: [
          "resource.name": "\(file.name)", "rows.read": "\(rows.rows.count)", "problems": "\(found.count)",
        ])
      result.files.append(rows)
    }
    return result
  }

  /// `ingest` with the USGS rows put in front of the hand-entered rows of `production_reserves`
  /// and the stage's problems added, keys checked on the merged table (a hand row for a figure a
  /// publisher file now gives is a duplicate key).
  public static func merge(_ ingest: IngestResult, directory: String, logger: Logger) -> IngestResult {
    let read = read(ingest, directory: directory, logger: logger)
    if !read.files.isEmpty, let notRetained = ingest.notRetainedProblem(tableName) {
      // The publisher rows join the hand rows, which a streamed resource does not keep.
      return ingest.with(problems: ingest.problems + read.problems + [notRetained])
    }
    guard !read.files.isEmpty || !read.problems.isEmpty, let hand = ingest.table(named: tableName) else {
      return ingest
    }
    var rows: [[FieldValue?]] = []
    var lines: [Int] = []
    var problems = ingest.problems + read.problems
    for file in read.files {
      let typed = IngestStage.typedRows(
        file.rows, lines: file.lines, path: file.path, resource: hand.resource)
      rows += typed.rows
      lines += file.lines
      problems += typed.problems
    }
    let merged = Table(resource: hand.resource, rows: rows + hand.rows, lines: lines + hand.lines)
    let tables = ingest.tables.map { $0.name == tableName ? merged : $0 }
    let result = ingest.with(tables: tables, problems: [])
    // Problems of the hand rows were reported by the ingest stage already.
    problems += IngestStage.keyProblems(of: merged, in: result, directory: directory).filter {
      !ingest.problems.contains($0)
    }
    logger.debug(
      "usgs rows merged",
      metadata: ["rows.publisher": "\(rows.count)", "rows.hand": "\(hand.rows.count)"])
    return ingest.with(tables: tables, problems: problems)
  }

  /// A `production_reserves` row, by field name.
  static func row(
    _ figure: PublishedFigure, code: String, footnote: String?, declaration: Declaration, fileName: String,
    url: String
  ) -> [String: String] {
    let cell = figure.cell
    let flag: String
    switch cell.status {
    case .figure: flag = figure.estimatedBecause == nil ? "reported" : "estimated"
    case .withheld: flag = "withheld"
    case .notAvailable, .notApplicable, .includedElsewhere: flag = "not-available"
    }
    var note: [String] = []
    if let explanation = cell.explanation { note.append(explanation) }
    if let because = figure.estimatedBecause { note.append("estimated (\(because))") }
    note += figure.notes.map { "USGS: \($0)" }
    if let footnote {
      note.append(
        "footnote \(footnote) glued to the name as published (\"\(USGSText.clean(figure.country))\")")
    }
    if let correction = figure.unitCorrection { note.append(correction) }
    note.append("\(declaration.edition) data release, \(fileName) line \(figure.line)")
    return [
      "edition": declaration.edition, "product": figure.product.rawValue, "country": code,
      "year": String(figure.year), "measure": figure.measure.rawValue,
      "value": cell.status == .figure ? cell.value.map(Self.number) ?? "" : "",
      "unit": figure.product.unit, "flag": flag,
      "qualifier": cell.qualifier == ">" ? "greater-than" : cell.qualifier == "<" ? "less-than" : "",
      "note": note.joined(separator: "; "), "source_id": declaration.sourceID, "original_url": url,
    ]
  }

  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }
}
