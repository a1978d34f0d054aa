import CRMAIngest

/// A country's share of global supply or of EU sourcing (2023 study), in percent
/// (supply_shares.csv).
public struct SupplyShare: TableRecord {
  /// The fields of supply_shares.csv the transform reads.
  public enum Column: String, RecordColumn {
    case scope, materialID = "material_id", materialLabel = "material_label", stage, country
    case sharePct = "share_pct", below = "share_below", year = "assessment_year", sourceID = "source_id"
  }

  public var scope: String
  public var materialID: String
  public var materialLabel: String
  public var stage: Stage
  public var country: String
  public var sharePct: Double
  public var below: Bool
  public var year: Int
  public var sourceID: String

  /// Decodes a row of supply_shares.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    scope = try row.string(.scope)
    materialID = try row.string(.materialID)
    materialLabel = try row.string(.materialLabel)
    stage = try row.value(.stage)
    country = try row.string(.country)
    sharePct = try row.number(.sharePct)
    below = try row.bool(.below)
    year = try row.integer(.year)
    sourceID = try row.string(.sourceID)
  }

  /// A share, for tests and other analyses.
  public init(
    scope: String, materialID: String, materialLabel: String, stage: Stage, country: String, sharePct: Double,
    year: Int = 2023, sourceID: String = "test"
  ) {
    self.scope = scope
    self.materialID = materialID
    self.materialLabel = materialLabel
    self.stage = stage
    self.country = country
    self.sharePct = sharePct
    self.below = false
    self.year = year
    self.sourceID = sourceID
  }
}
