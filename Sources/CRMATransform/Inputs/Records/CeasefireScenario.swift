import CRMAIngest

/// A row of ceasefire_scenarios.csv: a proposed line and what it concedes.
public struct CeasefireScenario: TableRecord {
  public enum Column: String, RecordColumn {
    case id = "scenario_id", label, rule, oblasts, proposed, description, sourceID = "source_id"
    case sourceID2 = "source_id_2"
  }

  /// How the line is drawn.
  public enum Rule: String, Sendable, CaseIterable, RecordValue {
    /// The newest snapshot's occupied area.
    case currentLine = "current-line"
    /// The listed oblasts in full.
    case oblasts
    /// The listed oblasts in full and the current line elsewhere.
    case oblastsAndCurrentLine = "oblasts-and-current-line"
  }

  public var id: String
  public var label: String
  public var rule: Rule
  public var oblasts: [String]
  public var proposed: String?
  public var description: String
  public var sourceIDs: [String]

  public init(row: RecordRow<Column>) throws(IngestProblem) {
    id = try row.string(.id)
    label = try row.string(.label)
    rule = try row.value(.rule)
    oblasts = (try row.optionalString(.oblasts) ?? "").split(separator: ";").map(String.init)
    proposed = try row.optionalString(.proposed)
    description = try row.string(.description)
    sourceIDs = [try row.string(.sourceID)] + [try row.optionalString(.sourceID2)].compactMap { $0 }
  }
}
