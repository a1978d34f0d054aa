import CSVStream
import Glibc

/// Applies one field's type and constraints to cell texts. Holds the compiled pattern, the
/// bounds and the allowed values, so it is made once per field and used for every row.
final class FieldChecker {
  let field: FieldDescriptor
  private let missingValues: Set<String>
  /// The usual case, `[""]`: only the empty text is missing, checked without hashing.
  private let onlyEmptyIsMissing: Bool
  private let pattern: Regex<AnyRegexOutput>?
  /// The same pattern compiled by the C library, anchored, when it uses only the syntax on which
  /// POSIX extended expressions and Swift's `Regex` agree (see ``PosixPattern``): an order of
  /// magnitude faster per value, which a streamed resource of millions of rows needs.
  private let posixPattern: PosixPattern?
  private let maxMagnitude: Double
  /// The enum's texts, for a string or date field (compared as text).
  private let allowedTexts: Set<String>?
  private let bounds: [(limit: FieldValue, words: String, violates: (FieldValue, FieldValue) -> Bool)]

  init(field: FieldDescriptor, schemaMissingValues: [String], maxMagnitude: Double = IngestStage.maxMagnitude)
  {
    self.field = field
    self.maxMagnitude = maxMagnitude
    let missing = field.missingValues ?? schemaMissingValues
    self.missingValues = Set(missing)
    self.onlyEmptyIsMissing = missing == [""]
    // Validated when the descriptor was read.
    self.pattern = field.constraints.pattern.flatMap { try? Regex($0) }
    self.posixPattern = field.constraints.pattern.flatMap(PosixPattern.init)
    if let allowed = field.constraints.enumValues, field.type == .string || field.type == .date,
      allowed.allSatisfy({ $0.string != nil })
    {
      allowedTexts = Set(allowed.compactMap(\.string))
    } else {
      allowedTexts = nil
    }
    let constraints = field.constraints
    let candidates: [(JSONValue?, String, (FieldValue, FieldValue) -> Bool)] = [
      (constraints.minimum, "less than the minimum", { $0 < $1 }),
      (constraints.maximum, "more than the maximum", { $1 < $0 }),
      (constraints.exclusiveMinimum, "not more than the exclusive minimum", { !($1 < $0) }),
      (constraints.exclusiveMaximum, "not less than the exclusive maximum", { !($0 < $1) }),
    ]
    bounds = candidates.compactMap { bound, words, violates in
      guard let bound, let limit = Self.fieldValue(bound) else { return nil }
      return (limit, words, violates)
    }
  }

  /// Whether `text` is one of the field's missing values.
  private func isMissing(_ text: String) -> Bool {
    onlyEmptyIsMissing ? text.isEmpty : missingValues.contains(text)
  }

  /// The typed value of `text`, nil for a missing value, or the reason it is invalid.
  func check(_ text: String) -> Result<FieldValue?, IngestProblem.Kind.Message> {
    if isMissing(text) {
      return field.constraints.required ? .failure(.init(.constraint, "value is required")) : .success(nil)
    }
    let value: FieldValue
    switch parse(text) {
    case .success(let parsed): value = parsed
    case .failure(let message): return .failure(message)
    }
    if let message = constraintViolation(value, text: text) { return .failure(message) }
    return .success(value)
  }

  private func parse(_ text: String) -> Result<FieldValue, IngestProblem.Kind.Message> {
    switch field.type {
    case .string, .any:
      if field.format == "uri", !Self.looksLikeURI(text) {
        return .failure(.init(.type, "\"\(text)\" is not a URI"))
      }
      if field.format == "email", !text.contains("@") {
        return .failure(.init(.type, "\"\(text)\" is not an e-mail address"))
      }
      return .success(.string(text))
    case .number:
      // Table Schema allows NaN and ±INF; no figure crma computes with can be one, so they are
      // refused here, where the user's file and line are known, not by a later stage.
      if ["NaN", "INF", "-INF"].contains(text) {
        return .failure(.init(.type, "\"\(text)\" is not a finite number (crma reads finite numbers only)"))
      }
      guard let parsed = Self.withBytes(text, NumberParsing.double) else {
        return .failure(.init(.type, "\"\(text)\" is not a number"))
      }
      guard abs(parsed) <= maxMagnitude else { return .failure(tooLarge(text)) }
      return .success(.number(parsed))
    case .integer:
      guard let parsed = Self.withBytes(text, NumberParsing.int) else {
        return .failure(.init(.type, "\"\(text)\" is not an integer"))
      }
      guard Double(parsed).magnitude <= maxMagnitude else { return .failure(tooLarge(text)) }
      return .success(.integer(parsed))
    case .year:
      guard text.utf8.count == 4, let parsed = Int(text) else {
        return .failure(.init(.type, "\"\(text)\" is not a year (YYYY)"))
      }
      return .success(.year(parsed))
    case .boolean:
      if field.trueValues.contains(text) { return .success(.boolean(true)) }
      if field.falseValues.contains(text) { return .success(.boolean(false)) }
      return .failure(
        .init(
          .type,
          "\"\(text)\" is not a boolean (\(field.trueValues.first ?? "true")/\(field.falseValues.first ?? "false"))"
        ))
    case .date:
      guard Self.isCalendarDate(text) else {
        return .failure(.init(.type, "\"\(text)\" is not a date (YYYY-MM-DD)"))
      }
      return .success(.date(text))
    }
  }

