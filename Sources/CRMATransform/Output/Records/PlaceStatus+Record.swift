import CRMAIngest

extension PlaceStatus: TableRecord {
  /// The fields of `front_line_status.csv`, shared by the writer and the report's reader.
  public enum Column: String, RecordColumn {
    case placeID = "place_id", kind, name, materials, oblast, precision, radiusKm = "radius_km", status, since
    case asOf = "as_of", evidence, nearestKm = "nearest_km", inside, disagreement, sourceID = "source_id"
  }

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    placeID = try row.string(.placeID)
    kind = try row.string(.kind)
    name = try row.string(.name)
    materials = try row.text(.materials)
    oblast = try row.optionalString(.oblast)
    precision = try row.string(.precision)
    radiusKm = try row.optionalNumber(.radiusKm)
    status = try row.value(.status)
    since = try row.optionalString(.since)
    asOf = try row.optionalString(.asOf)
    evidence = try row.string(.evidence)
    nearestKm = try row.optionalNumber(.nearestKm)
    inside = try row.optionalBool(.inside)
    disagreement = try row.text(.disagreement)
    sourceID = try row.optionalString(.sourceID)
  }
}
