import CRMATestSupport
import Foundation
import Testing

/// Numbers are total: what validate accepts every later stage accepts and renders; what a later
/// stage could not handle validate refuses first, naming the user's file, line and column.
@Suite("crma validate/run: extreme numbers", .serialized)
struct ExtremeNumbersCommandTests {
  /// Line 3 of production_reserves.csv: MCS 2026, rare-earths-mine, USA, 2025, production, 51000 —
  /// a figure rare-earths.md charts.
  static let line = 3
  static let valueColumn = 5

  /// Generated values (synthetic) outside crma's bound or not finite.
  static let refused = [
    "1e308", "-1e308", "NaN", "INF", "-INF", "1e20", "1000000000000001",
    "1234567890123456789012345678901234567890", "1e999",
  ]

  @Test("validate refuses non-finite and out-of-bound numbers with file, line and column", arguments: refused)
  func validateRefuses(value: String) throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("production_reserves.csv", line: Self.line, column: Self.valueColumn, to: value)
    let result = try CommandRunner.run(["validate", "--data", fixture.path])
    #expect(result.status == 65, "\(value): \(result.standardError)")
    #expect(
      result.standardError.hasPrefix("\(fixture.path)/production_reserves.csv:\(Self.line): value: "),
      "\(result.standardError)")
    if ["NaN", "INF", "-INF"].contains(value) {
      #expect(result.standardError.contains("is not a finite number"), "\(result.standardError)")
    } else if Double(value).map({ $0.isFinite }) == true {
      #expect(result.standardError.contains("beyond crma's bound"), "\(result.standardError)")
    }
  }

  @Test("an integer field of 40 digits is refused by validate")
  func longInteger() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField(
      "production_reserves.csv", line: Self.line, column: 3, to: "1234567890123456789012345678901234567890")
    let result = try CommandRunner.run(["validate", "--data", fixture.path])
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("\(fixture.path)/production_reserves.csv:\(Self.line): year: "))
  }

  @Test(
    "values at the bound, -0 and tiny values pass validate and run end to end",
    arguments: [
      "1e15", "-0", "999999999999999.9", "0.000000000000000000001",
    ])
  func acceptedValuesRender(value: String) throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("production_reserves.csv", line: Self.line, column: Self.valueColumn, to: value)
    let validate = try CommandRunner.run(["validate", "--data", fixture.path])
    #expect(validate.status == 0, "\(value): \(validate.standardError)")
    let out = "\(fixture.folder.path)/out"
    let run = try CommandRunner.run([
      "run", "--data", fixture.path, "--build", "\(out)/build", "--reports", "\(out)/reports",
    ])
    #expect(run.status == 0, "\(value): \(run.standardError)")
    let rareEarths = try String(contentsOfFile: "\(out)/reports/rare-earths.md", encoding: .utf8)
    #expect(rareEarths.contains("World rare earths (mine) production, 2025 (MCS 2026)"))
  }
}

/// A conversion factor whose inverse would overflow later sums is refused by validate.
@Suite("crma validate: conversion factors crma can apply both ways")
struct ConversionFactorCommandTests {
  @Test("a factor of 1e-300 (valid Table Schema without the shipped exclusiveMinimum) is refused")
  func tinyFactor() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("conversions.csv", line: 2, column: 2, to: "1e-300")
    let result = try CommandRunner.run(["validate", "--data", fixture.path])
    #expect(result.status == 65, "\(result.standardError)")
    #expect(
      result.standardError.hasPrefix("\(fixture.path)/conversions.csv:2: factor: "), "\(result.standardError)"
    )
  }
}
