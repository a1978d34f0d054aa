// Typed records of the data package, one per resource row. Field meanings are documented in
// data/datapackage.json; these types only carry them.

/// How a material stands under the CRMA.
public enum CRMACategory: String, Sendable, Comparable {
  /// Annex I (and so, by Art. 4, also critical).
  case strategic
  /// Annex II only.
  case critical
  /// A group some of whose members are listed (rare earth elements as USGS reports them).
  case partlyStrategic = "partly-strategic"
  case notListed = "not-listed"

  /// How the report words it.
  public var label: String {
    switch self {
    case .strategic: return "strategic and critical"
    case .critical: return "critical only"
    case .partlyStrategic: return "partly strategic (some members strategic, all critical)"
    case .notListed: return "not listed"
    }
  }

  private var order: Int { [.strategic: 0, .partlyStrategic: 1, .critical: 2, .notListed: 3][self]! }
  public static func < (lhs: CRMACategory, rhs: CRMACategory) -> Bool { lhs.order < rhs.order }
}

/// A row of materials.csv.
public struct Material: Sendable {
  public var id: String
  public var name: String
  public var category: CRMACategory
  public var annexIEntry: String?
  public var annexIIEntry: String?
  public var gradeQualifier: String?
  public var partOf: String?
  public var sourceID: String

  init(row: TableReader.Row) {
    id = row.string("material_id")
    name = row.string("name")
    category = CRMACategory(rawValue: row.string("crma_category")) ?? .notListed
    annexIEntry = row.optionalString("annex_i_entry")
    annexIIEntry = row.optionalString("annex_ii_entry")
    gradeQualifier = row.optionalString("grade_qualifier")
    partOf = row.optionalString("part_of")
    sourceID = row.string("source_id")
  }

  /// A material, for tests and other analyses.
  public init(
    id: String, name: String, category: CRMACategory, partOf: String? = nil, sourceID: String = "test"
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.partOf = partOf
    self.sourceID = sourceID
  }
}

/// A row of countries.csv.
public struct Country: Sendable {
  public var iso3: String
  /// ISO 3166-1 alpha-2; empty for crma's aggregates.
  public var iso2: String
  public var name: String
  public var isAggregate: Bool
  public var isEUMember: Bool

  init(row: TableReader.Row) {
    iso3 = row.string("iso3")
    iso2 = row.string("iso2")
    name = row.string("name")
    isAggregate = row.string("kind") == "aggregate"
    isEUMember = row.bool("eu_member")
  }

  /// A country, for tests and other analyses.
  public init(iso3: String, name: String, isAggregate: Bool = false, isEUMember: Bool = false) {
    self.iso3 = iso3
    self.iso2 = ""
    self.name = name
    self.isAggregate = isAggregate
    self.isEUMember = isEUMember
  }
}

/// How far a source is trusted, as graded in sources.csv.
public enum SourceConfidence: String, Sendable, Comparable {
  case high, mediumHigh = "medium-high", medium, lowMedium = "low-medium", low
  private var order: Int { [.high: 4, .mediumHigh: 3, .medium: 2, .lowMedium: 1, .low: 0][self]! }
  public static func < (lhs: SourceConfidence, rhs: SourceConfidence) -> Bool { lhs.order < rhs.order }
}

/// A row of sources.csv.
public struct Source: Sendable {
  public var id: String
  public var publisher: String
  public var title: String
  public var edition: String
  public var url: String
  public var confidence: SourceConfidence

  init(row: TableReader.Row) {
    id = row.string("source_id")
    publisher = row.string("publisher")
    title = row.string("title")
    edition = row.string("edition")
    url = row.string("url")
    confidence = SourceConfidence(rawValue: row.string("confidence")) ?? .low
  }
}

/// The value-chain stage a figure belongs to.
public enum Stage: String, Sendable, CaseIterable, Comparable {
  case extraction, processing, metal, product, recycling
  public static func < (lhs: Stage, rhs: Stage) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// A row of commodity_map.csv.
public struct CommodityMapping: Sendable {
  public var commodity: String
  /// nil when the commodity belongs to no material.
  public var materialID: String?
  public var stage: Stage
  public var basis: String?

  init(row: TableReader.Row) {
    commodity = row.string("commodity")
    materialID = row.optionalString("material_id")
    stage = Stage(rawValue: row.string("stage")) ?? .extraction
    basis = row.optionalString("basis")
  }
}

/// A row of conversions.csv.
public struct Conversion: Sendable {
  public var from: String
  public var to: String
  public var factor: Double
  public var sourceID: String

  init(row: TableReader.Row) {
    from = row.string("from_basis")
    to = row.string("to_basis")
    factor = row.double("factor") ?? .nan
    sourceID = row.string("source_id")
  }

