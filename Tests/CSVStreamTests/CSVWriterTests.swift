import CRMATestSupport
import CSVStream
import Testing

@Suite("CSVWriter: libcsv's writer, quoting only where needed")
struct CSVWriterTests {
  private func text(_ rows: [[String]]) -> String {
    var writer = CSVWriter()
    for row in rows { writer.writeRow(row) }
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  @Test("plain fields are not quoted; special ones are")
  func quoting() {
    #expect(text([["a", "b c", " d "]]) == "a,b c, d \n")
    #expect(
      text([["x,y", "say \"hi\"", "two\nlines", "cr\r"]])
        == "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\"\n")
    #expect(text([["Київ", ""]]) == "Київ,\n")
  }

  @Test("a row of one empty field is written as a quoted empty string")
  func loneEmptyField() throws {
    let written = text([["h"], [""], ["x"]])
    #expect(written == "h\n\"\"\nx\n")
    #expect(try parse(written).rows == [[""], ["x"]])
  }

  @Test("write then read gives the same records (random values)", arguments: 0..<20)
  func roundTrip(seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    let alphabet: [String] = [
      "a", "Z", "0", " ", ",", "\"", "\n", "\r\n", "\r", "Ї", "中", "€", "é", "\t", ";", "'",
    ]
    let columns = Int.random(in: 1...6, using: &random)
    let header = (0..<columns).map { "col\($0)" }
    var rows: [[String]] = []
    for _ in 0..<Int.random(in: 0...40, using: &random) {
      rows.append(
        (0..<columns).map { _ in
          (0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            .joined()
        })
    }
    let written = text([header] + rows)
    let read = try parse(written, chunkBytes: Int.random(in: 1...32, using: &random))
    #expect(read.header == header)
    #expect(read.rows == rows)
  }
}
