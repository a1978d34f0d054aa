import CSVStream

/// A publisher's CSV as read through libcsv (the CSVStream reader): its header and its records
/// with the line each starts on. The header is kept as published — empty trailing names and
/// all — because recognising a layout is the USGS reader's job, not the CSV reader's.
public struct PublishedTable: Sendable {
  public let path: String
  public let header: [String]
  public let records: [Record]

  /// One record: the line it starts on and its fields.
  public struct Record: Sendable {
    public let line: Int
    public let fields: [String]

    /// Field `index`, or "" past the end of a short record.
    public subscript(index: Int) -> String { index < fields.count ? fields[index] : "" }

    /// Whether every field is empty or blank (the trailing `,,,,` rows of some files).
    public var isBlank: Bool { fields.allSatisfy { USGSText.clean($0).isEmpty } }
  }

  /// Records beyond this many are refused (a world table has a few hundred).
  public static let maxRecords = 200_000

  /// Parses UTF-8 bytes (byte-order mark already removed). Every record must have as many
  /// fields as the header.
  public static func parse(utf8 bytes: [UInt8], path: String, limits: CSVLimits = .default) throws(CSVError)
    -> PublishedTable
  {
    // The reader's header rules (no empty or repeated names) do not fit these files, so the
    // header row is read as a record: the reader is given a placeholder header.
    let reader = try CSVReader(
      continuing: MemoryByteSource(bytes), path: path,
      header: CSVHeader(names: ["record"], path: path, line: 1), firstLine: 1, limits: limits)
    final class Collector {
      var current: [String] = []
      var rows: [(Int, [String])] = []
      var tooMany = false
    }
    let collector = Collector()
    try reader.scan(
      field: { index, bytes in
        while collector.current.count < index { collector.current.append("") }
        collector.current.append(String(decoding: bytes, as: UTF8.self))
      },
      record: { line, count in
        while collector.current.count < count { collector.current.append("") }
        if collector.rows.count <= maxRecords {
          collector.rows.append((line, collector.current))
        } else {
          collector.tooMany = true
        }
        collector.current = []
      })
    if collector.tooMany {
      throw CSVError(.rowTooLarge, path: path, message: "more than \(maxRecords) records")
    }
    guard let first = collector.rows.first else {
      throw CSVError(.emptyFile, path: path, line: 1, message: "file is empty: a header row is required")
    }
    var records: [Record] = []
    for (line, fields) in collector.rows.dropFirst() {
      guard fields.count == first.1.count else {
        throw CSVError(
          .fieldCountMismatch, path: path, line: line,
          message: "record has \(fields.count) fields, the header \(first.1.count)")
      }
      records.append(Record(line: line, fields: fields))
    }
    return PublishedTable(path: path, header: first.1, records: records)
  }
}
