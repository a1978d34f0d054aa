import CRMAIngest

extension ShareRow: TableRecord {
  /// The fields of `shares.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case product
    case materialID = "material_id"
    case stage
    case measure
    case year
    case edition
    case country
    case value
    case unit
    case share
    case rank
    case flag
    case greaterThan = "greater_than"
    case note
    case sourceID = "source_id"
  }

  /// Decodes a row of `shares.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    product = try row.string(.product)
    materialID = try row.text(.materialID)
    stage = try row.value(.stage)
    measure = try row.value(.measure)
    year = try row.integer(.year)
    edition = try row.text(.edition)
    country = try row.string(.country)
    value = try row.optionalNumber(.value)
    unit = try row.text(.unit)
    share = try row.optionalNumber(.share)
    rank = try row.optionalInteger(.rank)
    flag = try row.text(.flag)
    greaterThan = try row.bool(.greaterThan)
    note = try row.text(.note)
    sourceID = try row.text(.sourceID)
  }
}
