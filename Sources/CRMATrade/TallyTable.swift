import CSystemShims
import Glibc

/// An open-addressing hash table from two 64-bit keys to totals, with a cheap multiplicative
/// hash: the per-row `Dictionary` lookup with SipHash showed in profiles. Not for untrusted keys
/// at adversarial scale — the keys here are (partner code, product and period), a few thousand to
/// tens of thousands of distinct values per file. Key 2 is never 0 (product keys carry their digit
/// count), so a slot whose key 2 is 0 is free.
///
/// Each slot is one 64-byte cache line (keys and sums together, the buffer aligned to 64 bytes):
/// with keys per product code the table outgrows the caches, and the probe's cache miss was most
/// of a row's cost. The scan asks for a row's slot early (``prefetch(_:_:)``) and adds at the row's
/// end. Overflow flags, rare, are kept apart so that a slot stays one line.
struct TallyTable: Sendable {
  /// One group: its keys and exact sums. Exactly 64 bytes (checked by a test).
  struct Slot {
    var key1: UInt64 = 0
    var key2: UInt64 = 0
    var value: Int128 = 0
    var mass: Int128 = 0
    var rows = 0
    var rowsWithoutMass = 0
  }

  /// The slots, owned; copied before a write when shared (copy on write).
  final class Storage: @unchecked Sendable {
    let slots: UnsafeMutablePointer<Slot>
    let capacity: Int

    /// Tables of at least this size are aligned to it and asked for huge pages: the probes land
    /// anywhere in the table, and with 4 KiB pages the prefetch of a slot waited for a page walk.
    static let hugePage = 2 << 20

    init(capacity: Int) {
      self.capacity = capacity
      let bytes = capacity * MemoryLayout<Slot>.stride
      let huge = bytes >= Self.hugePage
      let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: huge ? Self.hugePage : 64)
      // A hint only: where the kernel gives no huge pages the table works the same.
      if huge { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
      slots = raw.bindMemory(to: Slot.self, capacity: capacity)
      slots.initialize(repeating: Slot(), count: capacity)
    }

    func copy() -> Storage {
      let copy = Storage(capacity: capacity)
      copy.slots.update(from: slots, count: capacity)
      return copy
    }

    deinit {
      slots.deinitialize(count: capacity)
      UnsafeMutableRawPointer(slots).deallocate()
    }
  }

  private var storage: Storage
  private(set) var count = 0
  private var mask: Int
  /// Groups whose sums overflowed (value or mass did not fit in 128 bits), as (key 1, key 2).
  private var overflowed: Set<[UInt64]> = []

  init(capacity: Int = 1 << 12) {
    var size = 16
    while size * 3 < capacity * 4 { size <<= 1 }
    storage = Storage(capacity: size)
    mask = size - 1
  }

  @inline(__always)
  private static func hash(_ key1: UInt64, _ key2: UInt64) -> Int {
    let hash = (key1 &* 0x9E37_79B9_7F4A_7C15) ^ (key2 &* 0xC2B2_AE3D_27D4_EB4F)
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }

  /// Asks the CPU to bring the first slot (key1, key2) probes into the cache, so that the add at
  /// the row's end finds it there. Changes nothing.
  @inline(__always)
  func prefetch(_ key1: UInt64, _ key2: UInt64) {
    crma_prefetch_write(storage.slots + (Self.hash(key1, key2) & mask))
  }

  /// Adds one row to the totals of (key1, key2); checked, an overflow marks the group.
  @inline(__always)
  mutating func add(_ key1: UInt64, _ key2: UInt64, value: Int128, mass: Int128?) {
    assert(key2 != 0, "tally key 2 must not be 0")
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    let slots = storage.slots
    var index = Self.hash(key1, key2) & mask
    while slots[index].key2 != key2 || slots[index].key1 != key1 {
      if slots[index].key2 == 0 {
        slots[index].key1 = key1
        slots[index].key2 = key2
        count += 1
        break
      }
      index = (index + 1) & mask
    }
    let (newValue, valueOverflow) = slots[index].value.addingReportingOverflow(value)
    let (newMass, massOverflow) = slots[index].mass.addingReportingOverflow(mass ?? 0)
    slots[index].value = newValue
    slots[index].mass = newMass
    slots[index].rows &+= 1
    if mass == nil { slots[index].rowsWithoutMass &+= 1 }
    if valueOverflow || massOverflow { markOverflow(key1, key2) }
    // Grown at three quarters full: with keys per product code (tens of thousands on a large
    // extract) a half-empty table cost more memory than its probing saved time.
    if count * 4 > (mask + 1) * 3 { grow() }
  }

  @inline(never)
  private mutating func markOverflow(_ key1: UInt64, _ key2: UInt64) {
    overflowed.insert([key1, key2])
  }

  /// Adds another group's totals to (key1, key2).
  mutating func merge(_ key1: UInt64, _ key2: UInt64, _ other: TradeTally.Totals) {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    let slots = storage.slots
    var index = Self.hash(key1, key2) & mask
    while slots[index].key2 != 0 && (slots[index].key1 != key1 || slots[index].key2 != key2) {
      index = (index + 1) & mask
    }
    var totals = TradeTally.Totals()
    if slots[index].key2 == 0 {
      slots[index].key1 = key1
      slots[index].key2 = key2
      count += 1
    } else {
      totals = Self.totals(slots[index], overflow: overflowed.contains([key1, key2]))
    }
    totals.merge(other)
    slots[index].value = totals.value
    slots[index].mass = totals.mass
    slots[index].rows = totals.rows
    slots[index].rowsWithoutMass = totals.rowsWithoutMass
    if totals.overflow { markOverflow(key1, key2) }
    if count * 4 > (mask + 1) * 3 { grow() }
  }

  private static func totals(_ slot: Slot, overflow: Bool) -> TradeTally.Totals {
    TradeTally.Totals(
      value: slot.value, mass: slot.mass, rows: slot.rows, rowsWithoutMass: slot.rowsWithoutMass,
      overflow: overflow)
  }

  private mutating func grow() {
    var bigger = TallyTable(capacity: mask + 1)
    forEach { key1, key2, totals in bigger.merge(key1, key2, totals) }
    self = bigger
  }

  func forEach(_ body: (UInt64, UInt64, TradeTally.Totals) -> Void) {
    for index in 0...mask where storage.slots[index].key2 != 0 {
      let slot = storage.slots[index]
      body(
        slot.key1, slot.key2,
        Self.totals(slot, overflow: !overflowed.isEmpty && overflowed.contains([slot.key1, slot.key2])))
    }
  }
}
