/// A resource that is a file kept as its publisher released it (`"type": "file"`): not a table
/// crma's schemas describe, but bytes whose size and SHA-256 the package records and every run
/// checks. A stage that understands the file (for example the USGS reader) reads it; the ingest
/// stage only proves it is the file the package says it is.
public struct FileResourceDescriptor: Sendable {
  public let name: String
  /// Relative to the package folder; the same rules as a table's path.
  public let path: String
  /// The declared character encoding (`utf-8`, `windows-1252`, `iso-8859-1`), lowercased.
  public let encoding: String
  /// The declared size in bytes, if any.
  public let bytes: Int?
  /// The declared SHA-256, lowercase hex (from `"hash": "sha256:…"`).
  public let sha256: String
  /// The resource's whole descriptor, for the properties a reading stage defines.
  public let json: JSONValue

  /// The encodings a file resource may declare (Frictionless names and common aliases).
  public static let encodings: [String: String] = [
    "utf-8": "utf-8", "utf8": "utf-8", "windows-1252": "windows-1252", "cp1252": "windows-1252",
    "iso-8859-1": "iso-8859-1", "latin-1": "iso-8859-1", "latin1": "iso-8859-1",
  ]

  init(json: JSONValue, name: String, path: String) throws(IngestError) {
    guard let object = json.object else { throw .descriptor("resource \"\(name)\" must be an object") }
    try ResourceDescriptor.checkPath(path, resource: name)
    guard let declared = object["encoding"]?.string else {
      throw .descriptor(
        "resource \"\(name)\": a file resource must declare its \"encoding\" (it is never guessed)")
    }
    guard let encoding = Self.encodings[declared.lowercased()] else {
      throw .descriptor(
        "resource \"\(name)\": encoding \"\(declared)\" is not supported (utf-8, windows-1252, iso-8859-1)")
    }
    guard let hash = object["hash"]?.string, hash.hasPrefix("sha256:") else {
      throw .descriptor("resource \"\(name)\": a file resource must record its \"hash\" as \"sha256:<hex>\"")
    }
    let hex = String(hash.dropFirst("sha256:".count))
    guard hex.utf8.count == 64,
      hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
    else {
      throw .descriptor("resource \"\(name)\": \"hash\" must be sha256: and 64 lowercase hex digits")
    }
    var bytes: Int?
    if let value = object["bytes"] {
      guard let number = value.number, number >= 0, number == number.rounded(), number < 1e15 else {
        throw .descriptor("resource \"\(name)\": \"bytes\" must be a whole number")
      }
      bytes = Int(number)
    }
    self.name = name
    self.path = path
    self.encoding = encoding
    self.bytes = bytes
    self.sha256 = hex
    self.json = json
  }
}
