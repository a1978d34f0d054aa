import CRMAFiles
import Testing

/// The examples of FIPS 180-4 (and its companion document of examples) for SHA-256.
@Suite("SHA-256: FIPS 180-4 examples")
struct SHA256Tests {
  @Test("one-block message \"abc\"")
  func oneBlock() {
    #expect(
      SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test("two-block message of 448 bits")
  func twoBlocks() {
    let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(
      SHA256.hex(Array(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test("the empty message")
  func empty() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test("one million times \"a\", fed in uneven pieces")
  func millionA() {
    var hasher = SHA256()
    let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
    var left = 1_000_000
    while left > 0 {
      let count = min(left, piece.count)
      hasher.update(piece[0..<count])
      left -= count
    }
    #expect(hasher.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("a message whose padding needs a second block (56 bytes) and one of 64 bytes")
  func paddingEdges() {
    // Values from sha256sum on the same bytes.
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 64))
        == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 55))
        == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
  }

  @Test("whole blocks (the CPU's SHA instructions where present) and the byte-wise path agree")
  func blockPathsAgree() {
    // SYNTHETIC bytes: a 1 MiB pseudo-random buffer plus an odd tail.
    var seed: UInt64 = 16
    let bytes = (0..<(1 << 20) + 37).map { _ -> UInt8 in
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: seed >> 33)
    }
    // An array is hashed block by block from its storage; a lazy map has none, so it goes byte-wise.
    let whole = SHA256.hex(bytes)
    let byteWise = SHA256.hex(bytes.lazy.map { $0 })
    #expect(whole == byteWise)
    var pieces = SHA256()
    var offset = 0
    for size in [1, 63, 64, 65, 1000, 4096] where offset + size <= bytes.count {
      pieces.update(bytes[offset..<offset + size])
      offset += size
    }
    pieces.update(bytes[offset...])
    #expect(pieces.finalize() == whole)
  }
}
