import CRMAIngest
import CRMATestSupport
import CRMAUSGS
import Testing

/// Every publisher file shipped in data/publishers/usgs-mcs/, read by the stage, compared with
/// figures written here by hand from the files themselves (file and line in each comment).
@Suite("USGS stage: the shipped publisher files")
struct ShippedFilesTests {
  /// production_reserves rows by "edition|product|country|year|measure".
  static func rows() throws -> (
    rows: [String: [String: String]], result: USGSStage.Result, ingest: IngestResult
  ) {
    let ingest = try IngestStage.run(directory: Repository.dataDirectory, logger: Fixtures.logger)
    let result = USGSStage.read(ingest, directory: Repository.dataDirectory, logger: Fixtures.logger)
    let fields = try #require(ingest.descriptor.resource(named: "production_reserves")).schema.fields.map(
      \.name)
    var rows: [String: [String: String]] = [:]
    for file in result.files {
      for row in file.rows {
        let named = Dictionary(uniqueKeysWithValues: zip(fields, row))
        let key = ["edition", "product", "country", "year", "measure"].map { named[$0]! }.joined(
          separator: "|")
        #expect(rows[key] == nil, "two rows for \(key)")
        rows[key] = named
      }
    }
    return (rows, result, ingest)
  }

  @Test("every file reads without a problem: 13 world tables, 826 rows, every edition × product")
  func counts() throws {
    let (rows, result, ingest) = try Self.rows()
    #expect(ingest.problems.isEmpty)
    #expect(result.problems.isEmpty)
    #expect(result.files.count == 13)
    #expect(rows.count == 826)
    var pairs = Set<String>()
    for row in rows.values { pairs.insert("\(row["edition"]!) \(row["product"]!)") }
    let expected: Set<String> = [
      "MCS 2022 lithium-mine", "MCS 2022 rare-earths-mine", "MCS 2022 ilmenite", "MCS 2022 rutile",
      "MCS 2023 lithium-mine", "MCS 2023 rare-earths-mine", "MCS 2023 ilmenite", "MCS 2023 rutile",
      "MCS 2023 titanium-sponge", "MCS 2024 lithium-mine", "MCS 2024 rare-earths-mine", "MCS 2024 ilmenite",
      "MCS 2024 rutile", "MCS 2024 titanium-sponge", "MCS 2025 lithium-mine", "MCS 2025 rare-earths-mine",
      "MCS 2025 ilmenite", "MCS 2025 rutile", "MCS 2025 titanium-sponge", "MCS 2026 lithium-mine",
      "MCS 2026 ilmenite", "MCS 2026 rutile", "MCS 2026 titanium-sponge",
    ]
    #expect(pairs == expected)
  }

  struct Sample: Sendable, CustomTestStringConvertible {
    var key: String
    var value: String
    var flag: String
    var qualifier = ""
    var testDescription: String { key }
  }

  /// Read by eye from the files (path, line).
  static let samples: [Sample] = [
    // 2022/lithium_mcs2022-lithi_world.csv lines 4 and 2: 39700,55000 (Prod_t_Est_2021); W,W
    Sample(key: "MCS 2022|lithium-mine|AUS|2020|production", value: "39700", flag: "reported"),
    Sample(key: "MCS 2022|lithium-mine|AUS|2021|production", value: "55000", flag: "estimated"),
    Sample(key: "MCS 2022|lithium-mine|USA|2021|production", value: "", flag: "withheld"),
    // 2022/rare_earths_mcs2022-raree_world.csv line 8: China 140000,168000
    Sample(key: "MCS 2022|rare-earths-mine|CHN|2021|production", value: "168000", flag: "estimated"),
    // 2022/titanium_mcs2022-timin_world.csv lines 14 and 26: Ukraine ilmenite 464,430; rutile 95,95
    Sample(key: "MCS 2022|ilmenite|UKR|2020|production", value: "464", flag: "reported"),
    Sample(key: "MCS 2022|ilmenite|UKR|2021|production", value: "430", flag: "estimated"),
    Sample(key: "MCS 2022|rutile|UKR|2021|production", value: "95", flag: "estimated"),
    // 2023/mcs2023-lithi_world.csv lines 5, 7 and 12: Brazil "1,700" (also estimated); Chile
    // reserves 9300000; world reserves 26000000
    Sample(key: "MCS 2023|lithium-mine|BRA|2021|production", value: "1700", flag: "estimated"),
    Sample(key: "MCS 2023|lithium-mine|CHL|2022|reserves", value: "9300000", flag: "reported"),
    Sample(key: "MCS 2023|lithium-mine|WLD|2022|reserves", value: "26000000", flag: "reported"),
    // 2023/mcs2023-raree_world.csv line 5: Burma 35000,12000,…,NA
    Sample(key: "MCS 2023|rare-earths-mine|MMR|2022|reserves", value: "", flag: "not-available"),
    // 2023/mcs2023-timin_world.csv lines 14 and 28: Ukraine ilmenite 316,200; rutile 95,57
    Sample(key: "MCS 2023|ilmenite|UKR|2021|production", value: "316", flag: "reported"),
    Sample(key: "MCS 2023|rutile|UKR|2022|production", value: "57", flag: "estimated"),
    Sample(key: "MCS 2023|rutile|USA|2022|reserves", value: "", flag: "not-available"),
    // 2023/mcs2023-titan_world.csv line 13: Ukraine "6,100",1000
    Sample(key: "MCS 2023|titanium-sponge|UKR|2021|production", value: "6100", flag: "estimated"),
    // 2024/mcs2024-lithi_world.csv lines 11 and 12: Other countries6 …,2800000; world 180000
    Sample(key: "MCS 2024|lithium-mine|XOT|2023|reserves", value: "2800000", flag: "reported"),
    Sample(key: "MCS 2024|lithium-mine|WLD|2023|production", value: "180000", flag: "estimated"),
    // 2024/mcs2024-timin_world.csv line 14: Ukraine 190,60,,5900
    Sample(key: "MCS 2024|ilmenite|UKR|2023|production", value: "60", flag: "estimated"),
    // 2024/mcs2024-titan_world.csv line 13: Ukraine 1000,0
    Sample(key: "MCS 2024|titanium-sponge|UKR|2023|production", value: "0", flag: "estimated"),
    // 2025/MCS2025_World_Data.csv lines 628, 897, 1136, 1137
    Sample(key: "MCS 2025|lithium-mine|USA|2023|production", value: "", flag: "withheld"),
    Sample(
      key: "MCS 2025|rare-earths-mine|WLD|2024|reserves", value: "90000000", flag: "reported",
      qualifier: "greater-than"),
    Sample(key: "MCS 2025|ilmenite|UKR|2024|production", value: "120", flag: "estimated"),
    // line 1154: Ukraine,Sponge Metal Production,metric tons,,, (listed, cells empty)
    Sample(key: "MCS 2025|titanium-sponge|UKR|2024|production", value: "", flag: "not-available"),
    Sample(key: "MCS 2025|rutile|UKR|2023|production", value: "95", flag: "reported"),
    Sample(key: "MCS 2025|rutile|UKR|2024|reserves", value: "", flag: "not-available"),
    // 2026/mcs2026_sample.csv: Ukraine ilmenite 2024 286 Estimated.; lithium world 2025
    // "290,000"; Australia reserves "8,400,000"; ilmenite world reserves ">490,000"
    Sample(key: "MCS 2026|ilmenite|UKR|2024|production", value: "286", flag: "estimated"),
    Sample(key: "MCS 2026|lithium-mine|ARG|2024|production", value: "13800", flag: "reported"),
    Sample(key: "MCS 2026|lithium-mine|WLD|2025|production", value: "290000", flag: "estimated"),
    Sample(key: "MCS 2026|lithium-mine|AUS|2025|reserves", value: "8400000", flag: "reported"),
    Sample(
      key: "MCS 2026|ilmenite|WLD|2025|reserves", value: "490000", flag: "reported", qualifier: "greater-than"
    ),
    Sample(key: "MCS 2026|titanium-sponge|UKR|2025|production", value: "0", flag: "reported"),
  ]

  @Test("sample figures match the files", arguments: samples)
  func sample(_ sample: Sample) throws {
    let row = try #require(try Self.rows().rows[sample.key])
    #expect(row["value"] == sample.value)
    #expect(row["flag"] == sample.flag)
    #expect(row["qualifier"] == sample.qualifier)
  }

  @Test("each row cites its release's source row and links its DOI or the USGS page")
  func citations() throws {
    let rows = try Self.rows().rows
    #expect(
      rows["MCS 2023|lithium-mine|CHL|2022|reserves"]?["original_url"] == "https://doi.org/10.5066/P9WCYUI6")
    #expect(
      rows["MCS 2025|ilmenite|UKR|2024|production"]?["original_url"] == "https://doi.org/10.5066/P13XCP3R")
    #expect(rows["MCS 2025|ilmenite|UKR|2024|production"]?["source_id"] == "usgs-mcs-2025-data-release")
    let note = try #require(rows["MCS 2025|ilmenite|UKR|2024|production"]?["note"])
    #expect(note.contains("UNIT_MEAS says \"metric tons\"; the values are thousand metric tons"))
    #expect(note.contains("publishers/usgs-mcs/2025/MCS2025_World_Data.csv line 1136"))
    let footnote = try #require(rows["MCS 2024|lithium-mine|XOT|2023|reserves"]?["note"])
    #expect(footnote.contains("footnote 6 glued to the name as published (\"Other countries6\")"))
  }

  @Test("merged into production_reserves: publisher rows first, hand rows after, no key twice")
  func merge() throws {
    let ingest = try IngestStage.run(directory: Repository.dataDirectory, logger: Fixtures.logger)
    let hand = try #require(ingest.table(named: "production_reserves"))
    let merged = USGSStage.merge(ingest, directory: Repository.dataDirectory, logger: Fixtures.logger)
    #expect(merged.problems.isEmpty)
    let table = try #require(merged.table(named: "production_reserves"))
    #expect(table.rows.count == 826 + hand.rows.count)
    // Only the MCS 2026 rare-earth table has no publisher file; its rows say so.
    for row in hand.rows.indices {
      #expect(hand.value(row, "edition")?.text == "MCS 2026")
      #expect(hand.value(row, "product")?.text == "rare-earths-mine")
      #expect(
        hand.value(row, "note")?.text.contains("No USGS publisher file in data/ gives this table") == true)
    }
  }
}
