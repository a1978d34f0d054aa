import CRMAFiles
import CRMAIngest
import CSVStream
import Foundation

/// A file's path (relative to its folder), size and SHA-256: what a stage record and the run
/// manifest list.
public struct FileRecord: Sendable, Equatable, Codable {
  public var path: String
  public var bytes: Int
  public var sha256: String

  init(path: String, bytes: Int, sha256: String) {
    self.path = path
    self.bytes = bytes
    self.sha256 = sha256
  }

  /// Records of `names` inside `folder`, sorted by path.
  static func of(folder: String, names: [String]) throws(PipelineError) -> [FileRecord] {
    var records: [FileRecord] = []
    for name in names.sorted() {
      do {
        let digest = try fileDigest("\(folder)/\(name)")
        records.append(FileRecord(path: name, bytes: digest.bytes, sha256: digest.sha256))
      } catch {
        throw .missingInput(error.description)
      }
    }
    return records
  }

  static func of(name: String, bytes: [UInt8]) -> FileRecord {
    FileRecord(path: name, bytes: bytes.count, sha256: SHA256.hex(bytes))
  }

  /// Records of the files of an output set, except crma's own markers, sorted by path.
  static func of(files: [String: [UInt8]]) -> [FileRecord] {
    files.keys.filter { !isMarker($0) }.sorted().map { of(name: $0, bytes: files[$0]!) }
  }

  /// Every regular file below `folder` except crma's own markers, as relative paths.
  static func files(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var names: [String] = []
    while let name = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: "\(folder)/\(name)", isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      if isMarker(name) { continue }
      names.append(name)
    }
    return names.sorted()
  }

  static func isMarker(_ name: String) -> Bool {
    let base = (name as NSString).lastPathComponent
    return base == OutputFolder.ownerMarker || base == StageRecord.fileName || base == RunManifest.fileName
  }
}

/// The records crma writes as JSON files: encoded with `Codable`, then written as sorted,
/// indented text (``JSONValue/serialized()``) so the same record gives the same bytes.
enum JSONRecord {
  static func bytes(_ value: some Encodable) -> [UInt8] {
    do {
      let data = try JSONEncoder().encode(value)
      return Array(try JSONDecoder().decode(JSONValue.self, from: data).serialized().utf8)
    } catch {
      // Encoding strings, integers and arrays of them cannot fail.
      preconditionFailure("cannot encode \(type(of: value)): \(error)")
    }
  }

  static func read<Value: Decodable>(_ type: Value.Type, from path: String) -> Value? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return try? JSONDecoder().decode(type, from: data)
  }
}

/// What a stage read, which tool version read it and what it wrote; kept in the stage's output
/// folder so the next run can skip the stage when nothing changed and its outputs are intact.
public struct StageRecord: Sendable, Equatable, Codable {
  public static let fileName = ".crma-stage.json"
  public var tool: String
  public var inputs: [FileRecord]
  /// The files the stage wrote (without its markers), checked before a skip: a missing or
  /// altered output makes the stage run again.
  public var outputs: [FileRecord]

  var serialized: [UInt8] { JSONRecord.bytes(self) }

  static func read(from folder: String) -> StageRecord? {
    JSONRecord.read(StageRecord.self, from: "\(folder)/\(fileName)")
  }
}

/// The deterministic record kept with the reports: tool version, every input and output with
/// bytes and SHA-256, sorted by path. No times: same inputs, same bytes.
public struct RunManifest: Sendable, Equatable, Codable {
  public static let fileName = "manifest.json"
  public var tool: String
  public var inputs: [FileRecord]
  public var outputs: [FileRecord]

  init(tool: String, inputs: [FileRecord], outputs: [FileRecord]) {
    self.tool = tool
    self.inputs = inputs
    self.outputs = outputs
  }

  private struct Tool: Codable {
    var name = "crma"
    var version: String
  }

  private enum CodingKeys: String, CodingKey { case tool, inputs, outputs }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    tool = try container.decode(Tool.self, forKey: .tool).version
    inputs = try container.decode([FileRecord].self, forKey: .inputs)
    outputs = try container.decode([FileRecord].self, forKey: .outputs)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Tool(version: tool), forKey: .tool)
    try container.encode(inputs, forKey: .inputs)
    try container.encode(outputs, forKey: .outputs)
  }

  var serialized: [UInt8] { JSONRecord.bytes(self) }

  static func read(from folder: String) -> RunManifest? {
    JSONRecord.read(RunManifest.self, from: "\(folder)/\(fileName)")
  }
}
