import CSVStream

// The unsafe part of the trade scan, kept apart: plain buffers the C callbacks read through one
// context pointer (reading Swift arrays through a pointer would retain them on every call), the
// scan state, and the two `@convention(c)` functions libcsv calls for every field and record.

/// The scanner's tables as plain buffers, owned: freed when the value goes away, never copied.
struct ScanBuffers: ~Copyable {
  let roles: UnsafeMutableBufferPointer<Int>
  /// The import flow values, back to back, and where each ends.
  let flowBytes: UnsafeMutableBufferPointer<UInt8>
  let flowEnds: UnsafeMutableBufferPointer<Int>
  let codeKeys: UnsafeMutableBufferPointer<UInt64>
  let codeTargets: UnsafeMutableBufferPointer<Int>

  init(_ scanner: TradeScanner) {
    roles = Self.copy(scanner.roles)
    let flows = scanner.importFlows
    flowBytes = Self.copy(flows.flatMap { $0 })
    var end = 0
    flowEnds = Self.copy(
      flows.map {
        end += $0.count
        return end
      })
    codeKeys = Self.copy(scanner.crosswalk.keys)
    codeTargets = Self.copy(scanner.crosswalk.indexes)
  }

  private static func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
    let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, array.count))
    _ = buffer.initialize(from: array)
    return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
  }

  private static func free<Element>(_ buffer: UnsafeMutableBufferPointer<Element>) {
    buffer.baseAddress.map { _ = $0.deinitialize(count: buffer.count) }
    // A zero-count rebased buffer still starts at the allocation.
    buffer.baseAddress?.deallocate()
  }

  deinit {
    Self.free(roles)
    Self.free(flowBytes)
    Self.free(flowEnds)
    Self.free(codeKeys)
    Self.free(codeTargets)
  }

  /// Whether `bytes` is one of the import flows, compared byte for byte whatever their length.
  @inline(__always)
  func isImportFlow(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var start = 0
    for end in flowEnds {
      if end - start == bytes.count {
        var equal = true
        for offset in 0..<bytes.count where flowBytes[start + offset] != bytes[offset] {
          equal = false
          break
        }
        if equal { return true }
      }
      start = end
    }
    return false
  }
}

/// Everything the field and record functions need, behind one context pointer.
struct ScanState: ~Copyable {
  let buffers: ScanBuffers
  let fieldCount: Int
  var row = TradeScanner.Row()
  var tally: TradeTally
}

/// Owns the heap cell the C callbacks see as their context; deinitialised and freed in `deinit`.
struct ScanContext: ~Copyable {
  let state: UnsafeMutablePointer<ScanState>

  init(_ state: consuming ScanState) {
    self.state = .allocate(capacity: 1)
    self.state.initialize(to: state)
  }

  /// Takes the tally out at the end of the scan.
  var tally: TradeTally { state.pointee.tally }

  deinit {
    state.deinitialize(count: 1)
    state.deallocate()
  }
}

extension TradeScanner {
  func scan(_ reader: CSVReader, into tally: inout TradeTally) throws(CSVError) {
    let context = ScanContext(ScanState(buffers: ScanBuffers(self), fieldCount: fieldCount, tally: tally))
    try reader.scan(context: UnsafeMutableRawPointer(context.state), field: tradeField, record: tradeRecord)
    tally = context.tally
  }

  @inline(__always)
  static func field(_ index: Int, _ bytes: UnsafeRawBufferPointer, _ state: UnsafeMutablePointer<ScanState>) {
    let roles = state.pointee.buffers.roles
    guard index < roles.count else { return }
    switch roles[index] {
    case partner:
      state.pointee.row.partner = TradeTally.pack(bytes)
      if state.pointee.row.partner == nil {
        state.pointee.row.partnerText = String(decoding: bytes, as: UTF8.self)
      }
    case product:
      let found = ProductCrosswalk.lookup(
        bytes, keys: state.pointee.buffers.codeKeys, indexes: state.pointee.buffers.codeTargets)
      state.pointee.row.product = found
      state.pointee.row.productKey = TradeKey.product(bytes)
      state.pointee.row.productSeen = true
      if state.pointee.row.productKey == nil {
        state.pointee.row.product = .malformed
        state.pointee.row.productText = String(decoding: bytes, as: UTF8.self)
      }
    case flow:
      state.pointee.row.isImport = state.pointee.buffers.isImportFlow(bytes)
      state.pointee.row.flowSeen = true
    case period:
      if let found = period(bytes) {
        state.pointee.row.year = found.year
        state.pointee.row.monthly = found.monthly
        state.pointee.row.periodValid = true
      } else {
        state.pointee.row.periodText = String(decoding: bytes, as: UTF8.self)
      }
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
}

/// libcsv-speed field function for ``TradeScanner``: the context is its scan state.
private func tradeField(
  _ context: UnsafeMutableRawPointer, _ index: Int, _ bytes: UnsafeRawPointer?, _ count: Int
) {
  let state = context.assumingMemoryBound(to: ScanState.self)
  TradeScanner.field(index, UnsafeRawBufferPointer(start: bytes, count: count), state)
}

private func tradeRecord(_ context: UnsafeMutableRawPointer, _ line: Int, _ count: Int) {
  let state = context.assumingMemoryBound(to: ScanState.self)
  TradeScanner.record(line, count, state)
}
