import CRMAIngest

extension ConcentrationRow: TableRecord {
  /// The fields of `concentration.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case dataset
    case subject
    case materialID = "material_id"
    case stage
    case measure
    case year
    case edition
    case countries
    case total
    case publishedWorldTotal = "published_world_total"
    case unit
    case hhi
    case top3Share = "top3_share"
    case largestCountry = "largest_country"
    case largestShare = "largest_share"
    case ukraineShare = "ukraine_share"
    case ukraineRank = "ukraine_rank"
    case ukraineNote = "ukraine_note"
    case note
    case sourceID = "source_id"
    case statisticsWithheld = "statistics_withheld"
  }

  /// Decodes a row of `concentration.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    dataset = try row.string(.dataset)
    subject = try row.string(.subject)
    materialID = try row.string(.materialID)
    stage = try row.value(.stage)
    measure = try row.string(.measure)
    year = try row.integer(.year)
    edition = try row.text(.edition)
    countries = try row.integer(.countries)
    total = try row.optionalNumber(.total)
    publishedWorldTotal = try row.optionalNumber(.publishedWorldTotal)
    unit = try row.text(.unit)
    hhi = try row.optionalNumber(.hhi)
    top3Share = try row.optionalNumber(.top3Share)
    largestCountry = try row.text(.largestCountry)
    largestShare = try row.optionalNumber(.largestShare)
    ukraineShare = try row.optionalNumber(.ukraineShare)
    ukraineRank = try row.optionalInteger(.ukraineRank)
    ukraineNote = try row.text(.ukraineNote)
    note = try row.text(.note)
    sourceID = try row.text(.sourceID)
    statisticsWithheld = try row.text(.statisticsWithheld)
  }
}
