import Foundation

/// Runs the built `crma` binary and captures what it prints; for end-to-end tests of exit codes.
public struct CommandResult: Sendable {
  public var status: Int32
  public var standardOutput: String
  public var standardError: String
}

public enum CommandRunner {
  /// The `crma` executable next to the test bundle in `.build/<configuration>/`.
  public static var crmaPath: String {
    let bundle = Bundle.main.bundleURL
    var candidates = [bundle.deletingLastPathComponent().appendingPathComponent("crma").path]
    candidates.append(bundle.appendingPathComponent("crma").path)
    for argument in CommandLine.arguments.prefix(1) {
      candidates.append(
        URL(fileURLWithPath: argument).deletingLastPathComponent().appendingPathComponent("crma").path)
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
  }

  public static func run(
    _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: crmaPath)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a large output cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = readAll(err.fileHandleForReading.fileDescriptor)
      group.leave()
    }
    let outData = readAll(out.fileHandleForReading.fileDescriptor)
    group.wait()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus,
      standardOutput: String(decoding: outData, as: UTF8.self),
      standardError: String(decoding: errData, as: UTF8.self))
  }

  /// Reads a pipe to its end, retrying reads a signal interrupted (Foundation's
  /// `readDataToEndOfFile` traps on EINTR).
  static func readAll(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        data.append(contentsOf: buffer[0..<count])
      } else if count == 0 || errno != EINTR {
        return data
      }
    }
  }
}
