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

/// Reads records and adds the imports among them to a tally.
struct TradeScanner {
  let partner: Int
  let product: Int
  let flow: Int
  let period: Int
  let value: Int
  let mass: Int
  let importFlows: [[UInt8]]
  let crosswalk: ProductCrosswalk

  init(indexes: [TradeColumns.Role: Int], importFlows: Set<String>, crosswalk: ProductCrosswalk) {
    partner = indexes[.partner]!
    product = indexes[.product]!
    flow = indexes[.flow]!
    period = indexes[.period]!
    value = indexes[.value]!
    mass = indexes[.mass]!
    self.importFlows = importFlows.sorted().map { Array($0.utf8) }
    self.crosswalk = crosswalk
  }

  func scan(_ reader: CSVReader, into tally: inout TradeTally) throws {
    reader.validatesUTF8 = false
    reader.readOnly(columns: [partner, product, flow, period, value, mass])
    try reader.forEach(onInvalidRecord: { error in
      tally.rowsRead += 1
      tally.bad(error.line ?? 0, error.message)
    }) { record in
      tally.rowsRead += 1
      add(record, to: &tally)
    }
  }

  @inline(__always)
  private func add(_ record: CSVRecord, to tally: inout TradeTally) {
    let flowBytes = record.bytes(at: flow)
    guard importFlows.contains(where: { $0.elementsEqual(flowBytes) }) else {
      tally.rowsOtherFlow += 1
      return
    }
    let target: Int
    switch crosswalk.lookup(record.bytes(at: product)) {
    case .target(let index): target = index
    case .outOfScope:
      tally.rowsOutOfScope += 1
      return
    case .malformed:
      tally.bad(record.line, "product code \"\(record.string(at: product))\" is not a number")
      return
    }
    let periodBytes = record.bytes(at: period)
    var year: UInt64 = 0
    if periodBytes.count >= 4 {
      for index in 0..<4 {
        let digit = periodBytes[index] &- 48
        guard digit <= 9 else {
          year = 0
          break
        }
        year = year * 10 + UInt64(digit)
      }
    }
    guard year >= 1900 && year <= 2100 else {
      tally.bad(record.line, "period \"\(record.string(at: period))\" does not start with a year")
      return
    }
    guard let partnerCode = TradeTally.pack(record.bytes(at: partner)) else {
      tally.bad(
        record.line, "partner \"\(record.string(at: partner))\" is not a code of 1-8 ASCII characters")
      return
    }
    guard let amount = FixedPoint.parse(record.bytes(at: value)) else {
      tally.bad(record.line, "value \"\(record.string(at: value))\" is not a number")
      return
    }
    let massBytes = record.bytes(at: mass)
    var weight: Int128?
    if !massBytes.isEmpty {
      guard let parsed = FixedPoint.parse(massBytes) else {
        tally.bad(record.line, "net mass \"\(record.string(at: mass))\" is not a number")
        return
      }
      weight = parsed
    }
    tally.totals.add(partnerCode, UInt64(target) << 16 | year, value: amount, mass: weight)
    tally.rowsAdded += 1
  }
}
