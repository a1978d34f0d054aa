import CRMATestSupport
import Logging
import Testing

@testable import CRMATrade

/// Guessed cuts for parallel reads (synthetic extracts, for tests only).
@Suite("Guessed cuts")
struct CutGuessTests {
  func reads(_ line: String, _ fields: Int) -> Bool {
    Array(line.utf8).withUnsafeBytes { TradeIngest.readsAsRecord($0, fieldCount: fields) }
  }

  @Test("a line reads as a record when its quotes balance and its fields count right")
  func lineShapes() {
    #expect(reads("DE,CN,1,2", 4))
    #expect(reads("DE,CN,1,2\r", 4))
    #expect(reads("\"DE\",\"C,N\",\"say \"\"hi\"\"\",", 4))
    #expect(reads(",,,", 4))
    #expect(!reads("DE,CN,1", 4))
    #expect(!reads("DE,CN,1,2,3", 4))
    // The rest of a quoted field: its closing quote comes first.
    #expect(!reads("lines\",DE,CN,1", 4))
    #expect(!reads("\"open,DE,CN,1", 4))
    #expect(!reads("DE,C\"N,1,2", 4))
    #expect(!reads("DE,CN\r,1,2", 4))
    #expect(reads("", 1))
  }

  @Test("the cut is the start of the first line that reads as a record")
  func firstRecordStart() {
    func start(_ text: String) -> Int? {
      Array(text.utf8).withUnsafeBytes { TradeIngest.recordStart($0, fieldCount: 3) }
    }
    #expect(start("tail of a,b,c\nx,y,z\n") == 14)
    #expect(start("a\"\nstill\",quoted\nx,\"y\nz\"\nd,e,f\n") == 25)
    #expect(start("x,y,z\nno line feed after") == nil)
    #expect(start("no line feed") == nil)
  }

  @Test(
    "a guess inside a quoted field that holds record-like lines is caught; the file is read again with exact cuts"
  )
  func wrongGuessCaught() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var text = "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n"
    for index in 0..<100 { text += "DE,CN,25309040,1,2024,\(index),1,plain\n" }
    // One label, in the middle of the file, whose lines look like records.
    text += "DE,UA,25309040,1,2024,1000,1,\"start\n"
    for _ in 0..<100 { text += "DE,CN,25309040,1,2024,5,1,fake\n" }
    text += "end\"\n"
    for index in 0..<100 { text += "DE,CN,25309040,1,2024,\(index),1,plain\n" }
    let path = try folder.write("w.csv", text)
    let one = try TradeIngest.run(
      path: path, columns: TradeTests.columns, crosswalk: TradeTests.crosswalk, options: .init(workers: 1),
      logger: TradeTests.logger)
    let two = try TradeIngest.run(
      path: path, columns: TradeTests.columns, crosswalk: TradeTests.crosswalk,
      options: .init(workers: 2, minimumPartBytes: 64), logger: TradeTests.logger)
    #expect(one.tally.rowsRead == 201)
    #expect(two.rows == one.rows)
    #expect(two.tally.rowsRead == 201)
    #expect(two.readsWithExactCuts == 1)
    #expect(two.summary().contains("a guessed cut fell inside a quoted field"))
    #expect(!one.summary().contains("guessed cut"))
    #expect(two.rereadsInOnePart == 0)
  }

  @Test("a good file is read on its guessed cuts, with no second read")
  func rightGuessKept() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let path = try folder.write("g.csv", TradeTests.extract(rows: 400, seed: 5))
    for workers in [2, 3, 8] {
      let result = try TradeIngest.run(
        path: path, columns: TradeTests.columns, crosswalk: TradeTests.crosswalk,
        options: .init(workers: workers, minimumPartBytes: 64), logger: TradeTests.logger)
      #expect(result.tally.rowsRead == 400)
      #expect(result.rereadsInOnePart == 0)
    }
  }

  @Test("a broken quote is reported as by one parser, after the exact cuts fail too")
  func brokenQuote() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    var text = "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n"
    for index in 0..<300 { text += "DE,CN,25309040,1,2024,\(index),1,plain\n" }
    text += "DE,CN,25309040,1,2024,1,1,\"never closed\n"
    for index in 0..<10 { text += "DE,CN,25309040,1,2024,\(index),1,plain\n" }
    let path = try folder.write("b.csv", text)
    var messages: [String] = []
    for workers in [1, 2] {
      do {
        _ = try TradeIngest.run(
          path: path, columns: TradeTests.columns, crosswalk: TradeTests.crosswalk,
          options: .init(workers: workers, minimumPartBytes: 64), logger: TradeTests.logger)
        Issue.record("an unterminated quote was accepted")
      } catch {
        messages.append("\(error)")
      }
    }
    #expect(messages.count == 2)
    #expect(messages.first == messages.last)
  }
}
