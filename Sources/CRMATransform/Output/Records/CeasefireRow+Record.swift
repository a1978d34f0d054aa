import CRMAIngest

extension CeasefireRow: TableRecord {
  /// The fields of `ceasefire.csv`, shared by the writer and the report's reader.
  public enum Column: String, RecordColumn {
    case scenarioID = "scenario_id", label, materialID = "material_id", conceded, concededCount =
      "conceded_count"
    case uncertain, retained, retainedCount = "retained_count", unplaced, concededTonnage = "conceded_tonnage"
    case concededSites = "conceded_sites", concededCapacity = "conceded_capacity", retainedSites =
      "retained_sites"
    case sourceIDs = "source_ids"
  }

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    scenarioID = try row.string(.scenarioID)
    label = try row.string(.label)
    materialID = try row.string(.materialID)
    conceded = try row.text(.conceded)
    concededCount = try row.integer(.concededCount)
    uncertain = try row.text(.uncertain)
    retained = try row.text(.retained)
    retainedCount = try row.integer(.retainedCount)
    unplaced = try row.text(.unplaced)
    concededTonnage = try row.text(.concededTonnage)
    concededSites = try row.text(.concededSites)
    concededCapacity = try row.text(.concededCapacity)
    retainedSites = try row.text(.retainedSites)
    sourceIDs = try row.text(.sourceIDs)
  }
}
