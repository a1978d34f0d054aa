import CRMAIngest

/// A row of sites.csv: a producing or processing site.
public struct Site: TableRecord {
  public enum Column: String, RecordColumn {
    case id = "site_id", name, activity, materialID = "material_id", oblast, depositID = "deposit_id",
      sourceID = "source_id"
  }

  public var id: String
  public var name: String
  public var activity: String
  public var materialID: String
  public var oblast: String
  public var depositID: String?
  public var sourceID: String

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    name = try row.string(.name)
    activity = try row.string(.activity)
    materialID = try row.string(.materialID)
    oblast = try row.string(.oblast)
    depositID = try row.optionalString(.depositID)
    sourceID = try row.string(.sourceID)
  }
}
