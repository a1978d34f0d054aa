/// A published EU assessment result set against the CRMA thresholds.
public struct CriticalityCheck: Sendable {
  public var materialID: String
  public var label: String
  public var year: Int
  public var supplyRisk: Double?
  public var economicImportance: Double?
  public var supplyRiskThreshold: Double
  public var economicImportanceThreshold: Double
  public var meetsThresholds: Bool?
  public var crmaCategory: CRMACategory
  /// Why the formula could not be recomputed from the package, if it could not.
  public var recomputation: String
  public var sourceID: String
}

/// Sets the published SR and EI of each assessed material against the Art. 4 thresholds.
public enum CriticalityChecks {
  /// One row per material and assessment year.
  public static func compute(_ input: TransformInput) -> [CriticalityCheck] {
    let srThreshold = input.benchmarks["CRMA-ART4-SR-THRESHOLD"] ?? 1
    let eiThreshold = input.benchmarks["CRMA-ART4-EI-THRESHOLD"] ?? 2.8
    var seen: Set<String> = []
    var rows: [CriticalityCheck] = []
    for record in input.criticality.sorted(by: {
      ($0.materialID, $0.label, $0.year) < ($1.materialID, $1.label, $1.year)
    }) {
      // SR and EI are material-level results, repeated on each stage row of the source.
      guard seen.insert("\(record.materialID)|\(record.label)|\(record.year)").inserted else { continue }
      var meets: Bool?
      if let sr = record.supplyRisk, let ei = record.economicImportance {
        meets = sr >= srThreshold && ei >= eiThreshold
      }
      var missing: [String] = []
      if record.importReliancePct == nil { missing.append("import reliance") }
      if record.eolRIRPct == nil { missing.append("EoL-RIR") }
      missing += ["WGI-weighted HHI of global and EU supply", "substitution index"]
      rows.append(
        CriticalityCheck(
          materialID: record.materialID, label: record.label, year: record.year,
          supplyRisk: record.supplyRisk,
          economicImportance: record.economicImportance, supplyRiskThreshold: srThreshold,
          economicImportanceThreshold: eiThreshold,
          meetsThresholds: meets, crmaCategory: input.materials[record.materialID]?.category ?? .notListed,
          recomputation: "not recomputed: the package lacks \(missing.joined(separator: ", "))",
          sourceID: record.sourceID))
    }
    return rows
  }
}
