import CRMAIngest
import CRMATestSupport
import CRMATransform
import CRMAUSGS
import Logging
import Testing

@Suite("Transform on the real data package")
struct RealDataTests {
  static func result() throws -> TransformResult {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
    // As `crma ingest` does: the USGS publisher files' rows join production_reserves.
    let ingest = USGSStage.merge(
      try IngestStage.run(directory: Repository.dataDirectory, logger: logger),
      directory: Repository.dataDirectory,
      logger: logger)
    return TransformStage.run(try TransformInput(ingest: ingest), logger: logger)
  }

  @Test("every table is byte-identical across runs")
  func deterministic() throws {
    let first = try Self.result().tables
    let second = try Self.result().tables
    #expect(first.map(\.name) == second.map(\.name))
    for (a, b) in zip(first, second) { #expect(a.csv() == b.csv(), "\(a.name) differs between runs") }
  }

  @Test("lithium, titanium and rare earths each have Ukraine's share or a stated reason, HHI and top-3")
  func ukrainePerMaterial() throws {
    let result = try Self.result()
    for product in ["lithium-mine", "ilmenite", "rutile", "titanium-sponge", "rare-earths-mine"] {
      let rows = result.concentration.filter {
        $0.dataset == "usgs" && $0.subject == product && $0.measure == "production"
      }
      #expect(!rows.isEmpty, "\(product)")
      for row in rows {
        #expect(row.ukraineShare != nil || !row.ukraineNote.isEmpty, "\(product) \(row.year)")
        let hhi = try #require(row.hhi, "\(product) \(row.year): \(row.statisticsWithheld)")
        #expect(hhi > 0 && hhi <= 1)
        #expect(try #require(row.top3Share) <= 1 + 1e-9)
      }
    }
    // USGS lists Ukraine for ilmenite: 200 kt TiO2 in 2025 (MCS 2026).
    let ilmenite = try #require(
      result.shares.first {
        $0.product == "ilmenite" && $0.year == 2025 && $0.country == "UKR" && $0.measure == .production
      })
    #expect(ilmenite.value == 200)
    #expect(ilmenite.edition == "MCS 2026")
  }

  @Test("shares of each USGS group sum to 1")
  func sharesSumToOne() throws {
    let result = try Self.result()
    let groups = Dictionary(grouping: result.shares.filter { $0.share != nil }) {
      "\($0.product)|\($0.measure)|\($0.year)"
    }
    for (key, rows) in groups {
      #expect(abs(rows.compactMap(\.share).reduce(0, +) - 1) < 1e-9, "\(key)")
    }
  }

  @Test("war exposure: parts sum to the total for every material with tonnage")
  func exposure() throws {
    let result = try Self.result()
    for material in Set(result.exposure.map(\.materialID)) {
      let rows = result.exposure.filter { $0.materialID == material }
      let total = result.exposedDeposits.filter { $0.materialID == material }.compactMap(\.contained).reduce(
        0, +)
      let sum = rows.map(\.contained).reduce(0, +)
      #expect(abs(sum - total) <= 1e-6 * max(1, total), "\(material)")
      if total > 0 { #expect(abs(rows.map(\.share).reduce(0, +) - 1) < 1e-9, "\(material)") }
    }
    #expect(result.exposure.contains { $0.materialID == "lithium" && $0.status == .contested })
  }

  @Test("at least one sourced scenario is computed; the 65 % check covers lithium")
  func scenariosAndArticle5() throws {
    let result = try Self.result()
    #expect(result.scenarios.contains { $0.ukraineShareAfter != nil })
    let lithium = try #require(
      result.article5.first {
        $0.check == "diversification" && $0.materialID == "lithium" && $0.stage == .processing
      })
    #expect(lithium.largestThirdCountry == "CHL")
    #expect(lithium.largestThirdCountrySharePct == 79)
    #expect(lithium.breach == true)
  }

  @Test("figures that map to nothing are listed, not dropped")
  func unmapped() throws {
    let result = try Self.result()
    #expect(result.unmapped.contains { $0.record == "HS 85051190" })
    #expect(result.figures.contains { $0.status == "unconvertible" && !$0.note.isEmpty })
  }
}