  private func tooLarge(_ text: String) -> IngestProblem.Kind.Message {
    .init(
      .type,
      "\(text) is beyond crma's bound for numbers and integers (magnitude at most \(NumberFormatting.fixed(maxMagnitude, digits: 0)))"
    )
  }

  private func constraintViolation(_ value: FieldValue, text: String) -> IngestProblem.Kind.Message? {
    let constraints = field.constraints
    if let allowedTexts {
      if !allowedTexts.contains(text) { return enumViolation(text) }
    } else if let allowed = constraints.enumValues, !allowed.contains(where: { Self.equals($0, value) }) {
      return enumViolation(text)
    }
    if let pattern, !matches(pattern, text) {
      return .init(.constraint, "\"\(text)\" does not match the pattern \(constraints.pattern ?? "")")
    }
    if let minLength = constraints.minLength, text.count < minLength {
      return .init(.constraint, "\"\(text)\" is shorter than \(minLength) characters")
    }
    if let maxLength = constraints.maxLength, text.count > maxLength {
      return .init(.constraint, "value is longer than \(maxLength) characters")
    }
    for (limit, words, violates) in bounds where violates(value, limit) {
      return .init(.constraint, "\(text) is \(words) \(limit.text)")
    }
    return nil
  }

  private func matches(_ pattern: Regex<AnyRegexOutput>, _ text: String) -> Bool {
    if let posixPattern, let matched = posixPattern.matches(text) { return matched }
    return (try? pattern.wholeMatch(in: text)) != nil
  }

  /// `body` applied to the UTF-8 bytes of `text`, without copying a native string.
  private static func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    var text = text
    return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
  }

  private func enumViolation(_ text: String) -> IngestProblem.Kind.Message {
    let allowed = field.constraints.enumValues ?? []
    let list = allowed.map { $0.string ?? $0.number.map(NumberFormatting.canonical) ?? "\($0)" }.joined(
      separator: ", ")
    return .init(.constraint, "\"\(text)\" is not one of the allowed values (\(list))")
  }

  private static func fieldValue(_ json: JSONValue) -> FieldValue? {
    if let number = json.number { return .number(number) }
    if let string = json.string { return .date(string) }
    return nil
  }

  private static func equals(_ json: JSONValue, _ value: FieldValue) -> Bool {
    switch (json, value) {
    case (.string(let a), .string(let b)), (.string(let a), .date(let b)): return a == b
    case (.number(let a), _): return value.double == a
    case (.bool(let a), .boolean(let b)): return a == b
    default: return false
    }
  }

  static func looksLikeURI(_ text: String) -> Bool {
    guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
    let scheme = text[..<colon]
    guard let first = scheme.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else {
      return false
    }
    let rest = text[text.index(after: colon)...]
    return scheme.unicodeScalars.allSatisfy {
      $0.isASCII
        && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+.-".unicodeScalars.contains($0))
    }
      && !rest.isEmpty && !rest.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" })
  }

  static func isCalendarDate(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
      return false
    }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let digit = Int(bytes[index]) - 48
        guard digit >= 0 && digit <= 9 else { return nil }
        value = value * 10 + digit
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      (1...12).contains(month)
    else {
      return false
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return (1...days).contains(day)
  }
}

extension IngestProblem.Kind {
  /// A problem's kind and text, before its file, line and column are known.
  struct Message: Error, Equatable {
    var kind: IngestProblem.Kind
    var text: String
    init(_ kind: IngestProblem.Kind, _ text: String) {
      self.kind = kind
      self.text = text
    }
  }
}

/// A schema pattern compiled by the C library's POSIX extended regular expressions, anchored to
/// the whole value. Used only for patterns written with the syntax on which POSIX and Swift's
/// `Regex` agree — ASCII letters and digits, bracket classes without negation, groups,
/// alternation and the quantifiers `?`, `*`, `+`, `{m,n}`, and a few literal punctuation marks —
/// and only for values without NUL bytes; anything else goes to Swift's `Regex`. (No `.`, no
/// backslash escapes, no `^`/`$`: their meaning differs between the two.)
final class PosixPattern {
  private let compiled: UnsafeMutablePointer<regex_t>

  /// Characters a pattern may use to be compiled here.
  private static let allowed = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789[]{}()?*+|-,;:/ _=@#%&'!<>~".utf8)

  init?(_ pattern: String) {
    guard !pattern.isEmpty, pattern.utf8.allSatisfy({ Self.allowed.contains($0) }) else { return nil }
    compiled = .allocate(capacity: 1)
    guard regcomp(compiled, "^(\(pattern))$", REG_EXTENDED | REG_NOSUB) == 0 else {
      compiled.deallocate()
      return nil
    }
  }

  deinit {
    regfree(compiled)
    compiled.deallocate()
  }

  /// Whether `text` matches as a whole; nil when it holds a NUL byte (then `Regex` decides).
  func matches(_ text: String) -> Bool? {
    if text.utf8.contains(0) { return nil }
    return text.withCString { regexec(compiled, $0, 0, nil, 0) == 0 }
  }
}
