import CSVStream

/// Parses `text` with small chunks (so records straddle chunk boundaries) and returns the header
/// and records as strings with their line numbers.
func parse(_ text: String, chunkBytes: Int = 7, limits: CSVLimits? = nil) throws -> (
  header: [String], rows: [[String]], lines: [Int]
) {
  try parse(bytes: Array(text.utf8), chunkBytes: chunkBytes, limits: limits)
}

func parse(bytes: [UInt8], chunkBytes: Int = 7, limits: CSVLimits? = nil) throws -> (
  header: [String], rows: [[String]], lines: [Int]
) {
  let reader = try CSVReader(
    source: MemoryByteSource(bytes), path: "test.csv", limits: limits ?? CSVLimits(chunkBytes: chunkBytes))
  var rows: [[String]] = []
  var lines: [Int] = []
  try reader.forEach { record in
    rows.append(record.strings)
    lines.append(record.line)
  }
  return (reader.header.names, rows, lines)
}

/// The error parsing `text` throws; fails the test when it parses.
func parseError(_ text: String, chunkBytes: Int = 7, limits: CSVLimits? = nil) -> CSVError? {
  parseError(bytes: Array(text.utf8), chunkBytes: chunkBytes, limits: limits)
}

func parseError(bytes: [UInt8], chunkBytes: Int = 7, limits: CSVLimits? = nil) -> CSVError? {
  do {
    _ = try parse(bytes: bytes, chunkBytes: chunkBytes, limits: limits)
    return nil
  } catch let error as CSVError {
    return error
  } catch {
    return nil
  }
}
