import CRMATestSupport
import Foundation
import Testing

@Suite("crma validate and crma ingest: exit codes and outputs")
struct ValidateCommandTests {
  @Test("validate passes on data/ and prints a summary")
  func valid() throws {
    let result = try CommandRunner.run(["validate", "--data", Repository.dataDirectory])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("26 resources"))  // 24 tables and the 2 the trade step builds
    #expect(result.standardOutput.hasSuffix(" 0 problems\n"))
  }

  @Test("bad data exits 65 with FILE:LINE: column: message")
  func badData() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("supply_shares.csv", line: 2, column: 6, to: "abc")
    let result = try CommandRunner.run(["validate", "--data", fixture.path])
    #expect(result.status == 65)
    #expect(
      result.standardError == "\(fixture.path)/supply_shares.csv:2: share_pct: \"abc\" is not a number\n")
  }

  @Test("a missing file exits 66, an invalid descriptor 78, a missing folder 66")
  func codes() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.remove("events.csv")
    #expect(try CommandRunner.run(["validate", "--data", fixture.path]).status == 66)
    try fixture.write("datapackage.json", "[]")
    #expect(try CommandRunner.run(["validate", "--data", fixture.path]).status == 78)
    #expect(try CommandRunner.run(["validate", "--data", "/nonexistent/crma"]).status == 66)
  }

  @Test(
    "ingest writes normalised tables and a descriptor, byte-identical across runs, readable by frictionless")
  func ingestOutputs() throws {
    let out = try TemporaryDirectory()
    defer { out.remove() }
    let first = try CommandRunner.run([
      "ingest", "--data", Repository.dataDirectory, "--out", "\(out.path)/a",
    ])
    let second = try CommandRunner.run([
      "ingest", "--data", Repository.dataDirectory, "--out", "\(out.path)/b",
    ])
    #expect(first.status == 0)
    #expect(second.status == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: "\(out.path)/a").sorted()
    #expect(files.count == 29)  // 24 tables, the 2 trade tables, datapackage.json, the stage record and the crma marker
    for file in files {
      let a = try Data(contentsOf: URL(fileURLWithPath: "\(out.path)/a/\(file)"))
      let b = try Data(contentsOf: URL(fileURLWithPath: "\(out.path)/b/\(file)"))
      #expect(a == b, "\(file) differs between runs")
    }
    #expect(try out.read("a/supply_shares.csv").hasPrefix("assessment_year,scope,material_id,"))
    if let status = try Frictionless.validate("\(out.path)/a/datapackage.json") {
      #expect(status == 0)
    }
  }

  @Test("ingest of bad data writes nothing and keeps earlier outputs")
  func ingestKeepsOutputs() throws {
    let out = try TemporaryDirectory()
    defer { out.remove() }
    #expect(
      try CommandRunner.run(["ingest", "--data", Repository.dataDirectory, "--out", out.path]).status == 0)
    let before = try out.read("supply_shares.csv")
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("supply_shares.csv", line: 2, column: 6, to: "abc")
    #expect(try CommandRunner.run(["ingest", "--data", fixture.path, "--out", out.path]).status == 65)
    #expect(try out.read("supply_shares.csv") == before)
  }

  @Test("an output folder that cannot be created exits 73")
  func unwritable() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    try folder.write("file", "not a folder")
    let result = try CommandRunner.run([
      "ingest", "--data", Repository.dataDirectory, "--out", "\(folder.path)/file/out",
    ])
    #expect(result.status == 73)
  }
}

@Suite("crma transform")
struct TransformCommandTests {
  @Test("writes every table and a descriptor frictionless accepts, byte-identical across runs")
  func outputs() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    #expect(
      try CommandRunner.run(["ingest", "--data", Repository.dataDirectory, "--out", "\(folder.path)/ingest"])
        .status == 0)
    for run in ["a", "b"] {
      let result = try CommandRunner.run([
        "transform", "--in", "\(folder.path)/ingest", "--out", "\(folder.path)/\(run)",
      ])
      #expect(result.status == 0, "\(result.standardError)")
    }
    for table in [
      "mapping", "unmapped", "figures", "reconciled", "shares", "concentration", "supply_risk", "article5",
      "exposure", "exposure_deposits", "scenarios",
    ] {
      #expect(try folder.read("a/\(table).csv") == folder.read("b/\(table).csv"), "\(table)")
    }
    #expect(try folder.read("a/datapackage.json") == folder.read("b/datapackage.json"))
    if let status = try Frictionless.validate("\(folder.path)/a/datapackage.json") { #expect(status == 0) }
  }

  @Test("a missing input folder exits 66")
  func missingInput() throws {
    #expect(
      try CommandRunner.run(["transform", "--in", "/nonexistent/ingest", "--out", "/tmp/x"]).status == 66)
  }
}

@Suite("crma report")
struct ReportCommandTests {
  @Test("--stdout prints one report as plain text, without colour when not on a terminal")
  func stdout() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    #expect(
      try CommandRunner.run(["ingest", "--data", Repository.dataDirectory, "--out", "\(folder.path)/ingest"])
        .status == 0)
    #expect(
      try CommandRunner.run([
        "transform", "--in", "\(folder.path)/ingest", "--out", "\(folder.path)/transform",
      ]).status == 0)
    let result = try CommandRunner.run(
      ["report", "--in", "\(folder.path)/transform", "--stdout", "titanium"], environment: ["COLUMNS": "72"])
    #expect(result.status == 0)
    #expect(result.standardOutput.hasPrefix("Titanium: Ukraine and the EU Critical Raw Materials Act\n"))
    #expect(!result.standardOutput.contains("\u{1B}["))
    // Within the width, except a URL, which is never broken and stands on its own line.
    #expect(
      result.standardOutput.split(separator: "\n").allSatisfy {
        $0.count <= 72 || $0.trimmingPrefix(while: { $0 == " " }).hasPrefix("http")
      })
    #expect(
      try CommandRunner.run(["report", "--in", "\(folder.path)/transform", "--stdout", "cobalt"]).status == 64
    )
  }
}
