import CRMAFiles
import CSVStream
import Glibc
import Logging

/// The ingest stage: reads `datapackage.json`, loads every resource through the CSV reader and
/// enforces its Table Schema — types, required, enum, bounds, pattern, uniqueness, primary keys
/// and foreign keys across resources. All problems of a run are collected.
public enum IngestStage {
  /// Resources whose CSV file is at most this many bytes are kept in memory as typed ``Table``s
  /// (every table of the shipped package is far smaller: the largest is 0.3 MB). A larger
  /// resource is *streamed*: every value is checked against its schema as the records arrive, its
  /// keys are checked through hashes spilled to temporary files, and its
  /// normalised CSV is written straight to the output folder when one is given — but its rows are
  /// not kept, so ``IngestResult/table(named:)`` has no table for it and a stage that needs its
  /// rows gets ``IngestResult/notRetainedProblem(_:)``, never an empty table. 4 MiB of CSV take
  /// about 40 MiB as typed rows.
  public static let maxRetainedBytes = 4 * 1024 * 1024

  /// Problems listed per resource; the rest are counted in one closing problem, so a file with a
  /// bad value on each of millions of lines is reported in bounded memory.
  public static let maxProblemsPerResource = 1000

  /// The largest magnitude a number or integer field of the data may have: 10^15. No figure crma
  /// reads comes near it (world production is below 10^9 t, trade values below 10^13), every
  /// integer up to it is exact in a `Double`, and sums and products of such values over the row
  /// limit stay finite, so no later stage overflows. Beyond it, and for NaN and ±INF, the value
  /// is refused with its file, line and column (exit 65).
  public static let maxMagnitude = 1e15

  /// Loads and validates the package in `directory`. Throws only when the descriptor itself is
  /// unusable; problems in the data are returned in the result.
  /// `maxMagnitude` bounds number and integer fields (``maxMagnitude`` for data; a stage reading
  /// derived tables, whose sums may exceed it, passes a looser bound). Resources larger than
  /// `retainBytes` are streamed (see ``maxRetainedBytes``); with an `output` folder their
  /// normalised CSV is written into it as they are read (``IngestResult/streamed``); the caller
  /// writes the retained tables (``IngestOutput/files(_:)``) and commits the folder.
  ///
  /// With `resources`, only those tables and the tables their foreign keys reach are read, and
  /// no file resource (``DataPackageDescriptor/restricted(to:)``).
  public static func run(
    directory: String, limits: CSVLimits = .default, maxMagnitude: Double = IngestStage.maxMagnitude,
    retainBytes: Int = IngestStage.maxRetainedBytes, output: OutputFolder? = nil,
    resources: Set<String>? = nil, logger: Logger
  ) throws(IngestError) -> IngestResult {
    try run(
      directory: directory, limits: limits, maxMagnitude: maxMagnitude, retainBytes: retainBytes,
      parallelBytes: IngestStage.parallelBytes, output: output, resources: resources, logger: logger)
  }

