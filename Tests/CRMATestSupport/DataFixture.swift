import Foundation

/// The repository's folders, found from this file's location.
public enum Repository {
  public static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  public static var dataDirectory: String { "\(root)/data" }
}

/// A copy of `data/` in a temporary folder that a test may break on purpose.
public struct DataFixture: Sendable {
  public let folder: TemporaryDirectory
  public var path: String { folder.path }

  public init() throws {
    folder = try TemporaryDirectory("crma-data")
    for name in try FileManager.default.contentsOfDirectory(atPath: Repository.dataDirectory) {
      try FileManager.default.copyItem(
        atPath: "\(Repository.dataDirectory)/\(name)", toPath: "\(folder.path)/\(name)")
    }
  }

  /// Replaces line `line` (1-based) of `file` with what `change` makes of it.
  public func editLine(_ file: String, _ line: Int, _ change: (String) -> String) throws {
    let path = "\(folder.path)/\(file)"
    var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
    lines[line - 1] = change(lines[line - 1])
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// Replaces field `column` (0-based) of line `line`; the line must have no quoted fields before it.
  public func setField(_ file: String, line: Int, column: Int, to value: String) throws {
    try editLine(file, line) { text in
      var fields = text.components(separatedBy: ",")
      fields[column] = value
      return fields.joined(separator: ",")
    }
  }

  public func write(_ file: String, _ text: String) throws {
    try text.write(toFile: "\(folder.path)/\(file)", atomically: true, encoding: .utf8)
  }

  public func remove(_ file: String) throws {
    try FileManager.default.removeItem(atPath: "\(folder.path)/\(file)")
  }

  public func remove() { folder.remove() }
}

/// Runs the external validator `frictionless` when the Makefile says where it is
/// (`CRMA_FRICTIONLESS`); nil when it is not available.
public enum Frictionless {
  public static var executable: String? {
    guard let path = ProcessInfo.processInfo.environment["CRMA_FRICTIONLESS"],
      FileManager.default.isExecutableFile(atPath: path)
    else { return nil }
    return path
  }

  /// The exit status of `frictionless validate DESCRIPTOR`.
  public static func validate(_ descriptor: String) throws -> Int32? {
    guard let executable else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["validate", descriptor]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
