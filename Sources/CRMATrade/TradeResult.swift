import CSVStream

/// The aggregate of a trade file: import value and mass per CRMA material, stage, partner and
/// year (and per product code), each third country's share, and the largest single-partner
/// share against the 65 % cap.
public struct TradeResult: Sendable {
  /// Imports of one material and stage (or one product code) from one partner in one year.
  public struct Row: Sendable, Equatable {
    public var material: String
    public var stage: String
    /// The product code; empty in the per-material rows.
    public var product = ""
    public var partner: String
    public var year: Int
    public var value: Int128
    public var mass: Int128
    public var rows: Int
    public var rowsWithoutMass: Int
    /// Whether the year was built from monthly rows (`YYYYMM`) rather than annual ones.
    public var fromMonths = false

    /// Mass is known for every row of the group.
    public var hasMass: Bool { rowsWithoutMass == 0 }
  }

  /// A product code found among the imports but outside the crosswalk.
  public struct OutsideCode: Sendable, Equatable {
    public var code: String
    public var rows: Int
    /// The commodity map's note when the code is a deliberate exclusion; nil when unlisted.
    public var exclusion: String?
  }

  public let path: String
  /// Per material, stage, year and partner.
  public let rows: [Row]
  /// Per product code, year and partner.
  public let productRows: [Row]
  public let outsideCodes: [OutsideCode]
  public let tally: TradeTally
  /// How often a parallel read failed and the file was read again in one part (logged as a
  /// warning; 0 for every well-formed file).
  public internal(set) var rereadsInOnePart = 0
  /// How often a guessed cut turned out to lie inside a quoted field and the file was read again
  /// with cuts found by counting quotes (see ``TradeIngest``); rare, and no error.
  public internal(set) var readsWithExactCuts = 0
  /// Partner kinds, when the data package's country tables were given.
  public let partners: PartnerCodes?

