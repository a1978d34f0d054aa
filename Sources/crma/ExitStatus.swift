import ArgumentParser
import CSVStream
import Glibc

/// The sysexits codes crma uses (see `/usr/include/sysexits.h` and the README).
enum ExitStatus {
  static let dataError = ExitCode(65)
  static let noInput = ExitCode(66)
  static let software = ExitCode(70)
  static let cannotCreate = ExitCode(73)
  static let ioError = ExitCode(74)
  static let config = ExitCode(78)

  static func code(for error: CSVError) -> ExitCode {
    switch error.code {
    case .cannotOpen: return noInput
    case .readFailed: return ioError
    case .outOfMemory: return software
    default: return dataError
    }
  }

  static func code(for error: OutputError) -> ExitCode {
    error.code == .cannotCreate ? cannotCreate : ioError
  }
}

/// Prints `message` on standard error.
func printError(_ message: String) {
  var text = message
  if !text.hasSuffix("\n") { text += "\n" }
  var bytes = Array(text.utf8)
  bytes.withUnsafeMutableBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
      if written <= 0 { if errno == EINTR { continue } else { return } }
      offset += written
    }
  }
}
