/// A validated resource: typed rows in file order, each with the line it came from.
public struct Table: Sendable {
  public let resource: ResourceDescriptor
  /// One array per row, one optional value per schema field (nil = missing value).
  public let rows: [[FieldValue?]]
  public let lines: [Int]
  /// The file the rows came from, as problems name it (`data/materials.csv`).
  public let path: String

  /// A table of typed rows and the line each came from; `path` defaults to the resource's path.
  public init(resource: ResourceDescriptor, rows: [[FieldValue?]], lines: [Int], path: String? = nil) {
    self.resource = resource
    self.rows = rows
    self.lines = lines
    self.path = path ?? resource.path
  }

  public var name: String { resource.name }

  /// The index of the field called `name` in each row.
  public func column(_ name: String) -> Int? { resource.schema.index(of: name) }

  /// The value of field `name` in row `row`; nil when missing or when there is no such field.
  public func value(_ row: Int, _ name: String) -> FieldValue? {
    guard let index = column(name) else { return nil }
    return rows[row][index]
  }
}

/// What the ingest stage found: every table that could be read, and every problem.
public struct IngestResult: Sendable {
  public let descriptor: DataPackageDescriptor
  public let tables: [Table]
  public let problems: [IngestProblem]
  /// The package folder the result was read from.
  public let directory: String

  /// A result of tables and problems; stages that add rows to a table build a new one.
  public init(
    descriptor: DataPackageDescriptor, tables: [Table], problems: [IngestProblem], directory: String
  ) {
    self.descriptor = descriptor
    self.tables = tables
    self.problems = problems
    self.directory = directory
  }

  /// The table of the resource called `name`, if it could be read.
  public func table(named name: String) -> Table? { tables.first { $0.name == name } }

  public var isValid: Bool { problems.isEmpty }

  /// The descriptor's path, as problems name it.
  public var descriptorPath: String { IngestStage.displayPath(directory, "datapackage.json") }

  /// Problems of one resource.
  public func problems(of resource: String) -> [IngestProblem] { problems.filter { $0.resource == resource } }
}
