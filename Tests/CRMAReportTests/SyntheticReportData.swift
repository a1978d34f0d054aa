import CRMAIngest
import CRMAReport
import CRMATestSupport
import CRMATransform
import CRMAUSGS
import CSVStream
import Foundation
import Logging

/// Report data made of SYNTHETIC figures (every value below is invented for layout tests and
/// cites synthetic sources), decoded through the real transform package's schemas: the real
/// pipeline writes a transform folder, then every table but the reference lists (countries,
/// materials) is replaced by the synthetic rows here.
enum SyntheticReportData {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  /// table → rows (column → value); columns left out are empty.
  static let tables: [String: [[String: String]]] = [
    "sources": [
      source("syn-usgs-2025", "Synthetic Survey", edition: "MCS 2025", label: "Synthetic MCS 2025"),
      source("syn-usgs-2026", "Synthetic Survey", edition: "MCS 2026", label: "Synthetic MCS 2026"),
      source("syn-study", "Synthetic Commission", edition: "2023 assessment", label: "Synthetic study 2023"),
      source("syn-press", "Synthetic Press", published: "2025-03-01"),
      source("syn-law", "Synthetic Union", label: "Synthetic Act"),
    ],
    "shares": worldShares(),
    "concentration": [
      concentration("ilmenite", "production", 2024, "MCS 2025", "syn-usgs-2025", ukraine: "0.08", rank: "3"),
      concentration("ilmenite", "production", 2025, "MCS 2026", "syn-usgs-2026", ukraine: "0.05", rank: "4"),
      concentration(
        "titanium-sponge", "production", 2025, "MCS 2026", "syn-usgs-2026", ukraine: "0", rank: ""),
      [
        "dataset": "eu-study", "subject": "Titanium", "material_id": "titanium", "stage": "processing",
        "measure": "eu-sourcing", "year": "2023", "edition": "2023 assessment", "countries": "3",
        "unit": "share",
        "hhi": "0.45", "top3_share": "0.9", "largest_country": "DEU", "largest_share": "0.64",
        "ukraine_note": "not listed", "note": "synthetic", "source_id": "syn-study",
      ],
    ],
    "reconciled": [
      fact("ilmenite", "UKR", 2023, 40, edition: "MCS 2025", minimum: 40, maximum: 60, count: 2),
      fact("ilmenite", "UKR", 2024, 55, edition: "MCS 2026", minimum: 55, maximum: 55, count: 1),
      fact("ilmenite", "UKR", 2025, 50, edition: "MCS 2026", minimum: 50, maximum: 50, count: 1),
      fact("ilmenite", "CHN", 2023, 300, edition: "MCS 2025", minimum: 280, maximum: 300, count: 2),
      fact("rutile", "WLD", 2024, 700, edition: "MCS 2026", minimum: 700, maximum: 700, count: 1),
      fact("rutile", "WLD", 2025, 720, edition: "MCS 2026", minimum: 720, maximum: 720, count: 1),
    ],
    "figures": [
      figure("MCS 2025|ilmenite|UKR|2023|production", 40),
      figure("MCS 2024|ilmenite|UKR|2023|production", 60),
      figure("MCS 2026|ilmenite|UKR|2025|production", 50),
    ],
    "article5": [
      [
        "check": "diversification", "material_id": "titanium", "material_label": "Titanium",
        "crma_entry": "titanium-metal",
        "stage": "processing", "benchmark_pct": "65", "largest_third_country": "NOR",
        "largest_third_country_share_pct": "12", "breach": "false", "ukraine_share_pct": "9",
        "status": "synthetic",
        "source_id": "syn-study",
      ],
      [
        "check": "extraction-coverage", "material_id": "titanium-metal", "material_label": "titanium metal",
        "crma_entry": "titanium-metal", "stage": "extraction", "benchmark_pct": "10",
        "status": "not computed",
      ],
      [
        "check": "processing-coverage", "material_id": "titanium-metal", "material_label": "titanium metal",
        "crma_entry": "titanium-metal", "stage": "processing", "benchmark_pct": "40",
        "status": "not computed",
      ],
    ],
    "supply_shares": [
      share("DEU", 64), share("NOR", 12), share("UKR", 9), share("CHN", 5),
    ],
    "supply_risk": [
      [
        "material_id": "titanium-metal", "material_label": "titanium metal", "assessment_year": "2023",
        "supply_risk": "1.5", "economic_importance": "6", "sr_threshold": "1", "ei_threshold": "2.8",
        "meets_thresholds": "true", "crma_category": "strategic", "recomputation": "synthetic",
        "source_id": "syn-study",
      ]
    ],
    "deposits": [
      ["deposit_id": "syn-alpha", "name": "Synthetic Alpha", "oblast": "Zhytomyr"],
      ["deposit_id": "syn-beta", "name": "Synthetic Beta", "oblast": "Zaporizhzhia"],
    ],
    "deposit_figures": [
      [
        "figure_id": "syn-alpha-01", "deposit_id": "syn-alpha", "material_id": "titanium",
        "commodity_label": "ilmenite",
        "ore_tonnes": "1000000", "grade": "5", "grade_unit": "% TiO2", "contained_tonnes": "50000",
        "contained_basis": "TiO2", "bound": "point", "resource_category": "synthetic reserves",
        "source_id": "syn-press",
      ],
      [
        "figure_id": "syn-beta-01", "deposit_id": "syn-beta", "material_id": "titanium",
        "commodity_label": "ilmenite",
        "contained_tonnes": "20000", "contained_basis": "TiO2", "bound": "lower",
        "development_status": "undeveloped",
        "source_id": "syn-press",
      ],
    ],
    "deposit_control": [
      control("syn-alpha-01", "syn-alpha", "2024-11-20", "government-controlled"),
      control("syn-alpha-02", "syn-alpha", "2025-02-03", "front-line"),
      control("syn-beta-01", "syn-beta", "2025-01", "contested"),
      control("syn-beta-02", "syn-beta", "2025-03-15", "occupied"),
      control("syn-beta-03", "syn-beta", "2025", "occupied"),
    ],
    "exposure_deposits": [
      [
        "material_id": "titanium", "deposit_id": "syn-alpha", "status": "front-line",
        "status_as_of": "2025-02-03",
        "status_reported_as": "synthetic: near the front", "status_source_id": "syn-press",
        "contained": "50000",
        "basis": "t TiO2", "figures": "1",
      ],
      [
        "material_id": "titanium", "deposit_id": "syn-beta", "status": "occupied",
        "status_as_of": "2025-03-15",
        "status_reported_as": "synthetic: occupied", "status_source_id": "syn-press", "contained": "20000",
        "basis": "t TiO2", "figures": "1",
      ],
    ],
    "exposure": [
      exposure("front-line", 50000, 0.714285714, "2025-02-03"),
      exposure("occupied", 20000, 0.285714286, "2025-03-15"),
    ],
    "events": [
      event("E001", "2024-05", "Synthetic titanium plant restarted", "titanium"),
      event("E002", "2024-06-01", "Synthetic memorandum on critical raw materials", "critical raw materials"),
      event("E003", "2024-07-01", "Synthetic lithium auction", "lithium"),
    ],
    "ukraine_output": [
      [
        "output_id": "UO001", "year": "2024", "material_id": "titanium",
        "product": "synthetic ilmenite concentrate",
        "measure": "production", "bound": "point", "quantity": "55000", "unit": "t", "basis": "concentrate",
        "period": "calendar year", "scope": "Ukraine (synthetic)", "flag": "reported",
        "source_id": "syn-press",
      ]
    ],
    "mapping": [
      [
        "resource": "ukraine_output", "record": "UO001", "material_id": "titanium",
        "material_category": "not-listed",
        "crma_entry": "titanium-metal", "crma_category": "strategic", "mapped_via": "synthetic",
      ]
    ],
  ]

