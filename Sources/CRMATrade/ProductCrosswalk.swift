import CRMAIngest

/// HS/CN product codes → CRMA material and stage, from the data package's commodity map. An
/// 8-digit CN code is matched exactly, then by its HS6 and HS4 prefix.
public struct ProductCrosswalk: Sendable {
  /// A CRMA material and value-chain stage a code maps to.
  public struct Target: Sendable, Hashable {
    public var material: String
    public var stage: String
  }

  /// Code keys (digit count << 56 | value), sorted, and the target index of each: a binary search
  /// over a few dozen codes is cheaper per row than hashing.
  let keys: [UInt64]
  let indexes: [Int]
  public let targets: [Target]
  /// Codes the map lists with no material: deliberately outside the crosswalk (for example
  /// CN 85051190, permanent magnets without rare earths), with the map's note.
  public private(set) var exclusions: [String: String] = [:]

  /// A crosswalk from (code, material, stage) entries; codes that are not digits are skipped.
  public init(codes: [(code: String, material: String, stage: String)]) {
    var targets: [Target] = []
    var table: [UInt64: Int] = [:]
    for entry in codes.sorted(by: { $0.code < $1.code }) {
      guard let key = Self.key(Array(entry.code.utf8)) else { continue }
      let target = Target(material: entry.material, stage: entry.stage)
      let index =
        targets.firstIndex(of: target)
        ?? {
          targets.append(target)
          return targets.count - 1
        }()
      table[key] = index
    }
    let sortedKeys = table.keys.sorted()
    self.keys = sortedKeys
    self.indexes = sortedKeys.map { table[$0]! }
    self.targets = targets
  }

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

  static func key<Bytes: Collection>(_ digits: Bytes) -> UInt64? where Bytes.Element == UInt8 {
    guard !digits.isEmpty, digits.count <= 12 else { return nil }
    var value: UInt64 = 0
    for byte in digits {
      guard byte >= 48 && byte <= 57 else { return nil }
      value = value * 10 + UInt64(byte - 48)
    }
    return UInt64(digits.count) << 56 | value
  }

  @inline(__always)
  func lookup(_ code: UnsafeRawBufferPointer) -> Lookup {
    Self.lookup(code, keys: keys, indexes: indexes)
  }

  @inline(__always)
  static func lookup<Keys: RandomAccessCollection<UInt64>, Indexes: RandomAccessCollection<Int>>(
    _ code: UnsafeRawBufferPointer, keys: Keys, indexes: Indexes
  ) -> Lookup where Keys.Index == Int, Indexes.Index == Int {
    func find(_ key: UInt64) -> Int? {
      var low = 0
      var high = keys.count - 1
      while low <= high {
        let middle = (low + high) >> 1
        let candidate = keys[middle]
        if candidate == key { return indexes[middle] }
        if candidate < key { low = middle + 1 } else { high = middle - 1 }
      }
      return nil
    }
    var value: UInt64 = 0
    for byte in code {
      guard byte >= 48 && byte <= 57 else { return .malformed }
      value = value &* 10 &+ UInt64(byte - 48)
    }
    let count = code.count
    guard count >= 4 && count <= 12 else { return count == 0 ? .malformed : .outOfScope }
    if let index = find(UInt64(count) << 56 | value) { return .target(index) }
    var shortened = value
    var digits = count
    for prefix in [6, 4] where digits > prefix {
      while digits > prefix {
        shortened /= 10
        digits -= 1
      }
      if let index = find(UInt64(prefix) << 56 | shortened) { return .target(index) }
    }
    return .outOfScope
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
