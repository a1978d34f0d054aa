/// JSON string escaping straight from UTF-8 bytes (RFC 8259): quotes, backslashes and control
/// characters are escaped, everything else is copied, so streaming records as JSON allocates
/// nothing per field.
public enum JSONText {
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends `bytes` (UTF-8) as a JSON string literal.
  public static func appendString(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    var runStart = 0
    for index in 0..<bytes.count {
      let byte = bytes[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
      output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
      runStart = index + 1
      switch byte {
      case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      default:
        output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
      }
    }
    output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    output.append(UInt8(ascii: "\""))
  }

  /// Appends `text` as a JSON string literal.
  public static func appendString(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &output) }
  }
}
