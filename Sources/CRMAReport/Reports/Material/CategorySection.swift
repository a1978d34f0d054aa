import CRMATransform

/// The material's CRMA category: Annex I and II entries and the grade qualifier.
public struct CategorySection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "CRMA category"))
    var rows: [[String]] = []
    for id in view.spec.crmaEntries {
      guard let material = view.data.materials.first(where: { $0.id == id }) else { continue }
      let label: String
      switch material.category {
      case .strategic: label = "strategic and critical"
      case .critical: label = "critical only"
      case .partlyStrategic: label = "partly strategic"
      case .notListed: label = "not listed"
      }
      rows.append([
        material.name, label, material.annexIEntry ?? "—", material.annexIIEntry ?? "—",
        (material.gradeQualifier ?? "—") + " " + view.cite(material.sourceID),
      ])
    }
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Entry"), .init("Category"), .init("Annex I (strategic)"), .init("Annex II (critical)"),
            .init("Grade qualifier"),
          ], rows: rows)))
  }
}
