import CRMAIngest

/// A row of scenarios.csv.
public struct Scenario: TableRecord {
  /// The fields of scenarios.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "scenario_id", label, materialID = "material_id", stage, product
    case baseEdition = "base_edition", baseYear = "base_year", quantity, unit, sourceID = "source_id"
  }

  public var id: String
  public var label: String
  public var materialID: String
  public var stage: Stage
  public var product: String
  public var baseEdition: String
  public var baseYear: Int
  public var quantity: Double
  public var unit: String
  public var sourceID: String

  /// Decodes a row of scenarios.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    label = try row.string(.label)
    materialID = try row.string(.materialID)
    stage = try row.value(.stage)
    product = try row.string(.product)
    baseEdition = try row.string(.baseEdition)
    baseYear = try row.integer(.baseYear)
    quantity = try row.number(.quantity)
    unit = try row.string(.unit)
    sourceID = try row.string(.sourceID)
  }
}
