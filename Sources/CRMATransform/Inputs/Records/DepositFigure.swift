import CRMAIngest

/// A row of deposit_figures.csv.
public struct DepositFigure: TableRecord {
  /// The fields of deposit_figures.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "figure_id", depositID = "deposit_id", part, materialID = "material_id"
    case oreTonnes = "ore_tonnes", grade, gradeUnit = "grade_unit", containedTonnes = "contained_tonnes"
    case containedBasis = "contained_basis", bound, sourceID = "source_id"
    case resourceCategory = "resource_category", developmentStatus = "development_status"
  }

  public var id: String
  public var depositID: String
  public var part: String?
  public var materialID: String
  public var oreTonnes: Double?
  public var grade: Double?
  public var gradeUnit: String?
  public var containedTonnes: Double?
  public var containedBasis: String?
  public var bound: String
  public var sourceID: String
  /// The resource category as the source states it (JORC, GKZ, …), if any.
  public var resourceCategory: String?
  /// The development status as the source states it, if any.
  public var developmentStatus: String?

  /// Decodes a row of deposit_figures.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    depositID = try row.string(.depositID)
    part = try row.optionalString(.part)
    materialID = try row.string(.materialID)
    oreTonnes = try row.optionalNumber(.oreTonnes)
    grade = try row.optionalNumber(.grade)
    gradeUnit = try row.optionalString(.gradeUnit)
    containedTonnes = try row.optionalNumber(.containedTonnes)
    containedBasis = try row.optionalString(.containedBasis)
    bound = try row.string(.bound)
    sourceID = try row.string(.sourceID)
    resourceCategory = try row.optionalString(.resourceCategory)
    developmentStatus = try row.optionalString(.developmentStatus)
  }

  /// A deposit figure, for tests and other analyses.
  public init(
    id: String, depositID: String, materialID: String, containedTonnes: Double?, containedBasis: String?,
    bound: String = "point", sourceID: String = "test"
  ) {
    self.id = id
    self.depositID = depositID
    self.materialID = materialID
    self.containedTonnes = containedTonnes
    self.containedBasis = containedBasis
    self.bound = bound
    self.sourceID = sourceID
  }
}
