/// The table layouts of the USGS Mineral Commodity Summaries data releases that crma reads,
/// recognised from the header alone, so a new edition in a known layout needs no code change.
///
/// - `wide`: one row per country and table line, one column per year. The per-commodity world
///   files of MCS 2022–2024 (`Source, Country, Type, Prod_t_2021, Prod_t_est_2022, Prod_notes,
///   Reserves_t, Reserves_notes`, units and years in the names) and the all-commodity
///   `MCS2025_World_Data.csv` (`SOURCE, COMMODITY, COUNTRY, TYPE, UNIT_MEAS, PROD_2023,
///   PROD_EST_ 2024, PROD_NOTES, CAP_…, RESERVES_2024, RESERVE_NOTES`).
/// - `long`: MCS 2026, one row per cell (`MCS chapter, Section, Commodity, Country, Statistics,
///   Statistics_detail, Unit, Year, Value, Notes, …`), each with its own note.
public enum USGSLayout: Sendable, Equatable {
  case wide(WideColumns)
  case long(LongColumns)

  /// Column positions of a wide table.
  public struct WideColumns: Sendable, Equatable {
    public var source: Int
    /// Only in the all-commodity layout.
    public var commodity: Int?
    public var country: Int
    public var type: Int
    /// `UNIT_MEAS`, only in the all-commodity layout.
    public var unit: Int?
    public var production: [YearColumn]
    public var productionNotes: Int?
    public var reserves: YearColumn?
    public var reserveNotes: Int?
    /// Empty names at the end of the header, whose cells must be empty too.
    public var emptyTrailing: [Int]
  }

  /// A figure column: its position, the year it holds, whether its name marks it estimated,
  /// and the unit its name states.
  public struct YearColumn: Sendable, Equatable {
    public var index: Int
    public var name: String
    public var year: Int?
    public var estimated: Bool
    public var unit: PublishedUnit?
  }

  /// Column positions of the long table.
  public struct LongColumns: Sendable, Equatable {
    public var chapter = 0, section = 1, commodity = 2, country = 3, statistics = 4, detail = 5, unit = 6,
      year = 7, value = 8, notes = 9
  }

  static let longNames = [
    "MCS chapter", "Section", "Commodity", "Country", "Statistics", "Statistics_detail", "Unit", "Year",
    "Value",
    "Notes",
  ]
  static let perCommodityPrefix = ["Source", "Country", "Type"]
  static let allCommodityPrefix = ["SOURCE", "COMMODITY", "COUNTRY", "TYPE", "UNIT_MEAS"]

  /// What each known layout expects, for the message when a header fits none.
  public static let known = [
    "per-commodity world table (MCS 2022–2024): Source, Country, Type, Prod_<t|kt>[_est]_<YYYY>…, "
      + "[Prod_notes, Reserves_<t|kt>, Reserves_notes, Cap_…], then only empty names",
    "all-commodity world table (MCS 2025): SOURCE, COMMODITY, COUNTRY, TYPE, UNIT_MEAS, PROD_<YYYY>, "
      + "PROD_EST_<YYYY>, PROD_NOTES, CAP_…, RESERVES_<YYYY>, RESERVE_NOTES",
    "long table (MCS 2026): " + longNames.joined(separator: ", ") + ", then any further columns",
  ]

  /// Why a header fits no known layout: what was expected and what was found.
  public struct Mismatch: Error, Sendable, Equatable {
    public var column: String?
    public var message: String
  }

  /// The layout of a file whose first row is `header`.
  public static func detect(_ header: [String]) throws(Mismatch) -> USGSLayout {
    let names = header.map { USGSText.clean($0) }
    let found = "found: " + names.map { "\"\($0)\"" }.joined(separator: ", ")
    func fail(_ what: String, column: String? = nil) -> Mismatch {
      Mismatch(
        column: column,
        message:
          "\(what); expected one of the known USGS layouts — \(known.joined(separator: "; ")) — \(found)")
    }
    if names.count >= longNames.count,
      zip(names, longNames).allSatisfy({ $0.lowercased() == $1.lowercased() })
    {
      return .long(LongColumns())
    }
    let lowered = names.map { $0.lowercased() }
    let prefix: [String]
    if lowered.starts(with: allCommodityPrefix.map { $0.lowercased() }) {
      prefix = allCommodityPrefix
    } else if lowered.starts(with: perCommodityPrefix.map { $0.lowercased() }) {
      prefix = perCommodityPrefix
    } else {
      throw fail("the header fits no known layout")
    }
    let all = prefix == allCommodityPrefix
    var columns = WideColumns(
      source: 0, commodity: all ? 1 : nil, country: all ? 2 : 1, type: all ? 3 : 2, unit: all ? 4 : nil,
      production: [], productionNotes: nil, reserves: nil, reserveNotes: nil, emptyTrailing: [])
    for index in prefix.count..<names.count {
      let name = names[index]
      let key = lowered[index].replacing(" ", with: "")
      if name.isEmpty {
        columns.emptyTrailing.append(index)
        continue
      }
      if !columns.emptyTrailing.isEmpty {
        throw fail("column \(index + 1) \"\(name)\" follows an empty column name", column: name)
      }
      let tokens = key.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
      switch key {
      case "prod_notes": columns.productionNotes = index
      case "reserves_notes", "reserve_notes": columns.reserveNotes = index
      case _ where tokens.first == "cap": continue  // capacity: not a production_reserves figure
      case _ where tokens.first == "prod":
        guard let year = year(tokens.last ?? "") else {
          throw fail("column \(index + 1) \"\(name)\" names no year", column: name)
        }
        var unit: PublishedUnit?
        var estimated = false
        for token in tokens.dropFirst().dropLast() {
          switch token {
          case "sponge": continue
          case "est": estimated = true
          case "t", "kt": unit = PublishedUnit(published: token)
          default:
            throw fail("column \(index + 1) \"\(name)\" is not a known production column", column: name)
          }
        }
        if !all && unit == nil {
          throw fail("column \(index + 1) \"\(name)\" states no unit (t or kt)", column: name)
        }
        columns.production.append(
          YearColumn(index: index, name: name, year: year, estimated: estimated, unit: unit))
      case _ where tokens.first == "reserves" && tokens.count == 2:
        if let year = year(tokens[1]) {
          columns.reserves = YearColumn(index: index, name: name, year: year, estimated: false, unit: nil)
        } else if let unit = PublishedUnit(published: tokens[1]) {
          columns.reserves = YearColumn(index: index, name: name, year: nil, estimated: false, unit: unit)
        } else {
          throw fail("column \(index + 1) \"\(name)\" is not a known reserves column", column: name)
        }
      default:
        throw fail("column \(index + 1) \"\(name)\" is not a column of a known layout", column: name)
      }
    }
    if columns.production.isEmpty { throw fail("the header has no production column") }
    if all && (columns.reserves == nil || columns.reserves?.year == nil) {
      throw fail("the all-commodity table needs a RESERVES_<YYYY> column")
    }
    return .wide(columns)
  }

  private static func year(_ text: String) -> Int? {
    guard text.count == 4, let value = Int(text), (1900...2100).contains(value) else { return nil }
    return value
  }
}
