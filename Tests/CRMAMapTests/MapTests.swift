import CRMAIngest
import CRMATestSupport
import Foundation
import Logging
import Testing

@testable import CRMAMap

// All polygons here are synthetic (labelled so): DeepStateMap geometry is never committed.

/// A closed square ring from (x0, y0) to (x1, y1), as GeoJSON coordinate text.
private func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
  "[[\(x0),\(y0)],[\(x1),\(y0)],[\(x1),\(y1)],[\(x0),\(y1)],[\(x0),\(y0)]]"
}

private func featureCollection(_ geometries: [String]) -> String {
  let features = geometries.map { #"{"type":"Feature","properties":{},"geometry":\#($0)}"# }
  return #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
}

private func area(_ text: String) throws -> Area {
  Area(polygons: try GeoJSONReader.parse(text: text, path: "synthetic.geojson"))
}

private func point(_ lon: Double, _ lat: Double) -> GeoPoint { GeoPoint(longitude: lon, latitude: lat) }

@Suite("Geometry (synthetic polygons)")
struct GeometryTests {
  @Test func squareWithHole() throws {
    let a = try area(
      featureCollection([
        #"{"type":"Polygon","coordinates":[\#(square(0, 0, 10, 10)),\#(square(4, 4, 6, 6))]}"#
      ]))
    #expect(a.contains(point(2, 2)))
    #expect(!a.contains(point(5, 5)), "a point in the hole is outside")
    #expect(!a.contains(point(12, 5)))
    #expect(a.contains(point(0, 5)), "a point on the outer edge counts as inside")
    #expect(a.contains(point(4, 5)), "a point on the hole's edge counts as inside")
  }

  @Test func multiPolygon() throws {
    let a = try area(
      #"{"type":"MultiPolygon","coordinates":[[\#(square(0, 0, 1, 1))],[\#(square(5, 5, 6, 6))]]}"#)
    #expect(a.polygons.count == 2)
    #expect(a.contains(point(5.5, 5.5)))
    #expect(a.contains(point(0.5, 0.5)))
    #expect(!a.contains(point(3, 3)))
  }

  // Hand-computed on a sphere of R = 6371.0088 km: 1° of arc = R·π/180 = 111.19508 km;
  // (0°, 60°N)–(1°E, 60°N) = 2R·asin(cos 60°·sin 0.5°) = 55.59701 km;
  // (10.02°E, 10°N) to the meridian arc 10°E, 0–20°N = R·asin(cos 10°·sin 0.02°) = 2.19012 km.
  @Test func geodesicDistances() {
    #expect(abs(Geodesy.distanceKm(point(0, 0), point(1, 0)) - 111.19508) < 0.001)
    #expect(abs(Geodesy.distanceKm(point(0, 60), point(1, 60)) - 55.59701) < 0.001)
    #expect(
      abs(Geodesy.distanceKm(from: point(10.02, 10), toArc: point(10, 0), point(10, 20)) - 2.19012) < 0.001)
    // Beyond the arc's end the distance is to the nearer end.
    #expect(abs(Geodesy.distanceKm(from: point(0, -1), toArc: point(0, 0), point(0, 5)) - 111.19508) < 0.001)
  }

  @Test func distanceToEdgeMatchesTheNearestArc() throws {
    let a = try area(#"{"type":"Polygon","coordinates":[\#(square(10, 0, 20, 20))]}"#)
    let inside = try #require(a.distanceToEdgeKm(from: point(10.02, 10)))
    #expect(abs(inside - 2.19012) < 0.001)
    let outside = try #require(a.distanceToEdgeKm(from: point(9.5, 10)))
    #expect(abs(outside - 54.75287) < 0.001)
  }
}

@Suite("Status with the uncertainty radius (synthetic)")
struct StatusTests {
  // "Ukraine" is the square 0–20°E, 0–20°N; the occupied area its eastern half, so the area's
  // north, east and south edges are state border and only the meridian 10°E is front line.
  let boundary = Area(polygons: [
    Polygon(rings: [Ring([point(0, 0), point(20, 0), point(20, 20), point(0, 20), point(0, 0)])])
  ])

  func reading(_ lon: Double, _ lat: Double, radius: Double) throws -> SiteReading {
    let occupied = try area(#"{"type":"Polygon","coordinates":[\#(square(10, 0, 20, 20))]}"#)
    let front = FrontLine(boundary: boundary).frontEdges(of: occupied)
    return MapStage.read(
      MapSite(id: "x", point: point(lon, lat), radiusKm: radius), occupied: occupied, frontEdges: front)
  }

  @Test func theStateBorderIsNotAFrontLine() throws {
    // 0.01° from the east edge (the border) but 1,093.79 km from the front line.
    let r = try reading(19.99, 10, radius: 30)
    #expect(r.status == .occupied)
    #expect(r.inside)
    #expect(abs(try #require(r.distanceKm) - 1093.79) < 0.01)  // R·asin(cos 10°·sin 9.99°)
  }

  @Test func aDiscAcrossTheLineIsNearTheLine() throws {
    #expect(try reading(10.02, 10, radius: 3).status == .nearLine)
    #expect(try reading(10.02, 10, radius: 2).status == .occupied)
    #expect(try reading(9.5, 10, radius: 3).status == .governmentControlled)
    #expect(try reading(9.5, 10, radius: 60).status == .nearLine)
  }
}

@Suite("Snapshots and bad input")
struct SnapshotTests {
  @Test func datesFromFileNames() {
    #expect(MapStage.date(inFileName: "deepstatemap_data_20260822.geojson") == "2026-08-22")
    #expect(MapStage.date(inFileName: "occupied-2025-07-12.geojson") == "2025-07-12")
    #expect(MapStage.date(inFileName: "deepstatemap_data_20250230.geojson") == nil, "30 February is no date")
    #expect(MapStage.date(inFileName: "latest.geojson") == nil)
    #expect(MapStage.date(inFileName: "v120250101.geojson") == nil, "nine digits are not a date")
  }

  @Test func periodsAcrossDays() throws {
    let folder = try TemporaryDirectory("crma-map")
    defer { folder.remove() }
    // Synthetic: the occupied square grows east to west over three days past a site at 9.5°E.
    for (day, west) in [("20250101", 10.0), ("20250102", 9.6), ("20250103", 9.0)] {
      try folder.write(
        "snap_\(day).geojson",
        featureCollection([#"{"type":"Polygon","coordinates":[\#(square(west, 0, 20, 20))]}"#]))
    }
    try folder.write("README.txt", "not a snapshot")
    let boundary = Area(polygons: [
      Polygon(rings: [Ring([point(0, 0), point(20, 0), point(20, 20), point(0, 20), point(0, 0)])])
    ])
    let result = try MapStage.run(
      folder: folder.path, sites: [MapSite(id: "site", point: point(9.5, 10), radiusKm: 20)],
      frontLine: FrontLine(boundary: boundary))
    #expect(result.snapshots == 3)
    #expect(result.periods.map(\.status) == [.governmentControlled, .nearLine, .occupied])
    #expect(result.periods.map(\.from) == ["2025-01-01", "2025-01-02", "2025-01-03"])
    #expect(result.periods[2].inside)
    let csv = String(decoding: ControlPeriodsTable.csv(result.periods, sourceID: "synthetic"), as: UTF8.self)
    #expect(
      csv.hasPrefix("location_id,from,to,status,inside,snapshots,nearest_km,source_id\nsite,2025-01-01,"))
  }

  @Test func aFileNameWithoutADateIsNamed() throws {
    let folder = try TemporaryDirectory("crma-map")
    defer { folder.remove() }
    try folder.write(
      "occupied_latest.geojson",
      featureCollection([#"{"type":"Polygon","coordinates":[\#(square(0, 0, 1, 1))]}"#]))
    #expect {
      _ = try MapStage.snapshots(in: folder.path)
    } throws: { error in
      let e = error as? MapError
      return e?.kind == .data && e!.description.contains("occupied_latest.geojson")
        && e!.description.contains("cannot read a snapshot date")
    }
  }

  @Test func anEmptyFeatureCollectionIsRefused() {
    #expect {
      _ = try GeoJSONReader.parse(
        text: #"{"type":"FeatureCollection","features":[]}"#, path: "empty_20250101.geojson")
    } throws: { error in
      (error as? MapError)?.description.hasPrefix("empty_20250101.geojson: the file holds no Polygon") == true
    }
  }

  @Test func anOversizedFileIsRefusedBeforeReading() throws {
    let folder = try TemporaryDirectory("crma-map")
    defer { folder.remove() }
    let path = try folder.write("big_20250101.geojson", "{")
    #expect(truncate(path, 50 * 1024 * 1024) == 0)  // a sparse 50 MB file
    #expect {
      _ = try GeoJSONReader.read(path: path)
    } throws: { error in
      let text = (error as? MapError)?.description ?? ""
      return text.contains("big_20250101.geojson") && text.contains("52428800 bytes")
    }
  }

  @Test func coordinatesOutOfRangeNameLineAndColumn() {
    let text = "{\"type\":\"Polygon\",\n\"coordinates\":[[[0,0],[1,0],[1,95],[0,0]]]}"
    #expect {
      _ = try GeoJSONReader.parse(text: text, path: "bad_20250101.geojson")
    } throws: { error in
      let e = error as? MapError
      return e?.line == 2 && e?.column == 29 && e!.message.contains("latitude 95")
    }
  }

  @Test func malformedGeometry() {
    let cases = [
      #"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#,
      #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,  // not closed
      #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,  // too short
      #"{"type":"MultiPolygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#,  // nested as a Polygon
      #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0]"#,
    ]
    for text in cases {
      #expect(throws: MapError.self, "\(text)") { _ = try GeoJSONReader.parse(text: text, path: "m.geojson") }
    }
  }
}

@Suite("The committed data package")
struct MapDataTests {
  @Test func unlocatedPlacesAreListedNotGuessed() throws {
    let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("data").path
    let ingest = try IngestStage.run(directory: data, logger: .init(label: "test"))
    let inputs = try MapInputs(ingest: ingest)
    #expect(inputs.unlocated.sorted() == ["manuilske", "petrovo-hnutivske", "tatarske"])
    #expect(inputs.sites.count == 35)
    #expect(inputs.boundary.edgeCount == 634)  // 636 vertices in two closed rings
  }

  @Test func halfALocationIsRefusedNamingFileAndLine() throws {
    let fixture = try DataFixture()
    defer { fixture.folder.remove() }
    try fixture.setField("locations.csv", line: 2, column: 4, to: "")  // Shevchenkivske without longitude
    let ingest = try IngestStage.run(directory: fixture.path, logger: .init(label: "test"))
    #expect {
      _ = try MapInputs(ingest: ingest)
    } throws: { error in
      let text = (error as? RecordProblems)?.description ?? ""
      return text.contains("locations.csv:2") && text.contains("latitude and longitude must both be given")
    }
  }
}