  static func source(
    _ id: String, _ publisher: String, edition: String = "", published: String = "", label: String = ""
  ) -> [String: String] {
    [
      "source_id": id, "publisher": publisher, "title": "A synthetic source for layout tests",
      "edition": edition,
      "url": "https://example.org/\(id)", "transcribed": "2026-11-25", "confidence": "high",
      "published": published, "short_label": label,
    ]
  }

  /// World ilmenite production 2025: fourteen countries (so some are summed), a withheld figure,
  /// other countries and the world; titanium sponge 2025 with Ukraine a zero producer.
  static func worldShares() -> [[String: String]] {
    let values: [(String, String)] = [
      ("CHN", "300"), ("AUS", "150"), ("MOZ", "90"), ("UKR", "50"), ("ZAF", "40"), ("CAN", "30"),
      ("NOR", "25"),
      ("IND", "20"), ("SEN", "15"), ("MDG", "10"), ("KEN", "8"), ("BRA", "6"), ("VNM", "4"), ("SLE", "2"),
    ]
    var rows = values.enumerated().map { index, pair in
      shareRow("ilmenite", pair.0, pair.1, rank: String(index + 1))
    }
    rows.append(shareRow("ilmenite", "USA", "", rank: "", flag: "withheld", note: "no value (withheld)"))
    rows.append(shareRow("ilmenite", "XOT", "100", rank: ""))
    rows.append(shareRow("ilmenite", "WLD", "850", rank: ""))
    rows.append(shareRow("titanium-sponge", "CHN", "200", rank: "1", unit: "t"))
    rows.append(shareRow("titanium-sponge", "UKR", "0", rank: "", unit: "t"))
    return rows
  }

  static func shareRow(
    _ product: String, _ country: String, _ value: String, rank: String, unit: String = "kt TiO2",
    flag: String = "reported", note: String = ""
  ) -> [String: String] {
    [
      "product": product, "material_id": product == "titanium-sponge" ? "titanium-metal" : "titanium",
      "stage": product == "titanium-sponge" ? "processing" : "extraction", "measure": "production",
      "year": "2025",
      "edition": "MCS 2026", "country": country, "value": value, "unit": unit,
      "share": value.isEmpty ? "" : String((Double(value) ?? 0) / 1000), "rank": rank, "flag": flag,
      "greater_than": "false", "note": note, "source_id": "syn-usgs-2026",
    ]
  }

