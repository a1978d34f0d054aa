/// libcsv's own field callback, for ``CSVReader/scanRaw(context:cursor:field:row:)``: the field's
/// bytes (valid only during the call; nil or a count of 0 when empty), its length, and the
/// context pointer.
package typealias LibCSVFieldCallback =
  @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void
/// libcsv's own row callback: the CR or LF that ended the row (-1 at the end of input) and the
/// context pointer. With crma's options libcsv reports every CR and LF, so a blank line and the
/// LF of a CRLF arrive as rows without fields; ``RawScanCursor/endRow()`` skips them.
package typealias LibCSVRowCallback = @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void

/// Public (unlike the raw scan itself) because this toolchain inlines `@inlinable` code across
/// modules only when it is public, and these two functions run for every field.
///
/// The book-keeping of a raw scan, kept by the consumer's own C callbacks (inlined there, so a
/// field costs libcsv's call and nothing else): the field index within the record, the record
/// count, and the reader's limits on fields and records.
///
/// A raw scan counts records, not lines: counting physical lines means looking at every byte of
/// every field for line feeds, and only a bad record needs its line. A consumer keeps the
/// record number (``records``) of what it wants to report and asks
/// ``CSVReader/lines(ofRecords:)`` for their lines afterwards, on a fresh reader.
public struct RawScanCursor {
  /// Fields of the record being read so far.
  public var fieldIndex = 0
  /// Bytes of the record being read so far.
  public var rowBytes = 0
  /// Records completed, blank lines not counted: the number of the record just ended, from 1.
  public var records = 0
  /// Set when a limit was passed: 1 field too large, 2 record too large. Every later field and
  /// row is ignored, and the reader ends the scan with the error when libcsv returns.
  public var failure: UInt8 = 0
  /// The 1-based column and record number of the failure.
  public var failureColumn = 0
  public var failureRecord = 0
  public let maxFieldBytes: Int
  public let maxRowBytes: Int
  public let maxFields: Int

  /// A cursor enforcing `limits`.
  public init(limits: CSVLimits) {
    maxFieldBytes = limits.maxFieldBytes
    maxRowBytes = limits.maxRowBytes
    maxFields = limits.maxFields
  }

  /// Counts a field of `count` bytes; returns its 0-based index in the record, or -1 when the
  /// field must be ignored (a limit was passed, now or before).
  @inlinable @inline(__always)
  public mutating func field(_ count: Int) -> Int {
    guard failure == 0 else { return -1 }
    let index = fieldIndex
    fieldIndex = index &+ 1
    rowBytes = rowBytes &+ count
    if count > maxFieldBytes || rowBytes > maxRowBytes || index >= maxFields {
      failure = count > maxFieldBytes ? 1 : 2
      failureColumn = index + 1
      failureRecord = records + 1
      return -1
    }
    return index
  }

  /// Ends a row; returns its field count, or 0 for a row to skip (a blank line, the LF of a
  /// CRLF, or anything after a failure). A record with fields is counted in ``records``.
  @inlinable @inline(__always)
  public mutating func endRow() -> Int {
    let count = fieldIndex
    fieldIndex = 0
    rowBytes = 0
    guard count > 0 && failure == 0 else { return 0 }
    records = records &+ 1
    return count
  }
}
