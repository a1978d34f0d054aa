import CRMATransform

/// HHI, top-3 share, the largest country and Ukraine's place: one table per product and measure,
/// one row per year (one column per year in plain text).
public struct ConcentrationSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Concentration of supply"))
    document.add(
      .paragraph(
        "Herfindahl–Hirschman index (HHI) with shares as fractions (0–1; multiply by 10,000 for the antitrust scale) over the listed countries; \"other countries\" is left out of the sum of squares, so the HHI is a lower bound. Each year is taken from the newest edition that covers it."
      ))
    for product in view.spec.products {
      for measure in ["production", "reserves"] {
        let rows = view.concentration.filter { $0.subject == product.id && $0.measure == measure }
        guard !rows.isEmpty else { continue }
        document.add(.paragraph("World \(product.name) \(measure):"))
        document.add(
          .table(
            TextTable(
              name: "concentration-\(product.id)-\(measure)",
              columns: [
                .init("Year", .right), .init("Edition"), .init("HHI", .right), .init("Top-3 share", .right),
                .init("Largest"), .init("Largest share", .right), .init("Ukraine share", .right),
                .init("Ukraine rank", .right),
              ],
              rows: rows.map { row in
                [
                  String(row.year), row.edition,
                  row.hhi.map(NumberText.index) ?? "withheld",
                  row.top3Share.map { NumberText.percent(fraction: $0) } ?? "withheld",
                  row.largestCountry.isEmpty ? "withheld" : view.countryName(row.largestCountry),
                  row.largestShare.map { NumberText.percent(fraction: $0) } ?? "withheld",
                  ukraineShare(row),
                  row.ukraineRank.map(String.init) ?? "—",
                ]
              }, transposable: true, rowSources: rows.map { [$0.sourceID] })))
        let sources = Array(Set(rows.map(\.sourceID))).sorted()
        document.add(.paragraph("Sources: " + sources.map { view.cite($0) }.joined(separator: ", ")))
        for row in rows where !row.statisticsWithheld.isEmpty {
          document.add(
            .paragraph(
              "\(row.year) (\(row.edition)): statistics withheld — \(row.statisticsWithheld)."))
        }
      }
    }
  }

  /// Ukraine's share, or why there is none (a zero producer has no share).
  private func ukraineShare(_ row: ConcentrationRow) -> String {
    if let share = row.ukraineShare {
      return share == 0 && row.ukraineRank == nil ? "no output" : NumberText.percent(fraction: share)
    }
    if !row.statisticsWithheld.isEmpty { return "withheld" }
    return row.ukraineNote.hasPrefix("no value") ? "no value" : "not listed"
  }
}
