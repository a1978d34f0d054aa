import CRMAUSGS
import CSVStream
import Logging

/// Fixtures made from real rows of each USGS data release (a few lines each, copied from the
/// files in data/publishers/usgs-mcs/ with their quirks), and helpers to read them.
enum Fixtures {
  static let bom = "\u{FEFF}"

  /// MCS 2022, lithium world file: BOM, CRLF, units and years in the header, no reserves.
  static let lithium2022 =
    bom + "Source,Country,Type,Prod_t_2020,Prod_t_Est_2021\r\n"
    + "MCS2022,United States,\"Mine production, contained lithium\",W,W\r\n"
    + "MCS2022,Australia,\"Mine production, contained lithium\",39700,55000\r\n"
    + "MCS2022,World total (rounded),\"Mine production, contained lithium\",82500,100000\r\n"

  /// MCS 2022, titanium concentrates: the U.S. "ilmenite and rutile" row, the combined world
  /// total, the trailing blank rows.
  static let titanium2022 =
    bom + "Source,Country,Type,Prod_kt_2020,Prod_kt_Est_2021\r\n"
    + "MCS2022,United States,Mine production: Ilmenite and rutile,100,100\r\n"
    + "MCS2022,Ukraine,Mine production: Ilmenite,464,430\r\n"
    + "MCS2022,Ukraine,Mine production: rutile,95,95\r\n"
    + "MCS2022,\"World total (ilmenite and rutile, rounded)\",World total mine production: ilmentite and rutile (rounded),8600,9000\r\n"
    + ",,,,\r\n,,,,\r\n"

  /// MCS 2023, lithium: quoted thousands separators, "also estimated" notes, reserves without a
  /// year, a world total that excludes the U.S.
  static let lithium2023 =
    bom + "Source,Country,Type,Prod_t_2021,Prod_t_est_2022,Prod_notes,Reserves_t,Reserves_notes\r\n"
    + "MCS2023,Brazil,\"Mine production, lithium content\",\"1,700\",2200,Production in 2021 is also estimated.,250000,Revised based on information from Government and industry sources.\r\n"
    + "MCS2023,Chile,\"Mine production, lithium content\",28300,39000,,9300000,Revised based on information from Government and industry sources.\r\n"
    + "MCS2023,\"World total (rounded), excluding U.S. production\",\"Mine production, lithium content\",107000,130000,Excludes U.S. production.,26000000,\r\n"

  /// MCS 2023, titanium concentrates: "Included with ilmenite", a padded NA, a no-break space.
  static let titanium2023 =
    bom + "Source,Country,Type,Prod_kt_2021,Prod_kt_est_2022,Prod_notes,Reserves_kt,Reserves_notes\r\n"
    + "MCS2023,Ukraine,Mine production: Ilmenite,316,200,,5900,\r\n"
    + "MCS2023,United States,Mine production: rutile,Included with ilmenite,Included with ilmenite,,Included with ilmenite,\r\n"
    + "MCS2023,Other countries,Mine production: rutile,14,14,,      NA,\r\n"
    + "MCS2023,Australia,Mine production: rutile,190,190,,31000,\"reserves for ilmenite and rutile were estimated to be 37\u{A0} million\"\r\n"

  /// MCS 2023, titanium metal: sponge and capacity columns, blank cells for pigment-only rows.
  static let sponge2023 =
    bom
    + "Source,Country,Type,Prod_Sponge_t_Est_2021,Prod_Sponge_t_Est_2022,Prod_notes,Cap_Sponge_t_2021,Cap_Pigment_t_2021\r\n"
    + "MCS2023,Australia,Sponge Metal Production and Sponge and Pigment Yearend Operating Capacity,,,,,260000\r\n"
    + "MCS2023,Ukraine,Sponge Metal Production and Sponge and Pigment Yearend Operating Capacity,\"6,100\",1000,,12000,120000\r\n"
    + "MCS2023,Other countries,Sponge Metal Production and Sponge and Pigment Yearend Operating Capacity,           ,           ,,          ,784000\r\n"

  /// MCS 2024, lithium: a footnote glued to "Other countries6", trailing empty columns, blank rows.
  static let lithium2024 =
    bom + "Source,Country,Type,Prod_t_2022,Prod_t_est_2023,Prod_notes,Reserves_t,Reserves_notes,,,\r\n"
    + "MCS2024,Brazil,\"Mine production, lithium content\",2630,4900,Also estimated in 2022,390000,\"Reserves for Argentina, Australia, Brazil, China, the United States, and “Other countries” were revised based on company and Government reports.\",,,\r\n"
    + "MCS2024,Other countries6,\"Mine production, lithium content\",0,0,,2800000,,,,\r\n"
    + ",,,,,,,,,,\r\n,,,,,,,,,,\r\n"

