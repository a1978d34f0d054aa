import CRMAIngest

extension ReconciledFact: TableRecord {
  /// The fields of `reconciled.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case product
    case measure
    case year
    case country
    case preferredValue = "preferred_value"
    case unit
    case preferredEdition = "preferred_edition"
    case preferredSourceID = "preferred_source_id"
    case flag
    case minimum
    case maximum
    case count
    case editions
    case reason
  }

  /// Decodes a row of `reconciled.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    product = try row.string(.product)
    measure = try row.value(.measure)
    year = try row.integer(.year)
    country = try row.string(.country)
    preferred = ProductionFigure(
      edition: try row.string(.preferredEdition), product: product, country: country, year: year,
      measure: measure, value: try row.optionalNumber(.preferredValue), unit: try row.string(.unit),
      flag: try row.string(.flag), sourceID: try row.string(.preferredSourceID), line: row.line)
    minimum = try row.optionalNumber(.minimum)
    maximum = try row.optionalNumber(.maximum)
    count = try row.integer(.count)
    editions = try row.text(.editions).split(separator: ";").map(String.init)
    reason = try row.text(.reason)
  }
}
