/// A typed cell value after its schema has been applied.
public enum FieldValue: Sendable, Hashable, Comparable {
  case string(String)
  case number(Double)
  case integer(Int)
  case boolean(Bool)
  /// An ISO 8601 calendar date, `YYYY-MM-DD`.
  case date(String)
  case year(Int)

  public var text: String {
    switch self {
    case .string(let value), .date(let value): return value
    case .number(let value): return NumberFormatting.canonical(value)
    case .integer(let value), .year(let value): return String(value)
    case .boolean(let value): return value ? "true" : "false"
    }
  }

  public var double: Double? {
    switch self {
    case .number(let value): return value
    case .integer(let value), .year(let value): return Double(value)
    default: return nil
    }
  }

  public var string: String? {
    switch self {
    case .string(let value), .date(let value): return value
    default: return nil
    }
  }

  public var int: Int? {
    switch self {
    case .integer(let value), .year(let value): return value
    default: return nil
    }
  }

  public var bool: Bool? {
    if case .boolean(let value) = self { return value }
    return nil
  }

  /// Values compare as numbers when both are numeric, else by their text.
  public static func < (lhs: FieldValue, rhs: FieldValue) -> Bool {
    if let left = lhs.double, let right = rhs.double { return left < right }
    return lhs.text < rhs.text
  }
}

import CSVStream
