import CRMATestSupport
import CSVStream
import Testing

@Suite("CSVReader.scan: fields straight from libcsv")
struct CSVScanTests {
  /// Records as scan delivers them: fields as strings, with line and field count.
  final class Collector: @unchecked Sendable {
    var current: [String] = []
    var records: [[String]] = []
    var lines: [Int] = []
  }

  static func scanned(_ text: String, chunkBytes: Int) throws -> (rows: [[String]], lines: [Int]) {
    let reader = try CSVReader(
      source: MemoryByteSource(text), path: "s.csv", limits: CSVLimits(chunkBytes: chunkBytes))
    let collector = Collector()
    try reader.scan(
      field: { _, bytes in collector.current.append(String(decoding: bytes, as: UTF8.self)) },
      record: { line, count in
        #expect(count == collector.current.count)
        collector.records.append(collector.current)
        collector.lines.append(line)
        collector.current = []
      })
    return (collector.records, collector.lines)
  }

  @Test("same records and lines as forEach, whatever the chunk size", arguments: [1, 2, 5, 13, 64, 4096])
  func matchesForEach(chunkBytes: Int) throws {
    var random = SeededRandom(seed: UInt64(chunkBytes))
    var text = "id,label,value\r\n"
    for index in 0..<150 {
      let label = ["plain", "\"a,b\"", "\"two\nlines\"", "\"q\"\"q\"", " spaced ", "\"x\r\ny\""]
        .randomElement(using: &random)!
      text +=
        "\(index),\(label),\(Int.random(in: 0...999, using: &random))" + (index % 7 == 0 ? "\n\n" : "\r\n")
    }
    let reference = try parse(text, chunkBytes: 1 << 16)
    let result = try Self.scanned(text, chunkBytes: chunkBytes)
    #expect(result.rows == reference.rows)
    #expect(result.lines == reference.lines)
  }

  @Test("a structural error ends the scan after the records before it")
  func errorAfterRecords() throws {
    let reader = try CSVReader(
      source: MemoryByteSource("a\n1\n2\n\"3\"x\n4\n"), path: "e.csv", limits: CSVLimits(chunkBytes: 3))
    let collector = Collector()
    do {
      try reader.scan(
        field: { _, bytes in collector.current.append(String(decoding: bytes, as: UTF8.self)) },
        record: { line, _ in
          collector.records.append(collector.current)
          collector.lines.append(line)
          collector.current = []
        })
      Issue.record("no error")
    } catch {
      #expect(error.code == .malformedQuoting)
      #expect(error.line == 4)
    }
    #expect(collector.records == [["1"], ["2"]])
  }
}
