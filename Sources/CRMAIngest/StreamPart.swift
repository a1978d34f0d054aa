import CRMAFiles
import CSVStream
import Dispatch
import Glibc

/// A streamed resource read in parts, one thread each: the file is cut at record boundaries
/// (``cut(path:size:)``), each part checks its records with its own checkers, spills its keys
/// into its own ``ResourceSpills`` and writes its normalised CSV (the first part to the staged
/// output file, a later part to an anonymous temporary file appended after it). Results are
/// merged in file order, so problems, keys and output are the same as a read in one part; a part
/// that fails (malformed CSV) makes the resource be read again in one part, whose error is then
/// the one reported, as before.
final class StreamPart: @unchecked Sendable {
  // Each part is used by one thread while it runs and read by the caller after all have ended
  // (DispatchQueue.concurrentPerform returns only then), so nothing is shared while mutable.
  let resource: ResourceDescriptor
  let path: String
  let range: Range<Int>
  /// The header, and the line of the part's first record, for a part after the first.
  let continuing: (header: CSVHeader, firstLine: Int)?
  let limits: CSVLimits
  let maxMagnitude: Double
  let spills: ResourceSpills
  /// Whether the part writes the normalised CSV (header included for the first part).
  let writes: Bool
  var staged: StagedFile?
  private var temporary: UnsafeMutablePointer<FILE>?
  /// For the first part when a later part writes straight into the staged file: the offset at
  /// which the later part writes. The first part writes no further in the file; what it writes
  /// past it waits in ``temporary`` (``overflowed``).
  var limit: Int?
  private var overflowed = false
  /// For a later part: the staged file and the offset it writes its output at (the offset where
  /// the first part's output ends when its output has the size of its input, as when every value
  /// is already canonical), so its output is neither copied nor written twice. When the first
  /// part's output ends elsewhere, ``append(_:)`` moves it.
  var direct: (file: StagedFile, offset: Int)?
  private var directWritten = 0

  private(set) var problems: [IngestProblem] = []
  private(set) var unlisted = 0
  private(set) var found = 0
  private(set) var rows = 0
  private(set) var error: CSVError?
  private(set) var outputFailure: OutputError?

  init(
    resource: ResourceDescriptor, path: String, range: Range<Int>,
    continuing: (header: CSVHeader, firstLine: Int)?,
    limits: CSVLimits, maxMagnitude: Double, spills: ResourceSpills, writes: Bool, staged: StagedFile?
  ) {
    self.resource = resource
    self.path = path
    self.range = range
    self.continuing = continuing
    self.limits = limits
    self.maxMagnitude = maxMagnitude
    self.spills = spills
    self.writes = writes
    self.staged = staged
  }

  deinit { if let temporary { fclose(temporary) } }

  private func problem(_ kind: IngestProblem.Kind, line: Int?, column: String?, _ message: String) {
    found += 1
    if problems.count < IngestStage.maxProblemsPerResource {
      problems.append(
        IngestProblem(kind, resource: resource.name, path: path, line: line, column: column, message: message)
      )
    } else {
      unlisted += 1
    }
  }

  /// Writes `bytes` to the part's output: the staged file (the first part, up to ``limit``; a
  /// later part at its ``direct`` offset), else a temporary file appended later.
  private func emit(_ bytes: [UInt8]) {
    guard outputFailure == nil else { return }
    do {
      if continuing == nil {
        guard let staged else { return }
        if !overflowed, staged.byteCount + bytes.count <= limit ?? Int.max {
          try staged.write(bytes)
          return
        }
        overflowed = true
      } else if let direct {
        try direct.file.write(bytes, at: direct.offset + directWritten)
        directWritten += bytes.count
        return
      }
    } catch {
      outputFailure = error
      return
    }
    if temporary == nil { temporary = tmpfile() }
    guard let temporary,
      bytes.withUnsafeBytes({ fwrite($0.baseAddress, 1, $0.count, temporary) }) == bytes.count
    else {
      outputFailure = OutputError(
        .writeFailed, path: path, message: "cannot write a temporary file: \(errnoText())")
      return
    }
  }

