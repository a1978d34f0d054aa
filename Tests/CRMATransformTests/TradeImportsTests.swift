import CRMAIngest
import CRMAReport
import CRMATestSupport
import CRMATransform
import Foundation
import Logging
import Testing

/// A trade extract's aggregate added to a copy of data/ as `trade_imports` (SYNTHETIC values,
/// for this test only) flows into the transform tables, the Article 5 checks and the reports.
@Suite("Trade imports in the data package")
struct TradeImportsTests {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  static func fixture() throws -> DataFixture {
    let fixture = try DataFixture()
    try fixture.write(
      "trade_imports.csv",
      """
      material_id,stage,year,partner,value,net_mass_kg,rows,source_id
      lithium,processing,2024,CL,700,70,3,eu-critical-raw-material-data
      lithium,processing,2024,CN,200,20,2,eu-critical-raw-material-data
      lithium,processing,2024,UA,100,,1,eu-critical-raw-material-data
      lithium,processing,2024,DE,5000,500,9,eu-critical-raw-material-data

      """)
    let path = "\(fixture.path)/datapackage.json"
    var package =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    var resources = package["resources"] as! [[String: Any]]
    resources.append([
      "name": "trade_imports", "path": "trade_imports.csv", "description": "SYNTHETIC test values",
      "schema": [
        "fields": [
          ["name": "material_id", "type": "string"], ["name": "stage", "type": "string"],
          ["name": "year", "type": "integer"],
          ["name": "partner", "type": "string"], ["name": "value", "type": "number"],
          ["name": "net_mass_kg", "type": "number"],
          ["name": "rows", "type": "integer"], ["name": "source_id", "type": "string"],
        ],
        "primaryKey": ["material_id", "stage", "year", "partner"],
        "foreignKeys": [
          ["fields": ["material_id"], "reference": ["resource": "materials", "fields": ["material_id"]]],
          ["fields": ["source_id"], "reference": ["resource": "sources", "fields": ["source_id"]]],
        ],
      ],
    ])
    package["resources"] = resources
    try JSONSerialization.data(withJSONObject: package).write(to: URL(fileURLWithPath: path))
    return fixture
  }

  @Test("shares of extra-EU imports, the 65 % check on imports, and a report section")
  func flows() throws {
    let fixture = try Self.fixture()
    defer { fixture.remove() }
    let ingest = try IngestStage.run(directory: fixture.path, logger: Self.logger)
    #expect(ingest.problems.map(\.description) == [])
    let result = TransformStage.run(try TransformInput(ingest: ingest), logger: Self.logger)
    let chile = try #require(result.trade.first { $0.partner == "CL" })
    #expect(chile.partnerISO3 == "CHL")
    #expect(chile.shareOfExtraEU == 0.7)
    #expect(chile.rank == 1)
    #expect(result.trade.first { $0.partner == "DE" }?.shareOfExtraEU == nil)
    #expect(result.trade.first { $0.partner == "UA" }?.shareOfExtraEU == 0.1)
    // Article 5 on imports comes per product group, from the by-product table (synthetic values).
    var input = try TransformInput(ingest: ingest)
    input.tradeImportsByProduct = [
      .init(productCode: "28369100", year: 2024, partner: "CL", value: 70),
      .init(productCode: "28369100", year: 2024, partner: "UA", value: 10),
      .init(productCode: "28369100", year: 2024, partner: "XS", value: 20),
      .init(productCode: "28369100", year: 2024, partner: "EL", value: 500),
      .init(productCode: "28369100", year: 2024, partner: "QX", value: 300),
    ]
    input.tradePartnerCodes = [
      "EL": .init(code: "EL", kind: .country, iso3: "GRC", name: "Greece", isEUMember: true),
      "XS": .init(code: "XS", kind: .country, iso3: "SRB", name: "Serbia"),
      "QX": .init(code: "QX", kind: .confidential, iso3: nil, name: "Confidential"),
    ]
    let byProduct = TransformStage.run(input, logger: Self.logger)
    let check = try #require(byProduct.article5.first { $0.check == "diversification-imports" })
    #expect(check.largestThirdCountry == "CHL")
    #expect(check.largestThirdCountrySharePct == 70)
    #expect(check.breach == true)
    #expect(check.ukraineSharePct == 10)
    #expect(check.materialLabel == "Lithium carbonate (CN 2836 91 00), imports 2024, by value")
    let serbia = try #require(byProduct.tradeProducts.first { $0.partner == "XS" })
    #expect(serbia.partnerISO3 == "SRB")
    #expect(serbia.rank == 2)
    #expect(byProduct.tradeProducts.first { $0.partner == "EL" }?.partnerKind == .euMember)
    #expect(byProduct.tradeProducts.first { $0.partner == "QX" }?.partnerKind == .confidential)
    #expect(byProduct.tradeProducts.first { $0.partner == "QX" }?.rank == nil)

    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    _ = try TransformOutput.write(byProduct, passingThrough: ingest, to: folder.path, logger: Self.logger)
    let (data, problems) = try ReportData.load(directory: folder.path, logger: Self.logger)
    #expect(problems.isEmpty)
    let files = ReportStage.render(data, logger: Self.logger)
    let lithium = try #require(files["lithium.md"])
    #expect(lithium.contains("## EU imports by partner, 2024 (trade statistics)"))
    #expect(lithium.contains("### Lithium carbonate (CN 2836 91 00)"))
    #expect(lithium.contains("| 2024 |"))
    #expect(lithium.contains("Chile"))
    #expect(files["titanium.md"]?.contains("EU imports by partner") == false)
  }
}
