/// What one pass over (part of) a trade file adds up: import totals per product code, partner
/// and period, and counts of every row that was not added and why.
///
/// Sums are exact (fixed-point `Int128`) and checked: a sum that does not fit marks its group as
/// overflowed instead of trapping, and ``TradeResult`` turns that into an error naming the group.
public struct TradeTally: Sendable {
  struct Totals: Sendable {
    var value: Int128 = 0
    var mass: Int128 = 0
    var rows = 0
    var rowsWithoutMass = 0
    /// A sum of this group did not fit in 128 bits; its value and mass are meaningless.
    var overflow = false

    /// Adds one row or another group's totals, with checked arithmetic.
    mutating func add(
      value amount: Int128, mass addedMass: Int128?, rows addedRows: Int, rowsWithoutMass: Int
    ) {
      let (newValue, valueOverflow) = value.addingReportingOverflow(amount)
      let (newMass, massOverflow) = mass.addingReportingOverflow(addedMass ?? 0)
      value = newValue
      mass = newMass
      overflow = overflow || valueOverflow || massOverflow
      rows += addedRows
      self.rowsWithoutMass += rowsWithoutMass
    }

    mutating func merge(_ other: Totals) {
      add(value: other.value, mass: other.mass, rows: other.rows, rowsWithoutMass: other.rowsWithoutMass)
      overflow = overflow || other.overflow
    }
  }

  /// A rejected row, for the first few listed in the summary.
  public struct BadRow: Sendable, Equatable {
    public var line: Int
    public var message: String
  }

  /// Imports: key 1 the partner code (packed bytes), key 2 ``TradeKey``.
  /// Sized for tens of thousands of groups from the start (65,536 slots, 4 MiB): growing from a small table
  /// rehashed it five times on a large extract.
  var totals = TallyTable(capacity: 1 << 15)
  /// Import rows whose product is outside the crosswalk: key 1 zero, key 2 the product key.
  var outside = TallyTable(capacity: 64)
  public internal(set) var rowsRead = 0
  public internal(set) var rowsAdded = 0
  public internal(set) var rowsOtherFlow = 0
  public internal(set) var rowsOutOfScope = 0
  public internal(set) var badRows = 0
  public internal(set) var firstBadRows: [BadRow] = []
  let badRowListLimit: Int

  init(badRowListLimit: Int) { self.badRowListLimit = badRowListLimit }

  /// Turns the record numbers a raw scan listed bad rows by into their lines (`lines[record]`).
  mutating func replaceRecordNumbers(with lines: [Int: Int]) {
    for index in firstBadRows.indices {
      if let line = lines[firstBadRows[index].line] { firstBadRows[index].line = line }
    }
  }

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
    other.totals.forEach { key1, key2, add in totals.merge(key1, key2, add) }
    other.outside.forEach { key1, key2, add in outside.merge(key1, key2, add) }
    rowsRead += other.rowsRead
    rowsAdded += other.rowsAdded
    rowsOtherFlow += other.rowsOtherFlow
    rowsOutOfScope += other.rowsOutOfScope
    badRows += other.badRows
    firstBadRows = Array(
      (firstBadRows + other.firstBadRows).sorted { $0.line < $1.line }.prefix(badRowListLimit))
  }

  /// Up to 8 printable ASCII bytes packed into 64 bits (a partner code); nil otherwise.
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

/// The second key of a tally: product code (digit count and value), whether the period was a
/// month, and the year.
struct TradeKey: Hashable, Sendable {
  /// `digits << 40 | value`: codes of up to 12 digits, leading zeros kept by the digit count.
  var product: UInt64
  var monthly: Bool
  var year: Int

  static let firstYear = 1900, lastYear = 2100

  var packed: UInt64 { product << 9 | (monthly ? 1 << 8 : 0) | UInt64(year - Self.firstYear) }

  init(product: UInt64, monthly: Bool, year: Int) {
    self.product = product
    self.monthly = monthly
    self.year = year
  }

  init(packed: UInt64) {
    product = packed >> 9
    monthly = (packed >> 8) & 1 == 1
    year = Self.firstYear + Int(packed & 0xFF)
  }

  /// The code's text, leading zeros included.
  static func code(_ product: UInt64) -> String {
    let digits = Int(product >> 40)
    let text = String(product & ((1 << 40) - 1))
    return String(repeating: "0", count: max(0, digits - text.count)) + text
  }
}