  /// Reads and checks the part's records.
  func run() {
    let schema = resource.schema
    let checkers = schema.fields.map {
      FieldChecker(field: $0, schemaMissingValues: schema.missingValues, maxMagnitude: maxMagnitude)
    }
    let row = StreamRow(count: checkers.count)
    defer { row.deallocate() }
    var rowsRead = 0
    defer { rows = rowsRead }
    var clean = true
    let writing = writes
    let fieldCount = checkers.count
    var writer = OutputBuffer()
    defer { writer.deallocate() }
    if writes && continuing == nil {
      var header = CSVWriter()
      header.writeRow(schema.fields.map(\.name))
      header.bytes.withUnsafeBytes { writer.append($0) }
    }
    do {
      let source = try FileRangeByteSource(path: path, range: range)
      let reader =
        if let continuing {
          try CSVReader(
            continuing: source, path: path, header: continuing.header, firstLine: continuing.firstLine,
            limits: limits)
        } else {
          try CSVReader(source: source, path: path, limits: limits)
        }
      try reader.forEach { record in
        var rowOK = true
        for index in 0..<fieldCount {
          let checker = checkers[index]
          let bytes = record.bytes(at: index)
          // Most cells are decided on their bytes, no `String` or `FieldValue` made.
          switch checker.quickCheck(bytes) {
          case .same:
            row.raw[index] = bytes
            row.isRaw[index] = true
            continue
          case .missing:
            row.isRaw[index] = false
            row.values[index] = nil
            continue
          case .undecided:
            row.isRaw[index] = false
          }
          switch checker.check(bytes: bytes) {
          case .success(let value):
            row.values[index] = value
          case .failure(let message):
            row.values[index] = nil
            rowOK = false
            problem(message.kind, line: record.line, column: checker.field.name, message.text)
          }
        }
        rowsRead += 1
        spills.add(row, line: record.line, rowOK: rowOK)
        // Locals, not properties: a class property read per row costs an exclusivity check.
        if !rowOK { clean = false }
        guard writing && clean else { return }
        // A cell decided on its bytes is written as those bytes: they are its value's text.
        let rowStart = writer.count
        for index in 0..<fieldCount {
          if row.isRaw[index] {
            writer.appendField(row.raw[index], index: index)
          } else {
            var text = row.values[index]?.text ?? ""
            text.withUTF8 { writer.appendField(UnsafeRawBufferPointer($0), index: index) }
          }
        }
        writer.endRow(fieldCount: fieldCount, rowStart: rowStart)
        if writer.count >= 1 << 20 {
          emit(writer.bytes)
          writer.count = 0
        }
      }
    } catch let failure as CSVError {
      error = failure
      return
    } catch {
      self.error = CSVError(.readFailed, path: path, message: "\(error)")
      return
    }
    if writes && found == 0 { emit(writer.bytes) }
  }

  /// Appends a later part's output to this (first) part's staged file: a later part that wrote
  /// into the staged file right where this part's output ends is taken as it is (hashed, not
  /// copied); else its bytes are moved into place, after what this part kept aside.
  func append(_ later: StreamPart) {
    guard let staged, outputFailure == nil else { return }
    if let direct = later.direct {
      if !overflowed && staged.byteCount == direct.offset {
        do {
          try staged.adopt(count: later.directWritten)
        } catch {
          outputFailure = error
        }
        return
      }
      // Not where this part's output ends: the later part's bytes go to its temporary file first.
      if later.temporary == nil { later.temporary = tmpfile() }
      guard let file = later.temporary else {
        outputFailure = OutputError(
          .writeFailed, path: path, message: "cannot create a temporary file: \(errnoText())")
        return
      }
      do {
        try staged.read(at: direct.offset, count: later.directWritten) { bytes throws(OutputError) in
          guard fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count else {
            throw OutputError(
              .writeFailed, path: path, message: "cannot write a temporary file: \(errnoText())")
          }
        }
      } catch {
        outputFailure = error
        return
      }
    }
    if overflowed, let own = temporary {
      appendTemporary(own)
      overflowed = false
      fclose(own)
      temporary = nil
    }
    if let file = later.temporary { appendTemporary(file) }
  }

