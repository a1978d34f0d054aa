/// The summary's ceasefire lines (issue 13): per material, what each proposed line would concede
/// (table and chart), placed after the three answers so that they fit the first screen.
public struct CeasefireLinesSection: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    FrontLineReport(data: view.data, citations: view.citations).summaryScenarios(into: &document)
  }
}
