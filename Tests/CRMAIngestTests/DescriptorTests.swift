import CRMAIngest
import CRMATestSupport
import Foundation
import Logging
import Testing

@Suite("DataPackageDescriptor: the catalogue is checked before any data")
struct DescriptorTests {
  private let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  private func descriptorError(_ edit: (inout [String: Any]) -> Void) throws -> IngestError? {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let path = "\(fixture.path)/datapackage.json"
    var json =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    edit(&json)
    try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
    do {
      _ = try IngestStage.run(directory: fixture.path, logger: logger)
      return nil
    } catch {
      return error
    }
  }

  private func editResource(_ index: Int, _ change: @escaping (inout [String: Any]) -> Void) -> (
    inout [String: Any]
  ) -> Void {
    { json in
      var resources = json["resources"] as! [[String: Any]]
      change(&resources[index])
      json["resources"] = resources
    }
  }

  @Test(
    "resource paths may not leave the package folder",
    arguments: [
      "../conversions.csv", "/etc/passwd", "a/../../x.csv", "https://example.org/x.csv", "./conversions.csv",
    ])
  func unsafePaths(path: String) throws {
    let error = try descriptorError(editResource(0) { $0["path"] = path })
    #expect(error?.code == .invalidDescriptor)
    #expect(error?.message.contains("path \"\(path)\"") == true)
  }

  @Test("a link that leads outside the folder is refused")
  func symlinkEscape() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.remove("events.csv")
    try FileManager.default.createSymbolicLink(
      atPath: "\(fixture.path)/events.csv", withDestinationPath: "/etc/hostname")
    let result = try IngestStage.run(directory: fixture.path, logger: logger)
    #expect(
      result.problems.first?.message.hasPrefix("leads out of \(fixture.path) (to /etc/hostname)") == true)
    #expect(result.problems.first?.kind == .missingFile)
  }

  @Test("a FIFO or a device listed as a resource is refused before it is opened (no hang)")
  func notRegularFile() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.remove("events.csv")
    #expect(mkfifo("\(fixture.path)/events.csv", 0o644) == 0)
    let fifo = try IngestStage.run(directory: fixture.path, logger: logger)
    #expect(fifo.problems.first?.message.hasPrefix("is not a regular file (a FIFO)") == true)
    try fixture.remove("events.csv")
    try FileManager.default.createSymbolicLink(
      atPath: "\(fixture.path)/events.csv", withDestinationPath: "/dev/zero")
    let device = try IngestStage.run(directory: fixture.path, logger: logger)
    #expect(device.problems.first?.path == "\(fixture.path)/events.csv")
    #expect(device.problems.first?.kind == .missingFile)
  }

  @Test("not JSON at all")
  func notJSON() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.write("datapackage.json", "{ \"resources\": [")
    #expect(throws: IngestError.self) { try IngestStage.run(directory: fixture.path, logger: logger) }
    do {
      _ = try IngestStage.run(directory: fixture.path, logger: logger)
    } catch {
      #expect(error.code == .invalidDescriptor)
      #expect(error.message.hasPrefix("not valid JSON"))
    }
  }

  @Test("unsupported field types, bad patterns and dangling references are configuration errors")
  func invalidSchemas() throws {
    let unknownType = try descriptorError(
      editResource(1) { resource in
        var schema = resource["schema"] as! [String: Any]
        var fields = schema["fields"] as! [[String: Any]]
        fields[0]["type"] = "geopoint"
        schema["fields"] = fields
        resource["schema"] = schema
      })
    #expect(unknownType?.message.contains("type \"geopoint\" is not supported") == true)
    let badPattern = try descriptorError(
      editResource(1) { resource in
        var schema = resource["schema"] as! [String: Any]
        var fields = schema["fields"] as! [[String: Any]]
        fields[0]["constraints"] = ["pattern": "[A-Z"]
        schema["fields"] = fields
        resource["schema"] = schema
      })
    #expect(badPattern?.message.contains("is not a valid regular expression") == true)
    let longPattern = try descriptorError(
      editResource(1) { resource in
        var schema = resource["schema"] as! [String: Any]
        var fields = schema["fields"] as! [[String: Any]]
        fields[0]["constraints"] = ["pattern": String(repeating: "(a|a)*", count: 100)]
        schema["fields"] = fields
        resource["schema"] = schema
      })
    #expect(longPattern?.message.contains("pattern is longer than 500 characters") == true)
    let dangling = try descriptorError(
      editResource(1) { resource in
        var schema = resource["schema"] as! [String: Any]
        schema["foreignKeys"] = [
          ["fields": ["source_id"], "reference": ["resource": "nowhere", "fields": ["id"]]]
        ]
        resource["schema"] = schema
      })
    #expect(dangling?.message.contains("unknown resource \"nowhere\"") == true)
    let badKey = try descriptorError(
      editResource(1) { resource in
        var schema = resource["schema"] as! [String: Any]
        schema["primaryKey"] = ["nope"]
        resource["schema"] = schema
      })
    #expect(badKey?.message.contains("primaryKey names unknown field \"nope\"") == true)
    let noResources = try descriptorError { $0["resources"] = [] }
    #expect(noResources?.message == "\"resources\" must be a non-empty array")
  }

  @Test("a missing data folder or descriptor")
  func missing() throws {
    do {
      _ = try IngestStage.run(directory: "/nonexistent/crma-data", logger: logger)
      Issue.record("no error")
    } catch {
      #expect(error.code == .missingInput)
    }
    let folder = try TemporaryDirectory()
    defer { folder.remove() }
    do {
      _ = try IngestStage.run(directory: folder.path, logger: logger)
      Issue.record("no error")
    } catch {
      #expect(error.code == .invalidDescriptor)
      #expect(error.message == "datapackage.json not found")
    }
  }
}
