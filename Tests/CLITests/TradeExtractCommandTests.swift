import CRMATestSupport
import Foundation
import Testing

/// The Comext extract shipped in data/ (Eurostat's figures, byte-identical): read by `crma trade`
/// and by the ingest stage's trade step.
@Suite("The shipped Comext extract")
struct TradeExtractCommandTests {
  static let extract = "eu_comext_critical_inputs_cn8_2022_2024.csv"

  @Test("crma trade --preset comext reads it: value only, EU partners out, Ukraine 5th in titanium ores 2022")
  func shippedExtract() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let result = try CommandRunner.run([
      "trade", "\(Repository.dataDirectory)/\(Self.extract)", "--preset", "comext", "--data",
      Repository.dataDirectory, "--out", "\(folder.path)/out",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("26538 rows read; 8584 imports added"))
    #expect(result.standardOutput.contains("no net mass in the file: every share is a share of value"))
    #expect(result.standardOutput.contains("0 not in the commodity map"))
    let shares = try folder.read("out/shares.csv")
    #expect(shares.contains("titanium,extraction,2022,ZA,third-country,extra-EU imports,0.217171,,1,false"))
    #expect(shares.contains("titanium,extraction,2022,UA,third-country,extra-EU imports,0.104708,,5,"))
    #expect(shares.contains("titanium,extraction,2024,UA,third-country,extra-EU imports,0.065392,,6,"))
    let byProduct = try folder.read("out/by_product.csv")
    #expect(byProduct.contains("lithium,processing,28369100,2022,CL,268131457,,"))
  }

  @Test("the ingest stage builds trade_imports from it; a changed byte is refused by its hash (65)")
  func ingestAndHash() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let out = "\(fixture.path)-ingest"
    defer { try? FileManager.default.removeItem(atPath: out) }
    let good = try CommandRunner.run(["ingest", "--data", fixture.path, "--out", out])
    #expect(good.status == 0, "\(good.standardError)")
    let imports = try String(contentsOfFile: "\(out)/trade_imports.csv", encoding: .utf8)
    #expect(imports.contains("titanium,extraction,2022,UA,77601225.844,,"))
    let byProduct = try String(contentsOfFile: "\(out)/trade_imports_by_product.csv", encoding: .utf8)
    #expect(byProduct.contains("titanium,extraction,26140000,2022,UA,77601225.844,,"))
    // One value changed, the file's length kept: only the hash can tell. (The file's lines end in
    // CRLF, one grapheme for String, so the bytes are edited.)
    let path = "\(fixture.path)/\(Self.extract)"
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let needle = Array("AT,AE,25041000,1,2022,16413".utf8)
    let start = try #require(bytes.indices.first { bytes[$0...].starts(with: needle) })
    bytes[start + needle.count - 1] = UInt8(ascii: "4")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let changed = try CommandRunner.run(["ingest", "--data", fixture.path, "--out", out])
    #expect(changed.status == 65)
    #expect(changed.standardError.contains(Self.extract))
    #expect(changed.standardError.contains("SHA-256"))
  }

  @Test("a code of the extract that neither maps nor is listed as unmapped is refused, naming it")
  func unlistedCode() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let out = "\(fixture.path)-ingest"
    defer { try? FileManager.default.removeItem(atPath: out) }
    let map = try String(contentsOfFile: "\(fixture.path)/commodity_map.csv", encoding: .utf8)
    try fixture.write(
      "commodity_map.csv",
      map.components(separatedBy: "\n").filter { !$0.hasPrefix("CN 81019400,") }.joined(separator: "\n"))
    let result = try CommandRunner.run(["ingest", "--data", fixture.path, "--out", out])
    #expect(result.status == 65)
    #expect(result.standardError.contains("81019400 neither map"))
  }
}
