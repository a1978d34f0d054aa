import CRMATestSupport
import CRMATrade
import CSVStream
import Foundation
import Logging
import Testing

/// What real Comext files contain, on small synthetic extracts (values made up, for tests only).
@Suite("Trade extracts as Comext publishes them")
struct RealFileTests {
  static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
  static let crosswalk = ProductCrosswalk(codes: [
    ("28369100", "lithium", "processing"), ("26140000", "titanium", "extraction"),
  ])
  static let partners = PartnerCodes([
    "CL": .init(kind: .thirdCountry, iso3: "CHL"), "UA": .init(kind: .thirdCountry, iso3: "UKR"),
    "DE": .init(kind: .euMember, iso3: "DEU"), "EL": .init(kind: .euMember, iso3: "GRC"),
    "GR": .init(kind: .euMember, iso3: "GRC"), "XS": .init(kind: .thirdCountry, iso3: "SRB"),
    "QX": .init(kind: .confidential, iso3: nil), "QU": .init(kind: .notACountry, iso3: nil),
  ])
  static let oldHeader = "DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD,VALUE_IN_EUROS"

  func run(_ text: String, columns: TradeColumns = .comext, options: TradeIngest.Options = .init()) throws
    -> TradeResult
  {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write("x.csv", text)
    return try TradeIngest.run(
      path: path, columns: columns, crosswalk: Self.crosswalk, partners: Self.partners, options: options,
      logger: Self.logger)
  }

  func shares(_ result: TradeResult) -> String { String(decoding: result.sharesCSV(), as: UTF8.self) }