  private func appendTemporary(_ file: UnsafeMutablePointer<FILE>) {
    guard let staged, outputFailure == nil else { return }
    fflush(file)
    rewind(file)
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
      if count == 0 { break }
      do {
        try staged.write(count == buffer.count ? buffer : Array(buffer[0..<count]))
      } catch {
        outputFailure = error
        return
      }
    }
    if ferror(file) != 0 {
      outputFailure = OutputError(
        .writeFailed, path: path, message: "cannot read a temporary file: \(errnoText())")
    }
  }

  /// Where to cut a file of `size` bytes in two at a record boundary: the first line feed
  /// outside quotes at or after the middle (quotes counted from the file's start, so the count
  /// is exact for well-formed CSV), and the line feeds before it (the cut's line is one more).
  /// nil when there is no such line feed.
  static func cut(path: String, size: Int) -> (offset: Int, lineFeeds: Int)? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    let nominal = size / 2
    var offset = 0
    var quotes = 0
    var lineFeeds = 0
    while offset < size {
      let want = offset < nominal ? min(buffer.count, nominal - offset) : min(buffer.count, size - offset)
      let read = pread(fd, buffer.baseAddress, want, off_t(offset))
      guard read > 0 else { return nil }
      let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<read])
      if offset < nominal {
        quotes += bytes.count(of: UInt8(ascii: "\""))
        lineFeeds += bytes.count(of: 0x0A)
      } else {
        for position in 0..<read {
          let byte = bytes[position]
          if byte == UInt8(ascii: "\"") {
            quotes += 1
          } else if byte == 0x0A {
            lineFeeds += 1
            if quotes % 2 == 0 {
              let cut = offset + position + 1
              return cut < size ? (cut, lineFeeds) : nil
            }
          }
        }
      }
      offset += read
    }
    return nil
  }
}

/// One record's cells while a part checks it: each cell is either its own bytes (``raw``, when
/// ``isRaw``: they are the canonical text of a valid value, ``FieldChecker/Quick/same``) or a
/// checked value (``values``; nil when missing or invalid). The bytes are the reader's, valid
/// only while the record is handled.
struct StreamRow {
  // Buffers rather than arrays: written for every cell, with no uniqueness check or copy.
  let raw: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>
  let isRaw: UnsafeMutableBufferPointer<Bool>
  let values: UnsafeMutableBufferPointer<FieldValue?>

  /// A row of `count` cells; ``deallocate()`` frees it.
  init(count: Int) {
    raw = .allocate(capacity: count)
    raw.initialize(repeating: UnsafeRawBufferPointer(start: nil, count: 0))
    isRaw = .allocate(capacity: count)
    isRaw.initialize(repeating: false)
    values = .allocate(capacity: count)
    values.initialize(repeating: nil)
  }

  func deallocate() {
    raw.deallocate()
    isRaw.deallocate()
    _ = values.deinitialize()
    values.deallocate()
  }

  /// Whether cell `index` has no value (missing or invalid).
  func isNil(_ index: Int) -> Bool { !isRaw[index] && values[index] == nil }

  /// Adds cell `index` to a key's hash, as ``KeyHash/add(_:)`` of its value.
  func hash(_ index: Int, into hash: inout KeyHash) {
    if isRaw[index] {
      hash.add(bytes: raw[index])
    } else {
      hash.add(values[index])
    }
  }
}

/// A part's normalised CSV before it is written out: the bytes ``CSVWriter`` writes for the same
/// fields (a field quoted only when it holds a comma, quote, CR or LF — through ``CSVWriter`` —
/// and a row of one empty field written `""`), appended with no array bookkeeping per field.
struct OutputBuffer {
  private var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 << 20, alignment: 16)
  /// Bytes held.
  var count = 0

  func deallocate() { storage.deallocate() }

  /// The bytes held, as an array (to write out).
  var bytes: [UInt8] { Array(UnsafeRawBufferPointer(rebasing: storage[0..<count])) }

  private mutating func reserve(_ extra: Int) {
    guard count + extra > storage.count else { return }
    let larger = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(storage.count * 2, count + extra), alignment: 16)
    larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    storage.deallocate()
    storage = larger
  }

  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    reserve(bytes.count)
    if let base = bytes.baseAddress, let target = storage.baseAddress {
      (target + count).copyMemory(from: base, byteCount: bytes.count)
    }
    count += bytes.count
  }

  private mutating func append(byte: UInt8) {
    reserve(1)
    storage[count] = byte
    count += 1
  }

  /// Appends field `index` (0-based) of a row; `field` is valid UTF-8.
  mutating func appendField(_ field: UnsafeRawBufferPointer, index: Int) {
    if index > 0 { append(byte: UInt8(ascii: ",")) }
    for byte in field
    where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
      var quoted = CSVWriter()
      quoted.appendField(field, index: 0)
      quoted.bytes.withUnsafeBytes { append($0) }
      return
    }
    append(field)
  }

  /// Ends a row whose first field was appended when ``count`` was `rowStart`.
  mutating func endRow(fieldCount: Int, rowStart: Int) {
    if fieldCount == 1 && count == rowStart {
      append(byte: UInt8(ascii: "\""))
      append(byte: UInt8(ascii: "\""))
    }
    append(byte: 0x0A)
  }
}

