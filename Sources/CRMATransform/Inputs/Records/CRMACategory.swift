import CRMAIngest

/// How a material stands under the CRMA.
public enum CRMACategory: String, Sendable, Comparable, RecordValue {
  /// Annex I (and so, by Art. 4, also critical).
  case strategic
  /// Annex II only.
  case critical
  /// A group some of whose members are listed (rare earth elements as USGS reports them).
  case partlyStrategic = "partly-strategic"
  case notListed = "not-listed"

  /// How the report words it.
  public var label: String {
    switch self {
    case .strategic: return "strategic and critical"
    case .critical: return "critical only"
    case .partlyStrategic: return "partly strategic (some members strategic, all critical)"
    case .notListed: return "not listed"
    }
  }

  private var order: Int {
    switch self {
    case .strategic: return 0
    case .partlyStrategic: return 1
    case .critical: return 2
    case .notListed: return 3
    }
  }
  public static func < (lhs: CRMACategory, rhs: CRMACategory) -> Bool { lhs.order < rhs.order }
}
