/// Receives one field during `CSVReader.scan(context:field:record:)` (package API): context, 0-based field
/// index, bytes (nil when empty) and their count.
package typealias CSVFieldFunction =
  @convention(c) (UnsafeMutableRawPointer, Int, UnsafeRawPointer?, Int) -> Void
/// Receives one record end: context, the line the record started on, its field count.
package typealias CSVRecordFunction = @convention(c) (UnsafeMutableRawPointer, Int, Int) -> Void

/// Reads an RFC 4180 CSV file through libcsv in fixed-size chunks and hands each record to a
/// closure, so memory stays bounded whatever the file's size.
///
/// The first row is the header. Quoting is strict (text after a closing quote, a quote inside an
/// unquoted field and a quote left open at the end are errors), spaces are kept as they are, a
/// UTF-8 byte-order mark is dropped, blank lines are skipped, and every record must have as many
/// fields as the header and be valid UTF-8. Errors name the file, the line on which the record
/// starts and, where known, the column.
public final class CSVReader {
  public let path: String
  public let limits: CSVLimits
  /// The file's first row; read when the reader is created.
  public private(set) var header: CSVHeader
  private var source: any ByteSource
  private let parser: LibCSVParser
  private let chunk: UnsafeMutableRawBufferPointer
  private var atStart = true
  private var reachedEnd = false
  private var pendingError: CSVError?
  /// Index of the next row of the batch to hand out.
  private var nextRow = 0
  /// The consumer's callbacks and cursor during ``scanRaw(context:cursor:field:row:)``.
  private var raw: RawTarget?

  private struct RawTarget {
    let context: UnsafeMutableRawPointer
    let cursor: UnsafeMutablePointer<RawScanCursor>
    let field: LibCSVFieldCallback
    let row: LibCSVRowCallback
  }

  /// Opens `path` and reads its header.
  public convenience init(path: String, limits: CSVLimits = .default) throws(CSVError) {
    try self.init(source: FileByteSource(path: path), path: path, limits: limits)
  }

  /// Reads from any byte source; `path` is only used in messages.
  public init(source: any ByteSource, path: String, limits: CSVLimits = .default) throws(CSVError) {
    self.path = path
    self.limits = limits
    self.source = source
    parser = try Self.makeParser(limits: limits, path: path)
    chunk = .allocate(byteCount: max(limits.chunkBytes, 4), alignment: 16)
    header = try CSVHeader(names: [], path: path, line: 1)
    // Every stored property is set from here on, so `deinit` frees `chunk` if this throws.
    while parser.batch.pointee.rows.isEmpty && pendingError == nil && !reachedEnd {
      try feedNextChunk()
    }
    guard let first = parser.batch.pointee.rows.first else {
      throw pendingError
        ?? CSVError(.emptyFile, path: path, line: 1, message: "file is empty: a header row is required")
    }
    let names = try withRow(first, fieldCount: 0) { record throws(CSVError) in
      try (0..<first.fieldCount).map { index throws(CSVError) in
        try validatedUTF8(record, index, line: first.line, columnName: nil)
      }
    }
    header = try CSVHeader(names: names, path: path, line: first.line)
    nextRow = 1
  }

  /// Reads a part of a file that starts after the header, for parallel readers: no header row
  /// and no byte-order mark are expected, and line numbers start at `firstLine`.
  public init(
    continuing source: any ByteSource, path: String, header: CSVHeader, firstLine: Int,
    limits: CSVLimits = .default
  ) throws(CSVError) {
    self.path = path
    self.limits = limits
    self.source = source
    parser = try Self.makeParser(limits: limits, path: path)
    chunk = .allocate(byteCount: max(limits.chunkBytes, 4), alignment: 16)
    self.header = header
    atStart = false
    parser.batch.pointee.line = firstLine
    parser.batch.pointee.recordStartLine = firstLine
  }

  deinit { chunk.deallocate() }

