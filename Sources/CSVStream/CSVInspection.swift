import CRMAFiles

/// What `crma inspect` prints: records as streamed JSON, or an aligned preview.
public enum CSVInspection {
  /// Streams every record as one JSON array of objects keyed by header name, string values, in
  /// file order. `emit` receives the text piece by piece; memory stays bounded.
  public static func streamJSON(_ reader: CSVReader, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 16)
    let keys: [[UInt8]] = reader.header.names.map { name in
      var key: [UInt8] = []
      JSONText.appendString(name, to: &key)
      key.append(UInt8(ascii: ":"))
      return key
    }
    var first = true
    buffer.append(UInt8(ascii: "["))
    try reader.forEach { record in
      buffer.append(contentsOf: first ? [0x0A] : [0x2C, 0x0A])
      first = false
      buffer.append(UInt8(ascii: "{"))
      for index in 0..<record.count {
        if index > 0 { buffer.append(UInt8(ascii: ",")) }
        buffer.append(contentsOf: keys[index])
        JSONText.appendString(record.bytes(at: index), to: &buffer)
      }
      buffer.append(UInt8(ascii: "}"))
      if buffer.count >= 1 << 16 {
        try buffer.withUnsafeBytes { try emit($0) }
        buffer.removeAll(keepingCapacity: true)
      }
    }
    buffer.append(contentsOf: first ? [0x5D, 0x0A] : [0x0A, 0x5D, 0x0A])
    try buffer.withUnsafeBytes { try emit($0) }
  }

  /// An aligned, human-readable table of the header and the first `limit` records, each cell cut
  /// to `maxColumnWidth` cells, line breaks shown as `↵`; then a count of all records.
  public static func preview(_ reader: CSVReader, limit: Int = 20, maxColumnWidth: Int = 24) throws -> String
  {
    var rows: [[String]] = [["line"] + reader.header.names]
    var total = 0
    try reader.forEach { record in
      total += 1
      if total <= limit { rows.append([String(record.line)] + record.strings) }
    }
    let cells = rows.map { row in
      row.map { cell in
        DisplayWidth.truncate(
          cell.replacingLineBreaks(), to: maxColumnWidth)
      }
    }
    var widths = Array(repeating: 0, count: cells[0].count)
    for row in cells {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
    }
    var text = ""
    for (rowIndex, row) in cells.enumerated() {
      let line = row.enumerated().map { index, cell in
        DisplayWidth.pad(cell, to: widths[index], alignRight: index == 0)
      }.joined(separator: "  ")
      text += line.trimmingTrailingSpaces() + "\n"
      if rowIndex == 0 {
        text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
      }
    }
    let shown = min(total, limit)
    text += "\(total) record\(total == 1 ? "" : "s")"
    text += shown < total ? " (first \(shown) shown)\n" : "\n"
    return text
  }
}

extension String {
  fileprivate func replacingLineBreaks() -> String {
    var result = ""
    var previousCR = false
    for scalar in unicodeScalars {
      switch scalar {
      case "\r":
        result += "↵"
        previousCR = true
      case "\n":
        if !previousCR { result += "↵" }
        previousCR = false
      default:
        result.unicodeScalars.append(scalar)
        previousCR = false
      }
    }
    return result
  }

  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
