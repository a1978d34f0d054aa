import CRMAIngest

/// The typed records the transform stage works on, decoded with checks from the validated ingest
/// tables (see `TableRecord` in CRMAIngest): no field is read by a name with a default, so a package whose
/// schema lacks a field the transform needs is refused, never read as empty or zero.
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
  /// The same per product code (`trade_imports_by_product`), for shares of one product.
  public var tradeImportsByProduct: [TradeImportByProduct] = []
  /// Comext partner codes that are not plain ISO alpha-2 (EL, XS, XK, XC, Q codes), by code.
  public var tradePartnerCodes: [String: TradePartnerCode] = [:]
  /// Where deposits and sites are, the sites and their figures, the map's status periods and the
  /// ceasefire scenarios (issue 13); empty when the package has none of them.
  public var locations: [Location] = []
  public var sites: [Site] = []
  public var siteFigures: [SiteFigure] = []
  public var controlPeriods: [ControlPeriod] = []
  public var ceasefireScenarios: [CeasefireScenario] = []

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

  /// Builds the typed input from an ingest result; throws every problem found: a resource or a
  /// field the transform needs that the package lacks (renamed, removed, or of another type), a
  /// missing required value, a value crma does not know, or a duplicate key — each naming the
  /// file, the column and, for values, the line.
  public init(ingest: IngestResult) throws(RecordProblems) {
    var problems: [IngestProblem] = []
    func records<Record: TableRecord>(_ name: String, _ type: Record.Type, optional: Bool = false) -> [Record]
    {
      guard let table = ingest.table(named: name) else {
        if let notRetained = ingest.notRetainedProblem(name) {
          // Streamed, not kept: an explicit refusal, never an empty table (even when optional).
          problems.append(notRetained)
        } else if !optional {
          problems.append(
            IngestProblem(
              .schemaMismatch, resource: name, path: ingest.descriptorPath, line: nil, column: nil,
              message: "the data package has no \"\(name)\" resource; crma needs it"))
        }
        return []
      }
      let decoded = table.records(type)
      problems += decoded.problems
      return decoded.records
    }
    func keyed<Record: TableRecord>(
      _ name: String, _ list: [Record], key: KeyPath<Record, String>, column: String
    )
      -> [String: Record]
    {
      var result: [String: Record] = [:]
      for (index, record) in list.enumerated() {
        let value = record[keyPath: key]
        if result[value] == nil {
          result[value] = record
        } else if let table = ingest.table(named: name) {
          problems.append(
            IngestProblem(
              .primaryKey, resource: name, path: table.path, line: table.lines[index], column: column,
              message: "\"\(value)\" appears more than once; crma needs it unique"))
        }
      }
      return result
    }
    let materials = keyed(
      "materials", records("materials", Material.self), key: \.id, column: Material.Column.id.rawValue)
    let countries = keyed(
      "countries", records("countries", Country.self), key: \.iso3, column: Country.Column.iso3.rawValue)
    let sources = keyed(
      "sources", records("sources", Source.self), key: \.id, column: Source.Column.id.rawValue)
    let commodities = keyed(
      "commodity_map", records("commodity_map", CommodityMapping.self), key: \.commodity,
      column: CommodityMapping.Column.commodity.rawValue)
    let conversions = records("conversions", Conversion.self)
    let production = records("production_reserves", ProductionFigure.self)
    let ukraineOutput = records("ukraine_output", UkraineOutputFigure.self)
    let supplyShares = records("supply_shares", SupplyShare.self)
    let criticality = records("criticality", CriticalityRecord.self)
    let deposits = keyed(
      "deposits", records("deposits", Deposit.self), key: \.id, column: Deposit.Column.id.rawValue)
    let depositFigures = records("deposit_figures", DepositFigure.self)
    let controlReports = records("deposit_control", ControlReport.self)
    let scenarios = records("scenarios", Scenario.self)
    let benchmarks = keyed(
      "benchmarks", records("benchmarks", Benchmark.self), key: \.id, column: Benchmark.Column.id.rawValue)
    let tradeImports = records("trade_imports", TradeImport.self, optional: true)
    let tradeImportsByProduct = records("trade_imports_by_product", TradeImportByProduct.self, optional: true)
    let tradePartnerCodes = records("trade_partner_codes", TradePartnerCode.self, optional: true)
    let locations = records("locations", Location.self, optional: true)
    let sites = records("sites", Site.self, optional: true)
    let siteFigures = records("site_figures", SiteFigure.self, optional: true)
    let controlPeriods = records("control_periods", ControlPeriod.self, optional: true)
    let ceasefireScenarios = records("ceasefire_scenarios", CeasefireScenario.self, optional: true)
    guard problems.isEmpty else { throw RecordProblems(problems) }
    self.init(
      materials: materials, countries: countries, sources: sources, commodities: commodities,
      conversions: conversions, production: production, ukraineOutput: ukraineOutput,
      supplyShares: supplyShares, criticality: criticality, deposits: deposits,
      depositFigures: depositFigures,
      controlReports: controlReports, scenarios: scenarios, benchmarks: benchmarks.mapValues(\.value))
    self.tradeImports = tradeImports
    self.tradeImportsByProduct = tradeImportsByProduct
    self.tradePartnerCodes = Dictionary(tradePartnerCodes.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    self.locations = locations
    self.sites = sites
    self.siteFigures = siteFigures
    self.controlPeriods = controlPeriods
    self.ceasefireScenarios = ceasefireScenarios
  }

  /// The problems that keep `ingest` from becoming a transform input; empty when it can. `crma
  /// validate` and the ingest stage run this, so a package they accept is one the transform reads.
  public static func problems(in ingest: IngestResult) -> [IngestProblem] {
    do {
      _ = try TransformInput(ingest: ingest)
      return []
    } catch {
      return error.problems
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