  static let header2025 =
    bom
    + "SOURCE,COMMODITY,COUNTRY,TYPE,UNIT_MEAS,PROD_2023,PROD_EST_ 2024,PROD_NOTES,CAP_2023,CAP_EST_ 2024,CAP_NOTES,RESERVES_2024,RESERVE_NOTES\r\n"

  /// MCS 2025, the all-commodity file: "W for 23-24", NA in the notes column, ">" in reserves,
  /// names padded with a space, the titanium concentrate rows that say metric tons (and one
  /// that says nothing), pigment capacity, another chapter.
  static let world2025 =
    header2025
    + "MCS2025,Abrasives,United\u{A0} States and Canada,\"Plant capacity, fused aluminum oxide\",metric tons,,, ,60000,60000,,,\r\n"
    + "MCS2025,Lithium ,United States,\"Mine production, lithium content\",metric tons,,,W for 23-24,,,,1800000,\r\n"
    + "MCS2025,Lithium ,Canada ,\"Mine production, lithium content\",metric tons,3240,4300,estimated 2023,,,,1200000,\r\n"
    + "MCS2025,Rare earths,Burma,\"Mine production, rare-earth-oxide equivalent\",metric tons,43000,31000,\"Estimated based on reported import data for China. Source: Zen Innovations, Global Trade Tracker.\",,,,,NA\r\n"
    + "MCS2025,Rare earths,World total (rounded),\"Mine production, rare-earth-oxide equivalent\",metric tons,376000,390000,,,,,>90000000,\r\n"
    + "MCS2025,Titanium Mineral Concentrates,Ukraine,\"Mine production, ilmentite, titanium dioxide (TiO2) content\",metric tons,130,120,,,,,5900,\r\n"
    + "MCS2025,Titanium Mineral Concentrates,Sierra Leone,\"Mine production, rutile, titanium dioxide (TiO2) content\",,110,60,,,,,2900,\r\n"
    + "MCS2025,Titanium Mineral Concentrates,United States,\"Mine production, rutile, titanium dioxide (TiO2) content\",metric tons,,,United States rutile production and reserves data are included with ilmenite.,,,,,United States rutile production and reserves data are included with ilmenite.\r\n"
    + "MCS2025,Titanium & titanium dioxide,China,Sponge Metal Production,metric tons,220000,220000,,,260000,,,\r\n"
    + "MCS2025,Titanium & titanium dioxide,China,Pigment Capacity,metric tons,,,,,5500000,,,\r\n"

  static let header2026 =
    "MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes\n"

  /// MCS 2026, long format (windows-1252): per-cell Estimated./Reported. notes, —, W, s, >.
  static let long2026 =
    header2026
    + "ALUMINUM,Salient Statistics—United States,Aluminum,United States,Production,Production: Primary,thousand metric tons,2021,889,,Yes,\n"
    + "LITHIUM,World Mine Production and Reserves,Lithium,United States,Production,Mine production,metric tons,2024,W,,Yes,\"(Data in metric tons, lithium content)\"\n"
    + "LITHIUM,World Mine Production and Reserves,Lithium,Argentina,Production,Mine production,metric tons,2024,\"13,800\",Reported.,Yes,\n"
    + "LITHIUM,World Mine Production and Reserves,Lithium,Australia,Production,Mine production,metric tons,2024,\"82,700\",Estimated.,Yes,\n"
    + "LITHIUM,World Mine Production and Reserves,Lithium,Other countries,Production,Mine production,metric tons,2025,—,\"Other countries with reported reserves include Austria, Congo (Kinshasa).\",Yes,\n"
    + "LITHIUM,World Mine Production and Reserves,Lithium,World total,Production,Mine production: rounded,metric tons,2024,\"222,000\",Estimated. -- Excludes U.S. production.,Yes,\n"
    + "TITANIUM MINERAL CONCENTRATES,World Mine Production and Reserves,Titanium Mineral Concentrates,Ukraine,Production,Mine production: Ilmenite,thousand metric tons,2024,286,Estimated.,Yes,\n"
    + "TITANIUM MINERAL CONCENTRATES,World Mine Production and Reserves,Titanium Mineral Concentrates,United States,Reserves,Reserves: Rutile,thousand metric tons,2025,s,See Appendix C for resource and reserve definitions and information concerning data sources. -- United States rutile production and reserves data are included with ilmenite.,Yes,\n"
    + "TITANIUM MINERAL CONCENTRATES,World Mine Production and Reserves,Titanium Mineral Concentrates,World total,Reserves,\"Reserves: ilmenite, rounded\",thousand metric tons,2025,\">490,000\",See Appendix C for resource and reserve definitions and information concerning data sources.,Yes,\n"
    + "TITANIUM MINERAL CONCENTRATES,World Mine Production and Reserves,Titanium Mineral Concentrates,World total,Production,\"Mine production: ilmenite and rutile, rounded\",thousand metric tons,2025,\"9,800\",Estimated.,Yes,\n"
    + "TITANIUM AND TITANIUM DIOXIDE,World Sponge Metal Production and Sponge and Pigment Capacity,Titanium Sponge Metal,Ukraine,Production,Titanium sponge metal production,metric tons,2025,—,,Yes,\n"
    + "TITANIUM AND TITANIUM DIOXIDE,World Sponge Metal Production and Sponge and Pigment Capacity,Titanium Sponge Metal,China,Capacity,Titanium sponge metal Capacity,metric tons,2025,\"260,000\",Yearend operating capacity.,Yes,\n"

