import CRMAFiles
import CSVStream
import Glibc

/// A resource the ingest stage read without keeping its rows (larger than the retention bound,
/// ``IngestStage/maxRetainedBytes``): checked in full, counted, and — when the stage had an output
/// folder and the resource no problem — written there as normalised CSV.
public struct StreamedTable: Sendable {
  public let resource: ResourceDescriptor
  /// The file the rows came from, as problems name it.
  public let path: String
  /// Rows read (valid or not).
  public let rows: Int
  /// The parts the file was read in, each on its own thread: 2 for a large file on a machine
  /// with two cores (``IngestStage/parallelBytes``), else 1.
  public let parts: Int
  /// Size and SHA-256 of the normalised CSV written to the output folder, if it was.
  public let outputBytes: Int?
  public let outputSHA256: String?
  /// Why the output could not be written, if it could not.
  public let outputError: OutputError?

  init(
    resource: ResourceDescriptor, path: String, rows: Int, parts: Int, output: (bytes: Int, sha256: String)?,
    outputError: OutputError?
  ) {
    self.resource = resource
    self.path = path
    self.rows = rows
    self.parts = parts
    self.outputBytes = output?.bytes
    self.outputSHA256 = output?.sha256
    self.outputError = outputError
  }

  public var name: String { resource.name }
}

/// The problems of a run, at most ``IngestStage/maxProblemsPerResource`` listed per resource;
/// the rest of each resource's are counted and reported in one closing problem.
struct ProblemSink {
  private(set) var listed: [IngestProblem] = []
  private var perResource: [String: Int] = [:]
  private var dropped: [(sample: IngestProblem, count: Int)] = []
  /// Problems found, listed or not.
  private(set) var count = 0

  mutating func add(_ problem: IngestProblem) {
    count += 1
    let seen = perResource[problem.resource, default: 0]
    perResource[problem.resource] = seen + 1
    if seen < IngestStage.maxProblemsPerResource {
      listed.append(problem)
    } else {
      drop(problem, count: 1)
    }
  }

  /// Counts `count` problems like `sample` that are not listed.
  mutating func drop(_ sample: IngestProblem, count: Int) {
    guard count > 0 else { return }
    if let index = dropped.firstIndex(where: { $0.sample.resource == sample.resource }) {
      dropped[index].count += count
    } else {
      dropped.append((sample, count))
    }
    if count > 1 { self.count += count - 1 }
  }

  /// The listed problems, then one per resource that had more.
  var all: [IngestProblem] {
    listed
      + dropped.map { sample, count in
        IngestProblem(
          sample.kind, resource: sample.resource, path: sample.path, line: nil, column: nil,
          message:
            "\(count) more problem\(count == 1 ? "" : "s") not listed (crma lists the first \(IngestStage.maxProblemsPerResource) of a resource)"
        )
      }
  }
}

/// The key hashes one streamed resource spills while it is read.
final class ResourceSpills {
  let primaryKey: [Int]
  let primaryKeySpill: KeySpill?
  /// Fields with `unique: true`, by index.
  let unique: [(index: Int, spill: KeySpill)]
  /// Values of foreign keys from this resource, and of key fields other resources' foreign keys
  /// point at.
  var references: [(indexes: [Int], spill: KeySpill)] = []
  var targets: [(indexes: [Int], spill: KeySpill)] = []

  init(schema: TableSchema) {
    primaryKey = schema.primaryKey.compactMap { schema.index(of: $0) }
    primaryKeySpill = primaryKey.isEmpty ? nil : KeySpill()
    unique = schema.fields.indices.filter { schema.fields[$0].constraints.unique }.map { ($0, KeySpill()) }
  }

  private init(copying other: ResourceSpills) {
    primaryKey = other.primaryKey
    primaryKeySpill = other.primaryKeySpill == nil ? nil : KeySpill()
    unique = other.unique.map { ($0.index, KeySpill()) }
    references = other.references.map { ($0.indexes, KeySpill()) }
    targets = other.targets.map { ($0.indexes, KeySpill()) }
  }

