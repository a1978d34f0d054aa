import CSVStream

/// Turns a publisher file's bytes into UTF-8 by the encoding its resource declares: UTF-8 is
/// checked (and its byte-order mark dropped), windows-1252 and ISO-8859-1 are converted. Nothing
/// is guessed: bytes that the declared encoding cannot hold are an error naming the line, and a
/// UTF-8 byte-order mark in a file declared as a single-byte encoding is a wrong declaration.
public enum TextDecoding {
  /// Why the bytes do not fit the declaration.
  public struct Failure: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
  }

  /// UTF-8 bytes without a byte-order mark. `encoding` is a normalised name from
  /// `FileResourceDescriptor.encodings`.
  public static func utf8(_ bytes: [UInt8], encoding: String) -> Result<[UInt8], Failure> {
    let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    switch encoding {
    case "utf-8":
      let body = hasBOM ? Array(bytes[3...]) : bytes
      var line = 1
      var start = 0
      // Line by line, so an error names where the first bad byte is.
      while start <= body.count {
        let end = body[start...].firstIndex(of: 0x0A) ?? body.count
        let valid = body[start..<end].withUnsafeBytes { UTF8Validation.isValid($0) }
        if !valid {
          return .failure(
            Failure(
              line: line,
              message:
                "bytes that are not UTF-8 on line \(line), but the resource declares utf-8 (is it windows-1252?)"
            ))
        }
        line += 1
        start = end + 1
      }
      return .success(body)
    case "windows-1252", "iso-8859-1":
      if hasBOM {
        return .failure(
          Failure(
            line: 1,
            message:
              "the file starts with a UTF-8 byte-order mark, but the resource declares \(encoding)"))
      }
      var out: [UInt8] = []
      out.reserveCapacity(bytes.count + bytes.count / 8)
      var line = 1
      for byte in bytes {
        if byte == 0x0A { line += 1 }
        if byte < 0x80 {
          out.append(byte)
          continue
        }
        let scalar: UInt32
        if encoding == "windows-1252", byte < 0xA0 {
          guard let mapped = windows1252[Int(byte - 0x80)] else {
            return .failure(
              Failure(
                line: line,
                message: "byte 0x\(String(byte, radix: 16)) on line \(line) is undefined in windows-1252"))
          }
          scalar = mapped
        } else {
          scalar = UInt32(byte)
        }
        out.append(contentsOf: Array(String(Unicode.Scalar(scalar)!).utf8))
      }
      return .success(out)
    default:
      return .failure(Failure(line: 1, message: "encoding \"\(encoding)\" is not supported"))
    }
  }

  /// windows-1252 bytes 0x80–0x9F (nil: undefined).
  private static let windows1252: [UInt32?] = [
    0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil,
    0x017D, nil, nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, nil, 0x017E, 0x0178,
  ]
}
