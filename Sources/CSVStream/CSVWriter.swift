/// Writes CSV through libcsv's writer, quoting a field only when it has to be (it holds a comma,
/// a quote, CR or LF, or it is the only field of a row and empty), with `\n` row ends. Writing
/// then reading back with ``CSVReader`` gives the same records.
public struct CSVWriter {
  /// The CSV text written so far and not yet taken with ``takeBytes()``.
  public private(set) var bytes: [UInt8] = []

  /// An empty writer.
  public init() {}

  /// Appends one row.
  public mutating func writeRow<Fields: Sequence>(_ fields: Fields) where Fields.Element: StringProtocol {
    let rowStart = bytes.count
    var first = true
    var fieldCount = 0
    for field in fields {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      fieldCount += 1
      var text = String(field)
      text.withUTF8 { utf8 in append(UnsafeRawBufferPointer(utf8)) }
    }
    // A row made of one empty field would read back as a blank line, which readers skip.
    if fieldCount == 1 && bytes.count == rowStart {
      bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
    }
    bytes.append(UInt8(ascii: "\n"))
  }

  /// Appends one row of strings: the same bytes as the generic ``writeRow(_:)``, without the
  /// generic code's cost per field (a caller in another module would run it unspecialised).
  public mutating func writeRow(_ fields: [String]) {
    let rowStart = bytes.count
    for index in fields.indices {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      var text = fields[index]
      text.withUTF8 { utf8 in append(UnsafeRawBufferPointer(utf8)) }
    }
    // A row made of one empty field would read back as a blank line, which readers skip.
    if fields.count == 1 && bytes.count == rowStart {
      bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
    }
    bytes.append(UInt8(ascii: "\n"))
  }

  /// Appends field `index` (0-based) of a row written field by field: the bytes of
  /// `writeRow(_:)` for the same texts when the row is ended with ``endRow(fieldCount:rowStart:)``
  /// (`rowStart` being ``bytes``' count before its first field). `field` is valid UTF-8.
  public mutating func appendField(_ field: UnsafeRawBufferPointer, index: Int) {
    if index > 0 { bytes.append(UInt8(ascii: ",")) }
    append(field)
  }

  /// `appendField(_:index:)` for a text.
  public mutating func appendField(_ text: String, index: Int) {
    var text = text
    text.withUTF8 { appendField(UnsafeRawBufferPointer($0), index: index) }
  }

  /// Ends a row written with `appendField(_:index:)`.
  public mutating func endRow(fieldCount: Int, rowStart: Int) {
    // A row made of one empty field would read back as a blank line, which readers skip.
    if fieldCount == 1 && bytes.count == rowStart {
      bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
    }
    bytes.append(UInt8(ascii: "\n"))
  }

  /// Forgets the text written so far, keeping the storage (after writing ``bytes`` out).
  public mutating func clear() { bytes.removeAll(keepingCapacity: true) }

  /// Hands over the text written so far and starts empty, for streaming to a file.
  public mutating func takeBytes() -> [UInt8] {
    defer { bytes = [] }
    return bytes
  }

  private mutating func append(_ field: UnsafeRawBufferPointer) {
    if Self.needsQuotes(field) {
      libcsvAppendQuoted(field, to: &bytes)
    } else {
      // As typed bytes, so the array copies them in one go instead of element by element.
      bytes.append(contentsOf: field.assumingMemoryBound(to: UInt8.self))
    }
  }

  static func needsQuotes(_ field: UnsafeRawBufferPointer) -> Bool {
    let typed = field.assumingMemoryBound(to: UInt8.self)
    for index in typed.indices {
      switch typed[index] {
      case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D: return true
      default: continue
      }
    }
    return false
  }
}
