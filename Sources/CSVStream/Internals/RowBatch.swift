import Glibc

/// Receivers for direct delivery: fields and record ends go here as libcsv completes them,
/// inside its callbacks, and nothing is stored. They must not throw (nothing may cross the C
/// frame); they record problems for the caller to act on afterwards.
struct FieldSink {
  let context: UnsafeMutableRawPointer
  let field: CSVFieldFunction
  let record: CSVRecordFunction
}

/// Where one completed row sits in a ``RowBatch``.
struct RowMark {
  /// Index into `fieldEnds` of the row's first field.
  var firstField: Int
  var fieldCount: Int
  /// The 1-based line on which the row starts.
  var line: Int
}

/// What went wrong inside a callback, kept until control is back in Swift.
struct BatchFailure {
  var line: Int
  var column: Int
  var code: CSVError.Code
  var message: String
}

/// The rows that libcsv's callbacks completed during one `csv_parse` call, stored contiguously
/// (one byte array, one array of field end offsets) so that no field costs an allocation. It
/// also counts physical lines, which libcsv does not. Not copyable: its storage is freed when
/// the parser that owns it deinitialises it.
struct RowBatch: ~Copyable {
  var bytes: RawVector<UInt8>
  var fieldEnds: RawVector<Int>
  var rows: RawVector<RowMark>
  /// Start of the row libcsv is still reading, in `fieldEnds` and in `bytes`.
  var partialFieldStart = 0
  var partialByteStart = 0
  /// The line the parser has reached, and the line on which the current record began.
  var line = 1
  var recordStartLine = 1
  /// A row just ended with CR: a following LF belongs to the same line end.
  var pendingCR = false
  var failure: BatchFailure?
  let limits: CSVLimits
  /// Line feeds inside the fields of the row being read, in direct delivery.
  var rowLineFeeds = 0
  /// Direct delivery, when set (see ``CSVReader/scan(field:record:)``): the row being read is
  /// counted here instead of stored.
  var sink: FieldSink?
  var sinkFields = 0
  var sinkRowBytes = 0

  init(limits: CSVLimits) {
    self.limits = limits
    bytes = RawVector(capacity: limits.chunkBytes + 4096)
    fieldEnds = RawVector(capacity: 1024)
    rows = RawVector(capacity: 256)
  }

  var fieldsInPartialRow: Int { sink == nil ? fieldEnds.count - partialFieldStart : sinkFields }

  mutating func appendField(_ field: UnsafeRawBufferPointer) {
    guard failure == nil else { return }
    pendingCR = false
    if let sink {
      let column = sinkFields + 1
      sinkRowBytes += field.count
      if field.count > limits.maxFieldBytes {
        fail(
          column: column, .fieldTooLarge, "field is longer than the limit of \(limits.maxFieldBytes) bytes")
        return
      }
      if sinkRowBytes > limits.maxRowBytes || column > limits.maxFields {
        fail(
          column: column, .rowTooLarge,
          "record is longer than the limits (\(limits.maxRowBytes) bytes, \(limits.maxFields) fields)")
        return
      }
      if let base = field.baseAddress, field.count > 0 {
        rowLineFeeds += Self.lineFeedsInField(base, field.count)
      }
      sink.field(sink.context, sinkFields, field.baseAddress, field.count)
      sinkFields = column
      return
    }
    let column = fieldsInPartialRow + 1
    if field.count > limits.maxFieldBytes {
      fail(column: column, .fieldTooLarge, "field is longer than the limit of \(limits.maxFieldBytes) bytes")
      return
    }
    if bytes.count - partialByteStart + field.count > limits.maxRowBytes {
      fail(column: column, .rowTooLarge, "record is longer than the limit of \(limits.maxRowBytes) bytes")
      return
    }
    if column > limits.maxFields {
      fail(column: column, .rowTooLarge, "record has more than the limit of \(limits.maxFields) fields")
      return
    }
    bytes.append(bytes: field)
    fieldEnds.append(bytes.count)
  }

  mutating func endRow(terminator: Int32) {
    guard failure == nil else { return }
    if let sink {
      let fieldCount = sinkFields
      if fieldCount > 0 { sink.record(sink.context, recordStartLine, fieldCount) }
      line += rowLineFeeds
      rowLineFeeds = 0
      sinkFields = 0
      sinkRowBytes = 0
      advanceLine(terminator: terminator, emptyRow: fieldCount == 0)
      return
    }
    let fieldCount = fieldsInPartialRow
    // Quoted fields may hold line breaks; they advance the physical line count. One scan per
    // row, not per field.
    let rowLines = countLineFeeds(from: partialByteStart)
    if fieldCount > 0 {
      rows.append(RowMark(firstField: partialFieldStart, fieldCount: fieldCount, line: recordStartLine))
      partialFieldStart = fieldEnds.count
      partialByteStart = bytes.count
    }
    line += rowLines
    advanceLine(terminator: terminator, emptyRow: fieldCount == 0)
  }

  /// Counts the row end itself: CR, LF, or CRLF (whose LF arrives as an empty row).
  private mutating func advanceLine(terminator: Int32, emptyRow: Bool) {
    switch terminator {
    case 0x0A:
      if pendingCR && emptyRow { pendingCR = false } else { line += 1 }
    case 0x0D:
      line += 1
      pendingCR = true
    default:
      break
    }
    recordStartLine = line
  }

  /// Line feeds in one field: a plain loop for short fields (no call), `memchr` for long ones.
  @inline(__always)
  static func lineFeedsInField(_ base: UnsafeRawPointer, _ count: Int) -> Int {
    guard count > 16 else {
      var found = 0
      for offset in 0..<count where base.load(fromByteOffset: offset, as: UInt8.self) == 0x0A { found += 1 }
      return found
    }
    return lineFeeds(in: base, count: count)
  }

  private func countLineFeeds(from start: Int) -> Int {
    guard bytes.count > start else { return 0 }
    return Self.lineFeeds(in: UnsafeRawPointer(bytes.base + start), count: bytes.count - start)
  }

  static func lineFeeds(in start: UnsafeRawPointer, count total: Int) -> Int {
    var cursor = start
    var remaining = total
    var count = 0
    while remaining > 0, let hit = memchr(cursor, 0x0A, remaining) {
      count += 1
      let advanced = UnsafeRawPointer(hit) - cursor + 1
      cursor += advanced
      remaining -= advanced
    }
    return count
  }

  mutating func fail(column: Int, _ code: CSVError.Code, _ message: String) {
    failure = BatchFailure(line: recordStartLine, column: column, code: code, message: message)
  }

  /// Drops the delivered rows and moves the unfinished row to the front.
  mutating func compact() {
    rows.removeAll()
    guard partialByteStart > 0 || partialFieldStart > 0 else { return }
    let shift = partialByteStart
    bytes.removeFirst(partialByteStart)
    fieldEnds.removeFirst(partialFieldStart)
    for index in 0..<fieldEnds.count { fieldEnds[index] -= shift }
    partialByteStart = 0
    partialFieldStart = 0
  }
}
