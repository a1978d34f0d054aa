import CSVStream
import CSystemShims

// The unsafe part of the trade scan, kept apart: plain buffers the C callbacks read through one
// context pointer (reading Swift arrays through a pointer would retain them on every call), the
// scan state, and the two `@convention(c)` functions libcsv calls for every field and record.

/// The scanner's tables as plain buffers, owned: freed when the value goes away, never copied.
struct ScanBuffers: ~Copyable {
  let roles: UnsafeMutableBufferPointer<Int>
  /// The import flow values, back to back, and where each ends.
  let flowBytes: UnsafeMutableBufferPointer<UInt8>
  let flowEnds: UnsafeMutableBufferPointer<Int>
  let headingStart: UnsafeMutableBufferPointer<Int32>
  let entries: UnsafeMutableBufferPointer<ProductCrosswalk.Entry>

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
    headingStart = Self.copy(scanner.crosswalk.headingStart)
    entries = Self.copy(scanner.crosswalk.entries)
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
    Self.free(headingStart)
    Self.free(entries)
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

/// Everything the field and row functions need, behind one context pointer.
struct ScanState: ~Copyable {
  /// The raw scan's field index, record count and limits (see ``RawScanCursor``), in its own
  /// heap cell (owned by ``ScanContext``) that the reader reads after each chunk.
  let cursor: UnsafeMutablePointer<RawScanCursor>
  let buffers: ScanBuffers
  let fieldCount: Int
  var row = TradeScanner.Row()
  /// The text of each role's field, written only when it fails to parse (for the message).
  var texts = [String](repeating: "", count: 6)
  var tally: TradeTally
}

/// Owns the heap cell the C callbacks see as their context; deinitialised and freed in `deinit`.
struct ScanContext: ~Copyable {
  let state: UnsafeMutablePointer<ScanState>

  init(_ state: consuming ScanState) {
    self.state = .allocate(capacity: 1)
    self.state.initialize(to: state)
  }

  var cursor: UnsafeMutablePointer<RawScanCursor> { state.pointee.cursor }

  /// Takes the tally out at the end of the scan.
  var tally: TradeTally { state.pointee.tally }

  deinit {
    let cursor = state.pointee.cursor
    state.deinitialize(count: 1)
    state.deallocate()
    cursor.deinitialize(count: 1)
    cursor.deallocate()
  }
}

extension TradeScanner {
  /// Adds the records of `reader` to `tally`, in one raw scan: libcsv calls the two functions
  /// below directly. Bad rows are listed by record number (``TradeIngest`` looks up their lines).
  func scan(_ reader: CSVReader, into tally: inout TradeTally) throws(CSVError) {
    let cursor = UnsafeMutablePointer<RawScanCursor>.allocate(capacity: 1)
    cursor.initialize(to: RawScanCursor(limits: reader.limits))
    let context = ScanContext(
      ScanState(cursor: cursor, buffers: ScanBuffers(self), fieldCount: fieldCount, tally: tally))
    try reader.scanRaw(
      context: UnsafeMutableRawPointer(context.state), cursor: context.cursor, field: tradeField,
      row: tradeRow)
    tally = context.tally
  }

