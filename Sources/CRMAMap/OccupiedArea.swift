import Glibc

/// A closed ring of a polygon (the first position repeated at the end).
public struct Ring: Sendable {
  public var points: [GeoPoint]
  public init(_ points: [GeoPoint]) { self.points = points }
}

/// A polygon: its outer ring and its holes.
public struct Polygon: Sendable {
  public var rings: [Ring]
  public init(rings: [Ring]) { self.rings = rings }
}

/// An area made of polygons with holes (a GeoJSON Polygon or MultiPolygon, or several of them),
/// prepared for containment tests and distances to its edges.
public struct Area: Sendable {
  public let polygons: [Polygon]
  /// Every edge as the unit vectors of its two ends, and its ends in degrees.
  let starts: [SIMD3<Double>]
  let ends: [SIMD3<Double>]
  let startPoints: [GeoPoint]
  let endPoints: [GeoPoint]
  /// The half-length of each edge in radians (for the nearest-edge search).
  let halfLengths: [Double]

  public init(polygons: [Polygon]) {
    self.polygons = polygons
    var starts: [SIMD3<Double>] = []
    var ends: [SIMD3<Double>] = []
    var startPoints: [GeoPoint] = []
    var endPoints: [GeoPoint] = []
    var halfLengths: [Double] = []
    for polygon in polygons {
      for ring in polygon.rings where ring.points.count > 1 {
        var previous = ring.points[0]
        var previousVector = Geodesy.unitVector(previous)
        for point in ring.points.dropFirst() {
          let vector = Geodesy.unitVector(point)
          starts.append(previousVector)
          ends.append(vector)
          startPoints.append(previous)
          endPoints.append(point)
          halfLengths.append(Geodesy.angle(previousVector, vector) / 2)
          previous = point
          previousVector = vector
        }
      }
    }
    self.starts = starts
    self.ends = ends
    self.startPoints = startPoints
    self.endPoints = endPoints
    self.halfLengths = halfLengths
  }

  /// The number of edges.
  public var edgeCount: Int { starts.count }

  /// Whether `point` lies inside (even–odd rule over all rings, so holes are outside). Edges are
  /// treated in longitude/latitude, which is exact enough for areas the size of Ukraine's oblasts
  /// and never crossing the antimeridian. A point exactly on an edge counts as inside.
  public func contains(_ point: GeoPoint) -> Bool {
    var inside = false
    let x = point.longitude
    let y = point.latitude
    for index in startPoints.indices {
      let a = startPoints[index]
      let b = endPoints[index]
      if Self.onSegment(point, a, b) { return true }
      if (a.latitude > y) != (b.latitude > y) {
        let crossing =
          a.longitude + (y - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
        if x < crossing { inside.toggle() }
      }
    }
    return inside
  }

  @inline(__always)
  static func onSegment(_ p: GeoPoint, _ a: GeoPoint, _ b: GeoPoint) -> Bool {
    let crossProduct =
      (b.longitude - a.longitude) * (p.latitude - a.latitude) - (b.latitude - a.latitude)
      * (p.longitude - a.longitude)
    guard abs(crossProduct) < 1e-12 else { return false }
    return p.longitude >= min(a.longitude, b.longitude) - 1e-12
      && p.longitude <= max(a.longitude, b.longitude) + 1e-12
      && p.latitude >= min(a.latitude, b.latitude) - 1e-12
      && p.latitude <= max(a.latitude, b.latitude) + 1e-12
  }

  /// The great-circle distance in km from `point` to the nearest edge for which `include` is true
  /// (all edges when nil); nil when no edge qualifies.
  public func distanceToEdgeKm(from point: GeoPoint, where include: ((Int) -> Bool)? = nil) -> Double? {
    let p = Geodesy.unitVector(point)
    // Each edge is at least (distance to its nearer end − half its length) away: a cheap bound
    // from the ends' chord distances, then the exact arc distance only where the bound can win.
    var bestBound = Double.infinity
    var bounds = [Double](repeating: .infinity, count: starts.count)
    for index in starts.indices {
      if let include, !include(index) { continue }
      let nearEnd = min(Self.chordAngle(p, starts[index]), Self.chordAngle(p, ends[index]))
      bounds[index] = nearEnd - halfLengths[index]
      bestBound = min(bestBound, nearEnd)
    }
    guard bestBound.isFinite else { return nil }
    var best = bestBound
    for index in starts.indices where bounds[index] < best {
      best = min(best, Geodesy.arcAngle(p, starts[index], ends[index]))
    }
    return best * Geodesy.earthRadiusKm
  }

  /// The angle between two unit vectors from their chord (cheap; exact for the angle).
  @inline(__always)
  static func chordAngle(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    let d = a - b
    return 2 * asinHalfChord((d * d).sum().squareRoot())
  }

  @inline(__always)
  static func asinHalfChord(_ chord: Double) -> Double {
    Glibc.asin(min(1, chord / 2))
  }
}
