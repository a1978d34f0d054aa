import CRMAUSGS
import Testing

@Suite("USGS files: the declared encoding, never a guess")
struct TextDecodingTests {
  @Test("UTF-8 with a byte-order mark: the mark is dropped, no-break spaces kept")
  func utf8() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Source,Country\r\nMCS2023,United\u{A0}States\r\n".utf8)
    let decoded = try TextDecoding.utf8(bytes, encoding: "utf-8").get()
    #expect(String(decoding: decoded, as: UTF8.self) == "Source,Country\r\nMCS2023,United\u{A0}States\r\n")
  }

  @Test("windows-1252: the MCS 2026 em dash (0x97), curly quote (0x92) and ± (0xB1) become UTF-8")
  func windows1252() throws {
    let bytes = Fixtures.cp1252("LITHIUM,Other countries,2025,—,C’te ±\n")
    #expect(bytes.contains(0x97) && bytes.contains(0x92))
    let decoded = try TextDecoding.utf8(bytes, encoding: "windows-1252").get()
    #expect(String(decoding: decoded, as: UTF8.self) == "LITHIUM,Other countries,2025,—,C’te ±\n")
  }

  @Test("ISO-8859-1: 0xB4 stays ´ and 0x97 is a control character, not a dash")
  func latin1() throws {
    let decoded = try TextDecoding.utf8([0x41, 0xB4, 0x97], encoding: "iso-8859-1").get()
    #expect(String(decoding: decoded, as: UTF8.self) == "A´\u{97}")
  }

  @Test("a windows-1252 file declared as UTF-8 fails on the line of the first bad byte")
  func wrongDeclarationUTF8() {
    let bytes = Fixtures.cp1252("MCS chapter,Value\nLITHIUM,12\nLITHIUM,—\n")
    let result = TextDecoding.utf8(bytes, encoding: "utf-8")
    #expect(throws: TextDecoding.Failure.self) { try result.get() }
    if case .failure(let failure) = result {
      #expect(failure.line == 3)
      #expect(failure.message.contains("declares utf-8"))
    }
  }

  @Test("a UTF-8 file (byte-order mark) declared as windows-1252 fails: the declaration is wrong")
  func wrongDeclarationBOM() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("SOURCE\n".utf8)
    for encoding in ["windows-1252", "iso-8859-1"] {
      let result = TextDecoding.utf8(bytes, encoding: encoding)
      if case .failure(let failure) = result {
        #expect(failure.line == 1)
        #expect(
          failure.message
            == "the file starts with a UTF-8 byte-order mark, but the resource declares \(encoding)")
      } else {
        Issue.record("a byte-order mark was accepted for \(encoding)")
      }
    }
  }

  @Test("a byte windows-1252 leaves undefined (0x81) is an error")
  func undefined() {
    #expect(throws: TextDecoding.Failure.self) {
      try TextDecoding.utf8([0x41, 0x0A, 0x81], encoding: "windows-1252").get()
    }
  }
}