  /// ``run(directory:limits:maxMagnitude:retainBytes:output:resources:logger:)`` with streamed resources
  /// of `parallelBytes` or more read in two parts on two threads (``parallelBytes``; tests set it
  /// small to cover the two-part read on small files).
  public static func run(
    directory: String, limits: CSVLimits = .default, maxMagnitude: Double = IngestStage.maxMagnitude,
    retainBytes: Int = IngestStage.maxRetainedBytes, parallelBytes: Int, output: OutputFolder? = nil,
    resources: Set<String>? = nil, logger: Logger
  ) throws(IngestError) -> IngestResult {
    let whole = try DataPackageDescriptor.load(directory: directory)
    let descriptor = resources.map { whole.restricted(to: $0) } ?? whole
    logger.debug("descriptor read", metadata: ["package.resources": "\(descriptor.resources.count)"])
    var plan = StreamPlan(descriptor: descriptor, directory: directory, retainBytes: retainBytes)
    var tables: [Table] = []
    var streamed: [StreamedTable] = []
    var sink = ProblemSink()
    for resource in descriptor.resources {
      let before = sink.count
      let loaded = load(
        resource, directory: directory, limits: limits, maxMagnitude: maxMagnitude,
        parallelBytes: parallelBytes,
        plan: &plan, output: output, problems: &sink)
      var rows = 0
      switch loaded {
      case .retained(let table):
        tables.append(table)
        rows = table.rows.count
        plan.addRetained(table)
      case .streamed(let table):
        streamed.append(table)
        rows = table.rows
      case nil:
        break
      }
      logger.debug(
        "resource read",
        metadata: [
          "resource.name": "\(resource.name)", "rows.read": "\(rows)",
          "resource.streamed": "\(plan.isStreamed(resource.name))",
          "problems": "\(sink.count - before)",
        ])
    }
    for problem in checkForeignKeys(descriptor, tables, directory: directory) { sink.add(problem) }
    plan.checkSpilledKeys(tables: tables, limits: limits, maxMagnitude: maxMagnitude, problems: &sink)
    for file in descriptor.files {
      if case .failure(let problem) = readFile(file, directory: directory) { sink.add(problem) }
    }
    return IngestResult(
      descriptor: descriptor, tables: tables, problems: sink.all, directory: directory, streamed: streamed,
      retainBytes: retainBytes)
  }

  /// Largest file resource read, in bytes.
  public static let maxFileBytes = 64 * 1024 * 1024

  /// The bytes of a file resource, after checking that it stays inside the package folder, is a
  /// regular file within the size limit, and has the size and SHA-256 the package records. A
  /// mismatch names the file and both hashes.
  public static func readFile(_ file: FileResourceDescriptor, directory: String) -> Result<
    [UInt8], IngestProblem
  > {
    let path = displayPath(directory, file.path)
    func problem(_ kind: IngestProblem.Kind, _ message: String) -> Result<[UInt8], IngestProblem> {
      .failure(IngestProblem(kind, resource: file.name, path: path, line: nil, column: nil, message: message))
    }
    if let escape = escapesFolder(file.path, directory: directory) { return problem(.missingFile, escape) }
    var status = stat()
    guard lstat(path, &status) == 0 else { return problem(.missingFile, "cannot open: \(errnoText())") }
    guard (status.st_mode & S_IFMT) == S_IFREG else { return problem(.missingFile, "is not a regular file") }
    guard Int(status.st_size) <= maxFileBytes else {
      return problem(.malformedCSV, "is larger than \(maxFileBytes) bytes")
    }
    guard let handle = fopen(path, "rb") else { return problem(.missingFile, "cannot open: \(errnoText())") }
    defer { fclose(handle) }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
    let count = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
    bytes.removeLast(bytes.count - count)
    if let declared = file.bytes, declared != count {
      return problem(.integrity, "is \(count) bytes, the package records \(declared)")
    }
    let found = SHA256.hex(bytes)
    guard found == file.sha256 else {
      return problem(
        .integrity,
        "SHA-256 is \(found), the package records \(file.sha256): not the file the package declares")
    }
    return .success(bytes)
  }

  /// Checks rows of texts against a table resource's schema, as if read from a file at `path`:
  /// types and constraints per cell (primary and foreign keys are checked on the whole table).
  public static func typedRows(
    _ rows: [[String]], lines: [Int], path: String, resource: ResourceDescriptor
  ) -> (rows: [[FieldValue?]], problems: [IngestProblem]) {
    let schema = resource.schema
    let checkers = schema.fields.map { FieldChecker(field: $0, schemaMissingValues: schema.missingValues) }
    var typed: [[FieldValue?]] = []
    var problems: [IngestProblem] = []
    for (row, line) in zip(rows, lines) {
      guard row.count == checkers.count else {
        problems.append(
          IngestProblem(
            .malformedCSV, resource: resource.name, path: path, line: line, column: nil,
            message: "row has \(row.count) fields, the schema \(checkers.count)"))
        continue
      }
      var values: [FieldValue?] = []
      for (checker, text) in zip(checkers, row) {
        switch checker.check(text) {
        case .success(let value): values.append(value)
        case .failure(let message):
          values.append(nil)
          problems.append(
            IngestProblem(
              message.kind, resource: resource.name, path: path, line: line, column: checker.field.name,
              message: message.text))
        }
      }
      typed.append(values)
    }
    return (typed, problems)
  }

