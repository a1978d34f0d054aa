import CRMAIngest

/// How far a source is trusted, as graded in sources.csv.
public enum SourceConfidence: String, Sendable, Comparable, RecordValue {
  case high, mediumHigh = "medium-high", medium, lowMedium = "low-medium", low

  private var order: Int {
    switch self {
    case .high: return 4
    case .mediumHigh: return 3
    case .medium: return 2
    case .lowMedium: return 1
    case .low: return 0
    }
  }
  public static func < (lhs: SourceConfidence, rhs: SourceConfidence) -> Bool { lhs.order < rhs.order }
}
