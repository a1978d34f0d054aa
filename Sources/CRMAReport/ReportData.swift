import CRMAIngest
import CRMATransform
import Logging

/// The transform stage's output package, loaded, checked against its own schemas and decoded into
/// the transform's typed rows (see `TableRecord`): the report reads fields, never columns by name.
/// A package that lacks a table or a field the report reads is refused, not rendered empty.
public struct ReportData: Sendable {
  // Input tables the transform passes through.
  public var sources: [Source] = []
  public var countries: [Country] = []
  public var materials: [Material] = []
  public var events: [Event] = []
  public var deposits: [Deposit] = []
  public var depositFigures: [DepositFigure] = []
  /// Every dated control report on a deposit (deposit_control).
  public var controlReports: [ControlReport] = []
  public var ukraineOutput: [UkraineOutputFigure] = []
  public var supplyShares: [SupplyShare] = []
  // The transform's derived tables.
  public var mapping: [MappedFigure] = []
  public var unmapped: [UnmappedFigure] = []
  public var figures: [NormalisedFigure] = []
  public var reconciled: [ReconciledFact] = []
  public var shares: [ShareRow] = []
  public var concentration: [ConcentrationRow] = []
  public var supplyRisk: [CriticalityCheck] = []
  public var article5: [Article5Check] = []
  public var exposedDeposits: [ExposedDeposit] = []
  public var exposure: [ExposureRow] = []
  public var trade: [TradeShareRow] = []
  public var tradeProducts: [TradeProductShare] = []
  public var tradeCrosschecks: [TradeCrosscheck] = []
  public var scenarios: [ScenarioResult] = []
  // Issue 13: the front line, dated.
  public var frontLinePlaces: [PlaceStatus] = []
  public var frontLineTimeline: [TimelineEntry] = []
  public var exposureCounts: [ExposureCount] = []
  public var exposureTonnage: [TonnageClassRow] = []
  public var ceasefire: [CeasefireRow] = []
  /// Rows decoded, over all tables.
  public private(set) var rowCount = 0

  /// Empty report data; fill in the tables (tests, other analyses).
  public init() {}

  /// The country's name for an ISO 3166-1 alpha-3 (or crma aggregate) code; the code when unknown.
  public func countryName(_ code: String) -> String {
    countries.first { $0.iso3 == code }?.name ?? code
  }

  /// Loads `directory` (by default `build/transform`) through the ingest stage, so the report
  /// reads only what validates, and decodes every table it reads. The problems are those of the
  /// package's own schemas and those of decoding (a missing table or field is a schema mismatch).
  public static func load(directory: String, logger: Logger) throws(IngestError) -> (
    ReportData, [IngestProblem]
  ) {
    // Derived sums may exceed the data's bound; any finite value is read (and rendered).
    let result = try IngestStage.run(
      directory: directory, maxMagnitude: .greatestFiniteMagnitude, logger: logger)
    guard result.isValid else { return (ReportData(), result.problems) }
    var data = ReportData()
    var problems: [IngestProblem] = []
    func records<Record: TableRecord>(_ name: String, _ type: Record.Type, optional: Bool = false) -> [Record] {
      guard let table = result.table(named: name) else {
        if optional { return [] }
        problems.append(
          IngestProblem(
            .schemaMismatch, resource: name, path: result.descriptorPath, line: nil, column: nil,
            message: "the package has no \"\(name)\" resource; is this a transform output?"))
        return []
      }
      let decoded = table.records(type)
      problems += decoded.problems
      data.rowCount += decoded.records.count
      return decoded.records
    }
    data.sources = records("sources", Source.self)
    data.countries = records("countries", Country.self)
    data.materials = records("materials", Material.self)
    data.events = records("events", Event.self)
    data.deposits = records("deposits", Deposit.self)
    data.depositFigures = records("deposit_figures", DepositFigure.self)
    data.controlReports = records("deposit_control", ControlReport.self)
    data.ukraineOutput = records("ukraine_output", UkraineOutputFigure.self)
    data.supplyShares = records("supply_shares", SupplyShare.self)
    data.mapping = records("mapping", MappedFigure.self)
    data.unmapped = records("unmapped", UnmappedFigure.self)
    data.figures = records("figures", NormalisedFigure.self)
    data.reconciled = records("reconciled", ReconciledFact.self)
    data.shares = records("shares", ShareRow.self)
    data.concentration = records("concentration", ConcentrationRow.self)
    data.supplyRisk = records("supply_risk", CriticalityCheck.self)
    data.article5 = records("article5", Article5Check.self)
    data.exposedDeposits = records("exposure_deposits", ExposedDeposit.self)
    data.exposure = records("exposure", ExposureRow.self)
    data.trade = records("trade_shares", TradeShareRow.self)
    data.tradeProducts = records("trade_product_shares", TradeProductShare.self)
    data.tradeCrosschecks = records("trade_crosschecks", TradeCrosscheck.self, optional: true)
    data.scenarios = records("scenarios", ScenarioResult.self)
    data.frontLinePlaces = records("front_line_status", PlaceStatus.self)
    data.frontLineTimeline = records("timeline", TimelineEntry.self)
    data.exposureCounts = records("exposure_counts", ExposureCount.self)
    data.exposureTonnage = records("exposure_tonnage", TonnageClassRow.self)
    data.ceasefire = records("ceasefire", CeasefireRow.self)
    return (data, problems)
  }
}
