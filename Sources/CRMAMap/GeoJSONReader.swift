import Glibc

/// Reads the polygons of a GeoJSON file (a FeatureCollection, a Feature or a bare geometry) of
/// Polygon and MultiPolygon geometries in longitude/latitude. It parses bytes directly (no
/// general JSON tree), so a daily snapshot of ~80 KB takes well under a millisecond; anything it
/// cannot read is a ``MapError`` naming the file, line and column.
public struct GeoJSONReader {
  /// Files larger than this are refused before reading (a daily snapshot is about 80 KB).
  public static let defaultMaximumBytes = 16 * 1024 * 1024

  let path: String
  var bytes: [UInt8]
  var position = 0
  var polygons: [Polygon] = []

  /// Reads `path`; throws for a missing, oversized, malformed or empty file.
  public static func read(path: String, maximumBytes: Int = defaultMaximumBytes) throws(MapError) -> [Polygon]
  {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw MapError(.noInput, path: path, "cannot open the snapshot: \(String(cString: strerror(errno)))")
    }
    if Int(info.st_size) > maximumBytes {
      throw MapError(
        .data, path: path,
        "the file has \(info.st_size) bytes, more than the limit of \(maximumBytes) (a daily snapshot is about 80 KB); refusing to read it"
      )
    }
    guard let file = fopen(path, "rb") else {
      throw MapError(.noInput, path: path, "cannot open the snapshot: \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    let count = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, Int(info.st_size), file) }
    guard count == Int(info.st_size) else {
      throw MapError(.noInput, path: path, "could read only \(count) of \(info.st_size) bytes")
    }
    bytes[count] = 0  // strtod stops at the terminator
    return try parse(bytes: bytes, path: path)
  }

  /// Parses GeoJSON text (for tests and callers that hold the bytes).
  public static func parse(text: String, path: String) throws(MapError) -> [Polygon] {
    try parse(bytes: Array(text.utf8) + [0], path: path)
  }

  static func parse(bytes: [UInt8], path: String) throws(MapError) -> [Polygon] {
    var reader = GeoJSONReader(path: path, bytes: bytes)
    try reader.readObject(context: .top)
    reader.skipSpace()
    if reader.peek != 0 { throw reader.error("unexpected text after the GeoJSON object") }
    if reader.polygons.isEmpty {
      throw MapError(
        .data, path: path,
        "the file holds no Polygon or MultiPolygon (an empty FeatureCollection?); an empty snapshot is refused rather than read as 'nothing occupied'"
      )
    }
    return reader.polygons
  }

  enum Context { case top, feature, geometry, other }

  var peek: UInt8 { bytes[position] }

  func error(_ message: String, at offset: Int? = nil) -> MapError {
    let end = min(offset ?? position, bytes.count - 1)
    var line = 1
    var column = 1
    for byte in bytes[0..<end] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return MapError(.data, path: path, line: line, column: column, message)
  }

  mutating func skipSpace() {
    while true {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  mutating func expect(_ byte: UInt8) throws(MapError) {
    skipSpace()
    guard bytes[position] == byte else {
      throw error("expected '\(Character(UnicodeScalar(byte)))'" + (peek == 0 ? " but the file ends" : ""))
    }
    position += 1
  }

  mutating func readString() throws(MapError) -> String {
    skipSpace()
    guard peek == UInt8(ascii: "\"") else { throw error("expected a string") }
    position += 1
    let start = position
    while true {
      let byte = bytes[position]
      if byte == 0 { throw error("unterminated string", at: start) }
      if byte == UInt8(ascii: "\\") {
        position += 2
        continue
      }
      if byte == UInt8(ascii: "\"") { break }
      position += 1
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    position += 1
    return text
  }

  /// Reads an object; remembers "type" and handles "features", "geometry", "geometries" and
  /// "coordinates" by context.
  mutating func readObject(context: Context) throws(MapError) {
    try expect(UInt8(ascii: "{"))
    var type: String?
    var coordinates: (value: Coordinates, offset: Int)?
    skipSpace()
    if peek == UInt8(ascii: "}") {
      position += 1
      if context == .top { throw error("the file is an empty JSON object, not GeoJSON") }
      return
    }
    while true {
      let key = try readString()
      try expect(UInt8(ascii: ":"))
      skipSpace()
      switch (key, context) {
      case ("type", _):
        type = try readString()
      case ("features", .top):
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek == UInt8(ascii: "]") {
          position += 1
        } else {
          while true {
            try readObject(context: .feature)
            skipSpace()
            if peek == UInt8(ascii: ",") {
              position += 1
              continue
            }
            try expect(UInt8(ascii: "]"))
            break
          }
        }
      case ("geometry", .feature), ("geometry", .top):
        if peek == UInt8(ascii: "n") {
          try skipValue()
        } else {
          try readObject(context: .geometry)
        }
      case ("coordinates", .geometry), ("coordinates", .top):
        let offset = position
        coordinates = (try readCoordinates(), offset)
      default:
        try skipValue()
      }
      skipSpace()
      if peek == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "}"))
      break
    }
    if context == .geometry || (context == .top && coordinates != nil) {
      guard let type else { throw error("a geometry without \"type\"") }
      guard let coordinates else { throw error("a \(type) without \"coordinates\"") }
      switch (type, coordinates.value) {
      case ("Polygon", .polygon(let polygon)): polygons.append(polygon)
      case ("MultiPolygon", .multiPolygon(let list)): polygons += list
      case ("Polygon", _), ("MultiPolygon", _):
        throw error(
          "the coordinates of a \(type) are nested \(coordinates.value.height) deep", at: coordinates.offset)
      default:
        throw error("a \(type) geometry; crma reads only Polygon and MultiPolygon", at: coordinates.offset)
      }
    } else if context == .top, let type, type != "FeatureCollection", type != "Feature" {
      throw error("a GeoJSON \(type) object; crma reads a FeatureCollection, a Feature or a (Multi)Polygon")
    }
  }

  /// One parsed coordinate array.
  enum Coordinates {
    case position(GeoPoint)
    case ring(Ring)
    case polygon(Polygon)
    case multiPolygon([Polygon])

    var height: Int {
      switch self {
      case .position: return 1
      case .ring: return 2
      case .polygon: return 3
      case .multiPolygon: return 4
      }
    }
  }

  static func isNumberStart(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
  }

  /// Reads a coordinate array of any nesting: a position, a ring, a polygon or a multipolygon.
  mutating func readCoordinates() throws(MapError) -> Coordinates {
    skipSpace()
    let start = position
    guard peek == UInt8(ascii: "[") else { throw error("expected a coordinate array") }
    position += 1
    skipSpace()
    if peek == UInt8(ascii: "]") { throw error("an empty coordinate array", at: start) }
    if Self.isNumberStart(peek) {
      position = start
      return .position(try readPosition())
    }
    var children: [Coordinates] = []
    while true {
      let childStart = position
      let child = try readCoordinates()
      if let first = children.first, first.height != child.height {
        throw error("coordinate arrays of mixed nesting", at: childStart)
      }
      children.append(child)
      skipSpace()
      if peek == UInt8(ascii: ",") {
        position += 1
        continue
      }
      try expect(UInt8(ascii: "]"))
      break
    }
    switch children[0] {
    case .position:
      let points = children.map { child -> GeoPoint in
        if case .position(let point) = child { return point }
        return GeoPoint(longitude: 0, latitude: 0)
      }
      guard points.count >= 4 else {
        throw error("a ring with \(points.count) positions (a closed ring needs at least 4)", at: start)
      }
      guard points.first == points.last else { throw error("a ring that is not closed", at: start) }
      return .ring(Ring(points))
    case .ring:
      return .polygon(
        Polygon(
          rings: children.compactMap { child in
            if case .ring(let ring) = child { return ring }
            return nil
          }))
    case .polygon:
      return .multiPolygon(
        children.compactMap { child in
          if case .polygon(let polygon) = child { return polygon }
          return nil
        })
    case .multiPolygon:
      throw error("coordinates nested deeper than a MultiPolygon", at: start)
    }
  }

  mutating func readPosition() throws(MapError) -> GeoPoint {
    skipSpace()
    let start = position
    try expect(UInt8(ascii: "["))
    let longitude = try readNumber()
    try expect(UInt8(ascii: ","))
    let latitude = try readNumber()
    skipSpace()
    while peek == UInt8(ascii: ",") {  // an altitude or other extra member
      position += 1
      _ = try readNumber()
      skipSpace()
    }
    try expect(UInt8(ascii: "]"))
    guard (-180...180).contains(longitude), (-90...90).contains(latitude) else {
      throw error(
        "coordinates out of range: longitude \(longitude), latitude \(latitude) (expected [-180, 180] and [-90, 90])",
        at: start)
    }
    return GeoPoint(longitude: longitude, latitude: latitude)
  }

  mutating func readNumber() throws(MapError) -> Double {
    skipSpace()
    let start = position
    var value = 0.0
    var end = 0
    bytes.withUnsafeBufferPointer { buffer in
      let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self) + start
      var stop: UnsafeMutablePointer<CChar>?
      value = strtod(base, &stop)
      end = stop.map { start + ($0 - UnsafeMutablePointer(mutating: base)) } ?? start
    }
    guard end > start, value.isFinite else { throw error("expected a number") }
    position = end
    return value
  }

  /// Skips any JSON value.
  mutating func skipValue() throws(MapError) {
    skipSpace()
    switch peek {
    case UInt8(ascii: "\""):
      _ = try readString()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var depth = 0
      repeat {
        switch peek {
        case 0: throw error("the file ends inside an object or array")
        case UInt8(ascii: "\""):
          _ = try readString()
          continue
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
        default: break
        }
        position += 1
      } while depth > 0
    case 0:
      throw error("the file ends where a value was expected")
    default:
      while true {
        let byte = peek
        if byte == 0 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
          || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        {
          break
        }
        position += 1
      }
    }
  }
}
