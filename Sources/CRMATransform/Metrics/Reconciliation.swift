/// One fact (product, country, year, measure) as the sources give it: the preferred figure, the
/// range across sources, and which source won and why.
public struct ReconciledFact: Sendable {
  public var product: String
  public var country: String
  public var year: Int
  public var measure: ProductionFigure.Measure
  public var preferred: ProductionFigure
  public var minimum: Double?
  public var maximum: Double?
  /// Figures with a value, across sources and editions.
  public var count: Int
  public var editions: [String]
  public var reason: String
}

/// The one rule that chooses between disagreeing figures of the same fact.
public enum Reconciliation {
  /// How a figure is chosen, stated once for reports and outputs.
  public static let rule =
    "a figure with a value over a withheld or missing one; then the newest USGS edition (its revisions supersede earlier ones); then the more trusted source"

  /// Orders figures of one fact, best first.
  public static func isPreferred(
    _ a: ProductionFigure, over b: ProductionFigure, confidence: (String) -> SourceConfidence
  ) -> Bool {
    if (a.value != nil) != (b.value != nil) { return a.value != nil }
    if a.editionYear != b.editionYear { return a.editionYear > b.editionYear }
    let (ca, cb) = (confidence(a.sourceID), confidence(b.sourceID))
    if ca != cb { return ca > cb }
    return a.sourceID < b.sourceID
  }

  /// Groups figures by fact and picks the preferred one of each.
  public static func reconcile(_ figures: [ProductionFigure], confidence: (String) -> SourceConfidence)
    -> [ReconciledFact]
  {
    struct Key: Hashable, Comparable {
      var product: String
      var measure: String
      var year: Int
      var country: String
      static func < (a: Key, b: Key) -> Bool {
        (a.product, a.measure, a.year, a.country) < (b.product, b.measure, b.year, b.country)
      }
    }
    let groups = Dictionary(grouping: figures) {
      Key(product: $0.product, measure: $0.measure.rawValue, year: $0.year, country: $0.country)
    }
    return groups.keys.sorted().map { key in
      let members = groups[key]!.sorted { isPreferred($0, over: $1, confidence: confidence) }
      let best = members[0]
      let values = members.compactMap(\.value)
      let editions = members.map(\.edition)
      var reason = "only figure"
      if members.count > 1 {
        let runnerUp = members[1]
        if best.value != nil && runnerUp.value == nil {
          reason = "the other figure has no value (\(runnerUp.flag))"
        } else if best.editionYear != runnerUp.editionYear {
          reason = "newest edition (\(best.edition) supersedes \(runnerUp.edition))"
        } else {
          reason = "more trusted source"
        }
      }
      return ReconciledFact(
        product: key.product, country: key.country, year: key.year, measure: best.measure, preferred: best,
        minimum: values.min(), maximum: values.max(), count: values.count, editions: editions, reason: reason)
    }
  }
}
