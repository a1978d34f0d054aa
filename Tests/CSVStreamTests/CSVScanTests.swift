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

/// What a raw scan delivered: fields as strings per record, through libcsv's own callbacks.
private struct RawCollected {
  let cursor: UnsafeMutablePointer<RawScanCursor>
  var current: [String] = []
  var records: [[String]] = []
}

private func rawField(_ bytes: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) {
  let state = context!.assumingMemoryBound(to: RawCollected.self)
  guard state.pointee.cursor.pointee.field(count) >= 0 else { return }
  state.pointee.current.append(
    String(decoding: UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count), as: UTF8.self))
}

private func rawRow(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  let state = context!.assumingMemoryBound(to: RawCollected.self)
  let count = state.pointee.cursor.pointee.endRow()
  guard count > 0 else { return }
  #expect(count == state.pointee.current.count)
  state.pointee.records.append(state.pointee.current)
  state.pointee.current = []
}

@Suite("CSVReader.scanRaw: libcsv calling the consumer's C functions")
struct CSVRawScanTests {
  static func rawScanned(_ text: String, limits: CSVLimits) throws(CSVError) -> [[String]] {
    let reader = try CSVReader(source: MemoryByteSource(text), path: "r.csv", limits: limits)
    let cursor = UnsafeMutablePointer<RawScanCursor>.allocate(capacity: 1)
    cursor.initialize(to: RawScanCursor(limits: limits))
    let state = UnsafeMutablePointer<RawCollected>.allocate(capacity: 1)
    state.initialize(to: RawCollected(cursor: cursor))
    defer {
      state.deinitialize(count: 1)
      state.deallocate()
      cursor.deallocate()
    }
    try reader.scanRaw(context: UnsafeMutableRawPointer(state), cursor: cursor, field: rawField, row: rawRow)
    return state.pointee.records
  }

  static func text(seed: UInt64) -> String {
    var random = SeededRandom(seed: seed)
    var text = "id,label,value\r\n"
    for index in 0..<150 {
      let label = ["plain", "\"a,b\"", "\"two\nlines\"", "\"q\"\"q\"", " spaced ", "\"x\r\ny\"", "\"\""]
        .randomElement(using: &random)!
      text +=
        "\(index),\(label),\(Int.random(in: 0...999, using: &random))" + (index % 7 == 0 ? "\n\n" : "\r\n")
    }
    return text
  }

  @Test("same records as forEach, whatever the chunk size", arguments: [1, 2, 5, 13, 64, 4096])
  func matchesForEach(chunkBytes: Int) throws {
    let text = Self.text(seed: UInt64(chunkBytes))
    let reference = try parse(text, chunkBytes: 1 << 16)
    #expect(try Self.rawScanned(text, limits: CSVLimits(chunkBytes: chunkBytes)) == reference.rows)
  }

  @Test("lines(ofRecords:) gives the lines forEach gives, for the records asked")
  func linesOfRecords() throws {
    let text = Self.text(seed: 7)
    let reference = try parse(text, chunkBytes: 1 << 16)
    let reader = try CSVReader(
      source: MemoryByteSource(text), path: "r.csv", limits: CSVLimits(chunkBytes: 5))
    let found = try reader.lines(ofRecords: [1, 2, 50, 150, 151])
    #expect(
      found == [
        1: reference.lines[0], 2: reference.lines[1], 50: reference.lines[49], 150: reference.lines[149],
      ])
  }

  @Test("a structural error ends the raw scan; the error names the record, and a line read names the line")
  func structuralError() throws {
    let text = "a\n1\n\"two\nlines\"\n\"3\"x\n4\n"
    do {
      _ = try Self.rawScanned(text, limits: CSVLimits(chunkBytes: 3))
      Issue.record("no error")
    } catch {
      #expect(error.code == .malformedQuoting)
      #expect(error.line == nil)
      #expect(error.message.contains("record 3 after the header"))
    }
    let reader = try CSVReader(
      source: MemoryByteSource(text), path: "e.csv", limits: CSVLimits(chunkBytes: 3))
    #expect(throws: CSVError.self) { _ = try reader.lines(ofRecords: []) }
    do {
      _ = try CSVReader(source: MemoryByteSource(text), path: "e.csv").lines(ofRecords: [])
    } catch {
      #expect(error.line == 5)
    }
  }

  @Test("limits hold in a raw scan: too many fields, a field too large")
  func limits() throws {
    #expect(throws: CSVError.self) {
      _ = try Self.rawScanned("a,b\n1,2\n1,2,3,4,5\n", limits: CSVLimits(maxFields: 4))
    }
    do {
      _ = try Self.rawScanned(
        "a,b\n1,2\n1,\(String(repeating: "x", count: 300))\n", limits: CSVLimits(maxFieldBytes: 100))
      Issue.record("no error")
    } catch {
      #expect(error.code == .fieldTooLarge)
      #expect(error.column == 2)
    }
  }
}
