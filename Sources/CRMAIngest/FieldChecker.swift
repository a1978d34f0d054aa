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
  /// Faster still for the simplest patterns (``SimplePattern``).
  private let simplePattern: SimplePattern?
  private let maxMagnitude: Double
  /// The enum's texts, for a string or date field (compared as text).
  private let allowedTexts: Set<String>?
  private let bounds: [(limit: FieldValue, words: String, violates: (FieldValue, FieldValue) -> Bool)]
  /// Whether every bound is a number, so a numeric value is compared as a `Double`.
  private let numericBounds: Bool
  /// Whether ``check(bytes:)`` may parse and bound the bytes itself.
  private let fastNumbers: Bool
  /// What ``quickCheck(_:)`` can decide on the bytes for this field (``QuickKind``).
  private let quickKind: QuickKind
  /// The enum's texts as bytes, for ``quickCheck(_:)``.
  private let allowedBytes: [[UInt8]]?
  private static let minimumWords = "less than the minimum"
  private static let maximumWords = "more than the maximum"
  private static let exclusiveMinimumWords = "not more than the exclusive minimum"
  private static let exclusiveMaximumWords = "not less than the exclusive maximum"

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
    self.simplePattern = field.constraints.pattern.flatMap(SimplePattern.init)
    if let allowed = field.constraints.enumValues, field.type == .string || field.type == .date,
      allowed.allSatisfy({ $0.string != nil })
    {
      allowedTexts = Set(allowed.compactMap(\.string))
    } else {
      allowedTexts = nil
    }
    let constraints = field.constraints
    let candidates: [(JSONValue?, String, (FieldValue, FieldValue) -> Bool)] = [
      (constraints.minimum, Self.minimumWords, { $0 < $1 }),
      (constraints.maximum, Self.maximumWords, { $1 < $0 }),
      (constraints.exclusiveMinimum, Self.exclusiveMinimumWords, { !($1 < $0) }),
      (constraints.exclusiveMaximum, Self.exclusiveMaximumWords, { !($0 < $1) }),
    ]
    bounds = candidates.compactMap { bound, words, violates in
      guard let bound, let limit = Self.fieldValue(bound) else { return nil }
      return (limit, words, violates)
    }
    numericBounds = !bounds.isEmpty && bounds.allSatisfy { $0.limit.double != nil }
    fastNumbers =
      (field.type == .number || field.type == .integer) && onlyEmptyIsMissing
      && field.constraints.enumValues == nil
      && field.constraints.minLength == nil && field.constraints.maxLength == nil
      && (bounds.isEmpty || numericBounds)
    let constraintsQuick =
      onlyEmptyIsMissing && constraints.minLength == nil && constraints.maxLength == nil
      && (constraints.enumValues == nil || allowedTexts != nil) && bounds.isEmpty
    switch field.type {
    case .string, .any:
      quickKind =
        constraintsQuick && (field.format == nil || field.format == "default")
          && (constraints.pattern == nil || simplePattern != nil) ? .text : .none
    case .date:
      quickKind = constraintsQuick && constraints.pattern == nil ? .date : .none
    case .integer: quickKind = fastNumbers ? .integer : .none
    case .number: quickKind = fastNumbers ? .number : .none
    default: quickKind = .none
    }
    allowedBytes = allowedTexts.map { $0.map { Array($0.utf8) } }
  }

  /// The fields whose cells ``quickCheck(_:)`` may decide on their bytes.
  private enum QuickKind {
    case none, text, date, integer, number
  }

  /// What ``quickCheck(_:)`` found.
  enum Quick {
    /// A valid value whose canonical text (``FieldValue/text``) is the cell's bytes themselves.
    case same
    /// A missing value that may be missing (``check(_:)`` gives nil).
    case missing
    /// Not decided here: ask ``check(bytes:)``.
    case undecided
  }

  /// A check on a cell's bytes (valid UTF-8) that makes no `String` and no ``FieldValue``, for
  /// the common cells of a streamed resource: ``Quick/same`` only when ``check(_:)`` would give
  /// a value whose ``FieldValue/text`` equals the bytes (a string or date; an integer or number
  /// already written in canonical form, such as `12` or `0.25`, not `012`, `1.50` or `1e3`),
  /// ``Quick/missing`` only when it would give nil; anything else is ``Quick/undecided``.
  func quickCheck(_ bytes: UnsafeRawBufferPointer) -> Quick {
    if bytes.isEmpty {
      return onlyEmptyIsMissing && !field.constraints.required ? .missing : .undecided
    }
    switch quickKind {
    case .none:
      return .undecided
    case .text:
      if let allowedBytes, !allowedBytes.contains(where: { Self.equal($0, bytes) }) { return .undecided }
      if let simplePattern, simplePattern.matches(bytes: bytes) != true { return .undecided }
      return .same
    case .date:
      guard Self.isCalendarDate(bytes) else { return .undecided }
      if let allowedBytes, !allowedBytes.contains(where: { Self.equal($0, bytes) }) { return .undecided }
      return .same
    case .integer:
      guard Self.isCanonicalInteger(bytes), let parsed = NumberParsing.int(bytes),
        Double(parsed).magnitude <= maxMagnitude, withinBounds(Double(parsed))
      else { return .undecided }
      return .same
    case .number:
      guard Self.isCanonicalDecimal(bytes), let parsed = NumberParsing.double(bytes), parsed.isFinite,
        abs(parsed) <= maxMagnitude, withinBounds(parsed)
      else { return .undecided }
      return .same
    }
  }

  private static func equal(_ text: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard text.count == bytes.count else { return false }
    return text.withUnsafeBytes { text in
      guard let left = text.baseAddress, let right = bytes.baseAddress else { return text.isEmpty }
      return memcmp(left, right, bytes.count) == 0
    }
  }

  /// `-?(0|[1-9][0-9]*)`, not `-0`: the text `String(Int)` gives (overflow is the parser's to find).
  static func isCanonicalInteger(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var index = 0
    if bytes.first == UInt8(ascii: "-") { index = 1 }
    guard index < bytes.count else { return false }
    if bytes[index] == UInt8(ascii: "0") { return bytes.count == index + 1 && index == 0 }
    while index < bytes.count {
      guard bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") else { return false }
      index += 1
    }
    return true
  }

  /// Whether `bytes` are the text ``NumberFormatting/canonical(_:)`` gives for the number they
  /// denote, decided on the text alone: `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?`, not `-0`, at most 15
  /// significant digits (so the decimal reads back to a `Double` whose shortest round-trip text is
  /// itself, and an integral value is below 10^15) and, below 1, at most three zeros after the point
  /// (so the value is at least 0.0001 and never written with an exponent).
  static func isCanonicalDecimal(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    var index = 0
    let negative = bytes.first == UInt8(ascii: "-")
    if negative { index = 1 }
    guard index < count else { return false }
    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    var significant = 0
    let zeroInteger = bytes[index] == UInt8(ascii: "0")
    if zeroInteger {
      index += 1
    } else {
      while index < count && isDigit(bytes[index]) {
        index += 1
        significant += 1
      }
      guard significant > 0 else { return false }
    }
    if index == count { return !(zeroInteger && negative) && significant <= 15 }
    guard bytes[index] == UInt8(ascii: "."), index + 1 < count else { return false }
    index += 1
    var leadingZeros = 0
    if zeroInteger {
      while index < count && bytes[index] == UInt8(ascii: "0") {
        index += 1
        leadingZeros += 1
      }
      guard leadingZeros <= 3 else { return false }
    }
    while index < count {
      guard isDigit(bytes[index]) else { return false }
      index += 1
      significant += 1
    }
    return significant > 0 && significant <= 15 && bytes[count - 1] != UInt8(ascii: "0")
  }

  /// Whether `text` is one of the field's missing values.
  private func isMissing(_ text: String) -> Bool {
    onlyEmptyIsMissing ? text.isEmpty : missingValues.contains(text)
  }

  /// ``check(_:)`` on a cell's bytes (valid UTF-8). Numbers and integers without an enum are
  /// parsed and bounded straight from the bytes, no `String` made; anything that is not plainly
  /// valid goes through ``check(_:)``, so results and messages are the same.
  func check(bytes: UnsafeRawBufferPointer) -> Result<FieldValue?, IngestProblem.Kind.Message> {
    if fastNumbers, !bytes.isEmpty {
      var value: FieldValue?
      var number = 0.0
      if field.type == .number, let parsed = NumberParsing.double(bytes), parsed.isFinite,
        abs(parsed) <= maxMagnitude
      {
        value = .number(parsed)
        number = parsed
      } else if field.type == .integer, let parsed = NumberParsing.int(bytes),
        Double(parsed).magnitude <= maxMagnitude
      {
        value = .integer(parsed)
        number = Double(parsed)
      }
      if let value, withinBounds(number) { return .success(value) }
    }
    return check(String(decoding: bytes, as: UTF8.self))
  }

  /// Whether `number` keeps every bound (``numericBounds`` only).
  private func withinBounds(_ number: Double) -> Bool {
    for (limit, words, _) in bounds {
      guard let bound = limit.double else { return false }
      switch words {
      case Self.minimumWords: if number < bound { return false }
      case Self.maximumWords: if bound < number { return false }
      case Self.exclusiveMinimumWords: if !(bound < number) { return false }
      default: if !(number < bound) { return false }
      }
    }
    return true
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
      if text == "NaN" || text == "INF" || text == "-INF" {
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
    if constraints.pattern != nil, !matchesPattern(text) {
      return .init(.constraint, "\"\(text)\" does not match the pattern \(constraints.pattern ?? "")")
    }
    if let minLength = constraints.minLength, text.count < minLength {
      return .init(.constraint, "\"\(text)\" is shorter than \(minLength) characters")
    }
    if let maxLength = constraints.maxLength, text.count > maxLength {
      return .init(.constraint, "value is longer than \(maxLength) characters")
    }
    if let number = value.double, numericBounds {
      // The same comparisons as `bounds`, on doubles (every bound of a numeric field is a number).
      for (limit, words, violates) in bounds {
        guard let bound = limit.double else { continue }
        let broken: Bool
        switch words {
        case Self.minimumWords: broken = number < bound
        case Self.maximumWords: broken = bound < number
        case Self.exclusiveMinimumWords: broken = !(bound < number)
        default: broken = !(number < bound)
        }
        if broken { return .init(.constraint, "\(text) is \(words) \(limit.text)") }
        _ = violates
      }
      return nil
    }
    for (limit, words, violates) in bounds where violates(value, limit) {
      return .init(.constraint, "\(text) is \(words) \(limit.text)")
    }
    return nil
  }

  private func matchesPattern(_ text: String) -> Bool {
    if let simplePattern, let matched = simplePattern.matches(text) { return matched }
    if let posixPattern, let matched = posixPattern.matches(text) { return matched }
    guard let pattern else { return true }
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
    guard text.utf8.count == 10 else { return false }
    return withBytes(text, isCalendarDate)
  }

  private static func isCalendarDate(_ bytes: UnsafeRawBufferPointer) -> Bool {
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
    guard !pattern.isEmpty, pattern.utf8.allSatisfy({ Self.allowed.contains($0) }),
      !["&&", "--", "~~"].contains(where: { pattern.contains($0) })
    else { return nil }
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

/// A pattern that is a plain sequence of ASCII literals and bracket classes, each with an optional
/// quantifier (`R[0-9]{10}`, `[A-Z]{3}`, `[0-9]{4}-[0-9]{2}-[0-9]{2}`, `[a-z0-9-]+`), matched on
/// the bytes without a regular-expression engine. Anything else (groups, alternation, `.`,
/// escapes, negated classes) is not a simple pattern; nor is a non-ASCII value (nil: the
/// caller's engine decides, on characters).
struct SimplePattern {
  /// One literal or class: the ASCII bytes it accepts as a 128-bit mask, and its repeat counts.
  private struct Atom {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var minimum: Int
    var maximum: Int

    func accepts(_ byte: UInt8) -> Bool {
      byte < 64 ? (low >> UInt64(byte)) & 1 == 1 : byte < 128 && (high >> UInt64(byte - 64)) & 1 == 1
    }
  }

  private let atoms: [Atom]

  init?(_ pattern: String) {
    let bytes = Array(pattern.utf8)
    var atoms: [Atom] = []
    var index = 0
    func isAlphanumeric(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
    func isLiteral(_ byte: UInt8) -> Bool {
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || Array("-_ ,;:/@#%&'!<>~=".utf8).contains(byte)
    }
    while index < bytes.count {
      var accepts = [Bool](repeating: false, count: 128)
      let byte = bytes[index]
      if byte == UInt8(ascii: "[") {
        index += 1
        var members: [UInt8] = []
        while index < bytes.count && bytes[index] != UInt8(ascii: "]") {
          members.append(bytes[index])
          index += 1
        }
        // Only letters, digits, `_`, space and single `-` (Swift's `Regex` gives `&&`, `--`, `~~`
        // in a class a meaning of their own).
        guard index < bytes.count, !members.isEmpty,
          members.allSatisfy({
            isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: " ")
              || $0 == UInt8(ascii: "-")
          }),
          !zip(members, members.dropFirst()).contains(where: {
            $0 == UInt8(ascii: "-") && $1 == UInt8(ascii: "-")
          })
        else { return nil }
        index += 1
        var position = 0
        while position < members.count {
          if position + 2 < members.count && members[position + 1] == UInt8(ascii: "-") {
            let (low, high) = (members[position], members[position + 2])
            let bothDigits = low >= 0x30 && high <= 0x39
            let bothUpper = low >= 0x41 && high <= 0x5A
            let bothLower = low >= 0x61 && high <= 0x7A
            guard low <= high, bothDigits || bothUpper || bothLower else { return nil }
            for member in low...high { accepts[Int(member)] = true }
            position += 3
          } else {
            accepts[Int(members[position])] = true
            position += 1
          }
        }
      } else if isLiteral(byte) {
        accepts[Int(byte)] = true
        index += 1
      } else {
        return nil
      }
      var minimum = 1
      var maximum = 1
      if index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "?"): (minimum, maximum) = (0, 1); index += 1
        case UInt8(ascii: "*"): (minimum, maximum) = (0, Int.max); index += 1
        case UInt8(ascii: "+"): (minimum, maximum) = (1, Int.max); index += 1
        case UInt8(ascii: "{"):
          guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
          let inside = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
          let parts = inside.split(separator: ",", omittingEmptySubsequences: false)
          guard parts.count == 1 || parts.count == 2, let low = Int(parts[0]), low >= 0 else { return nil }
          minimum = low
          maximum = low
          if parts.count == 2 {
            guard let high = Int(parts[1]), high >= low else { return nil }
            maximum = high
          }
          index = close + 1
        default: break
        }
      }
      if index < bytes.count,
        [UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "{")].contains(bytes[index])
      {
        return nil  // a lazy or possessive quantifier, or two in a row
      }
      var atom = Atom(minimum: minimum, maximum: maximum)
      for byte in 0..<128 where accepts[byte] {
        if byte < 64 { atom.low |= 1 << UInt64(byte) } else { atom.high |= 1 << UInt64(byte - 64) }
      }
      atoms.append(atom)
    }
    guard !atoms.isEmpty else { return nil }
    self.atoms = atoms
  }

  /// Whether the whole of `text` matches; nil when it is not ASCII.
  func matches(_ text: String) -> Bool? {
    var text = text
    return text.withUTF8 { bytes -> Bool? in
      for byte in bytes where byte >= 0x80 || byte == 0 { return nil }
      return match(bytes, 0, 0)
    }
  }

  /// ``matches(_:)`` on UTF-8 bytes.
  func matches(bytes: UnsafeRawBufferPointer) -> Bool? {
    let typed = bytes.assumingMemoryBound(to: UInt8.self)
    for byte in typed where byte >= 0x80 || byte == 0 { return nil }
    return match(typed, 0, 0)
  }

  /// Backtracking over the atoms (greedy); patterns are short and values are cells.
  private func match(_ bytes: UnsafeBufferPointer<UInt8>, _ atomIndex: Int, _ position: Int) -> Bool {
    if atomIndex == atoms.count { return position == bytes.count }
    let atom = atoms[atomIndex]
    var count = 0
    while count < atom.maximum && position + count < bytes.count && atom.accepts(bytes[position + count]) {
      count += 1
    }
    if count < atom.minimum { return false }
    if atomIndex + 1 == atoms.count { return position + count == bytes.count }
    while count >= atom.minimum {
      if match(bytes, atomIndex + 1, position + count) { return true }
      count -= 1
    }
    return false
  }
}
