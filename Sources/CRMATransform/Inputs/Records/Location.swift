import CRMAIngest

/// A row of locations.csv: where a deposit or site is, with its precision class.
public struct Location: TableRecord {
  public enum Column: String, RecordColumn {
    case id = "location_id", kind, precision, latitude, longitude, radiusKm = "radius_km", place, oblast
    case coordinateSourceID = "coordinate_source_id", locationSourceID = "location_source_id"
  }

  public var id: String
  public var kind: String
  public var precision: String
  public var latitude: Double?
  public var longitude: Double?
  public var radiusKm: Double?
  public var place: String?
  public var oblast: String?
  public var locationSourceID: String?
  public var coordinateSourceID: String?

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    kind = try row.string(.kind)
    precision = try row.string(.precision)
    latitude = try row.optionalNumber(.latitude)
    longitude = try row.optionalNumber(.longitude)
    radiusKm = try row.optionalNumber(.radiusKm)
    place = try row.optionalString(.place)
    oblast = try row.optionalString(.oblast)
    locationSourceID = try row.optionalString(.locationSourceID)
    coordinateSourceID = try row.optionalString(.coordinateSourceID)
  }

  /// Whether the place has a sourced point (and so map periods).
  public var isLocated: Bool { latitude != nil && longitude != nil }
}
