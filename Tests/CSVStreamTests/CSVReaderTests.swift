import CSVStream
import Testing

@Suite("CSVReader: RFC 4180 through libcsv")
struct CSVReaderTests {
  @Test("quoted commas, doubled quotes and line breaks", arguments: [1, 2, 3, 7, 64, 65536])
  func quotedFields(chunkBytes: Int) throws {
    let text = "name,note\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",\"crlf\r\ninside\"\nlast,x\n"
    let result = try parse(text, chunkBytes: chunkBytes)
    #expect(result.header == ["name", "note"])
    #expect(result.rows == [["a,b", "say \"hi\""], ["two\nlines", "crlf\r\ninside"], ["last", "x"]])
    #expect(result.lines == [2, 3, 6])
  }

  @Test("LF, CRLF and bare CR row ends count lines alike")
  func rowEnds() throws {
    #expect(try parse("a,b\n1,2\n3,4\n").lines == [2, 3])
    #expect(try parse("a,b\r\n1,2\r\n3,4\r\n").lines == [2, 3])
    #expect(try parse("a,b\r1,2\r3,4\r").lines == [2, 3])
    #expect(try parse("a,b\r\n1,2\r\n3,4\r\n").rows == [["1", "2"], ["3", "4"]])
  }

  @Test("a missing final newline still gives the last record")
  func noFinalNewline() throws {
    #expect(try parse("a,b\n1,2").rows == [["1", "2"]])
    #expect(try parse("a,b\n1,\"2\"").rows == [["1", "2"]])
  }

  @Test("a UTF-8 byte-order mark is dropped", arguments: [1, 2, 3, 4, 100])
  func byteOrderMark(chunkBytes: Int) throws {
    let result = try parse(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8), chunkBytes: chunkBytes)
    #expect(result.header == ["a", "b"])
  }

  @Test("spaces inside and around unquoted fields are kept")
  func spacesKept() throws {
    #expect(try parse("a,b\n  x , y  \n").rows == [["  x ", " y  "]])
    #expect(try parse("a,b\n\tx,\" q \"\n").rows == [["\tx", " q "]])
  }

  @Test("blank lines are skipped but counted")
  func blankLines() throws {
    let result = try parse("a,b\n\n1,2\n\r\n\n3,4\n\n")
    #expect(result.rows == [["1", "2"], ["3", "4"]])
    #expect(result.lines == [3, 6])
  }

  @Test("empty fields and empty quoted fields are empty strings")
  func emptyFields() throws {
    #expect(try parse("a,b,c\n,\"\",\n").rows == [["", "", ""]])
  }

  @Test("non-ASCII text and fields read by header name")
  func byName() throws {
    let reader = try CSVReader(source: MemoryByteSource("oblast,value\nДонецька,1.5\n"), path: "t.csv")
    try reader.forEach { (record: CSVRecord) throws in
      #expect(record.string(named: "oblast") == "Донецька")
      #expect(record.string(named: "missing") == nil)
      #expect(try record.double(at: 1) == 1.5)
    }
  }

  @Test("a header-only file has no records")
  func headerOnly() throws {
    let result = try parse("a,b\n")
    #expect(result.header == ["a", "b"])
    #expect(result.rows.isEmpty)
  }

  @Test("records survive any chunk size", arguments: [1, 5, 13, 4096])
  func chunkIndependence(chunkBytes: Int) throws {
    var text = "id,label,value\n"
    for index in 0..<200 { text += "\(index),\"l,\(index)\n\"\"x\"\"\",\(Double(index) / 4)\n" }
    let reference = try parse(text, chunkBytes: 1 << 16)
    let result = try parse(text, chunkBytes: chunkBytes)
    #expect(result.rows == reference.rows)
    #expect(result.lines == reference.lines)
    #expect(result.lines.last == 2 + 199 * 2)
  }
}

@Suite("CSVReader: errors name file, line and column")
struct CSVReaderErrorTests {
  @Test("too few and too many fields")
  func fieldCount() {
    let few = parseError("a,b,c\n1,2,3\n4,5\n")
    #expect(few?.code == .fieldCountMismatch)
    #expect(few?.line == 3)
    #expect(few?.column == 3)
    #expect(few?.description == "test.csv:3: column 3 (c): record has 2 fields but the header has 3")
    let many = parseError("a,b\n1,2,3\n")
    #expect(many?.line == 2)
    #expect(many?.column == 3)
    #expect(many?.description == "test.csv:2: column 3: record has 3 fields but the header has 2")
  }

