import CRMAIngest

/// A vertex of Ukraine's boundary polygon (ukraine_boundary.csv), in ring order.
public struct BoundaryVertex: TableRecord {
  public enum Column: String, RecordColumn {
    case ring, point, longitude, latitude
  }

  public var ring: Int
  public var point: Int
  public var longitude: Double
  public var latitude: Double

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    ring = try row.integer(.ring)
    point = try row.integer(.point)
    longitude = try row.number(.longitude)
    latitude = try row.number(.latitude)
  }

  /// The boundary as an area: each ring a polygon of its own (the rings are separate islands).
  public static func area(_ vertices: [BoundaryVertex]) -> Area {
    let rings = Dictionary(grouping: vertices, by: \.ring)
    let polygons = rings.keys.sorted().map { key in
      Polygon(
        rings: [
          Ring(
            rings[key]!.sorted { $0.point < $1.point }.map {
              GeoPoint(longitude: $0.longitude, latitude: $0.latitude)
            })
        ])
    }
    return Area(polygons: polygons)
  }
}