  /// A table's primary-key duplicates and foreign keys that resolve to nothing in `result`.
  public static func keyProblems(of table: Table, in result: IngestResult, directory: String)
    -> [IngestProblem]
  {
    var problems: [IngestProblem] = []
    let schema = table.resource.schema
    let keyIndexes = schema.primaryKey.compactMap { schema.index(of: $0) }
    if !keyIndexes.isEmpty {
      var seen: [[FieldValue?]: Int] = [:]
      for (row, line) in zip(table.rows, table.lines) {
        let key = keyIndexes.map { row[$0] }
        if let first = seen[key] {
          problems.append(
            IngestProblem(
              .primaryKey, resource: table.name, path: displayPath(directory, table.resource.path),
              line: line,
              column: schema.primaryKey.joined(separator: ", "),
              message:
                "duplicate primary key (\(key.map { $0?.text ?? "" }.joined(separator: ", "))), first on line \(first)"
            ))
        } else {
          seen[key] = line
        }
      }
    }
    let others = result.tables.filter { $0.name != table.name } + [table]
    return problems
      + checkForeignKeys(result.descriptor, others, directory: directory).filter { $0.resource == table.name }
  }

  static func displayPath(_ directory: String, _ path: String) -> String {
    directory == "." ? path : "\(directory)/\(path)"
  }

  /// What reading one resource gave: its typed table, or (streamed) its row count and output.
  enum Loaded {
    case retained(Table)
    case streamed(StreamedTable)
  }

