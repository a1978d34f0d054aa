import CRMAIngest

extension Article5Check: TableRecord {
  /// The fields of `article5.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case check
    case materialID = "material_id"
    case materialLabel = "material_label"
    case crmaEntry = "crma_entry"
    case stage
    case benchmarkPct = "benchmark_pct"
    case largestThirdCountry = "largest_third_country"
    case largestThirdCountrySharePct = "largest_third_country_share_pct"
    case breach
    case ukraineSharePct = "ukraine_share_pct"
    case status
    case sourceID = "source_id"
  }

  /// Decodes a row of `article5.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    check = try row.string(.check)
    materialID = try row.string(.materialID)
    materialLabel = try row.string(.materialLabel)
    crmaEntry = try row.text(.crmaEntry)
    stage = try row.optionalValue(.stage)
    benchmarkPct = try row.number(.benchmarkPct)
    largestThirdCountry = try row.optionalString(.largestThirdCountry)
    largestThirdCountrySharePct = try row.optionalNumber(.largestThirdCountrySharePct)
    breach = try row.optionalBool(.breach)
    ukraineSharePct = try row.optionalNumber(.ukraineSharePct)
    status = try row.text(.status)
    sourceID = try row.optionalString(.sourceID)
  }
}
