/// The USGS chapters crma reads and the `production_reserves` products their rows become.
public enum USGSCommodity: String, Sendable, CaseIterable {
  case lithium
  case rareEarths = "rare-earths"
  case titaniumConcentrates = "titanium-concentrates"
  case titaniumMetal = "titanium-metal"

  /// The chapter named in a multi-commodity file (`COMMODITY` of MCS 2025, `MCS chapter` of
  /// MCS 2026), compared without case and surrounding spaces; nil for chapters crma does not read.
  public init?(chapter: String) {
    switch USGSText.clean(chapter).lowercased() {
    case "lithium": self = .lithium
    case "rare earths": self = .rareEarths
    case "titanium mineral concentrates": self = .titaniumConcentrates
    case "titanium & titanium dioxide", "titanium and titanium dioxide": self = .titaniumMetal
    default: return nil
    }
  }
}

/// A `production_reserves` product with its unit and the unit USGS publishes it in.
public enum USGSProduct: String, Sendable, CaseIterable {
  case lithiumMine = "lithium-mine"
  case rareEarthsMine = "rare-earths-mine"
  case ilmenite
  case rutile
  case titaniumSponge = "titanium-sponge"

  /// The `unit` of `production_reserves`.
  public var unit: String {
    switch self {
    case .lithiumMine: return "t Li"
    case .rareEarthsMine: return "t REO"
    case .ilmenite, .rutile: return "kt TiO2"
    case .titaniumSponge: return "t"
    }
  }

  /// The unit USGS states for it (header token `t`/`kt`, or the words of `UNIT_MEAS`/`Unit`).
  public var publishedUnit: PublishedUnit {
    switch self {
    case .ilmenite, .rutile: return .thousandMetricTons
    default: return .metricTons
    }
  }
}

/// The units the USGS files state.
public enum PublishedUnit: String, Sendable {
  case metricTons = "metric tons"
  case thousandMetricTons = "thousand metric tons"

  /// From a header token (`t`, `kt`) or the words of a unit column; nil if unknown.
  public init?(published text: String) {
    switch USGSText.clean(text).lowercased() {
    case "t", "metric tons": self = .metricTons
    case "kt", "thousand metric tons": self = .thousandMetricTons
    default: return nil
    }
  }
}

/// What a row of a world table is for crma.
enum RowMeaning: Equatable {
  /// A figure of this product.
  case product(USGSProduct)
  /// A row crma does not take, with the reason (pigment capacity, the combined ilmenite and
  /// rutile total).
  case skipped(String)
}

extension USGSCommodity {
  /// The product of a row from its description (`Type`, or `Statistics_detail`) and its
  /// country as published. Throws when the description fits no product of the chapter.
  func meaning(description: String, country: String) throws(PublishedCell.Message) -> RowMeaning {
    // "ilmentite" is USGS's spelling in some files.
    let text = USGSText.clean(description).lowercased().replacing("ilmentite", with: "ilmenite")
    let place = USGSText.clean(country).lowercased()
    switch self {
    case .lithium, .rareEarths:
      guard text.contains("mine production") || text.hasPrefix("reserves") else {
        throw PublishedCell.Message("\"\(description)\" is not a mine production or reserves row")
      }
      return .product(self == .lithium ? .lithiumMine : .rareEarthsMine)
    case .titaniumConcentrates:
      if place.contains("ilmenite and rutile")
        || (text.contains("ilmenite and rutile") && (place.hasPrefix("world") || text.contains("world")))
      {
        return .skipped("combined ilmenite and rutile total")
      }
      // U.S. rutile is counted with ilmenite ("Mine production: Ilmenite and rutile").
      if text.contains("ilmenite and rutile") { return .product(.ilmenite) }
      if text.contains("rutile") { return .product(.rutile) }
      if text.contains("ilmenite") { return .product(.ilmenite) }
      throw PublishedCell.Message("\"\(description)\" names neither ilmenite nor rutile")
    case .titaniumMetal:
      if text.contains("pigment capacity") && !text.contains("sponge") { return .skipped("pigment capacity") }
      if text.contains("sponge") { return .product(.titaniumSponge) }
      throw PublishedCell.Message("\"\(description)\" is not a titanium sponge row")
    }
  }
}
