import CRMATransform

/// What one material report covers: which CRMA entries, assessments, USGS products, deposits,
/// study materials and events belong to it.
public struct MaterialSpec: Sendable {
  public var slug: String
  public var title: String
  /// The CRMA entries (materials.csv ids) the report states the category of.
  public var crmaEntries: [String]
  /// criticality.csv material ids, EU assessment rows.
  public var assessed: [String]
  /// USGS products (production_reserves), in order.
  public var products: [(id: String, title: String)]
  /// The material id of the deposit figures.
  public var depositMaterial: String
  /// Materials of the 2023 study's supply shares (the material and its members).
  public var studyMaterials: [String]
  /// An event belongs to the report when its materials field contains one of these words.
  public var eventWords: [String]

  public static let all: [MaterialSpec] = [
    MaterialSpec(
      slug: "lithium", title: "Lithium", crmaEntries: ["lithium"], assessed: ["lithium"],
      products: [("lithium-mine", "Lithium, mine production and reserves")], depositMaterial: "lithium",
      studyMaterials: ["lithium"], eventWords: ["lithium", "critical"]),
    MaterialSpec(
      slug: "titanium", title: "Titanium", crmaEntries: ["titanium-metal"],
      assessed: ["titanium-metal", "titanium"],
      products: [
        ("ilmenite", "Ilmenite (titanium mineral concentrate)"),
        ("rutile", "Rutile (titanium mineral concentrate)"),
        ("titanium-sponge", "Titanium sponge (metal)"),
      ], depositMaterial: "titanium", studyMaterials: ["titanium", "titanium-metal"],
      eventWords: ["titanium", "critical"]),
    MaterialSpec(
      slug: "rare-earths", title: "Rare earth elements",
      crmaEntries: ["rare-earth-magnet-elements", "light-rare-earth-elements", "heavy-rare-earth-elements"],
      assessed: ["light-rare-earth-elements", "heavy-rare-earth-elements"],
      products: [("rare-earths-mine", "Rare earths, mine production and reserves (REO)")],
      depositMaterial: "rare-earth-elements",
      studyMaterials: [
        "light-rare-earth-elements", "heavy-rare-earth-elements", "cerium", "lanthanum", "neodymium",
        "praseodymium", "samarium",
        "dysprosium", "erbium", "europium", "gadolinium", "holmium", "lutetium", "terbium", "thulium",
        "ytterbium", "yttrium",
      ], eventWords: ["rare earth", "critical"]),
  ]

  /// Whether `event` belongs to this report: its materials field names one of ``eventWords``.
  public func concerns(_ event: Event) -> Bool {
    let materials = event.materials.lowercased()
    return eventWords.contains { materials.contains($0) }
  }
}
