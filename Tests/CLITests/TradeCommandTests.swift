import CRMATestSupport
import Foundation
import Testing

@Suite("crma trade: outputs and exit codes")
struct TradeCommandTests {
  static let mapping = [
    "--column", "reporter=reporter", "--column", "partner=partner", "--column", "product=hs_code", "--column",
    "flow=flow",
    "--column", "period=period", "--column", "value=value_eur", "--column", "mass=quantity_kg",
  ]

  @Test("writes aggregate.csv and shares.csv through the data package's crosswalk")
  func outputs() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(
      "t.csv",
      "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\nDE,CN,25309040,1,202401,100,5,\"spodumene, synthetic\"\nDE,UA,81082000,1,202401,40,1,sponge\n"
    )
    let result = try CommandRunner.run(
      ["trade", file, "--data", Repository.dataDirectory, "--out", "\(folder.path)/out"] + Self.mapping)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("2 rows read; 2 imports added"))
    let aggregate = try folder.read("out/aggregate.csv")
    #expect(aggregate.contains("lithium,extraction,2024,CN,100,5,1,0"))
    #expect(aggregate.contains("titanium-metal,metal,2024,UA,40,1,1,0"))
    #expect(FileManager.default.fileExists(atPath: "\(folder.path)/out/shares.csv"))
  }

  @Test("too many bad rows exit 65 with their lines; a missing file 66; no layout 64")
  func codes() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write(
      "b.csv",
      "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\nDE,CN,25309040,1,202401,x,5,bad\n"
    )
    let bad = try CommandRunner.run(
      ["trade", file, "--data", Repository.dataDirectory, "--out", "\(folder.path)/out"] + Self.mapping)
    #expect(bad.status == 65)
    #expect(bad.standardError.contains("\(file):2: value \"x\" is not a number"))
    let missing = try CommandRunner.run(
      ["trade", "/nonexistent/t.csv", "--data", Repository.dataDirectory] + Self.mapping)
    #expect(missing.status == 66)
    #expect(try CommandRunner.run(["trade", file]).status == 64)
    let wrongPreset = try CommandRunner.run([
      "trade", file, "--preset", "comext", "--data", Repository.dataDirectory, "--out", "\(folder.path)/out2",
    ])
    #expect(wrongPreset.status == 65)
    #expect(wrongPreset.standardError.contains("no column for"))
  }

  @Test("a sum too large to add exactly is exit 65 naming the group, never a trap (132)")
  func overflow() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var text = "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n"
    for _ in 0..<200 { text += "DE,CN,25309040,1,202401,\(String(repeating: "9", count: 30)),1,x\n" }
    let file = try folder.write("o.csv", text)
    let result = try CommandRunner.run(
      ["trade", file, "--data", Repository.dataDirectory, "--out", "\(folder.path)/out"] + Self.mapping)
    #expect(result.status == 65)
    #expect(result.standardError.contains("lithium, extraction"))
    #expect(result.standardError.contains("partner CN, 2024"))
    #expect(result.standardError.contains("too large to add exactly"))
  }
}
