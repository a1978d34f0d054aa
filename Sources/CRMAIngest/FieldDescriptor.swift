/// One column of a Table Schema: its type, format and constraints.
public struct FieldDescriptor: Sendable {
  /// The Table Schema types crma supports.
  public enum FieldType: String, Sendable {
    case string, number, integer, boolean, date, year, any
  }

  public let name: String
  public let type: FieldType
  public let format: String?
  public let constraints: FieldConstraints
  /// A field-level list replaces the schema's `missingValues`.
  public let missingValues: [String]?
  public let trueValues: [String]
  public let falseValues: [String]

  init(json: JSONValue, resource: String) throws(IngestError) {
    guard let name = json["name"]?.string, !name.isEmpty else {
      throw .descriptor("resource \"\(resource)\": every field needs a \"name\"")
    }
    let typeName = json["type"]?.string ?? "any"
    guard let type = FieldType(rawValue: typeName) else {
      throw .descriptor(
        "resource \"\(resource)\", field \"\(name)\": type \"\(typeName)\" is not supported by crma (string, number, integer, boolean, date, year, any)"
      )
    }
    let format = json["format"]?.string
    if type == .date, let format, format != "default" {
      throw .descriptor(
        "resource \"\(resource)\", field \"\(name)\": date format \"\(format)\" is not supported (default: YYYY-MM-DD)"
      )
    }
    self.name = name
    self.type = type
    self.format = format
    self.constraints = try FieldConstraints(
      json: json["constraints"], type: type, context: "resource \"\(resource)\", field \"\(name)\"")
    if let list = json["missingValues"]?.array {
      missingValues = list.compactMap { $0.string }
    } else {
      missingValues = nil
    }
    trueValues = json["trueValues"]?.array?.compactMap { $0.string } ?? ["true", "True", "TRUE", "1"]
    falseValues = json["falseValues"]?.array?.compactMap { $0.string } ?? ["false", "False", "FALSE", "0"]
  }
}

/// The constraints crma enforces: required, unique, enum, minimum/maximum (inclusive and
/// exclusive), pattern, minLength/maxLength.
public struct FieldConstraints: Sendable {
  public let required: Bool
  public let unique: Bool
  public let enumValues: [JSONValue]?
  public let minimum: JSONValue?
  public let maximum: JSONValue?
  public let exclusiveMinimum: JSONValue?
  public let exclusiveMaximum: JSONValue?
  /// Matched against the whole value, as XML Schema patterns are.
  public let pattern: String?
  public let minLength: Int?
  public let maxLength: Int?

  /// The longest `pattern` crma compiles.
  public static let maxPatternLength = 500

  init(json: JSONValue?, type: FieldDescriptor.FieldType, context: String) throws(IngestError) {
    let object = json?.object ?? [:]
    let known: Set<String> = [
      "required", "unique", "enum", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
      "minLength",
      "maxLength",
    ]
    if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
      throw .descriptor("\(context): constraint \"\(unknown)\" is not supported")
    }
    required = object["required"]?.bool ?? false
    unique = object["unique"]?.bool ?? false
    enumValues = object["enum"]?.array
    if object["enum"] != nil && enumValues == nil { throw .descriptor("\(context): enum must be an array") }
    minimum = object["minimum"]
    maximum = object["maximum"]
    exclusiveMinimum = object["exclusiveMinimum"]
    exclusiveMaximum = object["exclusiveMaximum"]
    for bound in [minimum, maximum, exclusiveMinimum, exclusiveMaximum] {
      guard let bound else { continue }
      switch type {
      case .number, .integer, .year:
        if bound.number == nil { throw .descriptor("\(context): minimum/maximum must be a number") }
      case .date:
        if bound.string == nil { throw .descriptor("\(context): minimum/maximum must be a date string") }
      default:
        throw .descriptor("\(context): minimum/maximum do not apply to type \(type.rawValue)")
      }
    }
    pattern = object["pattern"]?.string
    if let pattern {
      guard type == .string else { throw .descriptor("\(context): pattern applies to strings only") }
      // Patterns come from the data: a long one is refused rather than compiled and run on every
      // value (backtracking regular expressions can be made slow on purpose).
      guard pattern.count <= Self.maxPatternLength else {
        throw .descriptor("\(context): pattern is longer than \(Self.maxPatternLength) characters")
      }
      do {
        _ = try Regex(pattern)
      } catch {
        throw .descriptor("\(context): pattern \"\(pattern)\" is not a valid regular expression")
      }
    }
    minLength = object["minLength"]?.number.map { Int($0) }
    maxLength = object["maxLength"]?.number.map { Int($0) }
  }
}
