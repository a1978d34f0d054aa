import CRMATransform

/// EU imports by partner (issue 14), beside the study's sourcing answer: for each material, the
/// largest third country per product group in the newest year of the Comext extract, against the
/// 65 % cap, and Ukraine's share and rank — one line per material.
public struct EUImportsAnswer: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    let lines = MaterialSpec.all.compactMap { spec -> String? in
      guard !TradeImportsBody.summaries(view.data, report: spec.slug).isEmpty else { return nil }
      return "\(spec.title) — " + TradeImportsBody.summaryLine(view.data, spec: spec, citations: view.citations)
    }
    guard !lines.isEmpty else { return }
    document.add(.heading(2, "EU imports by partner, by value (behind answer 2)"))
    document.add(
      .paragraph(
        "From Eurostat's Comext extract: the largest third country's share of the EU's extra-EU import value per product, and Ukraine's share and rank as a supplier of the EU. Imports, not consumption; the study's sourcing shares above measure something else."
      ))
    document.add(.bullets(lines))
  }
}
