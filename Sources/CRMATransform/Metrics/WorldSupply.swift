/// A country's share of world production or reserves of one product in one year.
public struct ShareRow: Sendable {
  public var product: String
  public var materialID: String
  public var stage: Stage
  public var year: Int
  public var measure: ProductionFigure.Measure
  public var edition: String
  public var country: String
  public var value: Double?
  public var unit: String
  /// Fraction (0–1) of the sum of all listed values (countries and "other countries").
  public var share: Double?
  /// Rank among countries (aggregates are not ranked); nil without a value, for a zero output
  /// and in an incomplete table.
  public var rank: Int?
  public var flag: String
  public var greaterThan: Bool
  public var sourceID: String
  public var note: String
}

/// Concentration of one supply mix: HHI (shares as fractions), top-3 share, the largest country,
/// and Ukraine's place in it.
public struct ConcentrationRow: Sendable {
  /// `usgs` for world production/reserves, `eu-study` for the 2023 study's shares.
  public var dataset: String
  /// The product (USGS) or the material as the study names it.
  public var subject: String
  public var materialID: String
  public var stage: Stage
  public var year: Int
  /// production, reserves, global-supply or eu-sourcing.
  public var measure: String
  public var edition: String
  public var countries: Int
  public var total: Double?
  public var publishedWorldTotal: Double?
  public var unit: String
  /// nil when the table is incomplete (see `statisticsWithheld`).
  public var hhi: Double?
  public var top3Share: Double?
  /// Empty when the table is incomplete.
  public var largestCountry: String
  public var largestShare: Double?
  public var ukraineShare: Double?
  public var ukraineRank: Int?
  public var ukraineNote: String
  public var note: String
  public var sourceID: String
  /// Why no HHI, top-3 share, largest share or rank is given: the listed values cover less of
  /// the published world total than ``WorldSupply/coverageTolerance`` allows. Empty otherwise.
  public var statisticsWithheld = ""
}

/// World production and reserves: shares, ranks and concentration per product, year and measure,
/// each computed within one USGS edition (the newest that covers the year) so that vintages are
/// never mixed.
public enum WorldSupply {
  public static let ukraine = "UKR"
  public static let world = "WLD"
  /// How far the sum of a table's listed values may fall short of its published world total
  /// (as a fraction of that total) before the table counts as incomplete and gets no HHI, top-3
  /// share, shares or ranks. USGS rounds world totals to two or three significant figures
  /// ("World total (rounded)"), which moves the sum by a few percent; a shortfall beyond 10 %
  /// means producers are missing from the table (as in a top-three transcription).
  public static let coverageTolerance = 0.10

  /// Shares and concentration of every USGS product, measure and year.
  public static func compute(_ input: TransformInput) -> (
    shares: [ShareRow], concentration: [ConcentrationRow]
  ) {
    struct GroupKey: Hashable {
      var product: String
      var measure: ProductionFigure.Measure
      var year: Int
    }
    let byGroup = Dictionary(grouping: input.production) {
      GroupKey(product: $0.product, measure: $0.measure, year: $0.year)
    }
    var shares: [ShareRow] = []
    var concentration: [ConcentrationRow] = []
    let keys = byGroup.keys.sorted {
      ($0.product, $0.measure.rawValue, $0.year) < ($1.product, $1.measure.rawValue, $1.year)
    }
    for key in keys {
      let figures = byGroup[key]!
      let newest = figures.map(\.editionYear).max()!
      let edition = figures.filter { $0.editionYear == newest }
      guard let mapping = input.commodities[key.product], let materialID = mapping.materialID else {
        continue
      }
      let result = analyse(
        edition, product: key.product, materialID: materialID, stage: mapping.stage,
        countries: input.countries)
      shares += result.shares
      if let row = result.concentration { concentration.append(row) }
    }
    return (shares, concentration)
  }

