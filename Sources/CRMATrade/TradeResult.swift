import CSVStream

/// The aggregate of a trade file: import value and mass per CRMA material, stage, partner and
/// year, each partner's share, and the largest single-partner share against the 65 % cap.
public struct TradeResult: Sendable {
  /// Imports of one material and stage from one partner in one year.
  public struct Row: Sendable, Equatable {
    public var material: String
    public var stage: String
    public var partner: String
    public var year: Int
    public var value: Int128
    public var mass: Int128
    public var rows: Int
    public var rowsWithoutMass: Int
  }

  public let path: String
  public let rows: [Row]
  public let tally: TradeTally

  init(tally: TradeTally, crosswalk: ProductCrosswalk, path: String) {
    self.path = path
    self.tally = tally
    var rows: [Row] = []
    // Keys: partner code (packed bytes), crosswalk target << 16 | year.
    tally.totals.forEach { partner, targetAndYear, totals in
      let target = crosswalk.targets[Int(targetAndYear >> 16)]
      rows.append(
        Row(
          material: target.material, stage: target.stage, partner: TradeTally.unpack(partner),
          year: Int(targetAndYear & 0xFFFF), value: totals.value, mass: totals.mass, rows: totals.rows,
          rowsWithoutMass: totals.rowsWithoutMass))
    }
    self.rows = rows.sorted {
      ($0.material, $0.stage, $0.year, $0.partner) < ($1.material, $1.stage, $1.year, $1.partner)
    }
  }

  /// `aggregate.csv`: one row per material, stage, year and partner.
  /// With `sourceID` (the extract's row in data/sources.csv) a `source_id` column is added, so
  /// the file can join the data package as its `trade_imports` resource.
  public func aggregateCSV(sourceID: String? = nil) -> [UInt8] {
    var writer = CSVWriter()
    var header = [
      "material_id", "stage", "year", "partner", "value", "net_mass_kg", "rows", "rows_without_mass",
    ]
    if sourceID != nil { header.append("source_id") }
    writer.writeRow(header)
    for row in rows {
      var fields = [
        row.material, row.stage, String(row.year), row.partner, FixedPoint.text(row.value),
        FixedPoint.text(row.mass),
        String(row.rows), String(row.rowsWithoutMass),
      ]
      if let sourceID { fields.append(sourceID) }
      writer.writeRow(fields)
    }
    return writer.bytes
  }

  /// `shares.csv`: each partner's share of import value and mass per material, stage and year,
  /// its rank, and whether the largest partner exceeds the cap.
  public func sharesCSV(capPercent: Double = 65) -> [UInt8] {
    var writer = CSVWriter()
    writer.writeRow([
      "material_id", "stage", "year", "partner", "value_share", "mass_share", "rank_by_value",
      "largest_above_cap",
    ])
    let groups = Dictionary(grouping: rows) { "\($0.material)|\($0.stage)|\($0.year)" }
    for key in groups.keys.sorted() {
      let members = groups[key]!.sorted {
        $0.value != $1.value ? $0.value > $1.value : $0.partner < $1.partner
      }
      let totalValue = members.reduce(Int128(0)) { $0 + $1.value }
      let totalMass = members.reduce(Int128(0)) { $0 + $1.mass }
      for (index, row) in members.enumerated() {
        let valueShare = totalValue > 0 ? Double(row.value) / Double(totalValue) : 0
        let massShare = totalMass > 0 ? Double(row.mass) / Double(totalMass) : 0
        writer.writeRow([
          row.material, row.stage, String(row.year), row.partner,
          NumberFormatting.fixed(valueShare, digits: 6),
          NumberFormatting.fixed(massShare, digits: 6), String(index + 1),
          index == 0 ? (valueShare * 100 > capPercent ? "true" : "false") : "",
        ])
      }
    }
    return writer.bytes
  }

  /// A few lines for the terminal.
  public func summary() -> String {
    var lines = [
      "\(path): \(tally.rowsRead) rows read; \(tally.rowsAdded) imports added; \(tally.rowsOtherFlow) other flows; "
        + "\(tally.rowsOutOfScope) products outside the crosswalk; \(tally.badRows) bad rows",
      "\(rows.count) aggregate rows (material, stage, year, partner)",
    ]
    for bad in tally.firstBadRows { lines.append("  bad row \(path):\(bad.line): \(bad.message)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
