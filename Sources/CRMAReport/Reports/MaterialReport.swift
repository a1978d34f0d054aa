import CRMATransform
import CSVStream

/// One material's report: CRMA status, EU assessment, world supply and Ukraine's place in it,
/// EU sourcing against the 65 % cap, Ukraine's output, deposits, war exposure, scenarios, events
/// and disagreements between sources. Every figure cites its source. Each section is one
/// ``MaterialSection`` over the material's typed ``MaterialView``.
public struct MaterialReport {
  /// The sections, in report order. A new section is one new type added here.
  public static let sections: [any MaterialSection] = [
    TitleSection(), CategorySection(), AssessmentSection(), WorldSupplySection(), ConcentrationSection(),
    EUSourcingSection(), TradeImportsSection(), UkraineOutputSection(), DepositsSection(),
    StatusTimelineSection(), FrontLineSection(),
    ScenariosSection(), EventsSection(), DisagreementsSection(),
  ]

  let view: MaterialView

  /// The report of `spec`'s material, citing through `citations`.
  public init(spec: MaterialSpec, data: ReportData, citations: Citations) {
    view = MaterialView(spec: spec, data: data, citations: citations)
  }

  /// The report as a document, section by section.
  public func document() -> Document {
    var document = Document(citations: view.citations)
    for section in Self.sections { section.add(to: &document, view) }
    return document
  }
}
