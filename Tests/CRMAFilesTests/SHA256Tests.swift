import Testing

@testable import CRMAFiles

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

  @Test("the CPU's SHA instructions and the Swift rounds agree, on every length around the block edges")
  func acceleratedMatchesPortable() {
    // Deterministic bytes (a linear congruential sequence), lengths 0...300 and a few large ones,
    // fed whole and in uneven pieces. Where the CPU has no SHA extensions both are the Swift rounds.
    var seed: UInt32 = 0x2545_f491
    let bytes = (0..<200_000).map { _ -> UInt8 in
      seed = seed &* 1_664_525 &+ 1_013_904_223
      return UInt8(truncatingIfNeeded: seed >> 24)
    }
    for count in Array(0...300) + [4095, 4096, 65_537, 200_000] {
      var portable = SHA256(portable: true)
      portable.update(bytes[0..<count])
      var fast = SHA256(portable: false)
      var start = 0
      var piece = 1
      while start < count {
        let end = min(count, start + piece)
        fast.update(bytes[start..<end])
        start = end
        piece = piece * 3 % 1000 + 7
      }
      let expected = portable.finalize()
      #expect(fast.finalize() == expected, "length \(count)")
      #expect(SHA256.hex(bytes[0..<count]) == expected, "length \(count)")
    }
  }

  @Test("the FIPS examples through the Swift rounds too")
  func portableExamples() {
    var hasher = SHA256(portable: true)
    hasher.update(Array("abc".utf8))
    #expect(hasher.finalize() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    var long = SHA256(portable: true)
    long.update(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
    #expect(long.finalize() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}
