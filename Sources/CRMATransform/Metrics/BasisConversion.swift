/// Converts quantities between units and bases: a quantity unit (`t`, `kt`, `thousand t`) and a
/// chemical basis (Li, Li2O, LCE, TiO2 …), using the conversions table for bases and the SI
/// prefixes for units. What cannot be converted is said so, never guessed.
public struct BasisConversion: Sendable {
  /// The one basis each material is compared on.
  public static let targetBasis: [String: String] = [
    "lithium": "Li", "titanium": "TiO2", "rare-earth-elements": "REO", "titanium-metal": "Ti sponge",
  ]

  private let factors: [String: [String: Double]]

  /// A converter over `conversions`, each usable both ways.
  public init(_ conversions: [Conversion]) {
    var factors: [String: [String: Double]] = [:]
    for conversion in conversions {
      factors[conversion.from, default: [:]][conversion.to] = conversion.factor
      factors[conversion.to, default: [:]][conversion.from] = 1 / conversion.factor
    }
    self.factors = factors
  }

  /// A parsed quantity unit: tonnes times `scale`, on `basis` (nil when the unit names none).
  public struct Unit: Sendable, Equatable {
    public var scale: Double
    public var basis: String?

    /// A unit of `scale` tonnes on `basis`.
    public init(scale: Double, basis: String?) {
      self.scale = scale
      self.basis = basis
    }
  }

  /// Understands `t`, `kt`, `thousand t`, `thousand metric tons`, `metric tons`, each optionally
  /// followed by a basis (`t Li`, `kt TiO2`, `t REO`). Rates (`t/yr`) and percentages are not
  /// quantities and give nil.
  public static func parseUnit(_ text: String) -> Unit? {
    var words = text.split(separator: " ").map(String.init)
    guard !words.isEmpty, !text.contains("/"), !text.contains("percent") else { return nil }
    var scale = 1.0
    if words.first == "thousand" {
      scale = 1000
      words.removeFirst()
    }
    if words.first == "metric" { words.removeFirst() }
    guard let head = words.first else { return nil }
    switch head {
    case "t", "tons", "tonnes": break
    case "kt": scale *= 1000
    default: return nil
    }
    words.removeFirst()
    if words.first == "gross" { words.removeFirst() }
    return Unit(scale: scale, basis: words.isEmpty ? nil : words.joined(separator: " "))
  }

  /// The factor from one basis to another: 1 when equal, a direct or inverted table entry, or
  /// one step through an intermediate basis; nil when the table cannot connect them.
  public func factor(from: String, to: String) -> Double? {
    if from == to { return 1 }
    if let direct = factors[from]?[to] { return direct }
    for (middle, first) in factors[from] ?? [:] {
      if let second = factors[middle]?[to] { return first * second }
    }
    return nil
  }

  /// The first basis word of a free-text basis ("Li2O (stated as 'up to')" → "Li2O").
  public static func leadingBasis(_ text: String) -> String {
    String(text.prefix { $0 != " " && $0 != "(" && $0 != ";" && $0 != "," })
  }
}
