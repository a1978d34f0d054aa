/// Tells which edges of an occupied-area polygon are front line: the coast and the state border
/// are edges of the polygon too, but beyond them lies sea or Russia, not unoccupied Ukraine.
///
/// An edge counts as front line when its midpoint lies inside Ukraine's boundary and more than
/// ``toleranceKm`` from it. The tolerance absorbs the generalisation of the boundary (Natural Earth
/// 1:50m) and the slight buffer the map archive applies, so coast edges are not taken for lines.
public final class FrontLine {
  public let boundary: Area
  public let toleranceKm: Double
  private var cache: [GeoPoint: Bool] = [:]

  public init(boundary: Area, toleranceKm: Double = 5) {
    self.boundary = boundary
    self.toleranceKm = toleranceKm
  }

  /// Whether a point lies in Ukraine, away from its coast and state border.
  public func isInland(_ point: GeoPoint) -> Bool {
    if let known = cache[point] { return known }
    let inland =
      boundary.contains(point) && (boundary.distanceToEdgeKm(from: point).map { $0 > toleranceKm } ?? false)
    cache[point] = inland
    return inland
  }

  /// The front-line flag of every edge of `area`, decided at the edge's midpoint.
  public func frontEdges(of area: Area) -> [Bool] {
    (0..<area.edgeCount).map { index in
      let (a, b) = (area.startPoints[index], area.endPoints[index])
      return isInland(
        GeoPoint(longitude: (a.longitude + b.longitude) / 2, latitude: (a.latitude + b.latitude) / 2))
    }
  }
}
