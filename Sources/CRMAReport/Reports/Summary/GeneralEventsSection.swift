import CRMATransform

/// Events on critical raw materials in general (those no material report names), by date.
public struct GeneralEventsSection: SummarySection {
  public init() {}

  public func add(to document: inout Document, _ view: SummaryView) {
    let events = view.data.events.filter { event in !MaterialSpec.all.contains { $0.concerns(event) } }
      .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    guard !events.isEmpty else { return }
    document.add(.heading(2, "Events on critical raw materials in general"))
    document.add(.bullets(events.map { "\($0.date): \($0.event) \(view.cite($0.sourceID))" }))
  }
}