  init(tally: TradeTally, crosswalk: ProductCrosswalk, partners: PartnerCodes?, path: String)
    throws(TradeError)
  {
    self.path = path
    // The counts and listed bad rows are kept; the groups' tables (megabytes on a large
    // extract) are not, as the rows below hold their totals.
    var kept = tally
    kept.totals = TallyTable(capacity: 0)
    kept.outside = TallyTable(capacity: 0)
    self.tally = kept
    self.partners = partners
    // Annual and monthly rows of one year would be added twice.
    var kinds: [Int: Set<Bool>] = [:]
    tally.totals.forEach { _, packed, _ in
      let key = TradeKey(packed: packed)
      kinds[key.year, default: []].insert(key.monthly)
    }
    if let mixed = kinds.filter({ $0.value.count > 1 }).keys.min() {
      throw TradeError(
        .periods,
        "the file has both annual (YYYY or YYYY52) and monthly (YYYYMM) import rows for \(mixed); "
          + "adding them would count the year twice: keep one kind of period per year")
    }
    let monthly = Set(kinds.filter { $0.value.contains(true) }.keys)
    // Grouped by integer keys first (partner, product or target, year); text only for the output.
    struct Group: Hashable {
      var partner: UInt64
      /// The product key, or the crosswalk target's index for the per-material groups.
      var item: UInt64
      var year: Int
    }
    var targetOfProduct: [UInt64: Int?] = [:]
    var byMaterial: [Group: TradeTally.Totals] = [:]
    // A tally group is a product group already (one kind of period per year, checked above):
    // listed as they are, not looked up again.
    var byProduct: [(Group, TradeTally.Totals)] = []
    byProduct.reserveCapacity(tally.totals.count)
    tally.totals.forEach { partnerKey, packed, totals in
      let key = TradeKey(packed: packed)
      let target: Int?
      if let known = targetOfProduct[key.product] {
        target = known
      } else {
        target = crosswalk.targetIndex(ofCode: TradeKey.code(key.product))
        targetOfProduct[key.product] = target
      }
      guard let target else { return }
      byProduct.append((Group(partner: partnerKey, item: key.product, year: key.year), totals))
      byMaterial[
        Group(partner: partnerKey, item: UInt64(target), year: key.year), default: TradeTally.Totals()
      ]
      .merge(totals)
    }
    let byMaterialList = byMaterial.map { ($0.key, $0.value) }
    byMaterial = [:]
    func row(_ group: Group, _ totals: TradeTally.Totals, product: Bool) -> Row {
      let target =
        crosswalk.targets[product ? targetOfProduct[group.item]!! : Int(group.item)]
      return Row(
        material: target.material, stage: target.stage, product: product ? TradeKey.code(group.item) : "",
        partner: TradeTally.unpack(group.partner), year: group.year, value: totals.value, mass: totals.mass,
        rows: totals.rows, rowsWithoutMass: totals.rowsWithoutMass, fromMonths: monthly.contains(group.year))
    }
    func order(_ left: Row, _ right: Row) -> Bool {
      (left.material, left.stage, left.product, left.year, left.partner)
        < (right.material, right.stage, right.product, right.year, right.partner)
    }
    // The output order (material, stage, product code, year, partner as text) as integers, so
    // tens of thousands of groups sort without comparing strings: ranks of the targets and of the
    // codes' texts, and the partner's bytes big-endian (a shorter code first, as in text order).
    let targetRank = Self.ranks(crosswalk.targets.indices.map { (crosswalk.targets[$0], UInt64($0)) }) {
      ($0.material, $0.stage) < ($1.material, $1.stage)
    }
    let productRank = Self.ranks(
      targetOfProduct.compactMap { $0.value == nil ? nil : (TradeKey.code($0.key), $0.key) }, by: <)
    func sortKey(_ group: Group, product: Bool) -> SortKey {
      let target = product ? targetOfProduct[group.item]!! : Int(group.item)
      return SortKey(
        target: targetRank[UInt64(target)]!, product: product ? productRank[group.item]! : 0,
        year: group.year, partner: group.partner.byteSwapped)
    }
    func sortedRows(_ groups: [(Group, TradeTally.Totals)], product: Bool) -> [Row] {
      var order = groups.indices.map { (key: sortKey(groups[$0].0, product: product), index: $0) }
      order.sort { $0.key < $1.key }
      return order.map { row(groups[$0.index].0, groups[$0.index].1, product: product) }
    }
    // The first group (in output order) whose sum did not fit is named in the error.
    let overflowed =
      (byProduct.filter { $0.1.overflow }.map { row($0.0, $0.1, product: true) }
      + byMaterialList.filter { $0.1.overflow }.map { row($0.0, $0.1, product: false) })
      .sorted(by: order).first
    if let group = overflowed {
      throw TradeError(
        .overflow,
        "the sum of values or masses for \(group.material), \(group.stage)"
          + (group.product.isEmpty ? "" : " (product \(group.product))")
          + ", partner \(group.partner), \(group.year) is too large to add exactly (more than about 1.7e32 with 6 decimals)"
      )
    }
    self.rows = sortedRows(byMaterialList, product: false)
    self.productRows = sortedRows(byProduct, product: true)
    var outside: [OutsideCode] = []
    tally.outside.forEach { _, product, totals in
      let code = TradeKey.code(product)
      outside.append(
        OutsideCode(
          code: code, rows: totals.rows,
          exclusion: crosswalk.exclusions[code] ?? crosswalk.exclusions[String(code.prefix(6))]
            ?? crosswalk.exclusions[String(code.prefix(4))]))
    }
    self.outsideCodes = outside.sorted { $0.code < $1.code }
  }

  /// A group's place in the output order, as integers (see ``init(tally:crosswalk:partners:path:)``).
  struct SortKey: Comparable {
    var target: Int
    var product: Int
    var year: Int
    var partner: UInt64

    static func < (left: SortKey, right: SortKey) -> Bool {
      (left.target, left.product, left.year, left.partner)
        < (right.target, right.product, right.year, right.partner)
    }
  }