  /// Empty spills for the same keys, for another part of the file.
  func fresh() -> ResourceSpills { ResourceSpills(copying: self) }

  /// Forgets everything spilled (before the file is read again).
  func reset() {
    primaryKeySpill?.reset()
    for spill in unique.map(\.spill) + references.map(\.spill) + targets.map(\.spill) { spill.reset() }
  }

  /// Adds what a later part of the file (spills made by ``fresh()``) spilled.
  func merge(_ later: ResourceSpills) {
    if let primaryKeySpill, let other = later.primaryKeySpill { primaryKeySpill.append(other) }
    for (mine, theirs) in zip(
      unique.map(\.spill) + references.map(\.spill) + targets.map(\.spill),
      later.unique.map(\.spill) + later.references.map(\.spill) + later.targets.map(\.spill))
    {
      mine.append(theirs)
    }
  }

  func add(_ row: StreamRow, line: Int, rowOK: Bool) {
    if let primaryKeySpill {
      var hash = KeyHash()
      var complete = true
      for index in primaryKey {
        row.hash(index, into: &hash)
        if row.isNil(index) { complete = false }
      }
      if rowOK || complete { primaryKeySpill.add(hash.value, line: line) }
    }
    for (index, spill) in unique {
      guard !row.isNil(index) else { continue }
      var hash = KeyHash()
      row.hash(index, into: &hash)
      spill.add(hash.value, line: line)
    }
    // Each list on its own: `references + targets` would make an array for every row.
    for (indexes, spill) in references { Self.addComplete(row, indexes, spill, line: line) }
    for (indexes, spill) in targets { Self.addComplete(row, indexes, spill, line: line) }
  }
}

extension ResourceSpills {
  /// Spills the hash of the key on `indexes` when none of its cells is nil.
  fileprivate static func addComplete(_ row: StreamRow, _ indexes: [Int], _ spill: KeySpill, line: Int) {
    var hash = KeyHash()
    for index in indexes {
      if row.isNil(index) { return }
      row.hash(index, into: &hash)
    }
    spill.add(hash.value, line: line)
  }
}

/// Which resources are streamed, and the spills that check keys in which a streamed resource
/// takes part: its primary key and unique fields, foreign keys from it, and foreign keys into
/// it (from any resource, whatever the order of the descriptor).
struct StreamPlan {
  let directory: String
  private var descriptors: [String: ResourceDescriptor] = [:]
  private var streamedNames: Set<String> = []
  private var loadedNames: Set<String> = []
  private var resourceSpills: [String: ResourceSpills] = [:]
  /// Spills of target key values, by resource and fields.
  private var targetSpills: [String: KeySpill] = [:]
  private var foreignKeys: [(source: ResourceDescriptor, key: ForeignKey, target: String, spill: KeySpill)] =
    []

  init(descriptor: DataPackageDescriptor, directory: String, retainBytes: Int) {
    self.directory = directory
    for resource in descriptor.resources {
      descriptors[resource.name] = resource
      var status = stat()
      if stat(IngestStage.displayPath(directory, resource.path), &status) == 0,
        Int(status.st_size) > retainBytes
      {
        streamedNames.insert(resource.name)
      }
    }
    for resource in descriptor.resources {
      for key in resource.schema.foreignKeys {
        let target = key.referencedResource ?? resource.name
        guard streamedNames.contains(resource.name) || streamedNames.contains(target) else { continue }
        let targetID = Self.targetID(target, key.referencedFields)
        if targetSpills[targetID] == nil { targetSpills[targetID] = KeySpill() }
        foreignKeys.append((resource, key, target, KeySpill()))
      }
    }
  }

  private static func targetID(_ resource: String, _ fields: [String]) -> String {
    resource + "\u{1F}" + fields.joined(separator: "\u{1F}")
  }

  func isStreamed(_ name: String) -> Bool { streamedNames.contains(name) }

