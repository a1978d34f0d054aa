import CRMATransform

/// Dated events that concern the material.
public struct EventsSection: MaterialSection {
  public init() {}

  public func add(to document: inout Document, _ view: MaterialView) {
    document.add(.heading(2, "Dated events"))
    document.add(.bullets(view.events.map { "\($0.date): \($0.event) \(view.cite($0.sourceID))" }))
  }
}
