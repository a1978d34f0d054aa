import CSVStream

/// What one pass over (part of) a trade file adds up: import totals per material, stage,
/// partner and year, and counts of every row that was not added and why.
public struct TradeTally: Sendable {
  struct Totals: Sendable {
    var value: Int128 = 0
    var mass: Int128 = 0
    var rows = 0
    var rowsWithoutMass = 0
  }

  /// A rejected row, for the first few listed in the summary.
  public struct BadRow: Sendable, Equatable {
    public var line: Int
    public var message: String
  }

  var totals = TallyTable()
  public internal(set) var rowsRead = 0
  public internal(set) var rowsAdded = 0
  public internal(set) var rowsOtherFlow = 0
  public internal(set) var rowsOutOfScope = 0
  public internal(set) var badRows = 0
  public internal(set) var firstBadRows: [BadRow] = []
  let badRowListLimit: Int

  init(badRowListLimit: Int) { self.badRowListLimit = badRowListLimit }

  /// Turns part-relative line numbers into file lines.
  mutating func shiftLines(by offset: Int) {
    for index in firstBadRows.indices { firstBadRows[index].line += offset }
  }

  mutating func bad(_ line: Int, _ message: String) {
    badRows += 1
    if firstBadRows.count < badRowListLimit { firstBadRows.append(BadRow(line: line, message: message)) }
  }

  /// Adds `other` (a later part of the file) to this tally; exact, so the result does not depend
  /// on how the file was split.
  mutating func merge(_ other: TradeTally) {
    other.totals.forEach { key1, key2, add in
      totals.add(
        key1, key2, value: add.value, mass: add.mass, rows: add.rows, rowsWithoutMass: add.rowsWithoutMass)
    }
    rowsRead += other.rowsRead
    rowsAdded += other.rowsAdded
    rowsOtherFlow += other.rowsOtherFlow
    rowsOutOfScope += other.rowsOutOfScope
    badRows += other.badRows
    firstBadRows = Array(
      (firstBadRows + other.firstBadRows).sorted { $0.line < $1.line }.prefix(badRowListLimit))
  }

  static func pack(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
    guard !bytes.isEmpty, bytes.count <= 8 else { return nil }
    var value: UInt64 = 0
    for (index, byte) in bytes.enumerated() {
      guard byte > 0x20 && byte < 0x7F else { return nil }
      value |= UInt64(byte) << (8 * UInt64(index))
    }
    return value
  }

