import CRMATestSupport
import CRMATrade
import CSVStream
import Logging
import Testing

/// Trade ingest on small hand-written extracts (synthetic values, for tests only).
@Suite("Trade extracts")
struct TradeTests {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
  static let crosswalk = ProductCrosswalk(codes: [
    ("25309040", "lithium", "extraction"), ("282520", "lithium", "processing"),
    ("2614", "titanium", "extraction"),
    ("810820", "titanium-metal", "metal"),
  ])
  static let columns = TradeColumns(
    headers: [
      .reporter: "reporter", .partner: "partner", .product: "hs_code", .flow: "flow", .period: "period",
      .value: "value_eur",
      .mass: "quantity_kg",
    ], importFlows: ["1"])

  /// A synthetic extract whose labels hold quoted commas, doubled quotes and line breaks.
  static func extract(rows: Int, seed: UInt64) -> String {
    var random = SeededRandom(seed: seed)
    let codes = ["25309040", "28252000", "26140000", "81082000", "99999999", "26149000"]
    let partners = ["CN", "UA", "US", "AU", "CL"]
    let labels = [
      "plain", "\"with, comma\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"three\nline\nlabel\"",
      "\"crlf\r\ninside\"",
    ]
    var text = "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n"
    for _ in 0..<rows {
      let mass =
        Int.random(in: 0..<10, using: &random) == 0
        ? "" : "\(Int.random(in: 0...99999, using: &random)).\(Int.random(in: 0...999, using: &random))"
      text +=
        "DE,\(partners.randomElement(using: &random)!),\(codes.randomElement(using: &random)!),\(Int.random(in: 1...2, using: &random)),"
      text +=
        "20\(Int.random(in: 15...24, using: &random))0\(Int.random(in: 1...9, using: &random)),\(Int.random(in: 0...1_000_000, using: &random)),\(mass),"
      text += labels.randomElement(using: &random)! + "\n"
    }
    return text
  }

