/// One record of a CSV file, valid only inside the closure it is handed to: its fields point into
/// the reader's buffer, which the next chunk overwrites. Copy out what you keep (``strings``,
/// ``string(at:)``).
public struct CSVRecord {
  /// The 1-based line on which the record starts.
  public let line: Int
  /// Not retained: a record lives only inside the reader's closure, while the reader does.
  private unowned(unsafe) let reader: CSVReader
  private let base: UnsafeRawBufferPointer
  private let ends: UnsafeBufferPointer<Int>
  private let first: Int

  /// The header's field count, read once per record.
  public let count: Int

  init(
    line: Int, reader: CSVReader, count: Int, base: UnsafeRawBufferPointer, ends: UnsafeBufferPointer<Int>,
    first: Int
  ) {
    self.line = line
    self.reader = reader
    self.count = count
    self.base = base
    self.ends = ends
    self.first = first
  }

  public var header: CSVHeader { reader.header }
  public var path: String { reader.path }

  /// The raw bytes of field `index` (0-based), without any copy.
  public func bytes(at index: Int) -> UnsafeRawBufferPointer {
    precondition(index >= 0 && index < count, "field index \(index) out of range")
    return rawBytes(slot: index)
  }

  /// Field bytes by position in the row, not checked against the header (for the header row
  /// itself and for records whose field count is wrong).
  func rawBytes(slot index: Int) -> UnsafeRawBufferPointer {
    let slot = first + index
    let start = slot == 0 ? 0 : ends[slot - 1]
    return UnsafeRawBufferPointer(rebasing: base[start..<ends[slot]])
  }

  /// The text of field `index`; the reader has already checked it is valid UTF-8.
  public func string(at index: Int) -> String {
    String(decoding: bytes(at: index), as: UTF8.self)
  }

  /// The text of the field called `name`, or nil when the header has no such name.
  public func string(named name: String) -> String? {
    header.index(of: name).map { string(at: $0) }
  }

  /// All fields as strings, in header order.
  public var strings: [String] { (0..<count).map { string(at: $0) } }

  /// Whether field `index` is empty.
  public func isEmpty(at index: Int) -> Bool { bytes(at: index).isEmpty }

  /// Field `index` as an integer, nil when empty; parsed from the bytes, locale-independent.
  public func int(at index: Int) throws(CSVError) -> Int? {
    let field = bytes(at: index)
    if field.isEmpty { return nil }
    guard let value = NumberParsing.int(field) else {
      throw numberError(index, "is not an integer")
    }
    return value
  }

  /// Field `index` as a decimal number, nil when empty; parsed from the bytes,
  /// locale-independent (`.` is the only decimal mark, no grouping).
  public func double(at index: Int) throws(CSVError) -> Double? {
    let field = bytes(at: index)
    if field.isEmpty { return nil }
    guard let value = NumberParsing.double(field) else {
      throw numberError(index, "is not a number")
    }
    return value
  }

  private func numberError(_ index: Int, _ what: String) -> CSVError {
    CSVError(
      .invalidNumber, path: path, line: line, column: index + 1, columnName: header.names[index],
      message: "\"\(string(at: index))\" \(what)")
  }
}