extension IngestStage {
  /// Streamed files from this size up are read in two parts on two threads (when the machine
  /// has two cores).
  public static let parallelBytes = 64 * 1024 * 1024

  /// Reads a streamed resource (its header already checked): in two parts when it is large and
  /// the machine has two cores, else in one. `spills` are the plan's; problems go to `sink`.
  static func readStreamed(
    _ resource: ResourceDescriptor, path: String, header: CSVHeader, limits: CSVLimits, maxMagnitude: Double,
    spills: ResourceSpills, parallelBytes: Int, output: OutputFolder?, sink: inout ProblemSink
  ) -> StreamedTable? {
    var status = stat()
    let size = stat(path, &status) == 0 ? Int(status.st_size) : 0
    var staged: StagedFile?
    var outputFailure: OutputError?
    if let output {
      do {
        staged = try output.stream(resource.path)
      } catch {
        outputFailure = error
      }
    }
    let writes = staged != nil
    func part(
      _ range: Range<Int>, _ continuing: (header: CSVHeader, firstLine: Int)?, _ spills: ResourceSpills
    )
      -> StreamPart
    {
      StreamPart(
        resource: resource, path: path, range: range, continuing: continuing, limits: limits,
        maxMagnitude: maxMagnitude, spills: spills, writes: writes, staged: continuing == nil ? staged : nil)
    }
    var parts: [StreamPart] = []
    if size >= parallelBytes, ProcessInfoCores.count >= 2, let cut = StreamPart.cut(path: path, size: size) {
      parts = [
        part(0..<cut.offset, nil, spills),
        part(cut.offset..<size, (header, cut.lineFeeds + 1), spills.fresh()),
      ]
      if let staged {
        // The second part writes where the first part's output ends if it is as long as its input.
        parts[0].limit = cut.offset
        parts[1].direct = (staged, cut.offset)
      }
      let running = parts
      DispatchQueue.concurrentPerform(iterations: running.count) { running[$0].run() }
      if parts.contains(where: { $0.error != nil || $0.outputFailure != nil }) {
        // Read again in one part: its error (or output failure) is the one to report.
        spills.reset()
        if let output, parts[0].staged != nil {
          do {
            staged = try output.stream(resource.path)
          } catch {
            outputFailure = outputFailure ?? error
          }
        }
        parts = []
      }
    }
    if parts.isEmpty {
      let whole = part(0..<size, nil, spills)
      whole.run()
      parts = [whole]
    }
    for part in parts {
      for problem in part.problems { sink.add(problem) }
      if part.unlisted > 0, let sample = part.problems.last { sink.drop(sample, count: part.unlisted) }
    }
    if let error = parts.compactMap(\.error).first {
      sink.add(
        IngestProblem(
          .malformedCSV, resource: resource.name, path: path, line: error.line,
          column: error.columnName ?? error.column.map { "column \($0)" }, message: error.message))
      return nil
    }
    for later in parts.dropFirst() {
      spills.merge(later.spills)
      if parts[0].found == 0 && later.found == 0 { parts[0].append(later) }
    }
    let found = parts.map(\.found).reduce(0, +)
    outputFailure = outputFailure ?? parts.compactMap(\.outputFailure).first
    var written: (bytes: Int, sha256: String)?
    if let current = parts[0].staged, found == 0, outputFailure == nil {
      do {
        written = try current.finish()
      } catch {
        outputFailure = error
      }
    }
    return StreamedTable(
      resource: resource, path: path, rows: parts.map(\.rows).reduce(0, +), parts: parts.count,
      output: written,
      outputError: outputFailure)
  }
}

/// The number of cores online.
enum ProcessInfoCores {
  static let count = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