  @Test(
    "split into parts gives the same totals as one parser, quoted line breaks at and near the cuts",
    arguments: [1, 2, 3, 7, 11])
  func splitInvariance(seed: UInt64) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write("t.csv", Self.extract(rows: 400, seed: seed))
    let single = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk, options: .init(workers: 1),
      logger: Self.logger)
    for workers in [2, 3, 4, 8] {
      for minimum in [16, 64, 500, 1000] {
        let parallel = try TradeIngest.run(
          path: path, columns: Self.columns, crosswalk: Self.crosswalk,
          options: .init(workers: workers, minimumPartBytes: minimum), logger: Self.logger)
        #expect(parallel.rows == single.rows, "workers \(workers), parts of \(minimum) bytes")
        #expect(parallel.tally.rowsRead == 400)
        #expect(parallel.aggregateCSV() == single.aggregateCSV())
        // The one-part fallback would hide a wrong cut: it must not have happened.
        #expect(parallel.rereadsInOnePart == 0, "workers \(workers), parts of \(minimum) bytes")
      }
    }
  }

  @Test("bad rows in later parts are reported with their file lines")
  func badRowLinesAcrossParts() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var text = "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n"
    for index in 0..<200 {
      let value = index % 17 == 0 ? "bad" : "\(index)"
      text += "DE,CN,25309040,1,202401,\(value),1,\(index % 5 == 0 ? "\"multi\nline\"" : "plain")\n"
    }
    let path = try folder.write("l.csv", text)
    let options = { (workers: Int) in
      TradeIngest.Options(workers: workers, minimumPartBytes: 64, badRowListLimit: 100, maximumBadFraction: 1)
    }
    let single = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk, options: options(1), logger: Self.logger)
    let parallel = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk, options: options(5), logger: Self.logger)
    #expect(single.tally.badRows == 12)
    #expect(parallel.tally.firstBadRows == single.tally.firstBadRows)
  }

  @Test("every cut lands on a record boundary, even inside runs of quoted line breaks")
  func cutsOnBoundaries() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var text = "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n"
    for index in 0..<50 { text += "DE,CN,25309040,1,202401,\(index),1,\"a\n\n\nb\"\n" }
    let path = try folder.write("q.csv", text)
    let one = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk, options: .init(workers: 1),
      logger: Self.logger)
    let many = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk,
      options: .init(workers: 6, minimumPartBytes: 8), logger: Self.logger)
    #expect(many.rows == one.rows)
    #expect(many.rereadsInOnePart == 0)
    #expect(one.rows.first?.value == Int128((0..<50).reduce(0, +)) * FixedPoint.scale)
  }

  @Test("hand-computed totals and shares")
  func totals() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write(
      "h.csv",
      """
      reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label
      DE,CN,25309040,1,202401,100,10.5,x
      FR,CN,25309040,1,202405,50,,y
      DE,UA,25309099,1,202401,50,2,z
      DE,CN,25309040,2,202401,999,1,export
      DE,CN,12345678,1,202401,999,1,out of scope
      DE,AU,26141000,1,202312,7.25,1,ilmenite by HS4

      """)
    let result = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk, logger: Self.logger)
    #expect(result.tally.rowsRead == 6)
    #expect(result.tally.rowsAdded == 3)
    #expect(result.tally.rowsOtherFlow == 1)
    #expect(result.tally.rowsOutOfScope == 2)
    let cn = try #require(result.rows.first { $0.partner == "CN" })
    #expect(cn.value == 150 * FixedPoint.scale)
    #expect(cn.mass == 10_500_000)
    #expect(cn.rowsWithoutMass == 1)
    #expect(result.rows.first { $0.partner == "AU" }?.material == "titanium")
    let shares = String(decoding: result.sharesCSV(), as: UTF8.self)
    // One CN row has no mass: the share is of value only, the mass share stays empty.
    #expect(shares.contains("lithium,extraction,2024,CN,third-country,all imports,1.000000,,1,true"))
    #expect(shares.contains("titanium,extraction,2023,AU,third-country,all imports,1.000000,1.000000,1,true"))
  }

  @Test("rows come in text order: material, stage, product code, year, partner (shorter codes first)")
  func textOrder() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    // Partners and codes of different lengths, where numeric and text order differ.
    var text = "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n"
    for partner in ["UA", "A", "AB", "ABC", "B", "Z9", "CN"] {
      for code in ["26140000", "2614", "26141000", "261400", "25309040", "28252000", "81082000"] {
        for year in [2024, 2019, 2023] { text += "DE,\(partner),\(code),1,\(year),1,1,x\n" }
      }
    }
    let path = try folder.write("o.csv", text)
    let result = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk, logger: Self.logger)
    func inTextOrder(_ left: TradeResult.Row, _ right: TradeResult.Row) -> Bool {
      (left.material, left.stage, left.product, left.year, left.partner)
        < (right.material, right.stage, right.product, right.year, right.partner)
    }
    #expect(result.rows.count == 4 * 3 * 7)
    #expect(result.productRows.count == 7 * 3 * 7)
    #expect(result.rows == result.rows.sorted(by: inTextOrder))
    #expect(result.productRows == result.productRows.sorted(by: inTextOrder))
    #expect(result.productRows.prefix(3).map(\.partner) == ["A", "AB", "ABC"])
  }

  @Test("bad rows are counted and listed with lines; over the threshold the run fails")
  func badRows() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write(
      "b.csv",
      """
      reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label
      DE,CN,25309040,1,202401,100,1,ok
      DE,CN,25309040,1,202401,1O0,1,letter O
      DE,CN,2530904X,1,202401,1,1,bad code
      DE,CN,25309040,1,20XX01,1,1,bad period
      DE,CN,25309040,1,202401
      DE,CN,25309040,1,202401,5,1,ok

      """)
    let result = try TradeIngest.run(
      path: path, columns: Self.columns, crosswalk: Self.crosswalk, options: .init(maximumBadFraction: 1),
      logger: Self.logger)
    #expect(result.tally.badRows == 4)
    #expect(result.tally.firstBadRows.map(\.line) == [3, 4, 5, 6])
    #expect(result.tally.firstBadRows[0].message == "value \"1O0\" is not a number")
    #expect(result.tally.rowsAdded == 2)
    #expect(throws: TradeError.self) {
      try TradeIngest.run(
        path: path, columns: Self.columns, crosswalk: Self.crosswalk, options: .init(maximumBadFraction: 0.1),
        logger: Self.logger)
    }
  }

  @Test("the Comext preset reads a bulk-format sample")
  func comext() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write(
      "comext.csv",
      """
      REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT
      DE,CN,E,25309040,27899,0899,0899,220,111,05,1,1,NO_SU,202402,1200,1200,3000,0
      FR,UA,E,81082000,68912,2455,2455,220,111,15,1,1,NO_SU,202402,800,800,20,0
      DE,CN,E,25309040,27899,0899,0899,220,111,05,2,1,NO_SU,202402,999,999,1,0

      """)
    let result = try TradeIngest.run(
      path: path, columns: .comext, crosswalk: Self.crosswalk, logger: Self.logger)
    #expect(result.tally.rowsAdded == 2)
    #expect(result.rows.map(\.partner) == ["CN", "UA"])
    #expect(result.rows.map(\.year) == [2024, 2024])
  }

  @Test("the Comtrade preset reads an API-format sample")
  func comtrade() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let header =
      "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate"
    let row =
      "C,A,20230101,2023,52,2023,276,DEU,Germany,M,Import,156,CHN,China,0,W00,World,H6,HS,true,282520,\"Lithium oxide and hydroxide\",6,true,C00,TOTAL CPC,0,0,TOTAL MOT,8,kg,1000,false,-1,N/A,0,false,1000.5,false,0,false,52000,0,52000,0,true,false"
    let export =
      "C,A,20230101,2023,52,2023,276,DEU,Germany,X,Export,156,CHN,China,0,W00,World,H6,HS,true,282520,\"Lithium oxide and hydroxide\",6,true,C00,TOTAL CPC,0,0,TOTAL MOT,8,kg,1,false,-1,N/A,0,false,1,false,0,false,1,0,1,0,true,false"
    let path = try folder.write("comtrade.csv", header + "\n" + row + "\n" + export + "\n")
    let result = try TradeIngest.run(
      path: path, columns: .comtrade, crosswalk: Self.crosswalk, logger: Self.logger)
    #expect(result.tally.rowsAdded == 1)
    #expect(result.rows.first?.partner == "CHN")
    #expect(result.rows.first?.material == "lithium")
    #expect(result.rows.first?.stage == "processing")
    #expect(result.rows.first?.mass == 1_000_500_000)
  }

  @Test("a file without a column for a role is refused")
  func missingColumn() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write("m.csv", "reporter,partner\nDE,CN\n")
    #expect(throws: TradeError.self) {
      try TradeIngest.run(path: path, columns: Self.columns, crosswalk: Self.crosswalk, logger: Self.logger)
    }
  }

  @Test("fixed-point numbers are exact and locale-free")
  func fixedPoint() {
    func parse(_ text: String) -> Int128? { Array(text.utf8).withUnsafeBytes { FixedPoint.parse($0) } }
    #expect(parse("12.5") == 12_500_000)
    #expect(parse("-0.000001") == -1)
    #expect(parse("7") == 7_000_000)
    #expect(parse("1.2345670") == 1_234_567)
    #expect(parse("1.2345678") == nil)
    #expect(parse("1,5") == nil)
    #expect(parse("") == nil)
    #expect(
      parse("123456789012345678901234") == Int128(123_456_789_012_345_678) * 1_000_000 * 1_000_000 + 901_234
        * 1_000_000)
    // Every count of decimals, and the 18-digit fold into the high part.
    #expect(parse("0.5") == 500_000)
    #expect(parse("3.25") == 3_250_000)
    #expect(parse("3.125") == 3_125_000)
    #expect(parse("1.0625") == 1_062_500)
    #expect(parse("1.03125") == 1_031_250)
    #expect(parse("123.000000") == 123_000_000)
    #expect(parse("+4.") == 4_000_000)
    #expect(parse(".") == nil)
    #expect(parse("999999999999999999") == Int128(999_999_999_999_999_999) * 1_000_000)
    #expect(parse("-1000000000000000000.5") == -(Int128(1_000_000_000_000_000_000) * 1_000_000 + 500_000))
    let thirty = String(repeating: "9", count: 30)
    // At most 30 digits, decimals included: the largest values the parser takes.
    let tenTo18 = Int128(1_000_000_000_000_000_000)
    #expect(parse(thirty) == tenTo18 * tenTo18 - 1_000_000)
    #expect(parse(String(repeating: "9", count: 24) + ".999999") == tenTo18 * 1_000_000_000_000 - 1)
    #expect(parse(String(repeating: "9", count: 25) + ".999999") == nil)
    #expect(parse(thirty + "9") == nil)
    #expect(FixedPoint.text(12_500_000) == "12.5")
    #expect(FixedPoint.text(-1) == "-0.000001")
    #expect(FixedPoint.text(0) == "0")
    #expect(FixedPoint.text(7_000_000) == "7")
    #expect(FixedPoint.text(-7_050_000) == "-7.05")
    #expect(FixedPoint.text(100_000_010) == "100.00001")
    #expect(FixedPoint.text(.max) == "170141183460469231731687303715884.105727")
    #expect(FixedPoint.text(.min) == "-170141183460469231731687303715884.105728")
    #expect(FixedPoint.text(Int128(UInt64.max) * 1_000_000 + 5) == "18446744073709551615.000005")
  }
}
