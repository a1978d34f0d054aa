/// Concentration of supply: the Herfindahl–Hirschman index with shares as fractions (0–1, as in
/// the EU criticality method; multiply by 10,000 for the antitrust scale), top-n shares and ranks.
public enum Concentration {
  /// Σ share²; with shares summing to 1 it lies between 1/n and 1.
  public static func hhi(_ shares: [Double]) -> Double {
    shares.sorted().reduce(0) { $0 + $1 * $1 }
  }

  /// The sum of the `count` largest shares.
  public static func topShare(_ shares: [Double], count: Int = 3) -> Double {
    shares.sorted(by: >).prefix(count).reduce(0, +)
  }

  /// Competition ranks ("1224"): equal values share a rank; order is by value, largest first.
  public static func ranks(_ values: [String: Double]) -> [String: Int] {
    let ordered = values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    var ranks: [String: Int] = [:]
    var previous: Double?
    var rank = 0
    for (position, entry) in ordered.enumerated() {
      if entry.value != previous { rank = position + 1 }
      ranks[entry.key] = rank
      previous = entry.value
    }
    return ranks
  }

  /// Shares of a total: each value divided by the sum, summed in a fixed order so the result
  /// does not depend on input order.
  public static func shares(_ values: [String: Double]) -> [String: Double] {
    let total = values.values.sorted().reduce(0, +)
    guard total > 0 else { return values.mapValues { _ in 0 } }
    return values.mapValues { $0 / total }
  }
}
