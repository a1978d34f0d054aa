import CSystemShims
import Glibc

/// SHA-256 (FIPS 180-4), for the run manifest and the stage records: ~80 lines instead of a
/// crypto package for one hash. Checked against the FIPS 180-4 examples in the tests.
public struct SHA256: Sendable {
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  /// A fresh hash.
  public init() {}

  /// Adds `bytes` to the hashed message.
  public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let absorbed: Void? = bytes.withContiguousStorageIfAvailable { buffer in absorb(UnsafeRawBufferPointer(buffer)) }
    if absorbed != nil { return }
    length &+= UInt64(bytes.count)
    pending.append(contentsOf: bytes)
    var offset = 0
    while pending.count - offset >= 64 {
      compress(pending[offset..<offset + 64])
      offset += 64
    }
    pending.removeFirst(offset)
  }

  /// The digest as 64 lowercase hex digits.
  public mutating func finalize() -> String {
    let bits = length &* 8
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
    }
    for start in stride(from: 0, to: tail.count, by: 64) { compress(tail[start..<start + 64]) }
    pending = []
    return state.map { word in
      let hex = String(word, radix: 16)
      return String(repeating: "0", count: 8 - hex.count) + hex
    }.joined()
  }

  /// The SHA-256 of `bytes` as 64 hex digits.
  public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Hashes contiguous bytes: whole blocks straight from the buffer, the rest kept pending.
  private mutating func absorb(_ buffer: UnsafeRawBufferPointer) {
    length &+= UInt64(buffer.count)
    var offset = 0
    if !pending.isEmpty {
      let take = min(64 - pending.count, buffer.count)
      pending.append(contentsOf: buffer[0..<take])
      offset = take
      guard pending.count == 64 else { return }
      pending.withUnsafeBytes { compressBlocks($0) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = (buffer.count - offset) / 64 * 64
    if whole > 0 { compressBlocks(UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + whole])) }
    pending.append(contentsOf: buffer[(offset + whole)...])
  }

  /// Whether the CPU's SHA instructions compress blocks (x86 SHA extensions, checked once).
  static let hardware = crma_sha256_hardware() == 1

  /// Compresses whole 64-byte blocks: with the CPU's SHA instructions where it has them (about
  /// ten times faster: a 1 GB table streamed to the ingest output is hashed as it is written),
  /// else in Swift with the schedule and the state in local storage.
  private mutating func compressBlocks(_ blocks: UnsafeRawBufferPointer) {
    if Self.hardware, let base = blocks.baseAddress {
      state.withUnsafeMutableBufferPointer { words in
        crma_sha256_blocks(words.baseAddress, base.assumingMemoryBound(to: UInt8.self), blocks.count / 64)
      }
      return
    }
    var h0 = state[0]
    var h1 = state[1]
    var h2 = state[2]
    var h3 = state[3]
    var h4 = state[4]
    var h5 = state[5]
    var h6 = state[6]
    var h7 = state[7]
    Self.k.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        var start = 0
        while start + 64 <= blocks.count {
          for i in 0..<16 {
            let at = start + 4 * i
            w[i] =
              UInt32(blocks[at]) << 24 | UInt32(blocks[at + 1]) << 16 | UInt32(blocks[at + 2]) << 8
              | UInt32(blocks[at + 3])
          }
          for i in 16..<64 {
            let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
          }
          var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
          for i in 0..<64 {
            let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
            let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
          start += 64
        }
      }
    }
    state = [h0, h1, h2, h3, h4, h5, h6, h7]
  }

  private mutating func compress(_ block: ArraySlice<UInt8>) {
    var w = [UInt32](repeating: 0, count: 64)
    let base = block.startIndex
    for i in 0..<16 {
      w[i] =
        UInt32(block[base + 4 * i]) << 24 | UInt32(block[base + 4 * i + 1]) << 16 | UInt32(
          block[base + 4 * i + 2]) << 8
        | UInt32(block[base + 4 * i + 3])
    }
    for i in 16..<64 {
      let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
      let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
      w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
    }
    var (a, b, c, d, e, f, g, h) = (
      state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]
    )
    for i in 0..<64 {
      let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
      let choice = (e & f) ^ (~e & g)
      let t1 = h &+ s1 &+ choice &+ Self.k[i] &+ w[i]
      let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
      let majority = (a & b) ^ (a & c) ^ (b & c)
      let t2 = s0 &+ majority
      (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
    }
    for (index, value) in [a, b, c, d, e, f, g, h].enumerated() { state[index] &+= value }
  }

  private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value >> count) | (value << (32 - count))
  }
}

/// SHA-256 and size of a file, read in chunks. The file must be a regular file (checked on the
/// open descriptor, so a FIFO or a device is refused instead of read forever).
public func fileDigest(_ path: String) throws(InputError) -> (sha256: String, bytes: Int) {
  let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
  guard descriptor >= 0 else {
    throw InputError(
      errno == ENOENT ? .missing : .readFailed, path: path, message: "cannot open: \(errnoText())")
  }
  defer { close(descriptor) }
  var info = stat()
  guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
    throw InputError(.notRegularFile, path: path, message: "is not a regular file")
  }
  var hasher = SHA256()
  var buffer = [UInt8](repeating: 0, count: 1 << 16)
  var total = 0
  while true {
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 {
      if errno == EINTR { continue }
      throw InputError(.readFailed, path: path, message: "read failed: \(errnoText())")
    }
    if count == 0 { break }
    hasher.update(buffer[0..<count])
    total += count
  }
  return (hasher.finalize(), total)
}
