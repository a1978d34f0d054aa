import Testing

@testable import CRMATrade

/// The trade tally's hash table on its own (synthetic keys and sums, for tests only).
@Suite("Tally table")
struct TallyTableTests {
  func totals(_ table: TallyTable) -> [[UInt64]: TradeTally.Totals] {
    var found: [[UInt64]: TradeTally.Totals] = [:]
    table.forEach { key1, key2, totals in found[[key1, key2]] = totals }
    return found
  }

  @Test("a slot is one 64-byte cache line")
  func slotSize() {
    #expect(MemoryLayout<TallyTable.Slot>.stride == 64)
    #expect(MemoryLayout<TallyTable.Slot>.alignment <= 64)
  }

  @Test("sums, row counts and rows without mass per key, across growth")
  func sums() {
    var table = TallyTable(capacity: 4)
    for key in 1...1000 {
      table.add(UInt64(key % 7), UInt64(key), value: Int128(key), mass: key % 3 == 0 ? nil : 2)
      table.add(UInt64(key % 7), UInt64(key), value: 1, mass: 5)
    }
    #expect(table.count == 1000)
    let found = totals(table)
    #expect(found.count == 1000)
    let group = found[[UInt64(9 % 7), 9]]
    #expect(group?.value == 10)
    #expect(group?.mass == 5)
    #expect(group?.rows == 2)
    #expect(group?.rowsWithoutMass == 1)
    #expect(group?.overflow == false)
    #expect(found[[UInt64(10 % 7), 10]]?.mass == 7)
  }

  @Test("an overflowing sum marks its group only, also after growth and merging")
  func overflow() {
    var table = TallyTable(capacity: 4)
    table.add(1, 1, value: .max, mass: 0)
    table.add(1, 1, value: 1, mass: 0)
    table.add(2, 2, value: 5, mass: .max)
    for key in 3...100 { table.add(UInt64(key), UInt64(key), value: 1, mass: 1) }
    var found = totals(table)
    #expect(found[[1, 1]]?.overflow == true)
    #expect(found[[2, 2]]?.overflow == false)
    var other = TallyTable()
    other.add(2, 2, value: 1, mass: 1)
    other.merge(1, 1, TradeTally.Totals(value: 1, mass: 1, rows: 1, rowsWithoutMass: 0, overflow: false))
    table.forEach { key1, key2, totals in other.merge(key1, key2, totals) }
    found = totals(other)
    #expect(found[[1, 1]]?.overflow == true)
    #expect(found[[2, 2]]?.overflow == true)
    #expect(found[[3, 3]]?.overflow == false)
  }

  @Test("a copy is a value: adding to one leaves the other as it was")
  func copyOnWrite() {
    var first = TallyTable()
    first.add(1, 1, value: 10, mass: nil)
    var second = first
    second.add(1, 1, value: 5, mass: nil)
    second.add(2, 2, value: 1, mass: 1)
    second.merge(3, 3, TradeTally.Totals(value: 1, mass: 1, rows: 1, rowsWithoutMass: 0, overflow: false))
    #expect(totals(first)[[1, 1]]?.value == 10)
    #expect(first.count == 1)
    #expect(totals(second)[[1, 1]]?.value == 15)
    #expect(second.count == 3)
  }
}
