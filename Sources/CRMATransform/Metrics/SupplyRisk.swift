/// The EU supply-risk formula (2017 methodology, used in the 2020 and 2023 assessments, now in
/// CRMA Annex II Section 2):
///
///     SR = [HHI_GS × IR/2 + HHI_EUS × (1 − IR/2)] × (1 − EOL_RIR) × SI_SR
///     HHI_WGI,t = Σ share² × WGI × t
///
/// with shares as fractions, WGI scaled 0–10 (10 worst) and t the trade-related factor.
public enum SupplyRisk {
  /// One supplier country in a supply mix.
  public struct Supplier: Sendable {
    public var share: Double
    /// World Governance Indicator scaled 0–10, 10 = worst.
    public var wgi: Double
    /// Trade-related variable: 1 by default, above 1 for export restrictions, 0.8 with an EU trade agreement.
    public var tradeFactor: Double

    /// A supplier with its share (fraction), scaled WGI and trade factor.
    public init(share: Double, wgi: Double, tradeFactor: Double = 1) {
      self.share = share
      self.wgi = wgi
      self.tradeFactor = tradeFactor
    }
  }

  /// HHI_WGI,t of a supply mix.
  public static func weightedHHI(_ suppliers: [Supplier]) -> Double {
    suppliers.map { $0.share * $0.share * $0.wgi * $0.tradeFactor }.sorted().reduce(0, +)
  }

  /// The supply risk. `importReliance` and `endOfLifeRecyclingInputRate` are fractions (0–1);
  /// a negative import reliance counts as 0, as in the 2017 study. Without EU sourcing data
  /// (`euSourcing` nil) the formula uses the global mix alone ("GS only").
  public static func supplyRisk(
    globalSupply: Double, euSourcing: Double?, importReliance: Double, endOfLifeRecyclingInputRate: Double,
    substitutionIndex: Double
  ) -> Double {
    let reliance = min(max(importReliance, 0), 1)
    let concentration: Double
    if let euSourcing {
      concentration = globalSupply * reliance / 2 + euSourcing * (1 - reliance / 2)
    } else {
      concentration = globalSupply
    }
    return concentration * (1 - endOfLifeRecyclingInputRate) * substitutionIndex
  }
}