  /// The rank of each item's id when the items are sorted by `order` (equal items share a rank).
  static func ranks<Item>(_ items: [(Item, UInt64)], by order: (Item, Item) -> Bool) -> [UInt64: Int]
  where Item: Equatable {
    let sorted = items.sorted { order($0.0, $1.0) }
    var ranks: [UInt64: Int] = [:]
    var rank = 0
    for (index, item) in sorted.enumerated() {
      if index > 0 && sorted[index - 1].0 != item.0 { rank += 1 }
      ranks[item.1] = rank
    }
    return ranks
  }

  /// `aggregate.csv`: one row per material, stage, year and partner. The net mass is empty when
  /// no row of the group had one (a value-only extract).
  /// With `sourceID` (the extract's row in data/sources.csv) a `source_id` column is added, so
  /// the file can join the data package as its `trade_imports` resource.
  public func aggregateCSV(sourceID: String? = nil) -> [UInt8] {
    csv(rows, product: false, sourceID: sourceID)
  }

  /// `by_product.csv`: the same per product code (CN8 or HS), for shares of one product.
  public func productCSV(sourceID: String? = nil) -> [UInt8] {
    csv(productRows, product: true, sourceID: sourceID)
  }

  private func csv(_ rows: [Row], product: Bool, sourceID: String?) -> [UInt8] {
    var writer = CSVWriter()
    var header = ["material_id", "stage"]
    if product { header.append("product_code") }
    header += ["year", "partner", "value", "net_mass_kg", "rows", "rows_without_mass"]
    if sourceID != nil { header.append("source_id") }
    writer.writeRow(header)
    for row in rows {
      // Field by field, no array per row: tens of thousands of rows on a large extract.
      let start = writer.bytes.count
      var index = 0
      func field(_ text: String) {
        writer.appendField(text, index: index)
        index += 1
      }
      field(row.material)
      field(row.stage)
      if product { field(row.product) }
      field(String(row.year))
      field(row.partner)
      field(FixedPoint.text(row.value))
      field(row.rowsWithoutMass == row.rows ? "" : FixedPoint.text(row.mass))
      field(String(row.rows))
      field(String(row.rowsWithoutMass))
      if let sourceID { field(sourceID) }
      writer.endRow(fieldCount: index, rowStart: start)
    }
    return writer.bytes
  }

  /// `shares.csv`: per material, stage and year, each partner's kind and, for third countries,
  /// its share of extra-EU import value (and of mass where every row had one), its rank, and
  /// whether the largest exceeds the cap. Without the package's partner tables every partner is
  /// ranked and shares are of all imports (`share_of` says which).
  public func sharesCSV(capPercent: Double = 65) -> [UInt8] {
    var writer = CSVWriter()
    writer.writeRow([
      "material_id", "stage", "year", "partner", "partner_kind", "share_of", "value_share", "mass_share",
      "rank_by_value", "largest_above_cap",
    ])
    let groups = Dictionary(grouping: rows) { "\($0.material)|\($0.stage)|\($0.year)" }
    for key in groups.keys.sorted() {
      let members = groups[key]!.sorted {
        $0.value != $1.value ? $0.value > $1.value : $0.partner < $1.partner
      }
      let kinds = members.map { partners?.resolve($0.partner).kind ?? .thirdCountry }
      let ranked = zip(members, kinds).filter { $0.1 == .thirdCountry }.map(\.0)
      let totalValue = ranked.reduce(Int128(0)) { $0 + $1.value }
      let withMass = ranked.allSatisfy(\.hasMass)
      let totalMass = ranked.reduce(Int128(0)) { $0 + $1.mass }
      let shareOf = partners == nil ? "all imports" : "extra-EU imports"
      var rank = 0
      for (row, kind) in zip(members, kinds) {
        guard kind == .thirdCountry else {
          writer.writeRow([
            row.material, row.stage, String(row.year), row.partner, kind.rawValue, shareOf, "", "", "", "",
          ])
          continue
        }
        rank += 1
        let valueShare = totalValue > 0 ? Double(row.value) / Double(totalValue) : 0
        let massShare = withMass && totalMass > 0 ? Double(row.mass) / Double(totalMass) : nil
        writer.writeRow([
          row.material, row.stage, String(row.year), row.partner, kind.rawValue, shareOf,
          NumberFormatting.fixed(valueShare, digits: 6),
          massShare.map { NumberFormatting.fixed($0, digits: 6) } ?? "", String(rank),
          rank == 1 ? (valueShare * 100 > capPercent ? "true" : "false") : "",
        ])
      }
    }
    return writer.bytes
  }

