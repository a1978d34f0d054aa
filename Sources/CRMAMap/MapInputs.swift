import CRMAIngest
import CSVStream

/// What the map stage needs from the data package: the located places and Ukraine's boundary.
public struct MapInputs: Sendable {
  public var sites: [MapSite]
  /// Places in locations.csv without coordinates (listed, never guessed).
  public var unlocated: [String]
  public var boundary: Area

  public init(sites: [MapSite], unlocated: [String], boundary: Area) {
    self.sites = sites
    self.unlocated = unlocated
    self.boundary = boundary
  }

  /// Reads the `locations` and `ukraine_boundary` resources of a validated package.
  public init(ingest: IngestResult) throws(RecordProblems) {
    var problems: [IngestProblem] = []
    func table(_ name: String) -> Table? {
      guard let table = ingest.table(named: name) else {
        problems.append(
          IngestProblem(
            .schemaMismatch, resource: name, path: ingest.descriptorPath, line: nil, column: nil,
            message: "the data package has no \"\(name)\" resource; the map stage needs it"))
        return nil
      }
      return table
    }
    let locations = table("locations").map { $0.records(MapLocation.self) }
    let boundary = table("ukraine_boundary").map { $0.records(BoundaryVertex.self) }
    problems += (locations?.problems ?? []) + (boundary?.problems ?? [])
    guard problems.isEmpty, let locations, let boundary else { throw RecordProblems(problems) }
    self.init(
      sites: locations.records.compactMap(\.site),
      unlocated: locations.records.filter { $0.site == nil }.map(\.id),
      boundary: BoundaryVertex.area(boundary.records))
  }
}

/// The control_periods.csv table the map stage writes into data/.
public enum ControlPeriodsTable {
  public static let header = [
    "location_id", "from", "to", "status", "inside", "snapshots", "nearest_km", "source_id",
  ]

  /// The table's bytes: one row per period, distances to 0.1 km.
  public static func csv(_ periods: [StatusPeriod], sourceID: String) -> [UInt8] {
    var writer = CSVWriter()
    writer.writeRow(header)
    for period in periods {
      writer.writeRow([
        period.locationID, period.from, period.to, period.status.rawValue, period.inside ? "true" : "false",
        String(period.snapshots), period.nearestKm.map(formatKm) ?? "", sourceID,
      ])
    }
    return writer.takeBytes()
  }

  /// A distance with one decimal, deterministic.
  public static func formatKm(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
