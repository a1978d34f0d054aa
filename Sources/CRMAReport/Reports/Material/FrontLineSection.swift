/// Issue 13: where the material's deposits and sites stand against the daily maps, and what each
/// ceasefire line would concede (see ``FrontLineReport``).
public struct FrontLineSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    FrontLineReport(data: view.data, citations: view.citations).materialSection(view.spec, into: &document)
  }
}
