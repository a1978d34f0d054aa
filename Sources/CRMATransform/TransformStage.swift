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
}

/// The transform stage: a pure function from the typed data package to the derived tables.
public enum TransformStage {
  /// Computes every derived table; logs figures that map to nothing as warnings.
  public static func run(_ input: TransformInput, logger: Logger) -> TransformResult {
    let (mapped, unmapped) = CRMAMapping.map(input)
    let deliberate = unmapped.filter(\.isDeliberate).count
    if deliberate > 0 {
      logger.info(
        "commodity map: documented exclusions listed in unmapped.csv", metadata: ["rows.excluded": "\(deliberate)"])
    }
    for figure in unmapped where !figure.isDeliberate {
      logger.warning(
        "figure maps to no material",
        metadata: [
          "figure.resource": "\(figure.resource)", "figure.record": "\(figure.record)",
          "reason": "\(figure.reason)",
        ])
    }
    let figures = CRMAMapping.normalise(input, mapped: mapped)
    let reconciled = Reconciliation.reconcile(input.production) { input.confidence(of: $0) }
    let world = WorldSupply.compute(input)
    let study = StudySupply.concentration(input)
    let exposure = WarExposure.compute(input, normalised: figures)
    let trade = TradeDependence.compute(input)
    let tradeProducts = TradeProducts.compute(input)
    let result = TransformResult(
      mapped: mapped, unmapped: unmapped, figures: figures, reconciled: reconciled, shares: world.shares,
      concentration: world.concentration + study, criticality: CriticalityChecks.compute(input),
      article5: Article5.checks(input, tradeProducts: tradeProducts), exposedDeposits: exposure.deposits,
      exposure: exposure.split,
      scenarios: ScenarioAnalysis.run(input), trade: trade, tradeProducts: tradeProducts)
    logger.info(
      "transform finished",
      metadata: [
        "figures.mapped": "\(mapped.count)", "figures.unmapped": "\(unmapped.count)",
        "figures.unconvertible": "\(figures.filter { $0.status == "unconvertible" }.count)",
        "facts.reconciled": "\(reconciled.count)",
      ])
    return result
  }
}
