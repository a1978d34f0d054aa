import Glibc

/// A 64-bit hash of a key's canonical texts (FNV-1a, then the SplitMix64 finaliser to spread the
/// bits): equal keys give equal hashes; different keys almost never do (about one pair in 2^64).
struct KeyHash {
  private var state: UInt64 = 0xcbf2_9ce4_8422_2325

  /// Adds one value of the key; nil (a missing value) hashes differently from any text.
  mutating func add(_ value: FieldValue?) {
    guard let value else {
      mix(0x1E)
      return
    }
    var text = value.text
    text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
  }

  /// Adds one value of the key by its canonical text (``FieldValue/text``): the same as
  /// ``add(_:)`` of a value with that text.
  mutating func add(bytes: UnsafeRawBufferPointer) {
    for byte in bytes { mix(byte) }
    mix(0x1F)
  }

  private mutating func mix(_ byte: UInt8) {
    state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }

  var value: UInt64 {
    var z = state &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The hash of a whole key.
  static func of(_ values: [FieldValue?]) -> UInt64 {
    var hash = KeyHash()
    for value in values { hash.add(value) }
    return hash.value
  }
}

/// Key hashes with the line each came from, kept in bounded memory: pairs are split by their
/// hash's top bits into ``partitionCount`` anonymous temporary files (`tmpfile`, removed by the
/// system when closed), each written through a small buffer. Afterwards one partition at a
/// time is read back and sorted, so finding equal hashes (duplicate keys) or hashes missing from
/// another spill (foreign keys) needs memory for one partition, not for all keys.
///
/// 16 bytes per key on disk; in memory the buffers (``partitionCount`` × ``bufferPairs`` × 16
/// bytes = 4 MiB) and one partition while it is checked (a 1 GB resource of 14 million rows:
/// 224 MB on disk, 3.5 MB per partition).
final class KeySpill {
  static let partitionBits = 6
  static let partitionCount = 1 << partitionBits
  static let bufferPairs = 4096

  private var files: [UnsafeMutablePointer<FILE>?]
  private let buffer: UnsafeMutablePointer<UInt64>
  private var filled: [Int]
  /// Pairs added.
  private(set) var count = 0
  /// Why the spill could not be written (no temporary file, a full disk); nil while it works.
  private(set) var failure: String?

  init() {
    files = Array(repeating: nil, count: Self.partitionCount)
    buffer = .allocate(capacity: Self.partitionCount * Self.bufferPairs * 2)
    filled = Array(repeating: 0, count: Self.partitionCount)
  }

  deinit {
    for file in files { if let file { fclose(file) } }
    buffer.deallocate()
  }

  private static func partition(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: hash >> UInt64(64 - partitionBits))
  }

  /// Adds a key's hash and the line it is on.
  func add(_ hash: UInt64, line: Int) {
    let partition = Self.partition(hash)
    let used = filled[partition]
    let slot = buffer + (partition * Self.bufferPairs + used) * 2
    slot[0] = hash
    slot[1] = UInt64(truncatingIfNeeded: line)
    count += 1
    filled[partition] = used + 1
    if used + 1 == Self.bufferPairs { flush(partition) }
  }

  private func flush(_ partition: Int) {
    let used = filled[partition]
    filled[partition] = 0
    guard used > 0, failure == nil else { return }
    if files[partition] == nil {
      files[partition] = tmpfile()
      if files[partition] == nil {
        failure = "cannot create a temporary file: \(String(cString: strerror(errno)))"
        return
      }
    }
    if fwrite(buffer + partition * Self.bufferPairs * 2, 16, used, files[partition]) != used {
      failure = "cannot write a temporary file: \(String(cString: strerror(errno)))"
    }
  }

  /// Forgets every pair (the temporary files are emptied, not closed).
  func reset() {
    for file in files {
      guard let file else { continue }
      fflush(file)
      _ = ftruncate(fileno(file), 0)
      rewind(file)
    }
    for partition in 0..<Self.partitionCount { filled[partition] = 0 }
    count = 0
    failure = nil
  }

