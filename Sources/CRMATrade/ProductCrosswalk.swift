import CRMAIngest

/// HS/CN product codes → CRMA material and stage, from the data package's commodity map. An
/// 8-digit CN code is matched exactly, then by its HS6 and HS4 prefix.
public struct ProductCrosswalk: Sendable {
  /// A CRMA material and value-chain stage a code maps to.
  public struct Target: Sendable, Hashable {
    public var material: String
    public var stage: String
  }

  /// The codes of the crosswalk by HS4 heading (their first four digits), for the per-row lookup:
  /// `headingStart[heading]` is 1 + the index of the heading's first entry in `entries` (sorted
  /// by heading), 0 when no code starts with it — so most codes outside the crosswalk are ruled
  /// out with one load, and a code inside is matched among its heading's few entries.
  let headingStart: [Int32]
  let entries: [Entry]

  /// One code of the crosswalk: its digit count and value, its heading and its target's index.
  struct Entry: Sendable, BitwiseCopyable {
    var digits: Int
    var value: UInt64
    var heading: Int
    var target: Int
  }
  public let targets: [Target]
  /// Codes the map lists with no material: deliberately outside the crosswalk (for example
  /// CN 85051190, permanent magnets without rare earths), with the map's note.
  public private(set) var exclusions: [String: String] = [:]

  /// A crosswalk from (code, material, stage) entries; codes that are not digits are skipped.
  public init(codes: [(code: String, material: String, stage: String)]) {
    var targets: [Target] = []
    var table: [UInt64: Int] = [:]
    for entry in codes.sorted(by: { $0.code < $1.code }) {
      let bytes = Array(entry.code.utf8)
      let digits = bytes.withUnsafeBytes { ProductDigits($0) }
      guard digits.isCode else { continue }
      let key = digits.key
      let target = Target(material: entry.material, stage: entry.stage)
      let index =
        targets.firstIndex(of: target)
        ?? {
          targets.append(target)
          return targets.count - 1
        }()
      table[key] = index
    }
    // Codes of fewer than 4 digits can never match (a code is matched exactly or by its HS6 and
    // HS4 prefix, and codes shorter than a heading are outside), so they are left out.
    var entries: [Entry] = table.compactMap { key, target in
      let digits = Int(key >> 40)
      guard digits >= 4 else { return nil }
      let value = key & ((1 << 40) - 1)
      return Entry(
        digits: digits, value: value, heading: Int(value / FixedPoint.power(digits - 4)), target: target)
    }
    entries.sort { ($0.heading, $0.digits, $0.value) < ($1.heading, $1.digits, $1.value) }
    var headingStart = [Int32](repeating: 0, count: 10_000)
    for (index, entry) in entries.enumerated().reversed() { headingStart[entry.heading] = Int32(index + 1) }
    self.headingStart = headingStart
    self.entries = entries
    self.targets = targets
  }

  /// The data package tables ``init(ingest:)`` reads.
  public static let resources: Set<String> = ["commodity_map"]

  /// From an ingested data package: every HS and CN8 row of `commodity_map` with a material.
  public init(ingest: IngestResult) throws(TradeError) {
    guard let map = ingest.table(named: "commodity_map") else {
      throw TradeError(.configuration, "the data package has no commodity_map")
    }
    var codes: [(String, String, String)] = []
    var exclusions: [String: String] = [:]
    for row in map.rows.indices {
      let system = map.value(row, "code_system")?.text
      guard system == "HS" || system == "CN8", let code = map.value(row, "code")?.text else { continue }
      guard let material = map.value(row, "material_id")?.text, !material.isEmpty else {
        exclusions[code] = map.value(row, "mapping_note")?.text ?? map.value(row, "description")?.text ?? ""
        continue
      }
      guard let stage = map.value(row, "stage")?.text else { continue }
      codes.append((code, material, stage))
    }
    self.init(codes: codes)
    self.exclusions = exclusions
  }

  /// The target of a product code given as text, as the scan would find it.
  public func target(ofCode code: String) -> Target? { targetIndex(ofCode: code).map { targets[$0] } }

  /// The index in ``targets`` of a product code given as text; nil outside the crosswalk.
  func targetIndex(ofCode code: String) -> Int? {
    let bytes = Array(code.utf8)
    let found = bytes.withUnsafeBytes { lookup($0) }
    if case .target(let index) = found { return index }
    return nil
  }

  func lookup(_ code: UnsafeRawBufferPointer) -> Lookup {
    headingStart.withUnsafeBufferPointer { starts in
      entries.withUnsafeBufferPointer { entries in
        let digits = ProductDigits(code)
        guard digits.isCode else { return .malformed }
        let found = Self.lookup(digits, headingStart: starts, entries: entries)
        return found >= 0 ? .target(found) : .outOfScope
      }
    }
  }

  /// The target index of a product code, or -1 outside the crosswalk: the exact code first,
  /// then its HS6 and its HS4 prefix. `digits` must be a code (``ProductDigits/isCode``).
  @inline(__always)
  static func lookup(
    _ digits: ProductDigits, headingStart: UnsafeBufferPointer<Int32>, entries: UnsafeBufferPointer<Entry>
  ) -> Int {
    let count = digits.count
    guard count >= 4 else { return -1 }
    let heading = Int(digits.heading)
    var index = Int(headingStart[heading]) - 1
    guard index >= 0 else { return -1 }
    var subheading = -1
    var headingTarget = -1
    while index < entries.count {
      let entry = entries[index]
      guard entry.heading == heading else { break }
      if entry.digits == count && entry.value == digits.value { return entry.target }
      if entry.digits == 6 && count > 6 && entry.value == digits.subheading {
        subheading = entry.target
      } else if entry.digits == 4 && count > 4 {
        headingTarget = entry.target
      }
      index += 1
    }
    return subheading >= 0 ? subheading : headingTarget
  }

  enum Lookup: Sendable {
    case target(Int)
    case outOfScope
    case malformed

    var isTarget: Bool {
      if case .target = self { return true }
      return false
    }
  }
}

/// A product code field read once: its digit count and value, its HS4 heading and HS6
/// subheading (the values of its first 4 and 6 digits, taken as the digits go by, so the lookup
/// divides nothing), or not a code (empty, not all digits, or longer than 12 digits).
struct ProductDigits {
  var count: Int
  var value: UInt64
  /// The first 4 digits' value (the whole value when shorter).
  var heading: UInt64
  /// The first 6 digits' value (the whole value when shorter).
  var subheading: UInt64
  var isCode: Bool

  /// No code (a row whose product field was not read).
  init() {
    count = 0
    value = 0
    heading = 0
    subheading = 0
    isCode = false
  }

  @inline(__always)
  init(_ bytes: UnsafeRawBufferPointer) {
    count = bytes.count
    var value: UInt64 = 0
    var heading: UInt64 = 0
    var subheading: UInt64 = 0
    var digitsOnly = count > 0 && count <= 12
    if digitsOnly {
      for offset in 0..<count {
        let digit = bytes[offset] &- 48
        if digit > 9 {
          digitsOnly = false
          break
        }
        value = value &* 10 &+ UInt64(digit)
        if offset == 3 { heading = value }
        if offset == 5 { subheading = value }
      }
    }
    self.value = value
    self.heading = count < 4 ? value : heading
    self.subheading = count < 6 ? value : subheading
    isCode = digitsOnly
  }

  /// The tally's product key (``TradeKey/product``): digit count << 40 | value, leading zeros
  /// kept by the count.
  var key: UInt64 { UInt64(count) << 40 | value }
}
