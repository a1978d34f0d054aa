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
/// `metadata`, `source`, `timestamp` (UTC). Metadata keep their types: integers, doubles and
/// booleans logged as `.stringConvertible` are JSON numbers and booleans, arrays and
/// dictionaries stay arrays and objects. A failure's reason is in its record (`error.message`).
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

  /// A metadata value as JSON.
  enum Value: Encodable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([Value])
    case object([String: Value])

    init(_ value: Logger.Metadata.Value) {
      switch value {
      case .string(let text): self = .string(text)
      case .stringConvertible(let convertible):
        switch convertible {
        case let number as Int: self = .int(number)
        case let number as Int32: self = .int(Int(number))
        case let number as Double where number.isFinite: self = .double(number)
        case let flag as Bool: self = .bool(flag)
        default: self = .string(convertible.description)
        }
      case .array(let items): self = .array(items.map(Value.init))
      case .dictionary(let items): self = .object(items.mapValues(Value.init))
      }
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .string(let text): try container.encode(text)
      case .int(let number): try container.encode(number)
      case .double(let number): try container.encode(number)
      case .bool(let flag): try container.encode(flag)
      case .array(let items): try container.encode(items)
      case .object(let items): try container.encode(items)
      }
    }
  }

  struct Record: Encodable {
    var timestamp: String
    var level: String
    var label: String
    var message: String
    var source: String
    var metadata: [String: Value]?
  }

  func log(event: LogEvent) {
    var merged = metadata
    for (key, value) in metadataProvider?.get() ?? [:] { merged[key] = value }
    for (key, value) in event.metadata ?? [:] { merged[key] = value }
    if let error = event.error { merged["error.message"] = "\(error)" }
    let record = Record(
      timestamp: ISO8601DateFormatter().string(from: Date()), level: event.level.rawValue, label: label,
      message: event.message.description, source: event.source,
      metadata: merged.isEmpty ? nil : merged.mapValues(Value.init))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(record) else { return }
    printError(String(decoding: data, as: UTF8.self))
  }
}