  @inline(__always)
  static func field(_ index: Int, _ bytes: UnsafeRawBufferPointer, _ state: UnsafeMutablePointer<ScanState>) {
    let roles = state.pointee.buffers.roles
    guard index < roles.count else { return }
    switch roles[index] {
    case partner:
      guard state.pointee.row.mayCount else { return }
      if let packed = TradeTally.pack(bytes) {
        state.pointee.row.partner = packed
        keyPart(TradeScanner.Row.partnerPart, state)
      } else {
        failed(partner, bytes, state)
      }
    case product:
      let digits = ProductDigits(bytes)
      state.pointee.row.digits = digits
      state.pointee.row.productSeen = true
      if !digits.isCode {
        failed(product, bytes, state)
      } else if state.pointee.row.flowSeen {
        if state.pointee.row.isImport { resolve(state) }
      } else if digits.count >= 4 {
        // The lookup waits for the flow (exports are not looked up); its first load, the
        // heading's entry, is started now.
        crma_prefetch_read(state.pointee.buffers.headingStart.baseAddress! + Int(digits.heading))
      }
    case flow:
      state.pointee.row.isImport = state.pointee.buffers.isImportFlow(bytes)
      state.pointee.row.flowSeen = true
      if state.pointee.row.isImport && state.pointee.row.productSeen && !state.pointee.row.resolved {
        resolve(state)
      }
    case period:
      guard state.pointee.row.mayCount else { return }
      if let found = period(bytes) {
        state.pointee.row.year = found.year
        state.pointee.row.monthly = found.monthly
        keyPart(TradeScanner.Row.periodPart, state)
      } else {
        failed(period, bytes, state)
      }
    case value:
      // Numbers of rows already known not to count are not parsed.
      guard state.pointee.row.mayCount else { return }
      if let parsed = FixedPoint.parse(bytes) {
        state.pointee.row.value = parsed
      } else {
        failed(value, bytes, state)
      }
    case mass:
      guard state.pointee.row.mayCount else { return }
      state.pointee.row.massPresent = !bytes.isEmpty
      if !bytes.isEmpty {
        if let parsed = FixedPoint.parse(bytes) {
          state.pointee.row.mass = parsed
        } else {
          failed(mass, bytes, state)
        }
      }
    default:
      break
    }
  }

  /// A field that did not parse: its role's bit is set (a product that is not a code is marked
  /// as such) and its text kept for the message. Out of line, so the field function's common
  /// path carries no String code.
  @inline(never)
  static func failed(_ role: Int, _ bytes: UnsafeRawBufferPointer, _ state: UnsafeMutablePointer<ScanState>) {
    if role == product {
      state.pointee.row.product = -2
      state.pointee.row.resolved = true
    } else {
      state.pointee.row.failed |= 1 << role
    }
    state.pointee.texts[role] = String(decoding: bytes, as: UTF8.self)
  }

  /// Looks the row's product code up in the crosswalk: done once the row is known to be an import
  /// (exports are not looked up). A code outside has its slot in the outside table prefetched.
  @inline(__always)
  static func resolve(_ state: UnsafeMutablePointer<ScanState>) {
    let digits = state.pointee.row.digits
    let found = ProductCrosswalk.lookup(
      digits, headingStart: UnsafeBufferPointer(state.pointee.buffers.headingStart),
      entries: UnsafeBufferPointer(state.pointee.buffers.entries))
    state.pointee.row.product = found
    state.pointee.row.resolved = true
    if found >= 0 {
      keyPart(TradeScanner.Row.productPart, state)
    } else {
      state.pointee.tally.outside.prefetch(0, digits.key)
    }
  }

  /// Records that a part of the row's tally key is known; once partner, product and period all
  /// are, the slot the row will be added to is prefetched (the add waits for the row's end).
  @inline(__always)
  static func keyPart(_ part: UInt8, _ state: UnsafeMutablePointer<ScanState>) {
    state.pointee.row.keyParts |= part
    guard state.pointee.row.keyParts == TradeScanner.Row.allParts else { return }
    let row = state.pointee.row
    state.pointee.tally.totals.prefetch(
      row.partner, TradeKey(product: row.digits.key, monthly: row.monthly, year: row.year).packed)
  }

  @inline(__always)
  static func row(_ state: UnsafeMutablePointer<ScanState>) {
    let count = state.pointee.cursor.pointee.endRow()
    guard count > 0 else { return }
    finish(state, count: count, record: state.pointee.cursor.pointee.records)
    state.pointee.row = Row()
  }
}

/// libcsv's field callback for ``TradeScanner``: the context is its scan state. Inlined into the
/// C entry point Swift makes for it (without, that entry point called this body: a second call
/// per field).
@inline(__always)
private func tradeField(_ bytes: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?)
{
  let state = context.unsafelyUnwrapped.assumingMemoryBound(to: ScanState.self)
  let index = state.pointee.cursor.pointee.field(count)
  guard index >= 0 else { return }
  TradeScanner.field(index, UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count), state)
}

/// libcsv's row callback for ``TradeScanner``.
@inline(__always)
private func tradeRow(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
  TradeScanner.row(context.unsafelyUnwrapped.assumingMemoryBound(to: ScanState.self))
}
