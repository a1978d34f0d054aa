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

  /// The row being read: plain values only, reset per row with stores and no releases. A field
  /// that fails to parse sets its role's bit in `failed`; its text is kept apart, in
  /// ``ScanState/texts``, for the message.
  struct Row {
    /// Packed partner code; 0 when not valid.
    var partner: UInt64 = 0
    /// The product code's digits (``ProductDigits/isCode`` false when not a number).
    var digits = ProductDigits()
    /// The crosswalk target's index; -1 outside the crosswalk (or not looked up yet), -2 not a
    /// code.
    var product = -1
    /// The product was looked up (an import), or is not a code.
    var resolved = false
    var isImport = false
    var year = 0
    var monthly = false
    var value: Int128 = 0
    var mass: Int128 = 0
    var massPresent = false
    var flowSeen = false
    var productSeen = false
    /// Bit `1 << role` per field that failed to parse.
    var failed: UInt8 = 0
    /// Which parts of the tally key are known and valid (``partnerPart``, ``periodPart``,
    /// ``productPart``).
    var keyParts: UInt8 = 0
    static let partnerPart: UInt8 = 1, periodPart: UInt8 = 2, productPart: UInt8 = 4, allParts: UInt8 = 7

    /// The product key; 0 when the code is not a number.
    var productKey: UInt64 { digits.isCode ? digits.key : 0 }

    /// False once the flow or the product already rule the row out.
    @inline(__always)
    var mayCount: Bool {
      !(flowSeen && !isImport) && !(resolved && product < 0)
    }
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

  /// Adds the row just read to the state's tally, or counts why not, in place. `record` is the
  /// record's number (a raw scan counts records, not lines); bad rows keep it until their lines
  /// are looked up. The texts of fields that failed to parse are read only for a bad row.
  @inline(__always)
  static func finish(_ state: UnsafeMutablePointer<ScanState>, count: Int, record: Int) {
    state.pointee.tally.rowsRead += 1
    let fieldCount = state.pointee.fieldCount
    guard count == fieldCount else {
      state.pointee.tally.bad(
        record, "record has \(count) field\(count == 1 ? "" : "s") but the header has \(fieldCount)")
      return
    }
    guard state.pointee.row.isImport else {
      state.pointee.tally.rowsOtherFlow += 1
      return
    }
    if !state.pointee.row.resolved { TradeScanner.resolve(state) }
    let row = state.pointee.row
    guard row.product >= 0 else {
      if row.product == -2 || row.productKey == 0 {
        bad(state, record, "product code \"\(state.pointee.texts[product])\" is not a number of 1-12 digits")
        return
      }
      state.pointee.tally.rowsOutOfScope += 1
      state.pointee.tally.outside.add(0, row.productKey, value: 0, mass: nil)
      return
    }
    guard row.failed == 0 && row.year != 0 && row.partner != 0 && row.value >= 0 && row.mass >= 0 else {
      badValues(state, record)
      return
    }
    let key = TradeKey(product: row.productKey, monthly: row.monthly, year: row.year)
    state.pointee.tally.totals.add(
      row.partner, key.packed, value: row.value, mass: row.massPresent ? row.mass : nil)
    state.pointee.tally.rowsAdded += 1
  }

  /// A counted row whose period, partner, value or mass is not usable: the first problem, in
  /// that order.
  @inline(never)
  static func badValues(_ state: UnsafeMutablePointer<ScanState>, _ record: Int) {
    let row = state.pointee.row
    let texts = state.pointee.texts
    if row.failed & (1 << period) != 0 || row.year == 0 {
      bad(state, record, "period \"\(texts[period])\" is not YYYY, YYYY52 (a year) or YYYYMM (a month)")
    } else if row.failed & (1 << partner) != 0 || row.partner == 0 {
      bad(state, record, "partner \"\(texts[partner])\" is not a code of 1-8 ASCII characters")
    } else if row.failed & (1 << value) != 0 {
      bad(state, record, "value \"\(texts[value])\" is not a number")
    } else if row.value < 0 {
      bad(state, record, "value \(FixedPoint.text(row.value)) is negative")
    } else if row.failed & (1 << mass) != 0 {
      bad(state, record, "net mass \"\(texts[mass])\" is not a number")
    } else {
      bad(state, record, "net mass \(FixedPoint.text(row.mass)) is negative")
    }
  }

  @inline(never)
  static func bad(_ state: UnsafeMutablePointer<ScanState>, _ record: Int, _ message: String) {
    state.pointee.tally.bad(record, message)
  }
}
