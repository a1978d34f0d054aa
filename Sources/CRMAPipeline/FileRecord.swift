import CRMAIngest
import CSVStream
import Foundation

/// A file's path (relative to its folder), size and SHA-256: what a stage record and the run
/// manifest list.
public struct FileRecord: Sendable, Equatable {
  public var path: String
  public var bytes: Int
  public var sha256: String

  var json: JSONValue {
    .object(["path": .string(path), "bytes": .number(Double(bytes)), "sha256": .string(sha256)])
  }

  init(path: String, bytes: Int, sha256: String) {
    self.path = path
    self.bytes = bytes
    self.sha256 = sha256
  }

  init?(json: JSONValue) {
    guard let path = json["path"]?.string, let bytes = json["bytes"]?.number, let sha = json["sha256"]?.string
    else { return nil }
    self.init(path: path, bytes: Int(bytes), sha256: sha)
  }

  /// Records of `names` inside `folder`, sorted by path.
  static func of(folder: String, names: [String]) throws(PipelineError) -> [FileRecord] {
    var records: [FileRecord] = []
    for name in names.sorted() {
      do {
        let digest = try fileDigest("\(folder)/\(name)")
        records.append(FileRecord(path: name, bytes: digest.bytes, sha256: digest.sha256))
      } catch {
        throw .missingInput("\(folder)/\(name): \(error.message)")
      }
    }
    return records
  }

  static func of(name: String, bytes: [UInt8]) -> FileRecord {
    FileRecord(path: name, bytes: bytes.count, sha256: SHA256.hex(bytes))
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
      let base = (name as NSString).lastPathComponent
      if base == OutputFolder.ownerMarker || base == StageRecord.fileName || base == RunManifest.fileName {
        continue
      }
      names.append(name)
    }
    return names.sorted()
  }
}

/// What a stage read and which tool version read it; kept in the stage's output folder so the
/// next run can skip the stage when nothing changed.
public struct StageRecord: Sendable, Equatable {
  public static let fileName = ".crma-stage.json"
  public var tool: String
  public var inputs: [FileRecord]

  var serialized: [UInt8] {
    Array(JSONValue.object(["tool": .string(tool), "inputs": .array(inputs.map(\.json))]).serialized().utf8)
  }

  static func read(from folder: String) -> StageRecord? {
    guard let data = FileManager.default.contents(atPath: "\(folder)/\(fileName)"),
      let json = try? JSONValue.parse(data), let tool = json["tool"]?.string,
      let inputs = json["inputs"]?.array
    else { return nil }
    return StageRecord(tool: tool, inputs: inputs.compactMap(FileRecord.init(json:)))
  }
}

/// The deterministic record kept with the reports: tool version, every input and output with
/// bytes and SHA-256, sorted by path. No times: same inputs, same bytes.
public struct RunManifest: Sendable, Equatable {
  public static let fileName = "manifest.json"
  public var tool: String
  public var inputs: [FileRecord]
  public var outputs: [FileRecord]

  var serialized: [UInt8] {
    Array(
      JSONValue.object([
        "tool": .object(["name": .string("crma"), "version": .string(tool)]),
        "inputs": .array(inputs.map(\.json)), "outputs": .array(outputs.map(\.json)),
      ]).serialized().utf8)
  }

  static func read(from folder: String) -> RunManifest? {
    guard let data = FileManager.default.contents(atPath: "\(folder)/\(fileName)"),
      let json = try? JSONValue.parse(data), let tool = json["tool"]?["version"]?.string,
      let inputs = json["inputs"]?.array, let outputs = json["outputs"]?.array
    else { return nil }
    return RunManifest(
      tool: tool, inputs: inputs.compactMap(FileRecord.init(json:)),
      outputs: outputs.compactMap(FileRecord.init(json:)))
  }
}
