import CRMAIngest

extension ScenarioResult: TableRecord {
  /// The fields of `scenarios.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case scenarioID = "scenario_id"
    case label
    case product
    case edition
    case year
    case unit
    case ukraineBefore = "ukraine_before"
    case ukraineAfter = "ukraine_after"
    case ukraineShareBefore = "ukraine_share_before"
    case ukraineShareAfter = "ukraine_share_after"
    case ukraineRankAfter = "ukraine_rank_after"
    case hhiBefore = "hhi_before"
    case hhiAfter = "hhi_after"
    case largestCountryAfter = "largest_country_after"
    case largestShareAfter = "largest_share_after"
    case capPct = "cap_pct"
    case largestAboveCapAfter = "largest_above_cap_after"
    case status
    case sourceID = "source_id"
  }

  /// Decodes a row of `scenarios.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    scenarioID = try row.string(.scenarioID)
    label = try row.text(.label)
    product = try row.text(.product)
    edition = try row.text(.edition)
    year = try row.integer(.year)
    unit = try row.text(.unit)
    ukraineBefore = try row.optionalNumber(.ukraineBefore)
    ukraineAfter = try row.number(.ukraineAfter)
    ukraineShareBefore = try row.optionalNumber(.ukraineShareBefore)
    ukraineShareAfter = try row.optionalNumber(.ukraineShareAfter)
    ukraineRankAfter = try row.optionalInteger(.ukraineRankAfter)
    hhiBefore = try row.optionalNumber(.hhiBefore)
    hhiAfter = try row.optionalNumber(.hhiAfter)
    largestCountryAfter = try row.optionalString(.largestCountryAfter)
    largestShareAfter = try row.optionalNumber(.largestShareAfter)
    capPct = try row.number(.capPct)
    largestAboveCapAfter = try row.optionalBool(.largestAboveCapAfter)
    status = try row.text(.status)
    sourceID = try row.text(.sourceID)
  }
}