  /// Shares, ranks and concentration of the figures of one edition, product, year and measure.
  public static func analyse(
    _ figures: [ProductionFigure], product: String, materialID: String, stage: Stage,
    countries: [String: Country]
  ) -> (shares: [ShareRow], concentration: ConcentrationRow?) {
    guard let first = figures.first else { return ([], nil) }
    let isAggregate = { (code: String) in countries[code]?.isAggregate ?? (code == world) }
    let parts = figures.filter { $0.country != world }
    var values: [String: Double] = [:]
    for figure in parts { if let value = figure.value { values[figure.country] = value } }
    let total = values.values.sorted().reduce(0, +)
    let published = figures.first { $0.country == world }?.value
    var withheld = ""
    if let published, published > 0, total < (1 - coverageTolerance) * published {
      withheld =
        "no HHI, top-3 share, shares or ranks: the listed values cover only \(NumberFormatting.fixed(total / published * 100, digits: 0)) % of the published world total (tolerance \(NumberFormatting.fixed(coverageTolerance * 100, digits: 0)) %), an incomplete table"
    }
    let shareOf = withheld.isEmpty ? Concentration.shares(values) : [:]
    let countryValues = values.filter { !isAggregate($0.key) }
    // A country with zero output is listed, not ranked.
    let ranks = withheld.isEmpty ? Concentration.ranks(countryValues.filter { $0.value > 0 }) : [:]
    var rows: [ShareRow] = []
    for figure in figures.sorted(by: { $0.country < $1.country }) {
      let isWorld = figure.country == world
      rows.append(
        ShareRow(
          product: product, materialID: materialID, stage: stage, year: figure.year, measure: figure.measure,
          edition: figure.edition, country: figure.country, value: figure.value, unit: figure.unit,
          share: isWorld ? nil : shareOf[figure.country], rank: ranks[figure.country], flag: figure.flag,
          greaterThan: figure.greaterThan, sourceID: figure.sourceID,
          note: isWorld
            ? "published world total (not a part of the sum)"
            : figure.value == nil ? "no value (\(figure.flag))" : withheld))
    }
    let ukraineFigure = figures.first { $0.country == ukraine }
    var ukraineNote = ""
    if ukraineFigure == nil {
      ukraineNote = "not listed separately in \(first.edition) (within other countries, if produced)"
      rows.append(
        ShareRow(
          product: product, materialID: materialID, stage: stage, year: first.year, measure: first.measure,
          edition: first.edition,
          country: ukraine, value: nil, unit: first.unit, share: nil, rank: nil, flag: "not-listed",
          greaterThan: false,
          sourceID: first.sourceID, note: ukraineNote))
    } else if ukraineFigure?.value == nil {
      ukraineNote = "no value (\(ukraineFigure!.flag))"
    }
    if !withheld.isEmpty, ukraineFigure?.value != nil { ukraineNote = withheld }
    guard !countryValues.isEmpty else { return (rows, nil) }
    let countryShares = countryValues.keys.sorted().compactMap { shareOf[$0] }
    let largest = countryValues.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!
    let withoutValue = parts.filter { $0.value == nil }.map(\.country).sorted()
    var notes = [
      "HHI over listed countries; \"other countries\" is not one supplier and is left out of the sum of squares"
    ]
    if !withoutValue.isEmpty { notes.append("without a value: \(withoutValue.joined(separator: ", "))") }
    if parts.contains(where: \.greaterThan) { notes.append("some values are lower bounds (>)") }
    if !withheld.isEmpty { notes = [withheld] }
    let complete = withheld.isEmpty
    var row = ConcentrationRow(
      dataset: "usgs", subject: product, materialID: materialID, stage: stage, year: first.year,
      measure: first.measure.rawValue,
      edition: first.edition, countries: countryValues.count, total: total,
      publishedWorldTotal: figures.first { $0.country == world }?.value, unit: first.unit,
      hhi: complete ? Concentration.hhi(countryShares) : nil,
      top3Share: complete ? Concentration.topShare(countryShares) : nil,
      largestCountry: complete ? largest.key : "", largestShare: shareOf[largest.key],
      ukraineShare: ukraineFigure.flatMap { shareOf[$0.country] },
      ukraineRank: ranks[ukraine], ukraineNote: ukraineNote, note: notes.joined(separator: "; "),
      sourceID: first.sourceID)
    row.statisticsWithheld = withheld
    return (rows, row)
  }
}

/// Concentration of the 2023 study's global-supply and EU-sourcing mixes per material and stage.
public enum StudySupply {
  /// One row per study material, stage and scope.
  public static func concentration(_ input: TransformInput) -> [ConcentrationRow] {
    struct Key: Hashable, Comparable {
      var scope: String
      var material: String
      var label: String
      var stage: Stage
      static func < (a: Key, b: Key) -> Bool {
        (a.material, a.label, a.stage, a.scope) < (b.material, b.label, b.stage, b.scope)
      }
    }
    let groups = Dictionary(grouping: input.supplyShares) {
      Key(scope: $0.scope, material: $0.materialID, label: $0.materialLabel, stage: $0.stage)
    }
    return groups.keys.sorted().map { key in
      let members = groups[key]!
      let countries = members.filter { !(input.countries[$0.country]?.isAggregate ?? false) }
      let fractions = Dictionary(countries.map { ($0.country, $0.sharePct / 100) }, uniquingKeysWith: max)
      let ranks = Concentration.ranks(fractions)
      let largest = fractions.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
      let listed = members.map(\.sharePct).sorted().reduce(0, +)
      var note =
        "shares as published (percent of the \(key.scope == "global" ? "global supply" : "EU sourcing")); listed shares sum to \(NumberFormatting.fixed(listed, digits: 1)) %"
      if key.scope == "eu-sourcing" { note += "; only shares of at least 1 % are published" }
      let ukraine = fractions[WorldSupply.ukraine]
      return ConcentrationRow(
        dataset: "eu-study", subject: key.label, materialID: key.material, stage: key.stage,
        year: members[0].year,
        measure: key.scope == "global" ? "global-supply" : "eu-sourcing", edition: "2023 assessment",
        countries: fractions.count,
        total: nil, publishedWorldTotal: nil, unit: "share",
        hhi: Concentration.hhi(fractions.keys.sorted().map { fractions[$0]! }),
        top3Share: Concentration.topShare(Array(fractions.values)), largestCountry: largest?.key ?? "",
        largestShare: largest?.value ?? 0, ukraineShare: ukraine, ukraineRank: ranks[WorldSupply.ukraine],
        ukraineNote: ukraine == nil ? "not listed" : "", note: note, sourceID: members[0].sourceID)
    }
  }
}

import CSVStream
