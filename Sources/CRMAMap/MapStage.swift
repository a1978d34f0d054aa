import Glibc
import Logging

/// One dated snapshot file of the occupied area.
public struct Snapshot: Sendable, Equatable {
  /// YYYY-MM-DD, read from the file name.
  public var date: String
  public var path: String
}

/// What a map run computed.
public struct MapResult: Sendable {
  public var periods: [StatusPeriod]
  public var snapshots: Int
  public var firstDate: String?
  public var lastDate: String?
  /// Each site's reading on the newest snapshot.
  public var latest: [String: SiteReading]
}

/// The map stage: every located deposit and site against every dated snapshot of the occupied
/// area, merged into periods of equal status.
public enum MapStage {
  /// The snapshot files of `folder` (`*.geojson`), sorted by the date in their names. A file whose
  /// name holds no valid date, or two files of one date, is an error naming the file.
  public static func snapshots(in folder: String) throws(MapError) -> [Snapshot] {
    guard let directory = opendir(folder) else {
      throw MapError(
        .noInput, path: folder, "cannot open the map folder: \(String(cString: strerror(errno)))")
    }
    defer { closedir(directory) }
    var found: [Snapshot] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      guard name.hasSuffix(".geojson") else { continue }
      let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      guard let date = date(inFileName: name) else {
        throw MapError(
          .data, path: path,
          "cannot read a snapshot date from the file name (expected YYYYMMDD or YYYY-MM-DD, a real date)")
      }
      found.append(Snapshot(date: date, path: path))
    }
    found.sort { ($0.date, $0.path) < ($1.date, $1.path) }
    for (a, b) in zip(found, found.dropFirst()) where a.date == b.date {
      throw MapError(.data, path: b.path, "a second snapshot for \(b.date) (the first is \(a.path))")
    }
    return found
  }

  /// The date in a snapshot's file name: the first 8-digit run (YYYYMMDD) or YYYY-MM-DD that is a
  /// real calendar date, as YYYY-MM-DD.
  public static func date(inFileName name: String) -> String? {
    let bytes = Array(name.utf8)
    func digits(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for index in range {
        let byte = bytes[index]
        guard byte >= 0x30 && byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    var index = 0
    while index < bytes.count {
      if index > 0, digits(index - 1..<index) != nil {
        index += 1
        continue
      }
      if let year = digits(index..<index + 4) {
        var month: Int?
        var day: Int?
        var end = index + 4
        if let m = digits(index + 4..<index + 6), let d = digits(index + 6..<index + 8) {
          (month, day, end) = (m, d, index + 8)
        } else if index + 10 <= bytes.count, bytes[index + 4] == 0x2D, bytes[index + 7] == 0x2D,
          let m = digits(index + 5..<index + 7), let d = digits(index + 8..<index + 10)
        {
          (month, day, end) = (m, d, index + 10)
        }
        if let month, let day, digits(end..<end + 1) == nil, isDate(year, month, day) {
          return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        }
      }
      index += 1
    }
    return nil
  }

  static func isDate(_ year: Int, _ month: Int, _ day: Int) -> Bool {
    guard (1900...2999).contains(year), (1...12).contains(month), day >= 1 else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= days
  }

  /// A site's reading against one occupied area.
  public static func read(_ site: MapSite, occupied: Area, frontEdges: [Bool]) -> SiteReading {
    let inside = occupied.contains(site.point)
    if inside {
      let distance = occupied.distanceToEdgeKm(from: site.point) { frontEdges[$0] }
      let status: MapStatus = (distance.map { $0 <= site.radiusKm } ?? false) ? .nearLine : .occupied
      return SiteReading(status: status, inside: true, distanceKm: distance)
    }
    let distance = occupied.distanceToEdgeKm(from: site.point)
    let status: MapStatus =
      (distance.map { $0 <= site.radiusKm } ?? false) ? .nearLine : .governmentControlled
    return SiteReading(status: status, inside: false, distanceKm: distance)
  }

  /// Reads every snapshot of `folder` once and classifies every site on it.
  public static func run(
    folder: String, sites: [MapSite], frontLine: FrontLine,
    maximumBytes: Int = GeoJSONReader.defaultMaximumBytes, logger: Logger? = nil
  ) throws(MapError) -> MapResult {
    let files = try snapshots(in: folder)
    guard !files.isEmpty else {
      throw MapError(.noInput, path: folder, "the map folder holds no *.geojson snapshot")
    }
    var open: [String: StatusPeriod] = [:]
    var periods: [StatusPeriod] = []
    var latest: [String: SiteReading] = [:]
    for file in files {
      let area = Area(polygons: try GeoJSONReader.read(path: file.path, maximumBytes: maximumBytes))
      let front = frontLine.frontEdges(of: area)
      for site in sites {
        let reading = read(site, occupied: area, frontEdges: front)
        latest[site.id] = reading
        if var period = open[site.id], period.status == reading.status, period.inside == reading.inside {
          period.to = file.date
          period.snapshots += 1
          period.nearestKm = minimum(period.nearestKm, reading.distanceKm)
          open[site.id] = period
        } else {
          if let period = open[site.id] { periods.append(period) }
          open[site.id] = StatusPeriod(
            locationID: site.id, from: file.date, to: file.date, status: reading.status,
            inside: reading.inside,
            snapshots: 1, nearestKm: reading.distanceKm)
        }
      }
      logger?.debug("snapshot read", metadata: ["snapshot": "\(file.path)", "edges": "\(area.edgeCount)"])
    }
    periods += open.values
    periods.sort { ($0.locationID, $0.from) < ($1.locationID, $1.from) }
    return MapResult(
      periods: periods, snapshots: files.count, firstDate: files.first?.date, lastDate: files.last?.date,
      latest: latest)
  }

  static func minimum(_ a: Double?, _ b: Double?) -> Double? {
    switch (a, b) {
    case (nil, nil): return nil
    case (let a?, nil): return a
    case (nil, let b?): return b
    case (let a?, let b?): return min(a, b)
    }
  }
}
