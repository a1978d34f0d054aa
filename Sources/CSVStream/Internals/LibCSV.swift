import CLibCSV
import CLibCSVSpace

// Every call into libcsv lives in this file, so the C surface of the project can be read, traced
// and audited in one place (the idea of swift-system's `Internals/Syscalls.swift`).

/// Option bits handed to `csv_init`: strict quoting, strict end of file, and a report of every
/// CR and LF so that line numbers can be counted exactly.
private let parserOptions = UInt8(CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL)

/// The field callback: copies the field into the row batch. No Swift error can cross it; a
/// failure is stored in the batch and every later callback is ignored.
private func onField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
  guard let context else { return }
  let batch = context.assumingMemoryBound(to: RowBatch.self)
  batch.pointee.appendField(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
}

/// The row callback: `terminator` is the CR or LF that ended the row, or -1 from `csv_fini`.
private func onRow(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  guard let context else { return }
  let batch = context.assumingMemoryBound(to: RowBatch.self)
  batch.pointee.endRow(terminator: terminator)
}

/// Owns one libcsv parser and the batch its callbacks fill; frees both in `deinit`.
final class LibCSVParser {
  private let parser: UnsafeMutablePointer<csv_parser>
  /// Rows completed by the callbacks, waiting to be handed to Swift code outside any C frame.
  let batch: UnsafeMutablePointer<RowBatch>

  init(limits: CSVLimits, delimiter: UInt8) throws(LibCSVFailure) {
    parser = .allocate(capacity: 1)
    parser.initialize(to: csv_parser())
    batch = .allocate(capacity: 1)
    batch.initialize(to: RowBatch(limits: limits))
    guard csv_init(parser, parserOptions) == 0 else {
      batch.deinitialize(count: 1)
      batch.deallocate()
      parser.deallocate()
      throw LibCSVFailure(message: "libcsv could not initialise a parser (out of memory)")
    }
    // Keep spaces around unquoted fields: no byte is a space (a C function, called per byte).
    csv_set_space_func(parser, crma_csv_no_space)
    csv_set_delim(parser, delimiter)
    // Grow the field buffer in larger steps than the default 128 bytes.
    csv_set_blk_size(parser, 4096)
  }

  deinit {
    csv_free(parser)
    parser.deallocate()
    batch.deinitialize(count: 1)
    batch.deallocate()
  }

  /// Feeds one chunk. Returns nil when all of it was consumed, else the offset of the byte
  /// libcsv stopped at, libcsv's own error kind and its text.
  func parse(_ chunk: UnsafeRawBufferPointer) -> (offset: Int, kind: LibCSVErrorKind, message: String)? {
    guard let base = chunk.baseAddress, chunk.count > 0 else { return nil }
    let consumed = csv_parse(parser, base, chunk.count, onField, onRow, UnsafeMutableRawPointer(batch))
    if consumed < chunk.count {
      let code = csv_error(parser)
      return (consumed, LibCSVErrorKind(code), String(cString: csv_strerror(code)))
    }
    return nil
  }

  /// Feeds one chunk to a raw scan's own callbacks (``CSVReader/scanRaw(context:cursor:field:row:)``)
  /// instead of the batch's; the same result as ``parse(_:)``.
  func parse(
    _ chunk: UnsafeRawBufferPointer, field: LibCSVFieldCallback, row: LibCSVRowCallback,
    context: UnsafeMutableRawPointer
  ) -> (offset: Int, kind: LibCSVErrorKind, message: String)? {
    guard let base = chunk.baseAddress, chunk.count > 0 else { return nil }
    let consumed = csv_parse(parser, base, chunk.count, field, row, context)
    if consumed < chunk.count {
      let code = csv_error(parser)
      return (consumed, LibCSVErrorKind(code), String(cString: csv_strerror(code)))
    }
    return nil
  }

  /// Flushes the last record at end of input. Returns false when a quoted field is still open.
  func finish() -> Bool {
    csv_fini(parser, onField, onRow, UnsafeMutableRawPointer(batch)) == 0
  }

  /// ``finish()`` into a raw scan's callbacks.
  func finish(field: LibCSVFieldCallback, row: LibCSVRowCallback, context: UnsafeMutableRawPointer) -> Bool {
    csv_fini(parser, field, row, context) == 0
  }

  /// Bytes libcsv holds for the field it is still reading; bounded by the field-size limit.
  var pendingFieldCapacity: Int { csv_get_buffer_size(parser) }
}

/// What libcsv said went wrong: bad quoting (the file's fault), or memory (the machine's).
enum LibCSVErrorKind: Equatable {
  case parse, outOfMemory, tooBig, other

  init(_ code: Int32) {
    switch code {
    case Int32(CSV_EPARSE): self = .parse
    case Int32(CSV_ENOMEM): self = .outOfMemory
    case Int32(CSV_ETOOBIG): self = .tooBig
    default: self = .other
    }
  }
}

/// An error libcsv itself reported.
struct LibCSVFailure: Error {
  var message: String
}

/// Appends `field` to `output` surrounded by quotes with inner quotes doubled, using libcsv's
/// writer.
func libcsvAppendQuoted(_ field: UnsafeRawBufferPointer, to output: inout [UInt8]) {
  var quotes = 0
  for byte in field where byte == UInt8(ascii: "\"") { quotes += 1 }
  let needed = field.count + quotes + 2
  let start = output.count
  output.append(contentsOf: repeatElement(0, count: needed))
  output.withUnsafeMutableBytes { buffer in
    let destination = UnsafeMutableRawBufferPointer(rebasing: buffer[start...])
    let written = csv_write2(
      destination.baseAddress, needed, field.baseAddress, field.count, UInt8(ascii: "\""))
    precondition(written == needed, "csv_write2 wrote \(written) bytes, expected \(needed)")
  }
}
