import CRMAIngest

/// A row of control_periods.csv: a run of daily map snapshots with one status for a place.
public struct ControlPeriod: TableRecord {
  public enum Column: String, RecordColumn {
    case locationID = "location_id", from, to, status, inside, snapshots, nearestKm = "nearest_km"
    case sourceID = "source_id"
  }

  /// The map's classification of a place against the occupied area and its uncertainty radius.
  public enum Status: String, Sendable, CaseIterable, RecordValue {
    case occupied
    case governmentControlled = "government-controlled"
    case nearLine = "near-line"
  }

  public var locationID: String
  public var from: String
  public var to: String
  public var status: Status
  public var inside: Bool
  public var snapshots: Int
  public var nearestKm: Double?
  public var sourceID: String

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    locationID = try row.string(.locationID)
    from = try row.string(.from)
    to = try row.string(.to)
    status = try row.value(.status)
    inside = try row.bool(.inside)
    snapshots = try row.integer(.snapshots)
    nearestKm = try row.optionalNumber(.nearestKm)
    sourceID = try row.string(.sourceID)
  }
}
