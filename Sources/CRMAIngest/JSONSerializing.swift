import CRMAFiles
import CSVStream
import Foundation

extension JSONValue {
  /// Parses JSON text.
  public static func parse(_ data: Data) throws(IngestError) -> JSONValue {
    do {
      return try JSONDecoder().decode(JSONValue.self, from: data)
    } catch let DecodingError.dataCorrupted(context) {
      throw IngestError.descriptor(
        "not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
    } catch {
      throw IngestError.descriptor("not valid JSON: \(error)")
    }
  }

  /// Pretty-printed JSON with sorted keys, so that written descriptors are byte-identical run to
  /// run.
  public func serialized() -> String {
    var text = ""
    write(into: &text, indent: 0)
    return text + "\n"
  }

  private func write(into text: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent)
    switch self {
    case .null: text += "null"
    case .bool(let value): text += value ? "true" : "false"
    case .number(let value): text += NumberFormatting.canonical(value)
    case .string(let value):
      var bytes: [UInt8] = []
      JSONText.appendString(value, to: &bytes)
      text += String(decoding: bytes, as: UTF8.self)
    case .array(let items):
      if items.isEmpty {
        text += "[]"
        return
      }
      text += "[\n"
      for (index, item) in items.enumerated() {
        text += pad + "  "
        item.write(into: &text, indent: indent + 1)
        text += index == items.count - 1 ? "\n" : ",\n"
      }
      text += pad + "]"
    case .object(let object):
      if object.isEmpty {
        text += "{}"
        return
      }
      text += "{\n"
      let keys = object.keys.sorted()
      for (index, key) in keys.enumerated() {
        var bytes: [UInt8] = []
        JSONText.appendString(key, to: &bytes)
        text += pad + "  " + String(decoding: bytes, as: UTF8.self) + ": "
        object[key]!.write(into: &text, indent: indent + 1)
        text += index == keys.count - 1 ? "\n" : ",\n"
      }
      text += pad + "}"
    }
  }
}
