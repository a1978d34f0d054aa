import ArgumentParser
import Logging

/// Flags every command shares for its log on standard error.
struct LoggingOptions: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Log each stage's progress (info level) on standard error.")
  var verbose = false

  /// The logger handed to the library stages; the CLI is the only place that makes one.
  func makeLogger(label: String) -> Logger {
    var logger = Logger(label: label) { label in StreamLogHandler.standardError(label: label) }
    logger.logLevel = verbose ? .info : .warning
    return logger
  }
}
