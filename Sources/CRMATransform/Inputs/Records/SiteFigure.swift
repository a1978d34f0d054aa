import CRMAIngest

/// A row of site_figures.csv: a site's capacity or output as a source gives it.
public struct SiteFigure: TableRecord {
  public enum Column: String, RecordColumn {
    case id = "figure_id", siteID = "site_id", measure, year, value, valueMax = "value_max", unit, product
    case sourceID = "source_id"
  }

  public var id: String
  public var siteID: String
  public var measure: String
  public var year: String?
  public var value: Double
  public var valueMax: Double?
  public var unit: String
  public var product: String
  public var sourceID: String

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    siteID = try row.string(.siteID)
    measure = try row.string(.measure)
    year = try row.optionalString(.year)
    value = try row.number(.value)
    valueMax = try row.optionalNumber(.valueMax)
    unit = try row.string(.unit)
    product = try row.string(.product)
    sourceID = try row.string(.sourceID)
  }
}
