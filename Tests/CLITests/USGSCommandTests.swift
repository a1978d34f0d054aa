import CRMATestSupport
import Foundation
import Testing

/// `crma usgs` and the USGS files inside `crma ingest`: exit codes, messages, drop-in editions.
@Suite("crma usgs: publisher files, hashes and broken variants")
struct USGSCommandTests {
  static let lithium2023 = "publishers/usgs-mcs/2023/mcs2023-lithi_world.csv"
  static let lithium2024 = "publishers/usgs-mcs/2024/mcs2024-lithi_world.csv"
  static let long2026 = "publishers/usgs-mcs/2026/mcs2026_sample.csv"

  /// The package descriptor of a fixture as JSON objects.
  static func descriptor(_ fixture: DataFixture) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: "\(fixture.path)/datapackage.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func write(_ descriptor: [String: Any], to fixture: DataFixture) throws {
    let data = try JSONSerialization.data(withJSONObject: descriptor, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: "\(fixture.path)/datapackage.json"))
  }

  /// Changes a resource's descriptor in place.
  static func editResource(_ fixture: DataFixture, path: String, _ change: (inout [String: Any]) -> Void)
    throws
  {
    var descriptor = try Self.descriptor(fixture)
    var resources = try #require(descriptor["resources"] as? [[String: Any]])
    let index = try #require(resources.firstIndex { $0["path"] as? String == path })
    change(&resources[index])
    descriptor["resources"] = resources
    try write(descriptor, to: fixture)
  }

  static func sha256(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: output, as: UTF8.self).prefix(64))
  }

  /// Rewrites a publisher file and records its new size and hash, as a maintainer adding a
  /// corrected file would: the hash check passes and the reader meets the change.
  static func replaceFile(_ fixture: DataFixture, _ path: String, _ change: (String) -> String) throws {
    let full = "\(fixture.path)/\(path)"
    let text = try String(contentsOfFile: full, encoding: .utf8)
    try change(text).write(toFile: full, atomically: true, encoding: .utf8)
    let hash = try sha256(full)
    let size = try #require(try FileManager.default.attributesOfItem(atPath: full)[.size] as? Int)
    try editResource(fixture, path: path) { resource in
      resource["hash"] = "sha256:\(hash)"
      resource["bytes"] = size
    }
  }

  @Test("crma usgs writes the rows of every shipped file and counts them")
  func shipped() throws {
    let out = try TemporaryDirectory()
    defer { out.remove() }
    let result = try CommandRunner.run(["usgs", "--data", Repository.dataDirectory, "--out", out.path])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasSuffix("826 rows from 13 files\n"))
    #expect(result.standardOutput.contains("mcs2026_sample.csv: 135 rows"))
    let csv = try String(contentsOfFile: "\(out.path)/usgs_production_reserves.csv", encoding: .utf8)
    #expect(
      csv.hasPrefix(
        "edition,product,country,year,measure,value,unit,flag,qualifier,note,source_id,original_url\n"))
    #expect(csv.split(separator: "\n").count == 827)
  }

  @Test("a publisher file whose hash no longer matches: exit 65 naming the file and both hashes")
  func hashMismatch() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let recorded = try Self.sha256("\(fixture.path)/\(Self.lithium2023)")
    let handle = try #require(FileHandle(forWritingAtPath: "\(fixture.path)/\(Self.lithium2023)"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("MCS2023,Chile,x,1,1,,1,\r\n".utf8))
    try handle.close()
    try Self.editResource(fixture, path: Self.lithium2023) { $0["bytes"] = nil }
    let found = try Self.sha256("\(fixture.path)/\(Self.lithium2023)")
    for command in [
      ["ingest", "--out", "\(fixture.path)/out"], ["usgs", "--out", "\(fixture.path)/usgs"], ["validate"],
    ] {
      let result = try CommandRunner.run(command + ["--data", fixture.path])
      #expect(result.status == 65, "\(command[0])")
      #expect(
        result.standardError.contains(
          "\(fixture.path)/\(Self.lithium2023): SHA-256 is \(found), the package records \(recorded)"),
        "\(result.standardError)")
    }
    #expect(!FileManager.default.fileExists(atPath: "\(fixture.path)/out"))
  }

  @Test("a wrong encoding declaration (the windows-1252 MCS 2026 file declared utf-8): exit 65 with the line")
  func wrongEncoding() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try Self.editResource(fixture, path: Self.long2026) { $0["encoding"] = "utf-8" }
    let result = try CommandRunner.run(["usgs", "--data", fixture.path, "--out", "\(fixture.path)/usgs"])
    #expect(result.status == 65)
    #expect(
      result.standardError.hasPrefix(
        "\(fixture.path)/\(Self.long2026):2: bytes that are not UTF-8 on line 2, but the resource declares utf-8"
      ))
  }

  @Test("a glued footnote on an unknown country: exit 65 naming file and line")
  func unknownCountry() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try Self.replaceFile(fixture, Self.lithium2024) { $0.replacing("Other countries6", with: "Atlantis6") }
    let result = try CommandRunner.run(["ingest", "--data", fixture.path, "--out", "\(fixture.path)/out"])
    #expect(result.status == 65)
    #expect(
      result.standardError
        == "\(fixture.path)/\(Self.lithium2024):11: \"Atlantis6\" maps to no country in countries.csv (add the USGS spelling to name_variants)\n"
    )
  }

  @Test("a value 1,2,3: exit 65 naming file, line and column")
  func badValue() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try Self.replaceFile(fixture, Self.lithium2023) { $0.replacing("\"1,700\"", with: "\"1,2,3\"") }
    let result = try CommandRunner.run(["usgs", "--data", fixture.path, "--out", "\(fixture.path)/usgs"])
    #expect(result.status == 65)
    #expect(
      result.standardError
        == "\(fixture.path)/\(Self.lithium2023):5: Prod_t_2021: \"1,2,3\" is not a number or a USGS marker (W, NA, —, XX, >, <, e)\n"
    )
  }

  /// A new edition's file in its folder, declared like the others.
  static func dropIn(_ fixture: DataFixture, header: String? = nil) throws -> String {
    let path = "publishers/usgs-mcs/2027/mcs2027-lithi_world.csv"
    try FileManager.default.createDirectory(
      atPath: "\(fixture.path)/publishers/usgs-mcs/2027", withIntermediateDirectories: true)
    var text = try String(contentsOfFile: "\(fixture.path)/\(lithium2024)", encoding: .utf8)
      .replacing("MCS2024", with: "MCS2027").replacing("_2022", with: "_2025").replacing(
        "_2023", with: "_2026")
    if let header { text = text.replacing("Reserves_t,", with: header) }
    try text.write(toFile: "\(fixture.path)/\(path)", atomically: true, encoding: .utf8)
    var descriptor = try Self.descriptor(fixture)
    var resources = try #require(descriptor["resources"] as? [[String: Any]])
    resources.append([
      "name": "usgs-mcs-2027-lithium-world", "type": "file", "path": path, "format": "csv",
      "encoding": "utf-8",
      "hash": "sha256:\(try sha256("\(fixture.path)/\(path)"))",
      "usgs": [
        "edition": "MCS 2027", "table": "world", "commodity": "lithium",
        "source_id": "usgs-mcs-2024-data-release",
      ],
    ])
    descriptor["resources"] = resources
    try write(descriptor, to: fixture)
    return path
  }

  @Test("a drop-in edition in a known layout is ingested with no code change")
  func dropInKnown() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    _ = try Self.dropIn(fixture)
    let result = try CommandRunner.run(["ingest", "--data", fixture.path, "--out", "\(fixture.path)/out"])
    #expect(result.status == 0, "\(result.standardError)")
    let table = try String(contentsOfFile: "\(fixture.path)/out/production_reserves.csv", encoding: .utf8)
    #expect(table.contains("MCS 2027,lithium-mine,BRA,2026,production,4900,t Li,estimated,"))
  }

  @Test("a drop-in edition in an unknown layout: exit 65, expected vs found, the previous outputs stay")
  func dropInUnknown() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let reports = "\(fixture.path)/reports"
    let build = "\(fixture.path)/build"
    let first = try CommandRunner.run(["run", "--data", fixture.path, "--build", build, "--reports", reports])
    #expect(first.status == 0, "\(first.standardError)")
    let before = try FileManager.default.contentsOfDirectory(atPath: reports).sorted()
    let summary = try Data(contentsOf: URL(fileURLWithPath: "\(reports)/summary.md"))
    let path = try Self.dropIn(fixture, header: "Reserves_tonnes,")
    let second = try CommandRunner.run([
      "run", "--data", fixture.path, "--build", build, "--reports", reports,
    ])
    #expect(second.status == 65)
    #expect(
      second.standardError.contains(
        "\(fixture.path)/\(path):1: Reserves_tonnes: column 7 \"Reserves_tonnes\""))
    #expect(second.standardError.contains("expected one of the known USGS layouts"))
    #expect(second.standardError.contains("found: \"Source\", \"Country\", \"Type\", \"Prod_t_2025\""))
    #expect(try FileManager.default.contentsOfDirectory(atPath: reports).sorted() == before)
    #expect(try Data(contentsOf: URL(fileURLWithPath: "\(reports)/summary.md")) == summary)
  }
}
