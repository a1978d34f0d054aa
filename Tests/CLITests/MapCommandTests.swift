import CRMATestSupport
import Foundation
import Testing

/// `crma map` and the map stage in `crma run`, on synthetic snapshots (never DeepStateMap geometry).
@Suite("crma map: exit codes and the control periods it writes")
struct MapCommandTests {
  /// A synthetic occupied square around Shevchenkivske's committed point (36.7126°E, 47.9093°N).
  static let square =
    #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[36.0,47.5],[37.5,47.5],[37.5,48.5],[36.0,48.5],[36.0,47.5]]]}}]}"#

  @Test("a synthetic folder: exit 0, periods written where --out says, data/ untouched")
  func writesPeriods() throws {
    let maps = try TemporaryDirectory("crma-maps")
    defer { maps.remove() }
    try maps.write("synthetic_20250101.geojson", Self.square)
    let out = "\(maps.path)/periods.csv"
    let result = try CommandRunner.run([
      "map", "--maps", maps.path, "--data", Repository.dataDirectory, "--out", out,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let text = try String(contentsOfFile: out, encoding: .utf8)
    #expect(text.contains("shevchenkivske,2025-01-01,2025-01-01,occupied,true,1,"))
    #expect(text.contains("dobra,2025-01-01,2025-01-01,government-controlled,false,1,"))
    #expect(result.standardOutput.contains("not located: petrovo-hnutivske, tatarske, manuilske"))
  }

  @Test("a missing folder exits 66; a snapshot without a date or with no polygon exits 65 naming it")
  func badInput() throws {
    let missing = try CommandRunner.run([
      "map", "--maps", "/nonexistent/maps", "--data", Repository.dataDirectory, "--out", "/tmp/unused.csv",
    ])
    #expect(missing.status == 66)
    let maps = try TemporaryDirectory("crma-maps")
    defer { maps.remove() }
    try maps.write("latest.geojson", Self.square)
    let undated = try CommandRunner.run([
      "map", "--maps", maps.path, "--data", Repository.dataDirectory, "--out", "\(maps.path)/p.csv",
    ])
    #expect(undated.status == 65)
    #expect(undated.standardError.contains("latest.geojson: cannot read a snapshot date"))
    try FileManager.default.removeItem(atPath: "\(maps.path)/latest.geojson")
    try maps.write("empty_20250101.geojson", #"{"type":"FeatureCollection","features":[]}"#)
    let empty = try CommandRunner.run([
      "map", "--maps", maps.path, "--data", Repository.dataDirectory, "--out", "\(maps.path)/p.csv",
    ])
    #expect(empty.status == 65)
    #expect(empty.standardError.contains("empty_20250101.geojson: the file holds no Polygon"))
    #expect(!FileManager.default.fileExists(atPath: "\(maps.path)/p.csv"), "nothing written on failure")
  }
}