  private static func makeParser(limits: CSVLimits, path: String) throws(CSVError) -> LibCSVParser {
    do {
      return try LibCSVParser(limits: limits, delimiter: UInt8(ascii: ","))
    } catch {
      throw CSVError(.outOfMemory, path: path, message: error.message)
    }
  }

  /// Whether every field of every record is checked for valid UTF-8 (the default). A caller that
  /// reads only some fields, and checks those itself, may turn it off for speed.
  public var validatesUTF8 = true

  /// Calls `body` with each record after the header, in file order; the first invalid record
  /// ends the read with its error.
  public func forEach(_ body: (CSVRecord) throws -> Void) throws {
    try forEach(onInvalidRecord: { throw $0 }, body)
  }

  /// Calls `body` with each valid record after the header, in file order, and `onInvalidRecord`
  /// with the error of each invalid one.
  ///
  /// - Parameter onInvalidRecord: a record with the wrong number of fields or
  ///   invalid UTF-8 is passed here and skipped instead of ending the read; errors in the file's
  ///   structure (quoting, limits) always end it.
  /// - Parameter body: called with each valid record, in file order.
  public func forEach(
    onInvalidRecord: (CSVError) throws -> Void, _ body: (CSVRecord) throws -> Void
  ) throws {
    while true {
      try deliverPendingRows(onInvalidRecord: onInvalidRecord, body)
      try throwPendingError()
      if reachedEnd { return }
      parser.batch.pointee.compact()
      nextRow = 0
      try feedNextChunk()
    }
  }

  /// Streams every remaining record straight from libcsv, with nothing copied or stored — the
  /// fastest way to read. `field(context, index, bytes, count)` gets each field (0-based index;
  /// the bytes are valid only during the call) and `record(context, line, fieldCount)` each
  /// record end, in file order. They are C function pointers (top-level Swift functions convert)
  /// with a context pointer, because they run inside libcsv's callbacks for every field: no
  /// reference counting, and they must not throw — keep what you find in the context and act on
  /// it after `scan` returns. Field counts and UTF-8 are not checked; the caller sees the count.
  /// Errors in the file's structure end the scan with a ``CSVError``, after every complete
  /// record before them was delivered.
  package func scan(
    context: UnsafeMutableRawPointer, field: CSVFieldFunction, record: CSVRecordFunction
  ) throws(CSVError) {
    let batch = parser.batch
    handOverStoredRows(
      field: { index, bytes in field(context, index, bytes.baseAddress, bytes.count) },
      record: { mark in record(context, mark.line, mark.fieldCount) })
    // The record libcsv is still reading may already have fields in the batch: hand them over.
    let pendingFields = batch.pointee.fieldsInPartialRow
    if pendingFields > 0 {
      let base = UnsafeRawPointer(batch.pointee.bytes.base)
      var start = 0
      for index in 0..<pendingFields {
        let end = batch.pointee.fieldEnds[index]
        if end > start {
          batch.pointee.rowLineFeeds += RowBatch.lineFeeds(in: base + start, count: end - start)
        }
        field(context, index, base + start, end - start)
        start = end
      }
      batch.pointee.sinkRowBytes = start
    }
    batch.pointee.sinkFields = pendingFields
    batch.pointee.compact()
    batch.pointee.bytes.removeAll()
    batch.pointee.fieldEnds.removeAll()
    batch.pointee.sink = FieldSink(context: context, field: field, record: record)
    defer {
      batch.pointee.sink = nil
      batch.pointee.sinkFields = 0
      batch.pointee.sinkRowBytes = 0
    }
    while pendingError == nil && !reachedEnd {
      try feedNextChunk()
    }
    try throwPendingError()
  }

