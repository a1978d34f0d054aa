import CRMATransform

/// HHI, top-3 share, the largest country and Ukraine's place, per product, measure and year.
public struct ConcentrationSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Concentration of supply"))
    let rows = view.concentration
    document.add(
      .paragraph(
        "Herfindahl–Hirschman index (HHI) with shares as fractions (0–1; multiply by 10,000 for the antitrust scale) over the listed countries; \"other countries\" is left out of the sum of squares, so the HHI is a lower bound."
      ))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Product"), .init("Measure"), .init("Year", .right), .init("Edition"), .init("HHI", .right),
            .init("Top-3 share", .right),
            .init("Largest"), .init("Largest share", .right), .init("Ukraine share", .right),
            .init("Ukraine rank", .right),
          ],
          rows: rows.map { row in
            [
              row.subject, row.measure, String(row.year), row.edition,
              row.hhi.map(NumberText.index) ?? "—",
              row.top3Share.map { NumberText.percent(fraction: $0) } ?? "—",
              row.largestCountry.isEmpty ? "—" : view.countryName(row.largestCountry),
              row.largestShare.map { NumberText.percent(fraction: $0) } ?? "—",
              row.ukraineShare.map { NumberText.percent(fraction: $0) }
                ?? (!row.statisticsWithheld.isEmpty
                  ? "—" : row.ukraineNote.hasPrefix("no value") ? "no value" : "not listed"),
              row.ukraineRank.map { String($0) + " " + view.cite(row.sourceID) } ?? "—",
            ]
          })))
    for row in rows where !row.statisticsWithheld.isEmpty {
      document.add(
        .paragraph("\(row.subject) \(row.measure) \(row.year) (\(row.edition)): \(row.statisticsWithheld)."))
    }
  }
}
