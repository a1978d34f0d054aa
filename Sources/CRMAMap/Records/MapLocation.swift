import CRMAIngest

/// The fields of locations.csv the map stage reads: where a deposit or site is and how sure.
public struct MapLocation: TableRecord {
  public enum Column: String, RecordColumn {
    case id = "location_id", latitude, longitude, radiusKm = "radius_km"
  }

  public var id: String
  public var latitude: Double?
  public var longitude: Double?
  public var radiusKm: Double?

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    latitude = try row.optionalNumber(.latitude)
    longitude = try row.optionalNumber(.longitude)
    radiusKm = try row.optionalNumber(.radiusKm)
    if (latitude == nil) != (longitude == nil) {
      throw row.invalid(.latitude, "latitude and longitude must both be given or both be empty")
    }
    if latitude != nil && radiusKm == nil {
      throw row.invalid(.radiusKm, "a located place needs its uncertainty radius")
    }
  }

  /// The place as a map site, nil when it has no coordinates.
  public var site: MapSite? {
    guard let latitude, let longitude, let radiusKm else { return nil }
    return MapSite(id: id, point: GeoPoint(longitude: longitude, latitude: latitude), radiusKm: radiusKm)
  }
}
