import CRMAIngest
import Logging

/// Everything the transform stage computes, as typed values.
public struct TransformResult: Sendable {
  public var mapped: [MappedFigure]
  public var unmapped: [UnmappedFigure]
  public var figures: [NormalisedFigure]
  public var reconciled: [ReconciledFact]
  public var shares: [ShareRow]
  public var concentration: [ConcentrationRow]
  public var criticality: [CriticalityCheck]
  public var article5: [Article5Check]
  public var exposedDeposits: [ExposedDeposit]
  public var exposure: [ExposureRow]
  public var scenarios: [ScenarioResult]
  /// EU imports by partner, when the package holds a trade extract's aggregate.
  public var trade: [TradeShareRow]
  /// Each partner's share of EU imports per product group and year (empty without an extract).
  public var tradeProducts: [TradeProductShare] = []
  /// Issue 13: status as of the newest evidence, timelines, counts, tonnage by class, ceasefire lines.
  public var frontLinePlaces: [PlaceStatus] = []
  public var frontLineTimeline: [TimelineEntry] = []
  public var exposureCounts: [ExposureCount] = []
  public var exposureTonnage: [TonnageClassRow] = []
  public var ceasefire: [CeasefireRow] = []
}

/// The transform stage: a pure function from the typed data package to the derived tables.
public enum TransformStage {
  /// Computes every derived table; logs figures that map to nothing as warnings, and each figure
  /// the commodity map deliberately excludes (listed in unmapped.csv and mapping.md) at debug: a
  /// per-item message, counted once at info in "transform finished" (`figures.excluded`).
  public static func run(_ input: TransformInput, logger: Logger) -> TransformResult {
    let (mapped, unmapped) = CRMAMapping.map(input)
    for figure in unmapped {
      let metadata: Logger.Metadata = [
        "figure.resource": "\(figure.resource)", "figure.record": "\(figure.record)",
        "reason": "\(figure.reason)",
      ]
      if figure.isExcludedByMap {
        logger.debug("figure excluded by the commodity map", metadata: metadata)
      } else {
        logger.warning("figure maps to no material", metadata: metadata)
      }
    }
    let figures = CRMAMapping.normalise(input, mapped: mapped)
    let reconciled = Reconciliation.reconcile(input.production) { input.confidence(of: $0) }
    let world = WorldSupply.compute(input)
    let study = StudySupply.concentration(input)
    let exposure = WarExposure.compute(input, normalised: figures)
    let trade = TradeDependence.compute(input)
    let tradeProducts = TradeProducts.compute(input)
    var result = TransformResult(
      mapped: mapped, unmapped: unmapped, figures: figures, reconciled: reconciled, shares: world.shares,
      concentration: world.concentration + study, criticality: CriticalityChecks.compute(input),
      article5: Article5.checks(input, tradeProducts: tradeProducts), exposedDeposits: exposure.deposits,
      exposure: exposure.split,
      scenarios: ScenarioAnalysis.run(input), trade: trade, tradeProducts: tradeProducts)
    let frontLine = FrontLineAnalysis.compute(input, exposed: exposure.deposits)
    result.frontLinePlaces = frontLine.places
    result.frontLineTimeline = frontLine.timeline
    result.exposureCounts = frontLine.counts
    result.exposureTonnage = frontLine.tonnage
    result.ceasefire = frontLine.ceasefire
    logger.info(
      "transform finished",
      metadata: [
        "figures.mapped": .stringConvertible(mapped.count),
        "figures.unmapped": .stringConvertible(unmapped.filter { !$0.isExcludedByMap }.count),
        "figures.excluded": .stringConvertible(unmapped.filter(\.isExcludedByMap).count),
        "figures.unconvertible": .stringConvertible(figures.filter { $0.status == "unconvertible" }.count),
        "facts.reconciled": .stringConvertible(reconciled.count),
      ])
    return result
  }
}
