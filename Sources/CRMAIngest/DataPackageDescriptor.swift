import Foundation

/// `datapackage.json`: the catalogue of resources and their Table Schemas. Stages find their
/// inputs here, never through paths in code; the schemas live only here, not in Swift.
public struct DataPackageDescriptor: Sendable {
  /// The descriptor as read, for writing derived packages.
  public let json: JSONValue
  public let name: String?
  public let resources: [ResourceDescriptor]
  /// Resources kept as their publishers released them (`"type": "file"`): hash-checked, not
  /// tables. Readers such as the USGS stage find their files here.
  public let files: [FileResourceDescriptor]

  /// Descriptors larger than this are refused rather than read into memory.
  public static let maxBytes = 4 * 1024 * 1024

  /// Reads and checks `directory/datapackage.json`.
  public static func load(directory: String) throws(IngestError) -> DataPackageDescriptor {
    let path = "\(directory)/datapackage.json"
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
    else {
      throw IngestError(.missingInput, path: directory, message: "data folder not found")
    }
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = attributes[.size] as? NSNumber
    else {
      throw IngestError(.invalidDescriptor, path: path, message: "datapackage.json not found")
    }
    guard size.intValue <= maxBytes else {
      throw IngestError(
        .invalidDescriptor, path: path, message: "descriptor is larger than \(maxBytes) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw IngestError(.invalidDescriptor, path: path, message: "cannot read datapackage.json")
    }
    do {
      return try DataPackageDescriptor(json: JSONValue.parse(data))
    } catch {
      throw IngestError(.invalidDescriptor, path: path, message: error.message)
    }
  }

  /// Checks a parsed descriptor: resources, paths, schemas and foreign-key targets.
  public init(json: JSONValue) throws(IngestError) {
    guard let object = json.object else { throw .descriptor("the descriptor must be a JSON object") }
    guard let resourceList = object["resources"]?.array, !resourceList.isEmpty else {
      throw .descriptor("\"resources\" must be a non-empty array")
    }
    var resources: [ResourceDescriptor] = []
    var files: [FileResourceDescriptor] = []
    var names: Set<String> = []
    for (index, item) in resourceList.enumerated() {
      let name: String
      if item["type"]?.string == "file" {
        let file = try ResourceDescriptor.fileResource(json: item, index: index)
        name = file.name
        files.append(file)
      } else {
        let resource = try ResourceDescriptor(json: item, index: index)
        name = resource.name
        resources.append(resource)
      }
      guard names.insert(name).inserted else {
        throw .descriptor("resource name \"\(name)\" is used twice")
      }
    }
    // Foreign keys must point at resources and fields that exist.
    for resource in resources {
      for key in resource.schema.foreignKeys {
        let target = key.referencedResource ?? resource.name
        guard let referenced = resources.first(where: { $0.name == target }) else {
          throw .descriptor(
            "resource \"\(resource.name)\": foreign key refers to unknown resource \"\(target)\"")
        }
        for field in key.referencedFields where referenced.schema.field(named: field) == nil {
          throw .descriptor(
            "resource \"\(resource.name)\": foreign key refers to unknown field \"\(target).\(field)\"")
        }
      }
    }
    self.json = json
    self.name = object["name"]?.string
    self.resources = resources
    self.files = files
  }

  /// The file resource called `name`, if the package has one.
  public func file(named name: String) -> FileResourceDescriptor? {
    files.first { $0.name == name }
  }

  /// The resource called `name`, if the package has one.
  public func resource(named name: String) -> ResourceDescriptor? {
    resources.first { $0.name == name }
  }
}

/// One tabular resource: a CSV file inside the package folder and its schema.
public struct ResourceDescriptor: Sendable {
  public let name: String
  /// Relative to the package folder; never absolute, never with `..` (Frictionless rule).
  public let path: String
  public let schema: TableSchema

  init(json: JSONValue, index: Int) throws(IngestError) {
    let (object, name, path) = try Self.namedPath(json, index: index)
    guard let schema = object["schema"] else {
      throw .descriptor("resource \"\(name)\" has no \"schema\"")
    }
    if let format = object["format"]?.string, format.lowercased() != "csv" {
      throw .descriptor("resource \"\(name)\": format \"\(format)\" is not supported (csv only)")
    }
    if let encoding = object["encoding"]?.string, !["utf-8", "utf8"].contains(encoding.lowercased()) {
      throw .descriptor("resource \"\(name)\": encoding \"\(encoding)\" is not supported (UTF-8 only)")
    }
    self.name = name
    self.path = path
    self.schema = try TableSchema(json: schema, resource: name)
  }

  /// A `"type": "file"` resource: name and path by the same rules as a table's.
  static func fileResource(json: JSONValue, index: Int) throws(IngestError) -> FileResourceDescriptor {
    let (_, name, path) = try namedPath(json, index: index)
    return try FileResourceDescriptor(json: json, name: name, path: path)
  }

  private static func namedPath(_ json: JSONValue, index: Int) throws(IngestError) -> (
    [String: JSONValue], String, String
  ) {
    guard let object = json.object else { throw .descriptor("resource \(index + 1) must be an object") }
    guard let name = object["name"]?.string, !name.isEmpty else {
      throw .descriptor("resource \(index + 1) has no \"name\"")
    }
    guard
      name.utf8.allSatisfy({
        ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
      })
    else {
      throw .descriptor("resource name \"\(name)\" may use only lowercase letters, digits, '-', '_' and '.'")
    }
    guard let path = object["path"]?.string else {
      throw .descriptor(
        "resource \"\(name)\": \"path\" must be one string (inline data and multi-file resources are not supported)"
      )
    }
    try checkPath(path, resource: name)
    return (object, name, path)
  }

  /// A resource path may not leave the package folder (Data Package spec, "path").
  static func checkPath(_ path: String, resource: String) throws(IngestError) {
    let problem: String?
    if path.isEmpty {
      problem = "is empty"
    } else if path.hasPrefix("/") || path.hasPrefix("~") || path.hasPrefix("\\") {
      problem = "is absolute"
    } else if path.contains("://") {
      problem = "is a URL (remote resources are not supported)"
    } else if path.split(separator: "/", omittingEmptySubsequences: false).contains(where: {
      $0 == ".." || $0 == "."
    }) {
      problem = "contains '.' or '..' segments"
    } else if path.contains("\\") || path.unicodeScalars.contains(where: { $0.value < 0x20 }) {
      problem = "contains a backslash or a control character"
    } else {
      problem = nil
    }
    if let problem {
      throw .descriptor(
        "resource \"\(resource)\": path \"\(path)\" \(problem); it must be a relative path inside the package folder"
      )
    }
  }
}