  static func unpack(_ value: UInt64) -> String {
    var bytes: [UInt8] = []
    var rest = value
    while rest != 0 {
      bytes.append(UInt8(rest & 0xFF))
      rest >>= 8
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Reads records and adds the imports among them to a tally. Fields are parsed as libcsv
/// completes them (``CSVReader/scan(field:record:)``): nothing is copied, and the row's verdict
/// is taken at its end, in the order flow, product, period, partner, value, mass.
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
    for (position, role) in order.enumerated() { roles[indexes[role]!] = position }
    self.roles = roles
    self.fieldCount = fieldCount
    self.importFlows = importFlows.sorted().map { Array($0.utf8) }
    self.crosswalk = crosswalk
  }

  /// The row being read.
  struct Row {
    var partner: UInt64?
    var product: ProductCrosswalk.Lookup = .outOfScope
    var isImport = false
    var year: UInt64 = 0
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

  /// Everything the field and record functions need, behind one context pointer, in plain
  /// buffers: reading arrays through a pointer would retain them on every call.
  struct ScanState {
    let roles: UnsafeMutableBufferPointer<Int>
    let flows: UnsafeMutableBufferPointer<UInt64>
    let codeKeys: UnsafeMutableBufferPointer<UInt64>
    let codeTargets: UnsafeMutableBufferPointer<Int>
    let fieldCount: Int
    var row = Row()
    var tally: TradeTally
  }

  func scan(_ reader: CSVReader, into tally: inout TradeTally) throws {
    let roleBuffer = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, roles.count))
    _ = roleBuffer.initialize(from: roles)
    let flowBuffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: max(1, importFlows.count))
    _ = flowBuffer.initialize(
      from: importFlows.map { flow in flow.withUnsafeBytes { TradeTally.pack($0) ?? 0 } })
    let table = crosswalk.unsafeTable()
    let state = UnsafeMutablePointer<ScanState>.allocate(capacity: 1)
    state.initialize(
      to: ScanState(
        roles: UnsafeMutableBufferPointer(rebasing: roleBuffer[0..<roles.count]),
        flows: UnsafeMutableBufferPointer(rebasing: flowBuffer[0..<importFlows.count]), codeKeys: table.keys,
        codeTargets: table.indexes, fieldCount: fieldCount, tally: tally))
    defer {
      state.deinitialize(count: 1)
      state.deallocate()
      roleBuffer.deallocate()
      flowBuffer.deallocate()
      table.keys.baseAddress.map { $0.deallocate() }
      table.indexes.baseAddress.map { $0.deallocate() }
    }
    try reader.scan(context: UnsafeMutableRawPointer(state), field: tradeField, record: tradeRecord)
    tally = state.pointee.tally
  }

  @inline(__always)
  static func field(_ index: Int, _ bytes: UnsafeRawBufferPointer, _ state: UnsafeMutablePointer<ScanState>) {
    let roles = state.pointee.roles
    guard index < roles.count else { return }
    switch roles[index] {
    case partner:
      state.pointee.row.partner = TradeTally.pack(bytes)
      if state.pointee.row.partner == nil {
        state.pointee.row.partnerText = String(decoding: bytes, as: UTF8.self)
      }
    case product:
      let found = ProductCrosswalk.lookup(
        bytes, keys: state.pointee.codeKeys, indexes: state.pointee.codeTargets)
      state.pointee.row.product = found
      state.pointee.row.productSeen = true
      if case .malformed = found { state.pointee.row.productText = String(decoding: bytes, as: UTF8.self) }
    case flow:
      let packed = TradeTally.pack(bytes) ?? 0
      var isImport = false
      for candidate in state.pointee.flows where candidate == packed { isImport = true }
      state.pointee.row.isImport = isImport
      state.pointee.row.flowSeen = true
    case period:
      var year: UInt64 = 0
      if bytes.count >= 4 {
        for offset in 0..<4 {
          let digit = bytes[offset] &- 48
          guard digit <= 9 else {
            year = 0
            break
          }
          year = year * 10 + UInt64(digit)
        }
      }
      state.pointee.row.year = year
      if year < 1900 || year > 2100 { state.pointee.row.periodText = String(decoding: bytes, as: UTF8.self) }
    case value:
      // Numbers of rows already known not to count are not parsed.
      guard state.pointee.row.mayCount else { return }
      state.pointee.row.value = FixedPoint.parse(bytes)
      if state.pointee.row.value == nil {
        state.pointee.row.valueText = String(decoding: bytes, as: UTF8.self)
      }
    case mass:
      guard state.pointee.row.mayCount else { return }
      state.pointee.row.massPresent = !bytes.isEmpty
      if !bytes.isEmpty {
        state.pointee.row.mass = FixedPoint.parse(bytes)
        if state.pointee.row.mass == nil {
          state.pointee.row.massText = String(decoding: bytes, as: UTF8.self)
        }
      }
    default:
      break
    }
  }

  static func record(_ line: Int, _ count: Int, _ state: UnsafeMutablePointer<ScanState>) {
    finish(
      &state.pointee.row, count: count, expected: state.pointee.fieldCount, line: line,
      into: &state.pointee.tally)
    state.pointee.row = Row()
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
    let target: Int
    switch row.product {
    case .target(let index): target = index
    case .outOfScope:
      tally.rowsOutOfScope += 1
      return
    case .malformed:
      tally.bad(line, "product code \"\(row.productText)\" is not a number")
      return
    }
    let year = row.year
    guard year >= 1900 && year <= 2100 else {
      tally.bad(line, "period \"\(row.periodText)\" does not start with a year")
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
    if row.massPresent && row.mass == nil {
      tally.bad(line, "net mass \"\(row.massText)\" is not a number")
      return
    }
    tally.totals.add(
      partner, UInt64(target) << 16 | year, value: amount, mass: row.massPresent ? row.mass : nil)
    tally.rowsAdded += 1
  }
}

/// libcsv-speed field function for ``TradeScanner``: the context is its scan state.
private func tradeField(
  _ context: UnsafeMutableRawPointer, _ index: Int, _ bytes: UnsafeRawPointer?, _ count: Int
) {
  let state = context.assumingMemoryBound(to: TradeScanner.ScanState.self)
  TradeScanner.field(index, UnsafeRawBufferPointer(start: bytes, count: count), state)
}

private func tradeRecord(_ context: UnsafeMutableRawPointer, _ line: Int, _ count: Int) {
  let state = context.assumingMemoryBound(to: TradeScanner.ScanState.self)
  TradeScanner.record(line, count, state)
}
