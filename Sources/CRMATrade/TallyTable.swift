/// An open-addressing hash table from two 64-bit keys to totals, with a cheap multiplicative
/// hash: the per-row `Dictionary` lookup with SipHash showed in profiles. Each slot holds its keys
/// and totals together, so adding a row touches one place in memory (separate key, flag and
/// total arrays cost a cache miss each per row once the table outgrew the cache). Not for
/// untrusted keys at adversarial scale — the keys here are (partner code, product and period), a
/// few thousand to tens of thousands of distinct values per file. Key 2 is never 0 (product keys
/// carry their digit count), so a slot whose key 2 is 0 is free.
struct TallyTable: Sendable {
  struct Slot: Sendable {
    var key1: UInt64 = 0
    var key2: UInt64 = 0
    var totals = TradeTally.Totals()
  }

  private var slots: [Slot]
  private(set) var count = 0
  private var mask: Int

  init(capacity: Int = 1 << 12) {
    var size = 16
    while size * 3 < capacity * 4 { size <<= 1 }
    slots = Array(repeating: Slot(), count: size)
    mask = size - 1
  }

  @inline(__always)
  private static func hash(_ key1: UInt64, _ key2: UInt64) -> Int {
    let hash = (key1 &* 0x9E37_79B9_7F4A_7C15) ^ (key2 &* 0xC2B2_AE3D_27D4_EB4F)
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  /// Adds one row to the totals of (key1, key2); checked, an overflow marks the group.
  @inline(__always)
  mutating func add(_ key1: UInt64, _ key2: UInt64, value: Int128, mass: Int128?) {
    assert(key2 != 0, "tally key 2 must not be 0")
    let mask = self.mask
    let created: Bool = slots.withUnsafeMutableBufferPointer { slots in
      var index = Self.hash(key1, key2) & mask
      while true {
        let slot = slots[index]
        if slot.key2 == key2 && slot.key1 == key1 { break }
        if slot.key2 == 0 {
          slots[index].key1 = key1
          slots[index].key2 = key2
          slots[index].totals.add(value: value, mass: mass, rows: 1, rowsWithoutMass: mass == nil ? 1 : 0)
          return true
        }
        index = (index + 1) & mask
      }
      slots[index].totals.add(value: value, mass: mass, rows: 1, rowsWithoutMass: mass == nil ? 1 : 0)
      return false
    }
    if created {
      count += 1
      // Grown at three quarters full: with keys per product code (tens of thousands on a large
      // extract) a half-empty table cost more memory than its probing saved time.
      if count * 4 > (mask + 1) * 3 { grow() }
    }
  }

  /// Adds another group's totals to (key1, key2).
  mutating func merge(_ key1: UInt64, _ key2: UInt64, _ other: TradeTally.Totals) {
    var index = Self.hash(key1, key2) & mask
    while slots[index].key2 != 0 && (slots[index].key1 != key1 || slots[index].key2 != key2) {
      index = (index + 1) & mask
    }
    if slots[index].key2 == 0 {
      slots[index].key1 = key1
      slots[index].key2 = key2
      count += 1
      slots[index].totals = other
      if count * 4 > (mask + 1) * 3 { grow() }
    } else {
      slots[index].totals.merge(other)
    }
  }

  private mutating func grow() {
    var bigger = TallyTable(capacity: mask + 1)
    forEach { key1, key2, totals in bigger.merge(key1, key2, totals) }
    self = bigger
  }

  func forEach(_ body: (UInt64, UInt64, TradeTally.Totals) -> Void) {
    for slot in slots where slot.key2 != 0 { body(slot.key1, slot.key2, slot.totals) }
  }
}
