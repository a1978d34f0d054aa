/// A place's status on one snapshot date, given the uncertainty radius of its location.
public enum MapStatus: String, Sendable, CaseIterable, Comparable {
  /// The whole uncertainty disc lies in the occupied area (no unoccupied Ukrainian land within it).
  case occupied
  /// The whole uncertainty disc lies outside the occupied area.
  case governmentControlled = "government-controlled"
  /// The disc crosses the front line: the place may lie on either side.
  case nearLine = "near-line"

  private var order: Int {
    switch self {
    case .occupied: return 0
    case .nearLine: return 1
    case .governmentControlled: return 2
    }
  }
  public static func < (lhs: MapStatus, rhs: MapStatus) -> Bool { lhs.order < rhs.order }

  /// How reports name the status.
  public var label: String {
    switch self {
    case .occupied: return "occupied"
    case .governmentControlled: return "government-controlled"
    case .nearLine: return "uncertain — near the line"
    }
  }
}

/// A located deposit or site: a point and the radius within which the place lies.
public struct MapSite: Sendable {
  public var id: String
  public var point: GeoPoint
  public var radiusKm: Double

  public init(id: String, point: GeoPoint, radiusKm: Double) {
    self.id = id
    self.point = point
    self.radiusKm = radiusKm
  }
}

/// One place's position relative to one snapshot.
public struct SiteReading: Sendable, Equatable {
  public var status: MapStatus
  /// Whether the point itself lies inside the occupied area.
  public var inside: Bool
  /// Inside: km to the nearest front-line edge (nil when the area has none); outside: km to the
  /// nearest edge of the occupied area.
  public var distanceKm: Double?
}

/// A run of consecutive snapshots on which a place had the same status and side.
public struct StatusPeriod: Sendable, Equatable {
  public var locationID: String
  public var from: String
  public var to: String
  public var status: MapStatus
  public var inside: Bool
  public var snapshots: Int
  /// The smallest distance to the line over the period, km (nil when there was no front-line edge).
  public var nearestKm: Double?
}