  /// Hands the records parsed while the header was read (still in the batch) to a scan, in file
  /// order, then empties the batch of them; the record libcsv is still reading stays.
  private func handOverStoredRows(
    field: (Int, UnsafeRawBufferPointer) -> Void, record: (RowMark) -> Void
  ) {
    let rows = parser.batch.pointee.rows.buffer
    while nextRow < rows.count {
      let mark = rows[nextRow]
      nextRow += 1
      withRow(mark, fieldCount: header.count) { stored in
        for index in 0..<mark.fieldCount { field(index, stored.rawBytes(slot: index)) }
      }
      record(mark)
    }
    parser.batch.pointee.compact()
    nextRow = 0
  }

  /// Ends the read with the stored error, if there is one, naming its column from the header.
  private func throwPendingError() throws(CSVError) {
    guard var error = pendingError else { return }
    pendingError = nil
    reachedEnd = true
    if error.columnName == nil, let column = error.column, column <= header.count {
      error.columnName = header.names[column - 1]
    }
    throw error
  }

  /// The fastest read, for a consumer that handles fields in its own C functions: libcsv calls
  /// `field` and `row` directly (no call in between), with `context`. The consumer keeps
  /// `cursor` (inside its context, usually) with ``RawScanCursor/field(_:)`` and
  /// ``RawScanCursor/endRow()``, which enforce the limits and count records; the reader reads it
  /// after each chunk and ends the scan with an error when a limit was passed.
  ///
  /// Lines are not counted. Errors thrown here name the record number in their message and no
  /// line; a caller that shows errors to people reads again with
  /// ``scan(context:field:record:)`` (the same error, with its line), and finds the lines of
  /// records it wants to report with ``lines(ofRecords:)``.
  package func scanRaw(
    context: UnsafeMutableRawPointer, cursor: UnsafeMutablePointer<RawScanCursor>,
    field: LibCSVFieldCallback, row: LibCSVRowCallback
  ) throws(CSVError) {
    let batch = parser.batch
    handOverStoredRows(
      field: { _, bytes in field(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count, context)
      },
      record: { _ in row(0x0A, context) })
    // The record libcsv is still reading may already have fields in the batch: hand them over.
    let base = UnsafeMutableRawPointer(batch.pointee.bytes.base)
    var start = 0
    for index in 0..<batch.pointee.fieldsInPartialRow {
      let end = batch.pointee.fieldEnds[index]
      field(base + start, end - start, context)
      start = end
    }
    batch.pointee.compact()
    batch.pointee.bytes.removeAll()
    batch.pointee.fieldEnds.removeAll()
    raw = RawTarget(context: context, cursor: cursor, field: field, row: row)
    defer { raw = nil }
    while pendingError == nil && !reachedEnd {
      try feedNextChunk()
    }
    try throwPendingError()
  }

  /// The lines on which the given records (numbered from 1 after the header, as
  /// ``RawScanCursor/records`` counts them) start, read with line counting from where this
  /// reader stands to the end; records past the end are left out. For the few records a raw
  /// scan wants to report, and — called with none — to find the line of a raw scan's error
  /// (this read throws it with its line).
  public func lines(ofRecords wanted: Set<Int>) throws(CSVError) -> [Int: Int] {
    final class Found {
      let wanted: Set<Int>
      var record = 0
      var lines: [Int: Int] = [:]
      init(_ wanted: Set<Int>) { self.wanted = wanted }
    }
    let found = Found(wanted)
    try withExtendedLifetime(found) { () throws(CSVError) in
      try scan(
        context: Unmanaged.passUnretained(found).toOpaque(),
        field: { _, _, _, _ in },
        record: { context, line, _ in
          let found = Unmanaged<Found>.fromOpaque(context).takeUnretainedValue()
          found.record += 1
          if found.wanted.contains(found.record) { found.lines[found.record] = line }
        })
    }
    return found.lines
  }

