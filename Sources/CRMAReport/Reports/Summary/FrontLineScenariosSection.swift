/// Issue 13's summary section: deposit counts by status as of the newest map, and the ceasefire
/// lines per material (table and chart); details in front-line.md.
public struct FrontLineScenariosSection: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    FrontLineReport(data: view.data, citations: view.citations).summarySection(into: &document)
  }
}
