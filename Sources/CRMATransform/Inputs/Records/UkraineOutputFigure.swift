import CRMAIngest

/// A row of ukraine_output.csv.
public struct UkraineOutputFigure: TableRecord {
  /// The fields of ukraine_output.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "output_id", year, product, measure, bound, quantity, unit, basis, period, scope
    case sourceID = "source_id"
  }

  public var id: String
  public var year: Int?
  public var product: String
  public var measure: String
  public var bound: String
  public var quantity: Double?
  public var unit: String
  /// Empty when not stated (the field is optional); so are `period` and `scope`.
  public var basis: String
  public var period: String
  public var scope: String
  public var sourceID: String

  /// Decodes a row of ukraine_output.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    year = try row.optionalInteger(.year)
    product = try row.string(.product)
    measure = try row.string(.measure)
    bound = try row.string(.bound)
    quantity = try row.optionalNumber(.quantity)
    unit = try row.string(.unit)
    basis = try row.optionalString(.basis) ?? ""
    period = try row.optionalString(.period) ?? ""
    scope = try row.optionalString(.scope) ?? ""
    sourceID = try row.string(.sourceID)
  }
}