  /// Adds every pair of `other`, after this spill's own (a later part of the same file).
  func append(_ other: KeySpill) {
    if let failure = other.failure { self.failure = self.failure ?? failure }
    for partition in 0..<Self.partitionCount {
      for (hash, line) in other.pairs(partition) { add(hash, line: line) }
    }
  }

  /// The pairs of one partition, as (hash, line), in the order added.
  private func pairs(_ partition: Int) -> [(hash: UInt64, line: Int)] {
    var result: [(hash: UInt64, line: Int)] = []
    if let file = files[partition] {
      fflush(file)
      let size = ftello(file)
      rewind(file)
      let stored = Int(size) / 16
      result.reserveCapacity(stored + filled[partition])
      var chunk = [UInt64](repeating: 0, count: 2 * Self.bufferPairs)
      var remaining = stored
      while remaining > 0 {
        let want = min(remaining, Self.bufferPairs)
        let got = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 16, want, file) }
        if got == 0 {
          failure = failure ?? "cannot read back a temporary file: \(String(cString: strerror(errno)))"
          break
        }
        for index in 0..<got {
          result.append((chunk[2 * index], Int(truncatingIfNeeded: chunk[2 * index + 1])))
        }
        remaining -= got
      }
      fseeko(file, 0, SEEK_END)
    }
    let base = buffer + partition * Self.bufferPairs * 2
    for index in 0..<filled[partition] {
      result.append((base[2 * index], Int(truncatingIfNeeded: base[2 * index + 1])))
    }
    return result
  }

  /// Lines whose hash another line added earlier also has: every line after the first of each
  /// group of equal hashes, with the first line of its group. Equal hashes are duplicate keys
  /// but for a 64-bit collision, so the caller compares the keys' texts.
  func equalHashes(limit: Int) -> (pairs: [(line: Int, first: Int)], more: Int) {
    var found: [(line: Int, first: Int)] = []
    var more = 0
    for partition in 0..<Self.partitionCount {
      let pairs = pairs(partition)
      // Hashes seen twice, found with an open-addressing table of the partition's hashes (0 marks
      // an empty slot; a hash of 0 is stored as 1, which can only add a candidate that the caller's
      // comparison of values then drops).
      var capacity = 16
      while capacity < pairs.count * 2 { capacity <<= 1 }
      let mask = capacity - 1
      var table = [UInt64](repeating: 0, count: capacity)
      var repeated: Set<UInt64> = []
      for (hash, _) in pairs {
        let stored = hash == 0 ? 1 : hash
        var slot = Int(truncatingIfNeeded: stored) & mask
        while true {
          let current = table[slot]
          if current == 0 {
            table[slot] = stored
            break
          }
          if current == stored {
            repeated.insert(hash)
            break
          }
          slot = (slot + 1) & mask
        }
      }
      if repeated.isEmpty { continue }
      // Pairs are in the order added, which is line order: the first of each hash is its first line.
      var firstLine: [UInt64: Int] = [:]
      for (hash, line) in pairs where repeated.contains(hash) {
        if let first = firstLine[hash] {
          if found.count < limit { found.append((line, first)) } else { more += 1 }
        } else {
          firstLine[hash] = line
        }
      }
    }
    found.sort { $0.line < $1.line }
    return (found, more)
  }

  /// Lines of this spill whose hash `targets` does not hold (foreign keys that resolve to
  /// nothing), in line order, at most `limit` of them, and how many more.
  func missing(from targets: KeySpill, limit: Int) -> (lines: [Int], more: Int) {
    var found: [Int] = []
    var more = 0
    for partition in 0..<Self.partitionCount {
      let sources = pairs(partition)
      if sources.isEmpty { continue }
      var known = targets.pairs(partition).map(\.hash)
      known.sort()
      for (hash, line) in sources {
        var low = 0
        var high = known.count
        while low < high {
          let middle = (low + high) / 2
          if known[middle] < hash { low = middle + 1 } else { high = middle }
        }
        if low == known.count || known[low] != hash {
          if found.count < limit { found.append(line) } else { more += 1 }
        }
      }
    }
    found.sort()
    return (found, more)
  }
}
