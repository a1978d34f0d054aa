import CRMAIngest

/// A row of materials.csv.
public struct Material: TableRecord {
  /// The fields of materials.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "material_id", name, category = "crma_category", annexIEntry = "annex_i_entry"
    case annexIIEntry = "annex_ii_entry", gradeQualifier = "grade_qualifier", partOf = "part_of"
    case sourceID = "source_id"
  }

  public var id: String
  public var name: String
  public var category: CRMACategory
  public var annexIEntry: String?
  public var annexIIEntry: String?
  public var gradeQualifier: String?
  public var partOf: String?
  public var sourceID: String

  /// Decodes a row of materials.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    name = try row.string(.name)
    category = try row.value(.category)
    annexIEntry = try row.optionalString(.annexIEntry)
    annexIIEntry = try row.optionalString(.annexIIEntry)
    gradeQualifier = try row.optionalString(.gradeQualifier)
    partOf = try row.optionalString(.partOf)
    sourceID = try row.string(.sourceID)
  }

  /// A material, for tests and other analyses.
  public init(
    id: String, name: String, category: CRMACategory, partOf: String? = nil, sourceID: String = "test"
  ) {
    self.id = id
    self.name = name
    self.category = category
    self.partOf = partOf
    self.sourceID = sourceID
  }
}
