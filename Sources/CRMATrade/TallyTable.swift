/// An open-addressing hash table from two 64-bit keys to totals, with a cheap multiplicative
/// hash: the per-row `Dictionary` lookup with SipHash showed in profiles. Not for untrusted
/// keys at adversarial scale — the keys here are (partner code, product and period), a few
/// thousand distinct values per file.
struct TallyTable: Sendable {
  private var keys1: [UInt64]
  private var keys2: [UInt64]
  private var used: [Bool]
  private var values: [TradeTally.Totals]
  private(set) var count = 0
  private var mask: Int

  init(capacity: Int = 1 << 12) {
    var size = 16
    while size * 3 < capacity * 4 { size <<= 1 }
    keys1 = Array(repeating: 0, count: size)
    keys2 = Array(repeating: 0, count: size)
    used = Array(repeating: false, count: size)
    values = Array(repeating: TradeTally.Totals(), count: size)
    mask = size - 1
  }

  @inline(__always)
  private func slot(_ key1: UInt64, _ key2: UInt64) -> Int {
    let hash = (key1 &* 0x9E37_79B9_7F4A_7C15) ^ (key2 &* 0xC2B2_AE3D_27D4_EB4F)
    return Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
  }

  /// The slot of (key1, key2), created when new.
  @inline(__always)
  private mutating func index(_ key1: UInt64, _ key2: UInt64) -> Int {
    var index = slot(key1, key2)
    // Probing reads through unchecked buffers: `index` is always masked into range.
    let found: Bool = keys1.withUnsafeBufferPointer { k1 in
      keys2.withUnsafeBufferPointer { k2 in
        used.withUnsafeBufferPointer { taken in
          while taken[index] && (k1[index] != key1 || k2[index] != key2) { index = (index + 1) & mask }
          return taken[index]
        }
      }
    }
    if !found {
      // Grown at three quarters full: with keys per product code (tens of thousands on a large
      // extract) a half-empty table cost more memory than its probing saved time.
      if (count + 1) * 4 > (mask + 1) * 3 {
        grow()
        return self.index(key1, key2)
      }
      used[index] = true
      keys1[index] = key1
      keys2[index] = key2
      count += 1
    }
    return index
  }

  /// Adds one row to the totals of (key1, key2); checked, an overflow marks the group.
  @inline(__always)
  mutating func add(_ key1: UInt64, _ key2: UInt64, value: Int128, mass: Int128?) {
    let slotIndex = index(key1, key2)
    values.withUnsafeMutableBufferPointer { totals in
      totals[slotIndex].add(value: value, mass: mass, rows: 1, rowsWithoutMass: mass == nil ? 1 : 0)
    }
  }

  /// Adds another group's totals to (key1, key2).
  mutating func merge(_ key1: UInt64, _ key2: UInt64, _ other: TradeTally.Totals) {
    let slotIndex = index(key1, key2)
    values[slotIndex].merge(other)
  }

  private mutating func grow() {
    var bigger = TallyTable(capacity: mask + 1)
    forEach { key1, key2, totals in bigger.merge(key1, key2, totals) }
    self = bigger
  }

  func forEach(_ body: (UInt64, UInt64, TradeTally.Totals) -> Void) {
    for index in used.indices where used[index] { body(keys1[index], keys2[index], values[index]) }
  }
}