  /// A conversion factor, for tests and other analyses.
  public init(from: String, to: String, factor: Double, sourceID: String) {
    self.from = from
    self.to = to
    self.factor = factor
    self.sourceID = sourceID
  }
}

/// A USGS figure: one edition, product, country, year and measure.
public struct ProductionFigure: Sendable {
  /// Mine (or sponge) production, or reserves.
  public enum Measure: String, Sendable, Comparable {
    case production, reserves
    public static func < (lhs: Measure, rhs: Measure) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  public var edition: String
  public var product: String
  public var country: String
  public var year: Int
  public var measure: Measure
  public var value: Double?
  public var unit: String
  public var flag: String
  public var greaterThan: Bool
  public var sourceID: String
  public var line: Int

  init(row: TableReader.Row) {
    edition = row.string("edition")
    product = row.string("product")
    country = row.string("country")
    year = row.int("year") ?? 0
    measure = Measure(rawValue: row.string("measure")) ?? .production
    value = row.double("value")
    unit = row.string("unit")
    flag = row.string("flag")
    greaterThan = row.string("qualifier") == "greater-than"
    sourceID = row.string("source_id")
    line = row.line
  }

  /// A figure, for tests and other analyses.
  public init(
    edition: String, product: String, country: String, year: Int, measure: Measure, value: Double?,
    unit: String,
    flag: String = "reported", greaterThan: Bool = false, sourceID: String = "test", line: Int = 0
  ) {
    self.edition = edition
    self.product = product
    self.country = country
    self.year = year
    self.measure = measure
    self.value = value
    self.unit = unit
    self.flag = flag
    self.greaterThan = greaterThan
    self.sourceID = sourceID
    self.line = line
  }

  /// The edition's year ("MCS 2026" → 2026), for "newest edition first".
  public var editionYear: Int { Int(edition.split(separator: " ").last ?? "") ?? 0 }
}

/// A row of ukraine_output.csv.
public struct UkraineOutputFigure: Sendable {
  public var id: String
  public var year: Int?
  public var product: String
  public var measure: String
  public var bound: String
  public var quantity: Double?
  public var unit: String
  public var basis: String
  public var period: String
  public var scope: String
  public var sourceID: String

  init(row: TableReader.Row) {
    id = row.string("output_id")
    year = row.int("year")
    product = row.string("product")
    measure = row.string("measure")
    bound = row.string("bound")
    quantity = row.double("quantity")
    unit = row.string("unit")
    basis = row.string("basis")
    period = row.string("period")
    scope = row.string("scope")
    sourceID = row.string("source_id")
  }
}

/// A country's share of global supply or of EU sourcing (2023 study), in percent.
public struct SupplyShare: Sendable {
  public var scope: String
  public var materialID: String
  public var materialLabel: String
  public var stage: Stage
  public var country: String
  public var sharePct: Double
  public var below: Bool
  public var year: Int
  public var sourceID: String

  init(row: TableReader.Row) {
    scope = row.string("scope")
    materialID = row.string("material_id")
    materialLabel = row.string("material_label")
    stage = Stage(rawValue: row.string("stage")) ?? .extraction
    country = row.string("country")
    sharePct = row.double("share_pct") ?? 0
    below = row.bool("share_below")
    year = row.int("assessment_year") ?? 0
    sourceID = row.string("source_id")
  }

  /// A share, for tests and other analyses.
  public init(
    scope: String, materialID: String, materialLabel: String, stage: Stage, country: String, sharePct: Double,
    year: Int = 2023, sourceID: String = "test"
  ) {
    self.scope = scope
    self.materialID = materialID
    self.materialLabel = materialLabel
    self.stage = stage
    self.country = country
    self.sharePct = sharePct
    self.below = false
    self.year = year
    self.sourceID = sourceID
  }
}

/// A row of criticality.csv.
public struct CriticalityRecord: Sendable {
  public var materialID: String
  public var label: String
  public var year: Int
  public var stage: String
  public var economicImportance: Double?
  public var supplyRisk: Double?
  public var importReliancePct: Double?
  public var eolRIRPct: Double?
  public var sourceID: String

  init(row: TableReader.Row) {
    materialID = row.string("material_id")
    label = row.string("material_label")
    year = row.int("assessment_year") ?? 0
    stage = row.string("stage")
    economicImportance = row.double("economic_importance")
    supplyRisk = row.double("supply_risk")
    importReliancePct = row.double("import_reliance_pct")
    eolRIRPct = row.double("eol_rir_pct")
    sourceID = row.string("source_id")
  }
}

/// A row of deposits.csv.
public struct Deposit: Sendable {
  public var id: String
  public var name: String
  public var oblast: String?
  public var partOf: String?

