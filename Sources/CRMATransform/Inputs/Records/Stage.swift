import CRMAIngest

/// The value-chain stage a figure belongs to.
public enum Stage: String, Sendable, CaseIterable, Comparable, RecordValue {
  case extraction, processing, metal, product, recycling

  private var order: Int {
    switch self {
    case .extraction: return 0
    case .processing: return 1
    case .metal: return 2
    case .product: return 3
    case .recycling: return 4
    }
  }
  public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.order < rhs.order }
}
