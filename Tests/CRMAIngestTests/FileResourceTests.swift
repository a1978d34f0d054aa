import CRMAIngest
import CRMATestSupport
import Foundation
import Logging
import Testing

/// `"type": "file"` resources: publishers' files kept byte-identical, checked by size and SHA-256.
@Suite("File resources: declared encoding and hash, checked on every run")
struct FileResourceTests {
  private let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
  static let path = "publishers/usgs-mcs/2023/mcs2023-lithi_world.csv"

  /// The fixture with the file resource at `path` changed by `change`.
  private func run(_ change: @escaping (inout [String: Any]) -> Void) throws -> Result<
    IngestResult, IngestError
  > {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let descriptorPath = "\(fixture.path)/datapackage.json"
    var json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: descriptorPath)))
      as! [String: Any]
    var resources = json["resources"] as! [[String: Any]]
    let index = try #require(resources.firstIndex { $0["path"] as? String == Self.path })
    change(&resources[index])
    json["resources"] = resources
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: descriptorPath))
    do {
      return .success(try IngestStage.run(directory: fixture.path, logger: logger))
    } catch {
      return .failure(error)
    }
  }

  @Test("the shipped files are declared as file resources, not tables, and all check out")
  func shipped() throws {
    let result = try IngestStage.run(directory: Repository.dataDirectory, logger: logger)
    #expect(result.problems.isEmpty)
    #expect(result.descriptor.files.count == 30)  // 29 USGS files and the Comext extract
    #expect(result.descriptor.resources.count == 24)
    #expect(result.descriptor.file(named: "usgs-mcs-2026-commodities")?.encoding == "windows-1252")
  }

  @Test(
    "a file resource must declare a supported encoding and a sha256 hash",
    arguments: [
      ("encoding", nil, "must declare its \"encoding\""),
      ("encoding", "utf-16", "encoding \"utf-16\" is not supported"),
      ("hash", nil, "must record its \"hash\""),
      ("hash", "md5:0123", "must record its \"hash\""),
      ("hash", "sha256:XYZ", "64 lowercase hex digits"),
      ("bytes", "many", "\"bytes\" must be a whole number"),
    ] as [(String, String?, String)])
  func declaration(key: String, value: String?, message: String) throws {
    let result = try run { $0[key] = value }
    guard case .failure(let error) = result else {
      Issue.record("accepted")
      return
    }
    #expect(error.code == .invalidDescriptor)
    #expect(error.message.contains(message), "\(error.message)")
  }

  @Test("a recorded size or hash that differs from the file is an integrity problem naming both")
  func mismatch() throws {
    let wrong = String(repeating: "0", count: 64)
    let result = try run { $0["hash"] = "sha256:\(wrong)" }
    let problems = try result.get().problems
    #expect(problems.count == 1)
    #expect(problems.first?.kind == .integrity)
    #expect(problems.first?.message.hasPrefix("SHA-256 is ") == true)
    #expect(problems.first?.message.contains("the package records \(wrong)") == true)
    let size = try run { $0["bytes"] = 7 }
    #expect(try size.get().problems.first?.message == "is 1944 bytes, the package records 7")
  }

  @Test("a file resource may not leave the package folder; a missing one is reported")
  func paths() throws {
    let outside = try run { $0["path"] = "../x.csv" }
    guard case .failure(let error) = outside else {
      Issue.record("accepted")
      return
    }
    #expect(error.message.contains("path \"../x.csv\""))
    let missing = try run { $0["path"] = "publishers/none.csv" }
    #expect(try missing.get().problems.first?.kind == .missingFile)
  }

  @Test("the ingest output's descriptor lists the tables only")
  func output() throws {
    let result = try IngestStage.run(directory: Repository.dataDirectory, logger: logger)
    let json = String(decoding: IngestOutput.files(result)["datapackage.json"]!, as: UTF8.self)
    let compact = json.replacing(" ", with: "")
    #expect(!compact.contains("\"type\":\"file\"") && !compact.contains("\"path\":\"publishers/"))
    #expect(compact.contains("\"path\":\"production_reserves.csv\""))
  }
}
