/// Issue 13's answer to the summary's first question: deposit counts by status as of the newest
/// map; the ceasefire lines follow later in ``CeasefireLinesSection``.
public struct FrontLineScenariosSection: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    FrontLineReport(data: view.data, citations: view.citations).summarySection(into: &document)
  }
}
