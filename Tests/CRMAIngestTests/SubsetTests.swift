import CRMAIngest
import CRMATestSupport
import Logging
import Testing

@Suite("A data package read in part")
struct SubsetTests {
  private let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

  @Test("the named tables and the tables their foreign keys reach are read; no other table, no file")
  func closure() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    let whole = try DataPackageDescriptor.load(directory: fixture.path)
    let part = whole.restricted(to: ["commodity_map"])
    let names = Set(part.resources.map(\.name))
    #expect(names.isSuperset(of: ["commodity_map", "materials", "sources"]))
    #expect(!names.contains("countries"))
    #expect(part.files.isEmpty)
    #expect(!whole.files.isEmpty)
    for resource in part.resources {
      for key in resource.schema.foreignKeys {
        #expect(names.contains(key.referencedResource ?? resource.name))
      }
    }
    #expect(part.resources.map(\.name) == whole.resources.map(\.name).filter(names.contains))
    #expect(whole.restricted(to: ["no such table"]).resources.isEmpty)
    let result = try IngestStage.run(directory: fixture.path, resources: ["commodity_map"], logger: logger)
    #expect(result.isValid)
    #expect(result.table(named: "commodity_map") != nil)
    #expect(result.table(named: "countries") == nil)
  }

  @Test("a broken table outside the part does not count against it; inside it does")
  func problemsOfThePart() throws {
    let fixture = try DataFixture()
    defer { fixture.remove() }
    try fixture.setField("countries.csv", line: 2, column: 5, to: "not a boolean")
    let outside = try IngestStage.run(directory: fixture.path, resources: ["commodity_map"], logger: logger)
    #expect(outside.isValid)
    let inside = try IngestStage.run(directory: fixture.path, resources: ["countries"], logger: logger)
    #expect(!inside.isValid)
    #expect(inside.problems.contains { $0.resource == "countries" && $0.line == 2 })
  }
}