  /// Country names as in countries.csv (a subset), for reader tests without the package.
  static let countries = CountryNames([
    "United States": "USA", "Australia": "AUS", "Brazil": "BRA", "Chile": "CHL", "Canada": "CAN",
    "Burma": "MMR", "Ukraine": "UKR", "Sierra Leone": "SLE", "China": "CHN", "Argentina": "ARG",
    "Other countries": "XOT", "World total (rounded)": "WLD", "World total": "WLD",
    "World total (rounded), excluding U.S. production": "WLD",
  ])

  /// windows-1252 bytes of `text` (ASCII plus the characters the MCS 2026 file uses).
  static func cp1252(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    for scalar in text.unicodeScalars {
      switch scalar {
      case "—": bytes.append(0x97)
      case "’": bytes.append(0x92)
      case "“": bytes.append(0x93)
      case "”": bytes.append(0x94)
      case "±": bytes.append(0xB1)
      default:
        precondition(scalar.value < 0x80, "not in the fixture's character set")
        bytes.append(UInt8(scalar.value))
      }
    }
    return bytes
  }

  /// Decodes by `encoding`, parses and reads a table as `edition`.
  static func read(
    _ bytes: [UInt8], encoding: String = "utf-8", edition: String, commodity: USGSCommodity? = nil,
    corrections: [UnitCorrection] = []
  ) throws -> (figures: [PublishedFigure], problems: [FileProblem]) {
    let utf8 = try TextDecoding.utf8(bytes, encoding: encoding).get()
    let table = try PublishedTable.parse(utf8: utf8, path: "fixture.csv")
    return WorldTableReader(edition: edition, commodity: commodity, corrections: corrections).read(table)
  }

  static func read(
    _ text: String, edition: String, commodity: USGSCommodity? = nil, corrections: [UnitCorrection] = []
  ) throws -> (figures: [PublishedFigure], problems: [FileProblem]) {
    try read(Array(text.utf8), edition: edition, commodity: commodity, corrections: corrections)
  }

  /// The declared correction of the MCS 2025 titanium concentrate units (as in datapackage.json).
  static let titaniumUnits = UnitCorrection(
    commodity: .titaniumConcentrates, publishedUnits: ["metric tons", ""], unit: .thousandMetricTons,
    sourceID: "usgs-mcs-2024-data-release", evidence: "MCS 2024 revision file")

  static let logger = Logger(label: "crma.test", factory: { _ in SwiftLogNoOpLogHandler() })
}

extension [PublishedFigure] {
  /// The figure of `country` (as published), `year` and `measure`.
  func figure(
    _ country: String, _ year: Int, _ measure: PublishedFigure.Measure = .production,
    _ product: USGSProduct? = nil
  )
    -> PublishedFigure?
  {
    first {
      $0.country.trimmingSpaces == country && $0.year == year && $0.measure == measure
        && (product == nil || $0.product == product)
    }
  }
}

extension String {
  var trimmingSpaces: String {
    var text = Substring(self)
    while text.first == " " { text.removeFirst() }
    while text.last == " " { text.removeLast() }
    return String(text)
  }
}
