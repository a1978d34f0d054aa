import Glibc

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
/// also counts physical lines, which libcsv does not.
struct RowBatch {
  var bytes: [UInt8] = []
  var fieldEnds: [Int] = []
  var rows: [RowMark] = []
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

  init(limits: CSVLimits) {
    self.limits = limits
    bytes.reserveCapacity(limits.chunkBytes + 4096)
  }

  var fieldsInPartialRow: Int { fieldEnds.count - partialFieldStart }

  mutating func appendField(_ field: UnsafeRawBufferPointer) {
    guard failure == nil else { return }
    pendingCR = false
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
    if let base = field.baseAddress, field.count > 0 {
      bytes.append(contentsOf: field)
      // Quoted fields may hold line breaks; they advance the physical line count.
      var cursor = base
      var remaining = field.count
      while remaining > 0, let hit = memchr(cursor, 0x0A, remaining) {
        line += 1
        let advanced = hit - UnsafeMutableRawPointer(mutating: cursor) + 1
        cursor += advanced
        remaining -= advanced
      }
    }
    fieldEnds.append(bytes.count)
  }

  mutating func endRow(terminator: Int32) {
    guard failure == nil else { return }
    let fieldCount = fieldsInPartialRow
    if fieldCount > 0 {
      rows.append(RowMark(firstField: partialFieldStart, fieldCount: fieldCount, line: recordStartLine))
      partialFieldStart = fieldEnds.count
      partialByteStart = bytes.count
    }
    switch terminator {
    case 0x0A:
      // The LF of a CRLF arrives as an empty row right after the CR's row end.
      if pendingCR && fieldCount == 0 { pendingCR = false } else { line += 1 }
    case 0x0D:
      line += 1
      pendingCR = true
    default:
      break
    }
    recordStartLine = line
  }

  mutating func fail(column: Int, _ code: CSVError.Code, _ message: String) {
    failure = BatchFailure(line: recordStartLine, column: column, code: code, message: message)
  }

  /// Drops the delivered rows and moves the unfinished row to the front.
  mutating func compact() {
    rows.removeAll(keepingCapacity: true)
    guard partialByteStart > 0 || partialFieldStart > 0 else { return }
    let shift = partialByteStart
    bytes.removeSubrange(0..<partialByteStart)
    fieldEnds.removeSubrange(0..<partialFieldStart)
    for index in fieldEnds.indices { fieldEnds[index] -= shift }
    partialByteStart = 0
    partialFieldStart = 0
  }
}
