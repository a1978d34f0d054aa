import CRMAIngest

/// The typed records the transform stage works on, built from the validated ingest tables. The
/// ingest stage has already checked types, keys and references, so a missing table or value here
/// is a broken promise and reported as such.
public struct TransformInput: Sendable {
  public var materials: [String: Material]
  public var countries: [String: Country]
  public var sources: [String: Source]
  public var commodities: [String: CommodityMapping]
  public var conversions: [Conversion]
  public var production: [ProductionFigure]
  public var ukraineOutput: [UkraineOutputFigure]
  public var supplyShares: [SupplyShare]
  public var criticality: [CriticalityRecord]
  public var deposits: [String: Deposit]
  public var depositFigures: [DepositFigure]
  public var controlReports: [ControlReport]
  public var scenarios: [Scenario]
  public var benchmarks: [String: Double]
  /// Imports from a trade extract, when the package has a `trade_imports` resource.
  public var tradeImports: [TradeImport] = []

  /// An input from records already in memory (tests, other analyses).
  public init(
    materials: [String: Material], countries: [String: Country], sources: [String: Source],
    commodities: [String: CommodityMapping], conversions: [Conversion], production: [ProductionFigure],
    ukraineOutput: [UkraineOutputFigure], supplyShares: [SupplyShare], criticality: [CriticalityRecord],
    deposits: [String: Deposit], depositFigures: [DepositFigure], controlReports: [ControlReport],
    scenarios: [Scenario], benchmarks: [String: Double]
  ) {
    self.materials = materials
    self.countries = countries
    self.sources = sources
    self.commodities = commodities
    self.conversions = conversions
    self.production = production
    self.ukraineOutput = ukraineOutput
    self.supplyShares = supplyShares
    self.criticality = criticality
    self.deposits = deposits
    self.depositFigures = depositFigures
    self.controlReports = controlReports
    self.scenarios = scenarios
    self.benchmarks = benchmarks
  }

  /// Builds the typed input from an ingest result; throws when a table the transform needs is
  /// absent (the package would then not be crma's).
  public init(ingest: IngestResult) throws(TransformError) {
    func table(_ name: String) throws(TransformError) -> TableReader {
      guard let table = ingest.table(named: name) else {
        throw TransformError("the data package has no \"\(name)\" resource")
      }
      return TableReader(table)
    }
    let materials = try table("materials").map { Material(row: $0) }
    let countries = try table("countries").map { Country(row: $0) }
    let sources = try table("sources").map { Source(row: $0) }
    let commodities = try table("commodity_map").map { CommodityMapping(row: $0) }
    self.materials = Dictionary(uniqueKeysWithValues: materials.map { ($0.id, $0) })
    self.countries = Dictionary(uniqueKeysWithValues: countries.map { ($0.iso3, $0) })
    self.sources = Dictionary(uniqueKeysWithValues: sources.map { ($0.id, $0) })
    self.commodities = Dictionary(uniqueKeysWithValues: commodities.map { ($0.commodity, $0) })
    conversions = try table("conversions").map { Conversion(row: $0) }
    production = try table("production_reserves").map { ProductionFigure(row: $0) }
    ukraineOutput = try table("ukraine_output").map { UkraineOutputFigure(row: $0) }
    supplyShares = try table("supply_shares").map { SupplyShare(row: $0) }
    criticality = try table("criticality").map { CriticalityRecord(row: $0) }
    let deposits = try table("deposits").map { Deposit(row: $0) }
    self.deposits = Dictionary(uniqueKeysWithValues: deposits.map { ($0.id, $0) })
    depositFigures = try table("deposit_figures").map { DepositFigure(row: $0) }
    controlReports = try table("deposit_control").map { ControlReport(row: $0) }
    scenarios = try table("scenarios").map { Scenario(row: $0) }
    var benchmarks: [String: Double] = [:]
    for row in try table("benchmarks").rows {
      benchmarks[row.string("benchmark_id")] = row.double("value")
    }
    self.benchmarks = benchmarks
    if let trade = ingest.table(named: "trade_imports") {
      let required = ["material_id", "stage", "year", "partner", "value", "net_mass_kg", "source_id"]
      let missing = required.filter { trade.column($0) == nil }
      guard missing.isEmpty else {
        throw TransformError("trade_imports lacks the field(s) \(missing.joined(separator: ", "))")
      }
      tradeImports = TableReader(trade).map { TradeImport(row: $0) }
    }
  }

  /// The source's confidence, for ranking disagreeing figures.
  func confidence(of sourceID: String) -> SourceConfidence {
    sources[sourceID]?.confidence ?? .low
  }
}

/// A failure of the transform stage itself (not of the data, which ingest has checked).
public struct TransformError: Error, Sendable, CustomStringConvertible {
  public var message: String
  /// A transform failure with its message.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// Row access by field name over an ingest table.
struct TableReader {
  struct Row {
    let table: Table
    let index: Int
    func value(_ name: String) -> FieldValue? { table.value(index, name) }
    func string(_ name: String) -> String { value(name)?.text ?? "" }
    func optionalString(_ name: String) -> String? {
      let text = string(name)
      return text.isEmpty ? nil : text
    }
    func double(_ name: String) -> Double? { value(name)?.double }
    func int(_ name: String) -> Int? { value(name)?.int }
    func bool(_ name: String) -> Bool { value(name)?.bool ?? false }
    var line: Int { table.lines[index] }
  }

  let table: Table
  init(_ table: Table) { self.table = table }
  var rows: [Row] { table.rows.indices.map { Row(table: table, index: $0) } }
  func map<T>(_ transform: (Row) throws -> T) rethrows -> [T] { try rows.map(transform) }
}
