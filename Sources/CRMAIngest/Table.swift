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

/// What the ingest stage found: every table that could be read and was kept, the resources it
/// streamed without keeping their rows, and every problem.
public struct IngestResult: Sendable {
  public let descriptor: DataPackageDescriptor
  /// The retained tables (resources up to ``retainBytes``), typed, in descriptor order.
  public let tables: [Table]
  /// Resources larger than ``retainBytes``: validated in full and (with an output folder)
  /// written, but their rows not kept.
  public let streamed: [StreamedTable]
  /// The retention bound the stage ran with (``IngestStage/maxRetainedBytes`` by default).
  public let retainBytes: Int
  public let problems: [IngestProblem]
  /// The package folder the result was read from.
  public let directory: String

  /// A result of tables and problems; stages that add rows to a table build a new one.
  public init(
    descriptor: DataPackageDescriptor, tables: [Table], problems: [IngestProblem], directory: String,
    streamed: [StreamedTable] = [], retainBytes: Int = IngestStage.maxRetainedBytes
  ) {
    self.descriptor = descriptor
    self.tables = tables
    self.problems = problems
    self.directory = directory
    self.streamed = streamed
    self.retainBytes = retainBytes
  }

  /// The same result with other tables and problems (and descriptor), its streamed resources kept.
  public func with(
    descriptor: DataPackageDescriptor? = nil, tables: [Table]? = nil, problems: [IngestProblem]? = nil
  ) -> IngestResult {
    IngestResult(
      descriptor: descriptor ?? self.descriptor, tables: tables ?? self.tables, problems: problems ?? self.problems,
      directory: directory, streamed: streamed, retainBytes: retainBytes)
  }

  /// The table of the resource called `name`, if it could be read and was retained.
  public func table(named name: String) -> Table? { tables.first { $0.name == name } }

  /// Rows read from the resource called `name`, retained or streamed; nil when it was not read.
  public func rowCount(of name: String) -> Int? {
    table(named: name)?.rows.count ?? streamed.first { $0.name == name }?.rows
  }

  /// All rows read, retained and streamed.
  public var totalRows: Int { tables.map(\.rows.count).reduce(0, +) + streamed.map(\.rows).reduce(0, +) }

  /// The problem a stage that needs the rows of the resource called `name` reports when the
  /// ingest stage streamed it without keeping them (it is larger than ``retainBytes``); nil
  /// when it was retained or not streamed.
  public func notRetainedProblem(_ name: String) -> IngestProblem? {
    guard let table = streamed.first(where: { $0.name == name }) else { return nil }
    return IngestProblem(
      .malformedCSV, resource: name, path: table.path, line: nil, column: nil,
      message:
        "is larger than the \(retainBytes) bytes crma keeps in memory (IngestStage.maxRetainedBytes): it was validated and streamed to the output, but crma cannot keep its \(table.rows) rows to compute with"
    )
  }

  public var isValid: Bool { problems.isEmpty }

  /// The descriptor's path, as problems name it.
  public var descriptorPath: String { IngestStage.displayPath(directory, "datapackage.json") }

  /// Problems of one resource.
  public func problems(of resource: String) -> [IngestProblem] { problems.filter { $0.resource == resource } }
}
