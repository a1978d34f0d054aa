/// A figure of the data package with its CRMA material, category, grade qualifier and stage.
public struct MappedFigure: Sendable {
  public var resource: String
  /// The figure's key in its resource, e.g. `MCS 2026|ilmenite|UKR|2025|production`.
  public var record: String
  public var materialID: String
  public var materialCategory: CRMACategory
  /// The CRMA entry the figure counts towards (the material itself, or the listed entry it is
  /// part of, e.g. titanium ores → titanium metal); nil when none is listed.
  public var crmaEntry: String?
  public var crmaCategory: CRMACategory
  public var gradeQualifier: String?
  public var stage: Stage?
  public var mappedVia: String
}

/// A figure that maps to no material: kept and reported, never dropped.
public struct UnmappedFigure: Sendable {
  public var resource: String
  public var record: String
  public var name: String
  public var reason: String

  /// The reason given for a commodity whose map row names no material on purpose (such as
  /// CN 85051190, non-rare-earth magnets): a documented exclusion, not a data problem.
  public static let excludedByMapReason = "the commodity map assigns no material"

  /// Whether the commodity map excludes the figure on purpose (see ``excludedByMapReason``).
  public var isExcludedByMap: Bool { reason == Self.excludedByMapReason }
}

/// A quantity with its original value and unit and, where possible, the same quantity on the
/// material's comparison basis.
public struct NormalisedFigure: Sendable {
  public var resource: String
  public var record: String
  public var materialID: String
  public var stage: Stage?
  public var country: String
  public var year: Int?
  public var measure: String
  public var value: Double
  public var unit: String
  public var basis: String?
  public var convertedValue: Double?
  public var convertedUnit: String?
  public var factor: Double?
  /// `converted`, `same-basis` or `unconvertible`.
  public var status: String
  public var note: String
  public var sourceID: String
}

/// Maps every ingested figure to the CRMA lists through the materials table and the commodity map.
public enum CRMAMapping {
  /// The listed CRMA entry for a material: itself when listed, else the first listed material up
  /// its `part_of` chain.
  public static func crmaEntry(for materialID: String, in materials: [String: Material]) -> Material? {
    var current = materials[materialID]
    var seen: Set<String> = []
    while let material = current, seen.insert(material.id).inserted {
      if material.category != .notListed { return material }
      current = material.partOf.flatMap { materials[$0] }
    }
    return nil
  }

  static func mapped(
    resource: String, record: String, materialID: String, stage: Stage?, via: String,
    materials: [String: Material]
  ) -> MappedFigure {
    let material = materials[materialID]
    let entry = crmaEntry(for: materialID, in: materials)
    return MappedFigure(
      resource: resource, record: record, materialID: materialID,
      materialCategory: material?.category ?? .notListed,
      crmaEntry: entry?.id, crmaCategory: entry?.category ?? .notListed,
      gradeQualifier: entry?.gradeQualifier,
      stage: stage, mappedVia: via)
  }

  /// Maps every figure; figures whose product name is not in the commodity map, or maps to no
  /// material, go to the unmapped list.
  public static func map(_ input: TransformInput) -> (mapped: [MappedFigure], unmapped: [UnmappedFigure]) {
    var mapped: [MappedFigure] = []
    var unmapped: [UnmappedFigure] = []
    func viaCommodity(_ resource: String, _ record: String, _ name: String) {
      guard let mapping = input.commodities[name] else {
        unmapped.append(
          UnmappedFigure(resource: resource, record: record, name: name, reason: "not in the commodity map"))
        return
      }
      guard let materialID = mapping.materialID else {
        unmapped.append(
          UnmappedFigure(
            resource: resource, record: record, name: name, reason: UnmappedFigure.excludedByMapReason))
        return
      }
      mapped.append(
        Self.mapped(
          resource: resource, record: record, materialID: materialID, stage: mapping.stage,
          via: "commodity_map", materials: input.materials))
    }
    for figure in input.production {
      viaCommodity("production_reserves", figure.record, figure.product)
    }
    for figure in input.ukraineOutput {
      viaCommodity("ukraine_output", figure.id, figure.product)
    }
    for scenario in input.scenarios {
      viaCommodity("scenarios", scenario.id, scenario.product)
    }
    for (name, mapping) in input.commodities where mapping.materialID == nil {
      unmapped.append(
        UnmappedFigure(
          resource: "commodity_map", record: name, name: name, reason: UnmappedFigure.excludedByMapReason
        ))
    }
    for figure in input.depositFigures {
      mapped.append(
        Self.mapped(
          resource: "deposit_figures", record: figure.id, materialID: figure.materialID, stage: .extraction,
          via: "material_id", materials: input.materials))
    }
    for share in input.supplyShares {
      mapped.append(
        Self.mapped(
          resource: "supply_shares", record: share.record, materialID: share.materialID, stage: share.stage,
          via: "material_id", materials: input.materials))
    }
    for record in input.criticality {
      mapped.append(
        Self.mapped(
          resource: "criticality",
          record: "\(record.materialID)|\(record.label)|\(record.year)|\(record.stage)",
          materialID: record.materialID,
          stage: Stage(rawValue: record.stage), via: "material_id", materials: input.materials))
    }
    mapped.sort { ($0.resource, $0.record) < ($1.resource, $1.record) }
    unmapped.sort { ($0.resource, $0.record) < ($1.resource, $1.record) }
    return (mapped, unmapped)
  }

