import CRMATransform

/// The data of the summary: every material's typed view, sharing one set of citations.
public struct SummaryView: Sendable {
  public let data: ReportData
  public let citations: Citations
  /// One view per material report, in ``MaterialSpec/all`` order.
  public let materials: [MaterialView]

  /// The summary's view of `data`.
  public init(data: ReportData, citations: Citations) {
    self.data = data
    self.citations = citations
    materials = MaterialSpec.all.map { MaterialView(spec: $0, data: data, citations: citations) }
  }

  /// `{cite:SOURCE_ID}` for a source.
  public func cite(_ sourceID: String) -> String { citations.cite(sourceID) }
}

/// One section of the summary.
public protocol SummarySection: Sendable {
  /// Adds the section's blocks to `document`.
  func add(to document: inout Document, _ view: SummaryView)
}

/// The summary: three short answers first (each a sentence with its figures and a small table),
/// then the materials side by side, then events on critical raw materials in general.
public enum SummaryReport {
  /// The sections in order: the front line and ceasefire lines as of the newest map (issue 13)
  /// answer the first question; EU imports by partner (issue 14), behind the second answer, follow
  /// the three answers so that all three fit the first screen.
  public static let sections: [any SummarySection] = [
    SummaryTitleSection(),
    FrontLineScenariosSection(),
    EUDependenceAnswer(),
    UkraineCRMAAnswer(),
    EUImportsAnswer(),
    CeasefireLinesSection(),
    SideBySideSection(),
    GeneralEventsSection(),
  ]

  /// The summary document of `data`.
  public static func document(_ data: ReportData, citations: Citations) -> Document {
    let view = SummaryView(data: data, citations: citations)
    var document = Document(citations: citations)
    for section in sections { section.add(to: &document, view) }
    return document
  }
}