  @Test("a quote left open at end of file")
  func unterminatedQuote() {
    let error = parseError("a,b\n1,2\n3,\"open\nstill open\n")
    #expect(error?.code == .unterminatedQuote)
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(error?.description == "test.csv:3: column 2 (b): quoted field is not closed at end of file")
  }

  @Test("text after a closing quote", arguments: [1, 3, 64])
  func textAfterQuote(chunkBytes: Int) {
    let error = parseError("a,b\n1,2\n\"x\ny\",\"b\"x\n", chunkBytes: chunkBytes)
    #expect(error?.code == .malformedQuoting)
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(error?.message == "unexpected character 'x' after a closing quote")
  }

  @Test("a space after a closing quote is text after it")
  func spaceAfterQuote() {
    #expect(parseError("a,b\n\"x\" ,2\n")?.message == "unexpected character ' ' after a closing quote")
  }

  @Test("a quote inside an unquoted field")
  func strayQuote() {
    let error = parseError("a,b\n1,ab\"c\n")
    #expect(error?.code == .malformedQuoting)
    #expect(error?.line == 2)
    #expect(error?.message == "quote character inside an unquoted field")
  }

  @Test("bytes that are not UTF-8")
  func invalidUTF8() {
    let error = parseError(bytes: Array("a,b\n1,2\n3,".utf8) + [0xC3, 0x28] + [0x0A])
    #expect(error?.code == .invalidUTF8)
    #expect(error?.line == 3)
    #expect(error?.column == 2)
    #expect(parseError(bytes: [0xFF, 0x2C, 0x62, 0x0A])?.code == .invalidUTF8)
  }

  @Test("an empty file, a BOM-only file and a blank file")
  func emptyFiles() {
    #expect(parseError("")?.code == .emptyFile)
    #expect(parseError("")?.description == "test.csv:1: file is empty: a header row is required")
    #expect(parseError(bytes: [0xEF, 0xBB, 0xBF])?.code == .emptyFile)
    #expect(parseError("\n\r\n\n")?.code == .emptyFile)
  }

  @Test("empty and duplicate header names")
  func headerNames() {
    let empty = parseError("a,,c\n1,2,3\n")
    #expect(empty?.code == .emptyHeader)
    #expect(empty?.column == 2)
    let duplicate = parseError("a,b,a\n1,2,3\n")
    #expect(duplicate?.code == .duplicateHeader)
    #expect(duplicate?.column == 3)
    #expect(duplicate?.message == "header name \"a\" appears twice (also column 1)")
  }

  @Test("a field over the size limit is an error, not an allocation")
  func fieldLimit() {
    let limits = CSVLimits(chunkBytes: 16, maxFieldBytes: 32, maxRowBytes: 1000)
    let long = String(repeating: "x", count: 100)
    #expect(parseError("a,b\n1,\(long)\n", limits: limits)?.code == .fieldTooLarge)
    // An unclosed quote swallowing the rest of the file hits the same limit.
    let error = parseError("a,b\n1,\"\(String(repeating: "y\n", count: 10_000))", limits: limits)
    #expect(error?.code == .fieldTooLarge)
    #expect(error?.line == 2)
  }

  @Test("a record over the row limit")
  func rowLimit() {
    let limits = CSVLimits(chunkBytes: 16, maxFieldBytes: 100, maxRowBytes: 50)
    let field = String(repeating: "z", count: 30)
    #expect(parseError("a,b\n\(field),\(field)\n", limits: limits)?.code == .rowTooLarge)
  }

  @Test("a missing file")
  func missingFile() {
    #expect(throws: CSVError.self) { try CSVReader(path: "/nonexistent/crma.csv") }
    do {
      _ = try CSVReader(path: "/nonexistent/crma.csv")
    } catch {
      #expect(error.code == .cannotOpen)
    }
  }

  @Test("records before an error are delivered first")
  func goodRowsFirst() throws {
    let reader = try CSVReader(source: MemoryByteSource("a\n1\n2\n\"3\"x\n"), path: "t.csv")
    var seen: [String] = []
    #expect(throws: CSVError.self) { try reader.forEach { seen.append($0.string(at: 0)) } }
    #expect(seen == ["1", "2"])
  }

  @Test("invalid records can be skipped and counted")
  func skipInvalid() throws {
    let reader = try CSVReader(source: MemoryByteSource("a,b\n1,2\n3\n4,5\n"), path: "t.csv")
    var problems: [Int] = []
    var rows: [String] = []
    try reader.forEach(onInvalidRecord: { problems.append($0.line ?? 0) }) { rows.append($0.string(at: 0)) }
    #expect(problems == [3])
    #expect(rows == ["1", "4"])
  }
}