  /// Spellings of the same basis.
  static let basisAliases = ["TR2O3": "REO", "TREO": "REO"]

  /// Puts every quantity on its material's basis where the conversions table allows it.
  public static func normalise(_ input: TransformInput, mapped: [MappedFigure]) -> [NormalisedFigure] {
    let conversion = BasisConversion(input.conversions)
    let stageOf = Dictionary(
      mapped.map { ("\($0.resource)#\($0.record)", $0) }, uniquingKeysWith: { a, _ in a })
    var figures: [NormalisedFigure] = []
    func add(
      resource: String, record: String, country: String, year: Int?, measure: String, value: Double,
      unit: String,
      basisText: String?, sourceID: String
    ) {
      guard let mappedFigure = stageOf["\(resource)#\(record)"] else { return }
      let materialID = mappedFigure.materialID
      var figure = NormalisedFigure(
        resource: resource, record: record, materialID: materialID, stage: mappedFigure.stage,
        country: country, year: year,
        measure: measure, value: value, unit: unit, basis: nil, status: "unconvertible", note: "",
        sourceID: sourceID)
      let target = BasisConversion.targetBasis[materialID]
      guard let parsed = BasisConversion.parseUnit(unit) else {
        figure.note = "unit \"\(unit)\" is not a quantity"
        figures.append(figure)
        return
      }
      var basis = parsed.basis ?? basisText.map(BasisConversion.leadingBasis)
      if let known = basis, let alias = basisAliases[known] { basis = alias }
      if mappedFigure.stage == .metal, target == "Ti sponge",
        basis == nil || basisText?.hasPrefix("gross weight") == true
      {
        basis = "Ti sponge"
      }
      figure.basis = basis
      guard let target else {
        figure.note = "no comparison basis is defined for \(materialID)"
        figures.append(figure)
        return
      }
      guard let basis, let factor = conversion.factor(from: basis, to: target) else {
        figure.note = "basis \"\(basis ?? basisText ?? "not stated")\" cannot be converted to \(target)"
        figures.append(figure)
        return
      }
      figure.factor = factor * parsed.scale
      figure.convertedValue = value * factor * parsed.scale
      figure.convertedUnit = "t \(target)"
      figure.status = factor == 1 ? "same-basis" : "converted"
      figures.append(figure)
    }
    for figure in input.production {
      guard let value = figure.value else { continue }
      let basis = input.commodities[figure.product]?.basis
      add(
        resource: "production_reserves", record: figure.record, country: figure.country, year: figure.year,
        measure: figure.measure.rawValue, value: value, unit: figure.unit,
        basisText: basis.flatMap { BasisConversion.parseUnit($0)?.basis }, sourceID: figure.sourceID)
    }
    for figure in input.ukraineOutput {
      guard let value = figure.quantity else { continue }
      add(
        resource: "ukraine_output", record: figure.id, country: "UKR", year: figure.year,
        measure: figure.measure, value: value, unit: figure.unit, basisText: figure.basis,
        sourceID: figure.sourceID)
    }
    for figure in input.depositFigures {
      guard let value = figure.containedTonnes else { continue }
      add(
        resource: "deposit_figures", record: figure.id, country: "UKR", year: nil, measure: "contained",
        value: value, unit: "t", basisText: figure.containedBasis, sourceID: figure.sourceID)
    }
    return figures.sorted { ($0.resource, $0.record) < ($1.resource, $1.record) }
  }
}

extension ProductionFigure {
  /// The figure's key: edition, product, country, year, measure.
  public var record: String { "\(edition)|\(product)|\(country)|\(year)|\(measure.rawValue)" }
}

extension SupplyShare {
  public var record: String { "\(year)|\(scope)|\(materialID)|\(materialLabel)|\(stage.rawValue)|\(country)" }
}