  /// A few lines for the terminal; lists of product codes stop after `codeListLimit` codes
  /// (``outsideCSV()`` has them all).
  public func summary(codeListLimit: Int = 20) -> String {
    let annual = Set(rows.filter { !$0.fromMonths }.map(\.year)).sorted()
    let months = Set(rows.filter(\.fromMonths).map(\.year)).sorted()
    var lines = [
      "\(path): \(tally.rowsRead) rows read; \(tally.rowsAdded) imports added; \(tally.rowsOtherFlow) other flows; "
        + "\(tally.rowsOutOfScope) products outside the crosswalk; \(tally.badRows) bad rows",
      "\(rows.count) aggregate rows (material, stage, year, partner), \(productRows.count) by product; "
        + "years from annual rows: \(annual.map(String.init).joined(separator: " ")); "
        + "from monthly rows: \(months.isEmpty ? "none" : months.map(String.init).joined(separator: " "))",
      rows.allSatisfy({ $0.rowsWithoutMass == $0.rows })
        ? "no net mass in the file: every share is a share of value"
        : "shares of value, and of mass where every row had one",
    ]
    if let partners {
      var byKind: [PartnerCodes.Kind: Set<String>] = [:]
      for row in rows { byKind[partners.resolve(row.partner).kind, default: []].insert(row.partner) }
      lines.append(
        "partners: "
          + byKind.keys.sorted().map { "\(byKind[$0]!.count) \($0.rawValue)" }.joined(separator: ", ")
          + (byKind[.unknown].map { " (unknown: \($0.sorted().joined(separator: " ")))" } ?? ""))
    }
    let unlisted = outsideCodes.filter { $0.exclusion == nil }
    let excluded = outsideCodes.filter { $0.exclusion != nil }
    if !outsideCodes.isEmpty {
      lines.append(
        "products outside the crosswalk: \(excluded.count) listed as deliberately unmapped"
          + (excluded.isEmpty ? "" : " (\(Self.list(excluded.map(\.code), limit: codeListLimit)))")
          + ", \(unlisted.count) not in the commodity map"
          + (unlisted.isEmpty ? "" : " (\(Self.list(unlisted.map(\.code), limit: codeListLimit)))"))
    }
    if readsWithExactCuts > 0 {
      lines.append("a guessed cut fell inside a quoted field; the file was read again with exact cuts")
    }
    if rereadsInOnePart > 0 { lines.append("the parallel read failed; the file was read again in one part") }
    for bad in tally.firstBadRows { lines.append("  bad row \(path):\(bad.line): \(bad.message)") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `codes` joined by spaces, the first `limit` of them and how many more.
  static func list(_ codes: [String], limit: Int) -> String {
    codes.prefix(limit).joined(separator: " ")
      + (codes.count > limit ? " … and \(codes.count - limit) more" : "")
  }

  /// `outside_crosswalk.csv`: every import product code outside the crosswalk, its rows, and the
  /// commodity map's note where the code is a deliberate exclusion.
  public func outsideCSV() -> [UInt8] {
    var writer = CSVWriter()
    writer.writeRow(["product_code", "rows", "exclusion_note"])
    for code in outsideCodes { writer.writeRow([code.code, String(code.rows), code.exclusion ?? ""]) }
    return writer.bytes
  }
}