  static func concentration(
    _ product: String, _ measure: String, _ year: Int, _ edition: String, _ source: String, ukraine: String,
    rank: String
  ) -> [String: String] {
    [
      "dataset": "usgs", "subject": product, "material_id": "titanium", "stage": "extraction",
      "measure": measure,
      "year": String(year), "edition": edition, "countries": "14", "unit": "kt TiO2", "hhi": "0.2",
      "top3_share": "0.64", "largest_country": "CHN", "largest_share": "0.35", "ukraine_share": ukraine,
      "ukraine_rank": rank, "ukraine_note": "", "note": "synthetic", "source_id": source,
    ]
  }

  static func fact(
    _ product: String, _ country: String, _ year: Int, _ value: Double, edition: String, minimum: Double,
    maximum: Double, count: Int
  ) -> [String: String] {
    let source = edition == "MCS 2026" ? "syn-usgs-2026" : "syn-usgs-2025"
    return [
      "product": product, "measure": "production", "year": String(year), "country": country,
      "preferred_value": NumberFormatting.canonical(value), "unit": "kt TiO2", "preferred_edition": edition,
      "preferred_source_id": source, "flag": "reported", "minimum": NumberFormatting.canonical(minimum),
      "maximum": NumberFormatting.canonical(maximum), "count": String(count), "editions": edition,
      "reason": count > 1 ? "newest edition (synthetic)" : "only figure",
    ]
  }

  static func figure(_ record: String, _ value: Double) -> [String: String] {
    let parts = record.split(separator: "|").map(String.init)
    return [
      "resource": "production_reserves", "record": record, "material_id": "titanium", "stage": "extraction",
      "country": parts[2], "year": parts[3], "measure": parts[4], "value": NumberFormatting.canonical(value),
      "unit": "kt TiO2", "status": "original", "source_id": "syn-usgs-2025",
    ]
  }

  static func share(_ country: String, _ pct: Double) -> [String: String] {
    [
      "assessment_year": "2023", "scope": "eu-sourcing", "material_id": "titanium",
      "material_label": "Titanium",
      "stage": "processing", "country": country, "share_pct": NumberFormatting.canonical(pct),
      "share_below": "false", "source_id": "syn-study",
    ]
  }

  static func control(_ id: String, _ deposit: String, _ date: String, _ status: String) -> [String: String] {
    [
      "report_id": id, "deposit_id": deposit, "as_of": date, "status": status,
      "reported_as": "synthetic \(status)",
      "material_id": "titanium", "source_id": "syn-press",
    ]
  }

  static func exposure(_ status: String, _ contained: Double, _ share: Double, _ date: String) -> [String:
    String]
  {
    [
      "material_id": "titanium", "status": status, "basis": "t TiO2", "deposits": "1",
      "deposits_with_tonnage": "1",
      "contained": NumberFormatting.canonical(contained), "share": NumberFormatting.canonical(share),
      "earliest_as_of": date, "latest_as_of": date,
    ]
  }

  static func event(_ id: String, _ date: String, _ text: String, _ materials: String) -> [String: String] {
    ["event_id": id, "date": date, "event": text, "materials": materials, "source_id": "syn-press"]
  }

  /// Loaded once per test run.
  static let cached: Result<ReportData, any Error> = Result { try build() }

  /// The synthetic report data, decoded and checked like the real transform output.
  static func load() throws -> ReportData { try cached.get() }

  static func build() throws -> ReportData {
    let ingest = USGSStage.merge(
      try IngestStage.run(directory: Repository.dataDirectory, logger: logger),
      directory: Repository.dataDirectory,
      logger: logger)
    let result = TransformStage.run(try TransformInput(ingest: ingest), logger: logger)
    let folder = try TemporaryDirectory("crma-synthetic")
    defer { folder.remove() }
    _ = try TransformOutput.write(result, passingThrough: ingest, to: folder.path, logger: logger)
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".csv")
    {
      let name = String(file.dropLast(4))
      guard !["countries", "materials"].contains(name) else { continue }
      let path = "\(folder.path)/\(file)"
      let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0]
        .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var writer = CSVWriter()
      writer.writeRow(header)
      for row in tables[name] ?? [] {
        for key in row.keys where !header.contains(key) {
          fatalError("synthetic \(name) has no column \(key)")
        }
        writer.writeRow(header.map { row[$0] ?? "" })
      }
      try Data(writer.bytes).write(to: URL(fileURLWithPath: path))
    }
    let (data, problems) = try ReportData.load(directory: folder.path, logger: logger)
    if !problems.isEmpty { throw SyntheticDataError(problems.map(\.description).joined(separator: "\n")) }
    return data
  }

  struct SyntheticDataError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}
