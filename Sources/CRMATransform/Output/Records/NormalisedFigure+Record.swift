import CRMAIngest

extension NormalisedFigure: TableRecord {
  /// The fields of `figures.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case resource
    case record
    case materialID = "material_id"
    case stage
    case country
    case year
    case measure
    case value
    case unit
    case basis
    case convertedValue = "converted_value"
    case convertedUnit = "converted_unit"
    case factor
    case status
    case note
    case sourceID = "source_id"
  }

  /// Decodes a row of `figures.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    resource = try row.string(.resource)
    record = try row.string(.record)
    materialID = try row.text(.materialID)
    stage = try row.optionalValue(.stage)
    country = try row.text(.country)
    year = try row.optionalInteger(.year)
    measure = try row.text(.measure)
    value = try row.number(.value)
    unit = try row.text(.unit)
    basis = try row.optionalString(.basis)
    convertedValue = try row.optionalNumber(.convertedValue)
    convertedUnit = try row.optionalString(.convertedUnit)
    factor = try row.optionalNumber(.factor)
    status = try row.text(.status)
    note = try row.text(.note)
    sourceID = try row.text(.sourceID)
  }
}
