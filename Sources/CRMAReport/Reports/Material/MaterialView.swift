import CRMATransform
import CSVStream

/// The typed rows of one material report: every table of ``ReportData`` narrowed to the
/// material's products, CRMA entries, study materials and deposits, once, so a section reads
/// fields of typed rows and never filters or looks up columns by name itself.
public struct MaterialView: Sendable {
  /// One edition's production figure for Ukraine (from the figures table's record key
  /// `EDITION|PRODUCT|COUNTRY|YEAR|MEASURE`, read in one place only).
  public struct EditionFigure: Sendable, Equatable {
    public var edition: String
    public var product: String
    public var year: Int
    public var value: Double
  }

  public let spec: MaterialSpec
  public let data: ReportData
  public let citations: Citations

  /// World shares of the material's USGS products, all years and editions.
  public let shares: [ShareRow]
  /// USGS concentration rows of the products, by product, measure and year.
  public let concentration: [ConcentrationRow]
  /// The 2023 study's EU-sourcing concentration rows of the study materials.
  public let studyConcentration: [ConcentrationRow]
  /// CRMA Art. 5(1)(b) diversification checks of the study materials.
  public let diversification: [Article5Check]
  /// The study's EU-sourcing shares (all study materials; the sections narrow by label and stage).
  public let sourcingShares: [SupplyShare]
  /// Extra-EU import shares of the material's entries.
  public let trade: [TradeShareRow]
  /// Reconciled USGS facts of the products (all countries).
  public let reconciled: [ReconciledFact]
  /// Ukraine's production per edition, product and year.
  public let editionFigures: [EditionFigure]
  /// Other figures on Ukrainian output mapped to the material.
  public let ukraineOutput: [UkraineOutputFigure]
  /// Deposit figures of the deposit material, by deposit and figure id.
  public let depositFigures: [DepositFigure]
  /// Each deposit's latest status and contained tonnage.
  public let exposedDeposits: [ExposedDeposit]
  /// Every dated control report on the material's deposits.
  public let controlReports: [ControlReport]
  /// Contained tonnage by control status.
  public let exposure: [ExposureRow]
  public let scenarios: [ScenarioResult]
  /// Events that concern the material, by date.
  public let events: [Event]

  /// The rows of `data` that belong to `spec`'s material.
  public init(spec: MaterialSpec, data: ReportData, citations: Citations) {
    self.spec = spec
    self.data = data
    self.citations = citations
    let products = Set(spec.products.map(\.id))
    let study = Set(spec.studyMaterials)
    shares = data.shares.filter { products.contains($0.product) }
    concentration = data.concentration.filter { $0.dataset == "usgs" && products.contains($0.subject) }
      .sorted { ($0.subject, $0.measure, $0.year) < ($1.subject, $1.measure, $1.year) }
    studyConcentration = data.concentration.filter {
      $0.dataset == "eu-study" && $0.measure == "eu-sourcing" && study.contains($0.materialID)
    }
    diversification = data.article5.filter { $0.check == "diversification" && study.contains($0.materialID) }
    sourcingShares = data.supplyShares.filter { $0.scope == "eu-sourcing" }
    let entries = Set(spec.studyMaterials + spec.crmaEntries + [spec.depositMaterial])
    trade = data.trade.filter { entries.contains($0.materialID) }
    reconciled = data.reconciled.filter { products.contains($0.product) }
    editionFigures = Self.editionFigures(data.figures).filter { products.contains($0.product) }
    let mapped = Set(
      data.mapping.filter {
        $0.resource == "ukraine_output"
          && ($0.materialID == spec.depositMaterial || spec.crmaEntries.contains($0.materialID))
      }.map(\.record))
    ukraineOutput = data.ukraineOutput.filter { mapped.contains($0.id) }.sorted {
      ($0.year ?? Int.min, $0.id) < ($1.year ?? Int.min, $1.id)
    }
    depositFigures = data.depositFigures.filter { $0.materialID == spec.depositMaterial }
      .sorted { ($0.depositID, $0.id) < ($1.depositID, $1.id) }
    exposedDeposits = data.exposedDeposits.filter { $0.materialID == spec.depositMaterial }
    let depositIDs = Set(exposedDeposits.map(\.depositID))
    controlReports = data.controlReports.filter { depositIDs.contains($0.depositID) }
      .sorted { ($0.depositID, $0.asOf, $0.id) < ($1.depositID, $1.asOf, $1.id) }
    exposure = data.exposure.filter { $0.materialID == spec.depositMaterial }
    scenarios = data.scenarios.filter { products.contains($0.product) }
    events = data.events.filter { spec.concerns($0) }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
  }

  /// Ukraine's production figures per edition from the figures table (resource
  /// production_reserves, record `EDITION|PRODUCT|UKR|YEAR|production`).
  static func editionFigures(_ figures: [NormalisedFigure]) -> [EditionFigure] {
    figures.compactMap { figure in
      guard figure.resource == "production_reserves" else { return nil }
      let key = figure.record.split(separator: "|").map(String.init)
      guard key.count == 5, key[2] == "UKR", key[4] == "production", let year = Int(key[3]) else {
        return nil
      }
      return EditionFigure(edition: key[0], product: key[1], year: year, value: figure.value)
    }
  }

  /// The country's name for a code.
  public func countryName(_ code: String) -> String { data.countryName(code) }

  /// Whether the code is an EU member state's.
  public func isEUMember(_ code: String) -> Bool {
    data.countries.first { $0.iso3 == code }?.isEUMember ?? false
  }

  /// `{cite:SOURCE_ID}` for a source (see ``Citations/cite(_:)``).
  public func cite(_ sourceID: String) -> String { citations.cite(sourceID) }
}
