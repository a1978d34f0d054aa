/// Reads records and adds the imports among them to a tally. Fields are parsed as libcsv
/// completes them (the C functions in TradeScanGlue.swift): nothing is copied, and the row's verdict is taken at its
/// end, in the order field count, flow, product, period, partner, value, mass.
struct TradeScanner: Sendable {
  /// What a field is for: an index into the roles below, or -1.
  let roles: [Int]
  let fieldCount: Int
  let importFlows: [[UInt8]]
  let crosswalk: ProductCrosswalk

  static let partner = 0, product = 1, flow = 2, period = 3, value = 4, mass = 5

  init(
    indexes: [TradeColumns.Role: Int], fieldCount: Int, importFlows: Set<String>, crosswalk: ProductCrosswalk
  ) {
    var roles = Array(repeating: -1, count: fieldCount)
    let order: [TradeColumns.Role] = [.partner, .product, .flow, .period, .value, .mass]
    for (position, role) in order.enumerated() {
      if let index = indexes[role] { roles[index] = position }
    }
    self.roles = roles
    self.fieldCount = fieldCount
    self.importFlows = importFlows.sorted().map { Array($0.utf8) }
    self.crosswalk = crosswalk
  }

  /// The row being read.
  struct Row {
    var partner: UInt64?
    var productKey: UInt64?
    var product: ProductCrosswalk.Lookup = .outOfScope
    var isImport = false
    var year = 0
    var monthly = false
    var periodValid = false
    var value: Int128?
    var mass: Int128?
    var massPresent = false
    var flowSeen = false
    var productSeen = false
    /// False once the flow or the product already rule the row out.
    var mayCount: Bool {
      !(flowSeen && !isImport) && !(productSeen && !product.isTarget)
    }
    /// The text of each role's field, kept only when it fails to parse (for the message).
    var productText = "", periodText = "", partnerText = "", valueText = "", massText = ""
  }

  /// The year of a period: `YYYY`, `YYYY52` (Comext's annual period) or `YYYYMM` (a month).
  @inline(__always)
  static func period(_ bytes: UnsafeRawBufferPointer) -> (year: Int, monthly: Bool)? {
    guard bytes.count == 4 || bytes.count == 6 else { return nil }
    var year = 0
    for offset in 0..<4 {
      let digit = bytes[offset] &- 48
      guard digit <= 9 else { return nil }
      year = year * 10 + Int(digit)
    }
    guard year >= TradeKey.firstYear && year <= TradeKey.lastYear else { return nil }
    guard bytes.count == 6 else { return (year, false) }
    let tens = bytes[4] &- 48
    let ones = bytes[5] &- 48
    guard tens <= 9 && ones <= 9 else { return nil }
    let month = Int(tens) * 10 + Int(ones)
    if month == 52 { return (year, false) }
    guard month >= 1 && month <= 12 else { return nil }
    return (year, true)
  }

  @inline(__always)
  static func finish(
    _ row: inout Row, count: Int, expected fieldCount: Int, line: Int, into tally: inout TradeTally
  ) {
    tally.rowsRead += 1
    guard count == fieldCount else {
      tally.bad(line, "record has \(count) field\(count == 1 ? "" : "s") but the header has \(fieldCount)")
      return
    }
    guard row.isImport else {
      tally.rowsOtherFlow += 1
      return
    }
    switch row.product {
    case .target: break
    case .outOfScope:
      tally.rowsOutOfScope += 1
      if let key = row.productKey { tally.outside.add(0, key, value: 0, mass: nil) }
      return
    case .malformed:
      tally.bad(line, "product code \"\(row.productText)\" is not a number of 1-12 digits")
      return
    }
    guard row.periodValid, let product = row.productKey else {
      tally.bad(line, "period \"\(row.periodText)\" is not YYYY, YYYY52 (a year) or YYYYMM (a month)")
      return
    }
    guard let partner = row.partner else {
      tally.bad(line, "partner \"\(row.partnerText)\" is not a code of 1-8 ASCII characters")
      return
    }
    guard let amount = row.value else {
      tally.bad(line, "value \"\(row.valueText)\" is not a number")
      return
    }
    guard amount >= 0 else {
      tally.bad(line, "value \(FixedPoint.text(amount)) is negative")
      return
    }
    if row.massPresent {
      guard let mass = row.mass else {
        tally.bad(line, "net mass \"\(row.massText)\" is not a number")
        return
      }
      guard mass >= 0 else {
        tally.bad(line, "net mass \(FixedPoint.text(mass)) is negative")
        return
      }
    }
    let key = TradeKey(product: product, monthly: row.monthly, year: row.year)
    tally.totals.add(partner, key.packed, value: amount, mass: row.massPresent ? row.mass : nil)
    tally.rowsAdded += 1
  }
}