  /// The spills a streamed resource feeds while it is read.
  mutating func spills(for resource: ResourceDescriptor) -> ResourceSpills {
    let schema = resource.schema
    let spills = ResourceSpills(schema: schema)
    for (source, key, _, spill) in foreignKeys where source.name == resource.name {
      spills.references.append((key.fields.compactMap { schema.index(of: $0) }, spill))
    }
    for (id, spill) in targetSpills {
      let parts = id.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
      guard parts.first == resource.name else { continue }
      spills.targets.append((parts.dropFirst().compactMap { schema.index(of: $0) }, spill))
    }
    resourceSpills[resource.name] = spills
    return spills
  }

  /// A streamed resource read to its end (its key spills are complete).
  mutating func loaded(_ name: String) { loadedNames.insert(name) }

  /// Feeds the spills of foreign keys a retained table takes part in.
  mutating func addRetained(_ table: Table) {
    guard !foreignKeys.isEmpty else { return }
    let schema = table.resource.schema
    var feeds: [(indexes: [Int], spill: KeySpill)] = []
    for (source, key, _, spill) in foreignKeys where source.name == table.name {
      feeds.append((key.fields.compactMap { schema.index(of: $0) }, spill))
    }
    for (id, spill) in targetSpills {
      let parts = id.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
      guard parts.first == table.name else { continue }
      feeds.append((parts.dropFirst().compactMap { schema.index(of: $0) }, spill))
    }
    for (row, line) in zip(table.rows, table.lines) {
      for (indexes, spill) in feeds where indexes.allSatisfy({ row[$0] != nil }) {
        spill.add(KeyHash.of(indexes.map { row[$0] }), line: line)
      }
    }
    loadedNames.insert(table.name)
  }

