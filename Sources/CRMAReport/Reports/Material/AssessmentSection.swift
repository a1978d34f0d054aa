import CRMATransform

/// The EU criticality assessments: supply risk and economic importance against the thresholds.
public struct AssessmentSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "EU supply risk and economic importance"))
    let rows = view.data.supplyRisk.filter { view.spec.assessed.contains($0.materialID) }
      .sorted { ($0.label, $0.year) < ($1.label, $1.year) }
    guard let first = rows.first else {
      document.add(.paragraph("No EU assessment values in the data."))
      return
    }
    document.add(
      .paragraph(
        "Critical when supply risk (SR) ≥ \(NumberText.canonical(first.supplyRiskThreshold)) and economic importance (EI) ≥ \(NumberText.canonical(first.economicImportanceThreshold)) (CRMA Art. 4)."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Material (as assessed)"), .init("Year", .right), .init("SR", .right), .init("EI", .right),
            .init("Meets both thresholds"),
          ],
          rows: rows.map { row in
            [
              row.label, String(row.year), NumberText.canonical(row.supplyRisk),
              NumberText.canonical(row.economicImportance),
              (row.meetsThresholds.map { $0 ? "yes" : "no" } ?? "n/a") + " " + view.cite(row.sourceID),
            ]
          })))
  }
}