  init(row: TableReader.Row) {
    id = row.string("deposit_id")
    name = row.string("name")
    oblast = row.optionalString("oblast")
    partOf = row.optionalString("part_of")
  }
}

/// A row of deposits.csv.
public struct DepositFigure: Sendable {
  public var id: String
  public var depositID: String
  public var part: String?
  public var materialID: String
  public var oreTonnes: Double?
  public var grade: Double?
  public var gradeUnit: String?
  public var containedTonnes: Double?
  public var containedBasis: String?
  public var bound: String
  public var sourceID: String

  init(row: TableReader.Row) {
    id = row.string("figure_id")
    depositID = row.string("deposit_id")
    part = row.optionalString("part")
    materialID = row.string("material_id")
    oreTonnes = row.double("ore_tonnes")
    grade = row.double("grade")
    gradeUnit = row.optionalString("grade_unit")
    containedTonnes = row.double("contained_tonnes")
    containedBasis = row.optionalString("contained_basis")
    bound = row.string("bound")
    sourceID = row.string("source_id")
  }

  /// A deposit figure, for tests and other analyses.
  public init(
    id: String, depositID: String, materialID: String, containedTonnes: Double?, containedBasis: String?,
    bound: String = "point", sourceID: String = "test"
  ) {
    self.id = id
    self.depositID = depositID
    self.materialID = materialID
    self.containedTonnes = containedTonnes
    self.containedBasis = containedBasis
    self.bound = bound
    self.sourceID = sourceID
  }
}

/// Who controls a deposit according to one dated report.
public struct ControlReport: Sendable {
  /// Who controls a deposit, as classified from the report's wording.
  public enum Status: String, Sendable, CaseIterable, Comparable {
    case governmentControlled = "government-controlled", frontLine = "front-line", contested, occupied,
      unknown
    public static func < (lhs: Status, rhs: Status) -> Bool {
      allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
  }

  public var id: String
  public var depositID: String
  public var asOf: String
  public var status: Status
  public var reportedAs: String
  public var sourceID: String

  init(row: TableReader.Row) {
    id = row.string("report_id")
    depositID = row.string("deposit_id")
    asOf = row.string("as_of")
    status = Status(rawValue: row.string("status")) ?? .unknown
    reportedAs = row.string("reported_as")
    sourceID = row.string("source_id")
  }

  /// A control report, for tests and other analyses.
  public init(id: String, depositID: String, asOf: String, status: Status, sourceID: String = "test") {
    self.id = id
    self.depositID = depositID
    self.asOf = asOf
    self.status = status
    self.reportedAs = status.rawValue
    self.sourceID = sourceID
  }
}

/// A row of scenarios.csv.
public struct Scenario: Sendable {
  public var id: String
  public var label: String
  public var materialID: String
  public var stage: Stage
  public var product: String
  public var baseEdition: String
  public var baseYear: Int
  public var quantity: Double
  public var unit: String
  public var sourceID: String

  init(row: TableReader.Row) {
    id = row.string("scenario_id")
    label = row.string("label")
    materialID = row.string("material_id")
    stage = Stage(rawValue: row.string("stage")) ?? .extraction
    product = row.string("product")
    baseEdition = row.string("base_edition")
    baseYear = row.int("base_year") ?? 0
    quantity = row.double("quantity") ?? 0
    unit = row.string("unit")
    sourceID = row.string("source_id")
  }
}

/// A row of the optional `trade_imports` resource: the aggregate `crma trade` makes of a real
/// Comext or Comtrade extract, added to the data package with its source.
public struct TradeImport: Sendable {
  public var materialID: String
  public var stage: Stage
  public var year: Int
  /// The partner code as the extract gives it (ISO alpha-2 in Comext, alpha-3 in Comtrade).
  public var partner: String
  public var value: Double
  public var netMassKg: Double?
  public var sourceID: String

  init(row: TableReader.Row) {
    materialID = row.string("material_id")
    stage = Stage(rawValue: row.string("stage")) ?? .extraction
    year = row.int("year") ?? 0
    partner = row.string("partner")
    value = row.double("value") ?? 0
    netMassKg = row.double("net_mass_kg")
    sourceID = row.string("source_id")
  }

  /// An import row, for tests and other analyses.
  public init(
    materialID: String, stage: Stage, year: Int, partner: String, value: Double, sourceID: String = "test"
  ) {
    self.materialID = materialID
    self.stage = stage
    self.year = year
    self.partner = partner
    self.value = value
    self.sourceID = sourceID
  }
}
