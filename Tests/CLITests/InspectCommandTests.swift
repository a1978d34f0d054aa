import CRMATestSupport
import Foundation
import Testing

@Suite("crma inspect: output and exit codes of the built binary")
struct InspectCommandTests {
  @Test("--json prints every record keyed by header name, in file order")
  func json() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("t.csv", "a,b\r\n1,\"x,\"\"y\"\"\"\n,\"two\nlines\"\n\"Київ\",\\\n")
    let result = try CommandRunner.run(["inspect", "--json", file])
    #expect(result.status == 0)
    #expect(
      result.standardOutput
        == "[\n{\"a\":\"1\",\"b\":\"x,\\\"y\\\"\"},\n{\"a\":\"\",\"b\":\"two\\nlines\"},\n{\"a\":\"Київ\",\"b\":\"\\\\\"}\n]\n"
    )
    let parsed =
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: String]]
    #expect(parsed?.count == 3)
    #expect(parsed?[1]["b"] == "two\nlines")
  }

  @Test("--json on a header-only file is an empty array")
  func emptyJSON() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let result = try CommandRunner.run(["inspect", "--json", try folder.write("h.csv", "a,b\n")])
    #expect(result.status == 0)
    #expect(result.standardOutput == "[]\n")
  }

  @Test("the preview is aligned and counts the records")
  func preview() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("p.csv", "oblast,tonnes\nДонецька,12\nKyiv,3\n")
    let result = try CommandRunner.run(["inspect", "--limit", "1", file])
    #expect(result.status == 0)
    #expect(
      result.standardOutput
        == "line  oblast    tonnes\n----  --------  ------\n   2  Донецька  12\n2 records (first 1 shown)\n")
  }

  @Test(
    "bad CSV exits 65 with FILE:LINE: message",
    arguments: [
      ("a,b\n1,2\n3\n", ":3: "), ("a,b\n1,\"open\n", ":2: "), ("a,b\n\"x\"y,2\n", ":2: "), ("", ":1: "),
    ])
  func badCSV(text: String, location: String) throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("bad.csv", text)
    let result = try CommandRunner.run(["inspect", "--json", file])
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix(file + location))
  }

  @Test("invalid UTF-8 exits 65")
  func invalidUTF8() throws {
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    let file = try folder.write("u.csv", bytes: Array("a\n".utf8) + [0xFF, 0x0A])
    let result = try CommandRunner.run(["inspect", file])
    #expect(result.status == 65)
    #expect(result.standardError == "\(file):2: column 1 (a): field is not valid UTF-8\n")
  }

  @Test("a missing file exits 66, a directory too")
  func missing() throws {
    #expect(try CommandRunner.run(["inspect", "/nonexistent/x.csv"]).status == 66)
    #expect(try CommandRunner.run(["inspect", "/tmp"]).status == 66)
  }

  @Test("bad flags exit 64")
  func usage() throws {
    #expect(try CommandRunner.run(["inspect", "--no-such-flag", "x.csv"]).status == 64)
    #expect(try CommandRunner.run(["inspect"]).status == 64)
    #expect(try CommandRunner.run(["inspect", "--limit", "-3", "x.csv"]).status == 64)
  }
}