  /// The package's C-function scan (`scan(context:field:record:)`) with closures, for convenience
  /// where speed matters less: fields straight from libcsv, nothing copied.
  public func scan(
    field: @escaping (Int, UnsafeRawBufferPointer) -> Void, record: @escaping (Int, Int) -> Void
  ) throws(CSVError) {
    final class Closures {
      let field: (Int, UnsafeRawBufferPointer) -> Void
      let record: (Int, Int) -> Void
      init(field: @escaping (Int, UnsafeRawBufferPointer) -> Void, record: @escaping (Int, Int) -> Void) {
        self.field = field
        self.record = record
      }
    }
    let closures = Closures(field: field, record: record)
    try withExtendedLifetime(closures) { () throws(CSVError) in
      try scan(
        context: Unmanaged.passUnretained(closures).toOpaque(),
        field: { context, index, bytes, count in
          let closures = Unmanaged<Closures>.fromOpaque(context).takeUnretainedValue()
          closures.field(index, UnsafeRawBufferPointer(start: bytes, count: count))
        },
        record: { context, line, count in
          Unmanaged<Closures>.fromOpaque(context).takeUnretainedValue().record(line, count)
        })
    }
  }

  // MARK: - Feeding libcsv

  private func feedNextChunk() throws(CSVError) {
    var count = try source.read(into: chunk)
    if atStart {
      // Make sure the first three bytes are present before looking for a byte-order mark.
      while count > 0 && count < 3 {
        let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[count...]))
        if more == 0 { break }
        count += more
      }
    }
    if count == 0 {
      reachedEnd = true
      let finished =
        raw.map { parser.finish(field: $0.field, row: $0.row, context: $0.context) } ?? parser.finish()
      if !finished {
        pendingError = CSVError(
          .unterminatedQuote, path: path, line: errorLine, column: errorColumn,
          message: "quoted field is not closed at end of file" + rawRecordNote)
      }
      takeCallbackFailure()
      return
    }
    var start = 0
    if atStart {
      atStart = false
      if count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { start = 3 }
    }
    let data = UnsafeRawBufferPointer(rebasing: chunk[start..<count])
    let failure =
      raw.map { parser.parse(data, field: $0.field, row: $0.row, context: $0.context) } ?? parser.parse(data)
    takeCallbackFailure()
    if pendingError == nil, let failure, failure.kind != .parse {
      // libcsv's own error kind is kept: memory is the machine's fault, not the file's.
      pendingError = CSVError(
        failure.kind == .outOfMemory
          ? .outOfMemory : failure.kind == .tooBig ? .fieldTooLarge : .parserFailure,
        path: path, line: errorLine, column: errorColumn,
        message: "libcsv: \(failure.message)" + rawRecordNote)
    }
    if pendingError == nil, let failure {
      let byte = failure.offset < data.count ? data[failure.offset] : 0
      let message =
        byte == UInt8(ascii: "\"")
        ? "quote character inside an unquoted field"
        : "unexpected \(describe(byte)) after a closing quote"
      pendingError = CSVError(
        .malformedQuoting, path: path, line: errorLine, column: errorColumn, message: message + rawRecordNote)
    }
    // libcsv buffers an unfinished field itself; bound it here.
    if pendingError == nil && parser.pendingFieldCapacity > limits.maxFieldBytes + 4096 {
      pendingError = CSVError(
        .fieldTooLarge, path: path, line: errorLine, column: errorColumn,
        message: "field is longer than the limit of \(limits.maxFieldBytes) bytes" + rawRecordNote)
    }
  }

  /// The line of the record being read, for errors; unknown in a raw scan, which counts records.
  private var errorLine: Int? { raw == nil ? parser.batch.pointee.recordStartLine : nil }
  private var errorColumn: Int {
    if let raw { return raw.cursor.pointee.fieldIndex + 1 }
    return parser.batch.pointee.fieldsInPartialRow + 1
  }
  /// Where a raw scan's error is: the record's number, since its line is not known.
  private var rawRecordNote: String {
    guard let raw else { return "" }
    return " (record \(raw.cursor.pointee.records + 1) after the header; lines are not counted in a raw scan)"
  }

  private func takeCallbackFailure() {
    if let raw {
      let cursor = raw.cursor.pointee
      guard pendingError == nil, cursor.failure != 0 else { return }
      let note = " (record \(cursor.failureRecord) after the header; lines are not counted in a raw scan)"
      pendingError =
        cursor.failure == 1
        ? CSVError(
          .fieldTooLarge, path: path, column: cursor.failureColumn,
          message: "field is longer than the limit of \(limits.maxFieldBytes) bytes" + note)
        : CSVError(
          .rowTooLarge, path: path, column: cursor.failureColumn,
          message:
            "record is longer than the limits (\(limits.maxRowBytes) bytes, \(limits.maxFields) fields)"
            + note)
      return
    }
    guard pendingError == nil, let failure = parser.batch.pointee.failure else { return }
    pendingError = CSVError(
      failure.code, path: path, line: failure.line, column: failure.column, message: failure.message)
  }

  private func describe(_ byte: UInt8) -> String {
    switch byte {
    case 0x20...0x7E: return "character '\(Character(Unicode.Scalar(byte)))'"
    default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
  }

  // MARK: - Handing rows to Swift code

  private func deliverPendingRows(
    onInvalidRecord: (CSVError) throws -> Void, _ body: (CSVRecord) throws -> Void
  ) throws {
    let rows = parser.batch.pointee.rows.buffer
    // A local cursor: a class property written per row costs an exclusivity check each time.
    var cursor = nextRow
    defer { nextRow = cursor }
    let fieldCount = header.count
    let validate = validatesUTF8
    while cursor < rows.count {
      let mark = rows[cursor]
      cursor += 1
      try withRow(mark, fieldCount: fieldCount) { record in
        if let problem = check(record, mark, fieldCount: fieldCount, validate: validate) {
          try onInvalidRecord(problem)
          return
        }
        try body(record)
      }
    }
  }

  private func withRow<T, E: Error>(_ mark: RowMark, fieldCount: Int, _ body: (CSVRecord) throws(E) -> T)
    throws(E) -> T
  {
    let batch = parser.batch
    // The batch is only read here; callbacks run while no record is alive.
    let base = UnsafeRawBufferPointer(start: batch.pointee.bytes.base, count: batch.pointee.bytes.count)
    let ends = batch.pointee.fieldEnds.buffer
    let record = CSVRecord(
      line: mark.line, reader: self, count: fieldCount, base: base, ends: ends, first: mark.firstField)
    return try body(record)
  }

  private func check(_ record: CSVRecord, _ mark: RowMark, fieldCount: Int, validate: Bool) -> CSVError? {
    if mark.fieldCount != fieldCount {
      let column = min(mark.fieldCount, header.count) + 1
      return CSVError(
        .fieldCountMismatch, path: path, line: mark.line, column: column,
        columnName: column <= header.count ? header.names[column - 1] : nil,
        message:
          "record has \(mark.fieldCount) field\(mark.fieldCount == 1 ? "" : "s") but the header has \(header.count)"
      )
    }
    guard validate else { return nil }
    for index in 0..<mark.fieldCount where !UTF8Validation.isValid(record.bytes(at: index)) {
      return CSVError(
        .invalidUTF8, path: path, line: mark.line, column: index + 1, columnName: header.names[index],
        message: "field is not valid UTF-8")
    }
    return nil
  }

  private func validatedUTF8(_ record: CSVRecord, _ index: Int, line: Int, columnName: String?)
    throws(CSVError) -> String
  {
    let field = record.rawBytes(slot: index)
    guard UTF8Validation.isValid(field) else {
      throw CSVError(
        .invalidUTF8, path: path, line: line, column: index + 1, message: "header name is not valid UTF-8")
    }
    return String(decoding: field, as: UTF8.self)
  }
}