  @Test("a value-only extract with the older Comext header names: shares of value, mass left empty")
  func valueOnlyOldHeaders() throws {
    let result = try run(
      "\(Self.oldHeader)\nAT,CL,28369100,1,2022,300\nAT,UA,28369100,1,2022,100\nDE,CL,28369100,1,2022,0.5\n")
    #expect(result.tally.rowsAdded == 3)
    let aggregate = String(decoding: result.aggregateCSV(), as: UTF8.self)
    #expect(aggregate.contains("lithium,processing,2022,CL,300.5,,2,2"))
    #expect(
      shares(result).contains("lithium,processing,2022,CL,third-country,extra-EU imports,0.750312,,1,true"))
    #expect(result.summary().contains("no net mass in the file: every share is a share of value"))
  }

  @Test(
    "the current bulk layout's names work with the same preset; a missing role names the headers and the fix")
  func headerNames() throws {
    let current = try run(
      "REPORTER,PARTNER,PRODUCT_NC,FLOW,PERIOD,VALUE_EUR,QUANTITY_KG\nDE,CL,28369100,1,202252,10,2\n")
    #expect(current.rows.first?.mass == 2 * FixedPoint.scale)
    #expect(current.rows.first?.year == 2022)
    do {
      _ = try run("DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD\nDE,CL,28369100,1,2022\n")
      Issue.record("a file without a value column was read")
    } catch let error as TradeError {
      #expect(error.kind == .columns)
      #expect(error.message.contains("value (\"VALUE_EUR\" or \"VALUE_IN_EUROS\")"))
      #expect(error.message.contains("its headers are \"DECLARANT_ISO\", \"PARTNER_ISO\""))
      #expect(error.message.contains("--column value=HEADER"))
    }
  }

  @Test("annual (YYYY52) and monthly (YYYYMM) rows of one year are an error, never added together")
  func annualAndMonthly() throws {
    let header = "REPORTER,PARTNER,PRODUCT_NC,FLOW,PERIOD,VALUE_EUR\n"
    #expect(throws: TradeError.self) {
      try run(header + "DE,CL,28369100,1,202352,120\nDE,CL,28369100,1,202301,10\n")
    }
    do {
      _ = try run(header + "DE,CL,28369100,1,202352,120\nDE,CL,28369100,1,202301,10\n")
    } catch let error as TradeError {
      #expect(error.kind == .periods)
      #expect(error.message.contains("2023"))
    }
    // Monthly rows alone add up to their year, and say so; other years may be annual.
    let months = try run(
      header + "DE,CL,28369100,1,202301,10\nDE,CL,28369100,1,202302,5\nDE,CL,28369100,1,2022,7\n")
    #expect(months.rows.map(\.value) == [7 * FixedPoint.scale, 15 * FixedPoint.scale])
    #expect(months.rows.map(\.fromMonths) == [false, true])
    let bad = try run(
      header + "DE,CL,28369100,1,202313,10\nDE,CL,28369100,1,20231,10\n",
      options: .init(maximumBadFraction: 1))
    #expect(bad.tally.badRows == 2)
    #expect(bad.tally.firstBadRows.first?.message.contains("YYYY52") == true)
  }

  @Test("EU partners (EL and GR too) are not ranked; confidential and not-a-country codes are counted apart")
  func partnerKinds() throws {
    let result = try run(
      "\(Self.oldHeader)\nDE,EL,28369100,1,2024,1000\nFR,GR,28369100,1,2024,1000\nFR,DE,28369100,1,2024,1000\n"
        + "FR,QX,28369100,1,2024,500\nFR,QU,28369100,1,2024,500\nFR,CL,28369100,1,2024,30\nFR,XS,28369100,1,2024,10\n"
    )
    let text = shares(result)
    #expect(text.contains("lithium,processing,2024,CL,third-country,extra-EU imports,0.750000,,1,true"))
    #expect(text.contains("lithium,processing,2024,XS,third-country,extra-EU imports,0.250000,,2,"))
    for code in ["EL", "GR", "DE"] {
      #expect(text.contains("lithium,processing,2024,\(code),eu-member,extra-EU imports,,,,"))
    }
    #expect(text.contains("lithium,processing,2024,QX,confidential,extra-EU imports,,,,"))
    #expect(text.contains("lithium,processing,2024,QU,not-a-country,extra-EU imports,,,,"))
    #expect(result.summary().contains("1 confidential"))
  }

  @Test("a code outside the crosswalk is counted and listed, a documented exclusion as such")
  func outsideCodes() throws {
    let result = try run(
      "\(Self.oldHeader)\nDE,CL,28369100,1,2024,10\nDE,CL,85051190,1,2024,10\nDE,CL,81019400,1,2024,1\n")
    #expect(result.tally.rowsOutOfScope == 2)
    #expect(result.outsideCodes.map(\.code) == ["81019400", "85051190"])
    #expect(result.outsideCodes.allSatisfy { $0.exclusion == nil })
    #expect(result.summary().contains("2 not in the commodity map (81019400 85051190)"))
    #expect(result.summary(codeListLimit: 1).contains("2 not in the commodity map (81019400 … and 1 more)"))
    #expect(
      String(decoding: result.outsideCSV(), as: UTF8.self)
        == "product_code,rows,exclusion_note\n81019400,1,\n85051190,1,\n")
  }

  @Test("a UTF-8 byte-order mark and CRLF line ends read like the plain file")
  func bomAndCRLF() throws {
    let plain = "\(Self.oldHeader)\nDE,CL,28369100,1,2024,10\nDE,UA,26140000,1,2024,4.5\n"
    let crlf = "\u{FEFF}" + plain.replacingOccurrences(of: "\n", with: "\r\n")
    let one = try run(plain)
    let other = try run(crlf)
    #expect(other.rows == one.rows)
    #expect(other.tally.badRows == 0)
    #expect(other.rows.count == 2)
  }

  @Test("too-large sums are an error naming the group, never a trap")
  func overflow() throws {
    let big = String(repeating: "9", count: 30)
    var text = "\(Self.oldHeader)\n"
    for _ in 0..<200 { text += "DE,CL,28369100,1,2024,\(big)\n" }
    do {
      _ = try run(text)
      Issue.record("200 values of 30 digits were added")
    } catch let error as TradeError {
      #expect(error.kind == .overflow)
      #expect(error.message.contains("lithium, processing"))
      #expect(error.message.contains("partner CL, 2024"))
    }
  }

  @Test("negative values and masses are bad rows, never summed")
  func negatives() throws {
    let result = try run(
      "REPORTER,PARTNER,PRODUCT_NC,FLOW,PERIOD,VALUE_EUR,QUANTITY_KG\nDE,CL,28369100,1,2024,-5,1\n"
        + "DE,CL,28369100,1,2024,5,-1\nDE,CL,28369100,1,2024,-0,0\nDE,CL,28369100,1,2024,10,2\n",
      options: .init(maximumBadFraction: 1))
    #expect(result.tally.badRows == 2)
    #expect(result.tally.firstBadRows.map(\.message) == ["value -5 is negative", "net mass -1 is negative"])
    #expect(result.rows.first?.value == 10 * FixedPoint.scale)
  }

  @Test("flow values of any length compare exactly: Re-Import is not Re-Export, nor a prefix")
  func longFlows() throws {
    var columns = TradeColumns.comext
    columns.importFlows = ["Re-Import"]
    let result = try run(
      "\(Self.oldHeader)\nDE,CL,28369100,Re-Import,2024,10\nDE,CL,28369100,Re-Export,2024,99\n"
        + "DE,CL,28369100,Re-Import-X,2024,99\nDE,CL,28369100,Re-Impor,2024,99\nDE,CL,28369100,1,2024,99\n",
      columns: columns)
    #expect(result.tally.rowsAdded == 1)
    #expect(result.tally.rowsOtherFlow == 4)
    #expect(result.rows.first?.value == 10 * FixedPoint.scale)
  }
}
