import Glibc

/// A position in degrees (WGS 84 longitude and latitude, as GeoJSON orders them).
public struct GeoPoint: Sendable, Hashable {
  public var longitude: Double
  public var latitude: Double

  public init(longitude: Double, latitude: Double) {
    self.longitude = longitude
    self.latitude = latitude
  }
}

/// Distances on a sphere of the IUGG mean Earth radius: great-circle distances between points and
/// from a point to a great-circle arc (the edge between two vertices).
public enum Geodesy {
  /// IUGG mean Earth radius R1 in km.
  public static let earthRadiusKm = 6371.0088

  /// The point as a unit vector (x towards 0°E on the equator, z towards the North Pole).
  @inline(__always)
  static func unitVector(_ point: GeoPoint) -> SIMD3<Double> {
    let lat = point.latitude * .pi / 180
    let lon = point.longitude * .pi / 180
    return SIMD3(cos(lat) * cos(lon), cos(lat) * sin(lon), sin(lat))
  }

  @inline(__always)
  static func cross(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
  }

  @inline(__always)
  static func dot(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { (a * b).sum() }

  @inline(__always)
  static func length(_ a: SIMD3<Double>) -> Double { dot(a, a).squareRoot() }

  /// The angle between two unit vectors in radians, accurate for small and large angles.
  @inline(__always)
  static func angle(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    atan2(length(cross(a, b)), dot(a, b))
  }

  /// Great-circle distance in km.
  public static func distanceKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
    angle(unitVector(a), unitVector(b)) * earthRadiusKm
  }

  /// Distance in km from `point` to the shorter great-circle arc from `a` to `b`.
  public static func distanceKm(from point: GeoPoint, toArc a: GeoPoint, _ b: GeoPoint) -> Double {
    arcAngle(unitVector(point), unitVector(a), unitVector(b)) * earthRadiusKm
  }

  /// The angle from `p` to the arc `a`–`b` (all unit vectors).
  @inline(__always)
  static func arcAngle(_ p: SIMD3<Double>, _ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    let normal = cross(a, b)
    let normalLength = length(normal)
    if normalLength < 1e-15 { return angle(p, a) }
    let n = normal / normalLength
    // The foot of the perpendicular lies on the arc when it is between a and b.
    let side = dot(p, n)
    let foot = p - side * n
    if dot(cross(a, foot), n) >= 0 && dot(cross(foot, b), n) >= 0 {
      return abs(asin(max(-1, min(1, side))))
    }
    return min(angle(p, a), angle(p, b))
  }
}
