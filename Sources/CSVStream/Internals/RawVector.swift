import Glibc

/// A growable array of plain values in manually managed memory: the row batch appends every
/// field of every record, and `Array`'s uniqueness and capacity checks showed up in profiles.
/// Not copyable: one owner, and its `deinit` frees the memory (no hand-called deallocate).
struct RawVector<Element: BitwiseCopyable>: ~Copyable {
  private(set) var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private(set) var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var isEmpty: Bool { count == 0 }
  var first: Element? { count > 0 ? base[0] : nil }

  subscript(index: Int) -> Element {
    get { base[index] }
    nonmutating set { base[index] = newValue }
  }

  var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

  @inline(__always)
  mutating func append(_ element: Element) {
    if count == capacity { grow(to: count + 1) }
    (base + count).initialize(to: element)
    count += 1
  }

  mutating func removeFirst(_ n: Int) {
    guard n > 0 else { return }
    memmove(base, base + n, (count - n) * MemoryLayout<Element>.stride)
    count -= n
  }

  mutating func removeAll() { count = 0 }

  mutating func grow(to needed: Int) {
    let newCapacity = max(capacity * 2, needed)
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}

extension RawVector where Element == UInt8, Element: BitwiseCopyable {
  @inline(__always)
  mutating func append(bytes: UnsafeRawBufferPointer) {
    guard let source = bytes.baseAddress, bytes.count > 0 else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    memcpy(base + count, source, bytes.count)
    count += bytes.count
  }
}