  /// Duplicate keys and values that are not unique in streamed resources, and foreign keys in
  /// which a streamed resource takes part that resolve to nothing. Equal hashes are confirmed on
  /// the values themselves, read again from the file for the lines concerned (a second pass only
  /// over a resource that has such lines).
  func checkSpilledKeys(tables: [Table], limits: CSVLimits, maxMagnitude: Double, problems: inout ProblemSink)
  {
    let limit = IngestStage.maxProblemsPerResource
    // Lines whose values are needed, per streamed resource.
    var wanted: [String: Set<Int>] = [:]
    var duplicates:
      [(resource: ResourceDescriptor, indexes: [Int], pairs: [(line: Int, first: Int)], unique: Bool)] =
        []
    var misses: [(source: ResourceDescriptor, key: ForeignKey, target: String, lines: [Int])] = []
    var failures: [(ResourceDescriptor, String)] = []
    for (name, spills) in resourceSpills.sorted(by: { $0.key < $1.key }) where loadedNames.contains(name) {
      guard let resource = resourceDescriptor(name, tables: tables) else { continue }
      if let spill = spills.primaryKeySpill {
        let (pairs, more) = spill.equalHashes(limit: limit)
        duplicates.append((resource, spills.primaryKey, pairs, false))
        wanted[name, default: []].formUnion(pairs.flatMap { [$0.line, $0.first] })
        if more > 0 { problems.drop(sample(resource, .primaryKey), count: more) }
        if let failure = spill.failure { failures.append((resource, failure)) }
      }
      for (index, spill) in spills.unique {
        let (pairs, more) = spill.equalHashes(limit: limit)
        duplicates.append((resource, [index], pairs, true))
        wanted[name, default: []].formUnion(pairs.flatMap { [$0.line, $0.first] })
        if more > 0 { problems.drop(sample(resource, .constraint), count: more) }
        if let failure = spill.failure { failures.append((resource, failure)) }
      }
    }
    for (source, key, target, spill) in foreignKeys
    where loadedNames.contains(source.name) && loadedNames.contains(target) {
      guard let targetSpill = targetSpills[Self.targetID(target, key.referencedFields)] else { continue }
      let (lines, more) = spill.missing(from: targetSpill, limit: limit)
      if more > 0 { problems.drop(sample(source, .foreignKey), count: more) }
      if let failure = spill.failure ?? targetSpill.failure { failures.append((source, failure)) }
      guard !lines.isEmpty else { continue }
      misses.append((source, key, target, lines))
      if isStreamed(source.name) { wanted[source.name, default: []].formUnion(lines) }
    }
    var values: [String: [Int: [FieldValue?]]] = [:]
    for (name, lines) in wanted where !lines.isEmpty {
      guard let resource = resourceDescriptor(name, tables: tables) else { continue }
      values[name] = IngestStage.reread(
        resource, path: IngestStage.displayPath(directory, resource.path), lines: lines, limits: limits,
        maxMagnitude: maxMagnitude)
    }
    for (resource, failure) in failures {
      problems.add(
        IngestProblem(
          .malformedCSV, resource: resource.name, path: IngestStage.displayPath(directory, resource.path),
          line: nil,
          column: nil, message: "keys could not be checked: \(failure)"))
    }
    for (resource, indexes, pairs, unique) in duplicates {
      let rows = values[resource.name] ?? [:]
      let schema = resource.schema
      for (line, first) in pairs {
        guard let row = rows[line], let firstRow = rows[first] else { continue }
        let key = indexes.map { row[$0] }
        guard key == indexes.map({ firstRow[$0] }) else { continue }  // a 64-bit collision, not a duplicate
        let path = IngestStage.displayPath(directory, resource.path)
        if unique {
          problems.add(
            IngestProblem(
              .constraint, resource: resource.name, path: path, line: line,
              column: schema.fields[indexes[0]].name,
              message: "\"\(key[0]?.text ?? "")\" is not unique (also on line \(first))"))
        } else {
          problems.add(
            IngestProblem(
              .primaryKey, resource: resource.name, path: path, line: line,
              column: schema.primaryKey.joined(separator: ", "),
              message:
                "duplicate primary key (\(key.map { $0?.text ?? "" }.joined(separator: ", "))), first on line \(first)"
            ))
        }
      }
    }
    for (source, key, target, lines) in misses {
      let indexes = key.fields.compactMap { source.schema.index(of: $0) }
      let table = tables.first { $0.name == source.name }
      for line in lines {
        let row: [FieldValue?]?
        if let table {
          row = table.lines.firstIndex(of: line).map { table.rows[$0] }
        } else {
          row = values[source.name]?[line]
        }
        let shown = row.map { row in indexes.compactMap { row[$0]?.text }.joined(separator: ", ") } ?? ""
        problems.add(
          IngestProblem(
            .foreignKey, resource: source.name, path: IngestStage.displayPath(directory, source.path),
            line: line,
            column: key.fields.joined(separator: ", "),
            message: "\"\(shown)\" is not a \(key.referencedFields.joined(separator: ", ")) in \(target)"))
      }
    }
  }

  private func resourceDescriptor(_ name: String, tables: [Table]) -> ResourceDescriptor? {
    descriptors[name]
  }

  private func sample(_ resource: ResourceDescriptor, _ kind: IngestProblem.Kind) -> IngestProblem {
    IngestProblem(
      kind, resource: resource.name, path: IngestStage.displayPath(directory, resource.path), line: nil,
      column: nil,
      message: "")
  }
}

extension IngestStage {
  /// The typed values of the rows on `lines` of a resource's file (a second pass over a
  /// streamed resource, for the few lines whose keys need their values); invalid values are nil.
  static func reread(
    _ resource: ResourceDescriptor, path: String, lines: Set<Int>, limits: CSVLimits, maxMagnitude: Double
  ) -> [Int: [FieldValue?]] {
    let schema = resource.schema
    let checkers = schema.fields.map {
      FieldChecker(field: $0, schemaMissingValues: schema.missingValues, maxMagnitude: maxMagnitude)
    }
    var found: [Int: [FieldValue?]] = [:]
    guard let reader = try? CSVReader(path: path, limits: limits) else { return found }
    try? reader.forEach(onInvalidRecord: { _ in }) { record in
      guard lines.contains(record.line) else { return }
      found[record.line] = checkers.enumerated().map { index, checker in
        if case .success(let value) = checker.check(record.string(at: index)) { return value }
        return nil
      }
    }
    return found
  }
}
