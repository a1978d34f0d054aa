import CRMAIngest
import Logging

/// The transform stage's output package, loaded and checked against its own schemas, as rows of
/// text keyed by field name (the report only formats them).
public struct ReportData: Sendable {
  /// A row as field name → text.
  public typealias Row = [String: String]
  public let tables: [String: [Row]]
  private let countryNames: [String: String]

  /// Report data from tables already in memory (tests, other analyses).
  public init(tables: [String: [Row]]) {
    self.tables = tables
    countryNames = Dictionary(
      (tables["countries"] ?? []).map { ($0.text("iso3"), $0.text("name")) },
      uniquingKeysWith: { first, _ in first })
  }

  /// The country's name for an ISO 3166-1 alpha-3 (or crma aggregate) code; the code when unknown.
  public func countryName(_ code: String) -> String { countryNames[code] ?? code }

  /// Loads `directory` (by default `build/transform`) through the ingest stage, so the report
  /// reads only what validates.
  public static func load(directory: String, logger: Logger) throws(IngestError) -> (
    ReportData, [IngestProblem]
  ) {
    // Derived sums may exceed the data's bound; any finite value is read (and rendered).
    let result = try IngestStage.run(
      directory: directory, maxMagnitude: .greatestFiniteMagnitude, logger: logger)
    var tables: [String: [Row]] = [:]
    for table in result.tables {
      let names = table.resource.schema.fields.map(\.name)
      tables[table.name] = table.rows.map { values in
        var row: Row = [:]
        for (index, name) in names.enumerated() { row[name] = values[index]?.text ?? "" }
        return row
      }
    }
    return (ReportData(tables: tables), result.problems)
  }

  /// The rows of `table`; empty when the package has no such table.
  public func rows(_ table: String) -> [Row] { tables[table] ?? [] }
}

extension Dictionary where Key == String, Value == String {
  func text(_ key: String) -> String { self[key] ?? "" }
  func number(_ key: String) -> Double? { self[key].flatMap { $0.isEmpty ? nil : Double($0) } }
}
