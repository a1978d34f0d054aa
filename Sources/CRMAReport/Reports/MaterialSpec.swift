import CRMATransform

/// What one material report covers: which CRMA entries, assessments, USGS products, deposits,
/// study materials and events belong to it.
public struct MaterialSpec: Sendable {
  public var slug: String
  public var title: String
  /// The title in a table header ("Rare earths").
  public var shortTitle: String
  /// The CRMA entries (materials.csv ids) the report states the category of.
  public var crmaEntries: [String]
  /// criticality.csv material ids, EU assessment rows.
  public var assessed: [String]
  /// A USGS product (production_reserves) with its section title and its name in running text.
  public struct Product: Sendable {
    public var id: String
    public var title: String
    /// The product in running text and table captions ("ilmenite", "titanium sponge").
    public var name: String
  }

  /// USGS products (production_reserves), in order.
  public var products: [Product]
  /// The material id of the deposit figures.
  public var depositMaterial: String
  /// Materials of the 2023 study's supply shares (the material and its members).
  public var studyMaterials: [String]
  /// An event belongs to the report when its materials field contains one of these words (events
  /// on critical raw materials in general belong to the summary, not to every material report).
  public var eventWords: [String]

  /// The product's name in running text (its id when the spec does not list it).
  public func productName(_ id: String) -> String { products.first { $0.id == id }?.name ?? id }

  public static let all: [MaterialSpec] = [
    MaterialSpec(
      slug: "lithium", title: "Lithium", shortTitle: "Lithium", crmaEntries: ["lithium"],
      assessed: ["lithium"],
      products: [
        Product(id: "lithium-mine", title: "Lithium, mine production and reserves", name: "lithium (mine)")
      ], depositMaterial: "lithium",
      studyMaterials: ["lithium"], eventWords: ["lithium"]),
    MaterialSpec(
      slug: "titanium", title: "Titanium", shortTitle: "Titanium", crmaEntries: ["titanium-metal"],
      assessed: ["titanium-metal", "titanium"],
      products: [
        Product(id: "ilmenite", title: "Ilmenite (titanium mineral concentrate)", name: "ilmenite"),
        Product(id: "rutile", title: "Rutile (titanium mineral concentrate)", name: "rutile"),
        Product(id: "titanium-sponge", title: "Titanium sponge (metal)", name: "titanium sponge"),
      ], depositMaterial: "titanium", studyMaterials: ["titanium", "titanium-metal"],
      eventWords: ["titanium"]),
    MaterialSpec(
      slug: "rare-earths", title: "Rare earth elements", shortTitle: "Rare earths",
      crmaEntries: ["rare-earth-magnet-elements", "light-rare-earth-elements", "heavy-rare-earth-elements"],
      assessed: ["light-rare-earth-elements", "heavy-rare-earth-elements"],
      products: [
        Product(
          id: "rare-earths-mine", title: "Rare earths, mine production and reserves (REO)",
          name: "rare earths (mine)")
      ],
      depositMaterial: "rare-earth-elements",
      studyMaterials: [
        "light-rare-earth-elements", "heavy-rare-earth-elements", "cerium", "lanthanum", "neodymium",
        "praseodymium", "samarium",
        "dysprosium", "erbium", "europium", "gadolinium", "holmium", "lutetium", "terbium", "thulium",
        "ytterbium", "yttrium",
      ], eventWords: ["rare earth"]),
  ]

  /// Whether `event` belongs to this report: its materials field names one of ``eventWords``.
  public func concerns(_ event: Event) -> Bool {
    let materials = event.materials.lowercased()
    return eventWords.contains { materials.contains($0) }
  }
}
