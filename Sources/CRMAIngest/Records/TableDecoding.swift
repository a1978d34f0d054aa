extension Table {
  /// Every row as `Record`, and every problem found: the columns `Record` reads that the table
  /// lacks (then no row is decoded), and each row's first bad value. A column whose declared type
  /// the record cannot read stops the decoding at its first row.
  public func records<Record: TableRecord>(_ type: Record.Type = Record.self) -> (
    records: [Record], problems: [IngestProblem]
  ) {
    var positions: [Record.Column: Int] = [:]
    var problems: [IngestProblem] = []
    for column in Record.Column.allCases {
      if let position = self.column(column.rawValue) {
        positions[column] = position
      } else {
        problems.append(
          IngestProblem(
            .schemaMismatch, resource: name, path: path, line: nil, column: column.rawValue,
            message: "crma needs this field; the table has none (renamed or removed?)"))
      }
    }
    guard problems.isEmpty else { return ([], problems) }
    var records: [Record] = []
    records.reserveCapacity(rows.count)
    for index in rows.indices {
      do throws(IngestProblem) {
        records.append(try Record(row: RecordRow(table: self, index: index, positions: positions)))
      } catch {
        problems.append(error)
        if error.kind == .schemaMismatch { return ([], problems) }
      }
    }
    return (records, problems)
  }

  /// Every row as `Record`; throws the problems when there are any.
  public func decode<Record: TableRecord>(_ type: Record.Type = Record.self) throws(RecordProblems)
    -> [Record]
  {
    let (records, problems) = records(type)
    guard problems.isEmpty else { throw RecordProblems(problems) }
    return records
  }
}

/// The problems that kept a table (or a package) from being decoded into typed records.
public struct RecordProblems: Error, Sendable, CustomStringConvertible {
  public var problems: [IngestProblem]

  /// Problems found while decoding.
  public init(_ problems: [IngestProblem]) { self.problems = problems }

  /// One problem per line, `FILE[:LINE]: column: message`.
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}