  private static func load(
    _ resource: ResourceDescriptor, directory: String, limits: CSVLimits, maxMagnitude: Double,
    parallelBytes: Int, plan: inout StreamPlan, output: OutputFolder?, problems sink: inout ProblemSink
  ) -> Loaded? {
    let path = displayPath(directory, resource.path)
    var found = 0
    func problem(_ kind: IngestProblem.Kind, line: Int?, column: String?, _ message: String) {
      found += 1
      sink.add(
        IngestProblem(kind, resource: resource.name, path: path, line: line, column: column, message: message)
      )
    }
    if let escape = escapesFolder(resource.path, directory: directory) {
      problem(.missingFile, line: nil, column: nil, escape)
      return nil
    }
    let reader: CSVReader
    do {
      reader = try CSVReader(path: path, limits: limits)
    } catch {
      problem(
        error.code == .cannotOpen ? .missingFile : .malformedCSV, line: error.line,
        column: error.columnName ?? error.column.map { "column \($0)" }, error.message)
      return nil
    }
    let schema = resource.schema
    let header = reader.header.names
    let expected = schema.fields.map(\.name)
    if header != expected {
      for (index, name) in expected.enumerated() where index >= header.count || header[index] != name {
        let found = index < header.count ? "\"\(header[index])\"" : "nothing"
        problem(
          .header, line: 1, column: name, "header column \(index + 1) should be \"\(name)\", found \(found)")
      }
      for index in expected.count..<max(expected.count, header.count) {
        problem(
          .header, line: 1, column: header[index],
          "header column \(index + 1) \"\(header[index])\" is not in the schema")
      }
      return nil
    }
    if plan.isStreamed(resource.name) {
      let spills = plan.spills(for: resource)
      guard
        let table = readStreamed(
          resource, path: path, header: reader.header, limits: limits, maxMagnitude: maxMagnitude,
          spills: spills,
          parallelBytes: parallelBytes, output: output, sink: &sink)
      else { return nil }
      plan.loaded(resource.name)
      return .streamed(table)
    }
    let checkers = schema.fields.map {
      FieldChecker(field: $0, schemaMissingValues: schema.missingValues, maxMagnitude: maxMagnitude)
    }
    let keyIndexes = schema.primaryKey.compactMap { schema.index(of: $0) }
    // A retained table checks its keys in dictionaries (it is small).
    var seenKeys: [[FieldValue?]: Int] = [:]
    var uniqueSeen: [Int: [FieldValue: Int]] = [:]
    var rows: [[FieldValue?]] = []
    var lines: [Int] = []
    var values = [FieldValue?](repeating: nil, count: checkers.count)
    do {
      try reader.forEach { record in
        var rowOK = true
        for index in 0..<checkers.count {
          let checker = checkers[index]
          switch checker.check(bytes: record.bytes(at: index)) {
          case .success(let value):
            values[index] = value
          case .failure(let message):
            values[index] = nil
            rowOK = false
            problem(message.kind, line: record.line, column: checker.field.name, message.text)
          }
        }
        for (index, checker) in checkers.enumerated() where checker.field.constraints.unique {
          guard let value = values[index] else { continue }
          if let first = uniqueSeen[index, default: [:]][value] {
            problem(
              .constraint, line: record.line, column: checker.field.name,
              "\"\(value.text)\" is not unique (also on line \(first))")
          } else {
            uniqueSeen[index, default: [:]][value] = record.line
          }
        }
        if !keyIndexes.isEmpty {
          let key = keyIndexes.map { values[$0] }
          if rowOK || !key.contains(where: { $0 == nil }) {
            if let first = seenKeys[key] {
              problem(
                .primaryKey, line: record.line, column: schema.primaryKey.joined(separator: ", "),
                "duplicate primary key (\(key.map { $0?.text ?? "" }.joined(separator: ", "))), first on line \(first)"
              )
            } else {
              seenKeys[key] = record.line
            }
          }
        }
        rows.append(values)
        lines.append(record.line)
      }
    } catch let error as CSVError {
      problem(
        .malformedCSV, line: error.line, column: error.columnName ?? error.column.map { "column \($0)" },
        error.message)
      return nil
    } catch {
      problem(.malformedCSV, line: nil, column: nil, "\(error)")
      return nil
    }
    return .retained(Table(resource: resource, rows: rows, lines: lines, path: path))
  }

  /// Why a listed path is refused before it is opened: it resolves (through links) outside the
  /// package folder, or is not a regular file (a device, a FIFO). nil when it may be read (or is
  /// missing, which opening reports).
  private static func escapesFolder(_ relative: String, directory: String) -> String? {
    do {
      try InputFile.check(displayPath(directory, relative), inside: directory)
      return nil
    } catch {
      return error.kind == .missing ? nil : error.message
    }
  }

  private static func checkForeignKeys(
    _ descriptor: DataPackageDescriptor, _ tables: [Table], directory: String
  ) -> [IngestProblem] {
    var problems: [IngestProblem] = []
    for table in tables {
      for key in table.resource.schema.foreignKeys {
        let targetName = key.referencedResource ?? table.name
        guard let target = tables.first(where: { $0.name == targetName }) else { continue }  // already reported
        let targetIndexes = key.referencedFields.compactMap { target.column($0) }
        let known = Set(target.rows.map { row in targetIndexes.map { row[$0]?.text } })
        let indexes = key.fields.compactMap { table.column($0) }
        for (rowIndex, row) in table.rows.enumerated() {
          let values = indexes.map { row[$0]?.text }
          if values.contains(where: { $0 == nil }) { continue }
          if !known.contains(values) {
            let shown = values.compactMap { $0 }.joined(separator: ", ")
            problems.append(
              IngestProblem(
                .foreignKey, resource: table.name, path: displayPath(directory, table.resource.path),
                line: table.lines[rowIndex], column: key.fields.joined(separator: ", "),
                message:
                  "\"\(shown)\" is not a \(key.referencedFields.joined(separator: ", ")) in \(targetName)"))
          }
        }
      }
    }
    return problems
  }
}
