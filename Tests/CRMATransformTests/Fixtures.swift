import CRMATransform

/// Small hand-made inputs (synthetic, for tests only): a few materials, countries and figures
/// whose metrics can be worked out by hand.
enum Fixtures {
  static let materials: [String: Material] = [
    "lithium": Material(id: "lithium", name: "lithium", category: .strategic),
    "titanium-metal": Material(id: "titanium-metal", name: "titanium metal", category: .strategic),
    "titanium": Material(id: "titanium", name: "titanium", category: .notListed, partOf: "titanium-metal"),
    "gypsum": Material(id: "gypsum", name: "gypsum", category: .notListed),
  ]

  static let countries: [String: Country] = [
    "AAA": Country(iso3: "AAA", name: "A"), "BBB": Country(iso3: "BBB", name: "B"),
    "CCC": Country(iso3: "CCC", name: "C"),
    "UKR": Country(iso3: "UKR", name: "Ukraine"),
    "DEU": Country(iso3: "DEU", name: "Germany", isEUMember: true),
    "XOT": Country(iso3: "XOT", name: "Other countries", isAggregate: true),
    "WLD": Country(iso3: "WLD", name: "World", isAggregate: true),
  ]

  static func input(
    production: [ProductionFigure] = [], supplyShares: [SupplyShare] = [],
    depositFigures: [DepositFigure] = [],
    controlReports: [ControlReport] = [],
    conversions: [Conversion] = [Conversion(from: "Li", to: "Li2O", factor: 2.15267, sourceID: "test")]
  ) -> TransformInput {
    TransformInput(
      materials: materials, countries: countries, sources: [:], commodities: [:], conversions: conversions,
      production: production, ukraineOutput: [], supplyShares: supplyShares, criticality: [], deposits: [:],
      depositFigures: depositFigures, controlReports: controlReports, scenarios: [],
      benchmarks: ["CRMA-ART5-1b-DIVERSIFICATION": 65])
  }

  static func figure(
    _ country: String, _ value: Double?, edition: String = "MCS 2026", year: Int = 2025,
    flag: String = "reported"
  ) -> ProductionFigure {
    ProductionFigure(
      edition: edition, product: "lithium-mine", country: country, year: year, measure: .production,
      value: value, unit: "t Li", flag: flag)
  }
}
