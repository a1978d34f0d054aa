import CRMAIngest

/// Who controls a deposit according to one dated report (deposit_control.csv).
public struct ControlReport: TableRecord {
  /// The fields of deposit_control.csv the transform reads.
  public enum Column: String, RecordColumn {
    case id = "report_id", depositID = "deposit_id", asOf = "as_of", status, reportedAs = "reported_as"
    case sourceID = "source_id"
  }

  /// Who controls a deposit, as classified from the report's wording.
  public enum Status: String, Sendable, CaseIterable, Comparable, RecordValue {
    case governmentControlled = "government-controlled", frontLine = "front-line", contested, occupied,
      unknown

    private var order: Int {
      switch self {
      case .governmentControlled: return 0
      case .frontLine: return 1
      case .contested: return 2
      case .occupied: return 3
      case .unknown: return 4
      }
    }
    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.order < rhs.order }
  }

  public var id: String
  public var depositID: String
  /// Empty when the report is undated (the field is optional).
  public var asOf: String
  public var status: Status
  public var reportedAs: String
  public var sourceID: String

  /// Decodes a row of deposit_control.csv.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    depositID = try row.string(.depositID)
    asOf = try row.optionalString(.asOf) ?? ""
    status = try row.value(.status)
    reportedAs = try row.string(.reportedAs)
    sourceID = try row.string(.sourceID)
  }

  /// A control report, for tests and other analyses.
  public init(id: String, depositID: String, asOf: String, status: Status, sourceID: String = "test") {
    self.id = id
    self.depositID = depositID
    self.asOf = asOf
    self.status = status
    self.reportedAs = status.rawValue
    self.sourceID = sourceID
  }
}
