import ArgumentParser
import Foundation
import Logging

/// Flags every command shares for its log on standard error.
struct LoggingOptions: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Flag(name: .shortAndLong, help: "Log each stage's progress (info level).")
  var verbose = false

  @Option(
    help: "Log format on standard error: text for people, json (one object per line) for log collectors.")
  var logFormat: Format = .text

  /// The logger handed to the library stages; the CLI is the only place that makes one.
  func makeLogger(label: String, defaultLevel: Logger.Level = .warning) -> Logger {
    var logger: Logger
    switch logFormat {
    case .text: logger = Logger(label: label) { label in StreamLogHandler.standardError(label: label) }
    case .json: logger = Logger(label: label) { label in JSONLogHandler(label: label) }
    }
    logger.logLevel = verbose ? .info : defaultLevel
    return logger
  }
}

/// One JSON object per line on standard error, keys sorted: `level`, `label`, `message`,
/// `metadata`, `source`, `timestamp` (UTC).
struct JSONLogHandler: LogHandler {
  let label: String
  var metadata: Logger.Metadata = [:]
  var metadataProvider: Logger.MetadataProvider?
  var logLevel: Logger.Level = .info

  init(label: String) { self.label = label }

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var merged = metadata
    for (key, value) in metadataProvider?.get() ?? [:] { merged[key] = value }
    for (key, value) in event.metadata ?? [:] { merged[key] = value }
    if let error = event.error { merged["error.message"] = "\(error)" }
    var object: [String: Any] = [
      "timestamp": ISO8601DateFormatter().string(from: Date()), "level": event.level.rawValue, "label": label,
      "message": event.message.description, "source": event.source,
    ]
    if !merged.isEmpty { object["metadata"] = merged.mapValues { "\($0)" } }
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return }
    printError(String(decoding: data, as: UTF8.self))
  }
}
