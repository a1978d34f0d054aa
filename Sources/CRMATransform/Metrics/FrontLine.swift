import CRMAIngest

/// A deposit's or site's status as of the newest evidence, for the front-line tables.
public enum LatestStatus: String, Sendable, CaseIterable, Comparable, RecordValue {
  case occupied
  case nearLine = "near-line"
  case governmentControlled = "government-controlled"
  /// The newest evidence is a same-date tie of different statuses (never resolved silently).
  case disputed
  /// No sourced location and no dated report.
  case notOnMap = "not-on-map"

  private var order: Int {
    switch self {
    case .occupied: return 0
    case .nearLine: return 1
    case .disputed: return 2
    case .governmentControlled: return 3
    case .notOnMap: return 4
    }
  }
  public static func < (lhs: LatestStatus, rhs: LatestStatus) -> Bool { lhs.order < rhs.order }

  /// How reports name it.
  public var label: String {
    switch self {
    case .occupied: return "occupied"
    case .nearLine: return "near the line"
    case .governmentControlled: return "government-controlled"
    case .disputed: return "disputed (same-date tie)"
    case .notOnMap: return "not on the map"
    }
  }

  init(_ map: ControlPeriod.Status) {
    switch map {
    case .occupied: self = .occupied
    case .nearLine: self = .nearLine
    case .governmentControlled: self = .governmentControlled
    }
  }

  /// A press classification on the map's scale (contested and front-line read as near the line).
  init?(press: ControlReport.Status) {
    switch press {
    case .occupied: self = .occupied
    case .contested, .frontLine: self = .nearLine
    case .governmentControlled: self = .governmentControlled
    case .unknown: return nil
    }
  }
}

/// One deposit's or site's latest status (front_line_status.csv).
public struct PlaceStatus: Sendable {
  public var placeID: String
  public var kind: String
  public var name: String
  /// The materials the place counts for, ';'-separated.
  public var materials: String
  public var oblast: String?
  public var precision: String
  public var radiusKm: Double?
  public var status: LatestStatus
  /// The date the current status began on the map (nil without map periods).
  public var since: String?
  /// The date of the newest evidence.
  public var asOf: String?
  /// map, press or none.
  public var evidence: String
  public var nearestKm: Double?
  public var inside: Bool?
  public var disagreement: String
  public var sourceID: String?
}

/// One dated piece of evidence in a place's timeline (timeline.csv).
public struct TimelineEntry: Sendable {
  public var placeID: String
  public var from: String
  public var to: String?
  /// The status on the map's scale, or the press's own classification.
  public var status: String
  /// press or map.
  public var evidence: String
  public var detail: String
  public var sourceID: String
  /// Empty when the entry agrees with the other kind of evidence of its date.
  public var disagreement: String
}

/// Deposits of a material by latest status (exposure_counts.csv).
public struct ExposureCount: Sendable {
  public var materialID: String
  public var status: LatestStatus
  public var deposits: Int
  public var total: Int
  public var depositIDs: String
}

/// A tonnage sum within one material, status, resource class and basis (exposure_tonnage.csv).
public struct TonnageClassRow: Sendable {
  public var materialID: String
  public var status: LatestStatus
  public var resourceClass: String
  public var basis: String
  public var contained: Double
  public var depositIDs: String
  /// Qualifiers the sources attach ("up to", "more than"), kept with the sum.
  public var qualifiers: String
}

/// What one ceasefire line would concede of one material (ceasefire.csv).
public struct CeasefireRow: Sendable {
  public var scenarioID: String
  public var label: String
  public var materialID: String
  public var conceded: String
  public var concededCount: Int
  public var uncertain: String
  public var retained: String
  public var retainedCount: Int
  public var unplaced: String
  /// Conceded tonnage by resource class, labelled ("; "-separated), empty when none.
  public var concededTonnage: String
  public var concededSites: String
  public var concededCapacity: String
  public var retainedSites: String
  public var sourceIDs: String
}

/// Issue 13: each deposit's and site's status over time from the daily maps and the press, the
/// exposure counts, tonnages by class and the ceasefire scenarios.
public enum FrontLineAnalysis {
  public static let latestRule =
    "the newest evidence: the last map snapshot for a located place, else the newest dated press report; a same-date tie of different statuses is reported as disputed"

  /// The resource class of a deposit figure, from the source's category and wording.
  public static func resourceClass(_ figure: DepositFigure?) -> String {
    let text = ((figure?.resourceCategory ?? "") + " " + (figure?.containedBasis ?? "")).lowercased()
    if text.contains("exploration target") || text.contains("exploration stage") {
      return "exploration target"
    }
    if text.contains("potential") || text.contains("prospective") || text.contains("perspective") {
      return "prospective"
    }
    if text.contains("reserve") || text.contains("c1") || text.contains("c2") || text.contains("proven") {
      return "reserves/resources"
    }
    return "class not stated"
  }

  static func qualifier(_ figure: DepositFigure?) -> String? {
    let text = (figure?.containedBasis ?? "").lowercased()
    if text.contains("up to") { return "up to" }
    if text.contains("more than") { return "more than" }
    return nil
  }

  public struct Result: Sendable {
    public var places: [PlaceStatus]
    public var timeline: [TimelineEntry]
    public var counts: [ExposureCount]
    public var tonnage: [TonnageClassRow]
    public var ceasefire: [CeasefireRow]
  }

  public static func compute(_ input: TransformInput, exposed: [ExposedDeposit]) -> Result {
    let locations = Dictionary(input.locations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let periods = Dictionary(grouping: input.controlPeriods, by: \.locationID).mapValues {
      $0.sorted { $0.from < $1.from }
    }
    let materialsOf = Dictionary(grouping: input.depositFigures, by: \.depositID).mapValues {
      Set($0.map(\.materialID)).sorted()
    }
    var places: [PlaceStatus] = []
    var timeline: [TimelineEntry] = []
    // Deposits, then sites.
    var entries: [(id: String, kind: String, name: String, materials: [String], oblast: String?)] = []
    for deposit in input.deposits.values.sorted(by: { $0.id < $1.id }) {
      entries.append((deposit.id, "deposit", deposit.name, materialsOf[deposit.id] ?? [], deposit.oblast))
    }
    for site in input.sites.sorted(by: { $0.id < $1.id }) {
      entries.append((site.id, "site", site.name, [site.materialID], site.oblast))
    }
    for entry in entries {
      let location = locations[entry.id]
      let mapPeriods = periods[entry.id] ?? []
      let reports = input.controlReports.filter { $0.depositID == entry.id }
      // Timeline: map periods and press reports, each checked against the other kind.
      for period in mapPeriods {
        let during = reports.filter {
          !$0.asOf.isEmpty && $0.asOf.count == 10 && $0.asOf >= period.from && $0.asOf <= period.to
        }
        let disagreeing = during.filter { report in
          LatestStatus(press: report.status).map { $0 != LatestStatus(period.status) } ?? false
        }
        timeline.append(
          TimelineEntry(
            placeID: entry.id, from: period.from, to: period.to, status: period.status.rawValue,
            evidence: "map",
            detail:
              "\(period.snapshots) daily snapshots; point \(period.inside ? "inside" : "outside") the occupied area; nearest line \(period.nearestKm.map { formatKm($0) } ?? "-") km",
            sourceID: period.sourceID,
            disagreement: disagreeing.map { "press \($0.asOf): \($0.status.rawValue) (\($0.id))" }.joined(
              separator: "; ")))
      }
      for report in reports.sorted(by: { ($0.asOf, $0.id) < ($1.asOf, $1.id) }) {
        var notes: [String] = []
        if report.asOf.count == 10,
          let period = mapPeriods.first(where: { report.asOf >= $0.from && report.asOf <= $0.to }),
          let pressStatus = LatestStatus(press: report.status), pressStatus != LatestStatus(period.status)
        {
          notes.append("map on \(report.asOf): \(period.status.rawValue)")
        }
        let sameDate = reports.filter {
          $0.asOf == report.asOf && !report.asOf.isEmpty && $0.status != report.status
        }
        if !sameDate.isEmpty {
          notes.append(
            "same-date tie with "
              + sameDate.map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", "))
        }
        timeline.append(
          TimelineEntry(
            placeID: entry.id, from: report.asOf.isEmpty ? "undated" : report.asOf, to: nil,
            status: report.status.rawValue, evidence: "press", detail: report.reportedAs,
            sourceID: report.sourceID,
            disagreement: notes.joined(separator: "; ")))
      }
      // Latest status: the newest evidence.
      var status = LatestStatus.notOnMap
      var since: String?
      var asOf: String?
      var evidence = "none"
      var nearest: Double?
      var inside: Bool?
      var sourceID: String?
      var disagreement = ""
      let dated = reports.filter { !$0.asOf.isEmpty }
      let newestPress = dated.map(\.asOf).max()
      if let last = mapPeriods.last, newestPress.map({ $0 <= last.to }) ?? true {
        status = LatestStatus(last.status)
        asOf = last.to
        evidence = "map"
        nearest = last.nearestKm
        inside = last.inside
        sourceID = last.sourceID
        since = last.from
        for period in mapPeriods.reversed().dropFirst() {
          guard period.status == last.status else { break }
          since = period.from
        }
        if let newestPress, newestPress == last.to {
          let ties = dated.filter { $0.asOf == newestPress && LatestStatus(press: $0.status) != status }
          if !ties.isEmpty {
            status = .disputed
            disagreement = "map and press differ on \(newestPress)"
          }
        }
      } else if let newestPress {
        let newest = dated.filter { $0.asOf == newestPress }
        let statuses = Set(newest.compactMap { LatestStatus(press: $0.status) })
        asOf = newestPress
        evidence = "press"
        sourceID = newest.map(\.sourceID).sorted().first
        if statuses.count > 1 {
          status = .disputed
          disagreement =
            "same-date tie on \(newestPress): "
            + newest.map { "\($0.id) \($0.status.rawValue)" }.sorted().joined(separator: ", ")
        } else if let only = statuses.first {
          status = only
        }
      }
      places.append(
        PlaceStatus(
          placeID: entry.id, kind: entry.kind, name: entry.name,
          materials: entry.materials.joined(separator: ";"),
          oblast: entry.oblast, precision: location?.precision ?? "none", radiusKm: location?.radiusKm,
          status: status,
          since: since, asOf: asOf, evidence: evidence, nearestKm: nearest, inside: inside,
          disagreement: disagreement, sourceID: sourceID))
    }
    let statusOf = Dictionary(places.map { ($0.placeID, $0) }, uniquingKeysWith: { a, _ in a })
    // Counts and tonnages per material.
    let figureByID = Dictionary(input.depositFigures.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var counts: [ExposureCount] = []
    var tonnage: [TonnageClassRow] = []
    let materials = Set(exposed.map(\.materialID)).sorted()
    for material in materials {
      let members = exposed.filter { $0.materialID == material }
      for latest in LatestStatus.allCases.sorted() {
        let ids = members.filter { statusOf[$0.depositID]?.status == latest }.map(\.depositID).sorted()
        guard !ids.isEmpty else { continue }
        counts.append(
          ExposureCount(
            materialID: material, status: latest, deposits: ids.count, total: members.count,
            depositIDs: ids.joined(separator: ";")))
        struct Key: Hashable {
          var resourceClass: String
          var basis: String
        }
        let withTonnage = members.filter { ids.contains($0.depositID) && $0.contained != nil }
        let groups = Dictionary(grouping: withTonnage) { deposit in
          Key(
            resourceClass: resourceClass(deposit.figureID.flatMap { figureByID[$0] }),
            basis: deposit.basis ?? "")
        }
        for key in groups.keys.sorted(by: { ($0.resourceClass, $0.basis) < ($1.resourceClass, $1.basis) }) {
          let group = groups[key]!.sorted { $0.depositID < $1.depositID }
          let qualifiers = group.compactMap { deposit in
            qualifier(deposit.figureID.flatMap { figureByID[$0] }).map { "\(deposit.depositID): \($0)" }
          }
          tonnage.append(
            TonnageClassRow(
              materialID: material, status: latest, resourceClass: key.resourceClass, basis: key.basis,
              contained: group.compactMap(\.contained).sorted().reduce(0, +),
              depositIDs: group.map(\.depositID).joined(separator: ";"),
              qualifiers: qualifiers.joined(separator: "; ")))
        }
      }
    }
    // Ceasefire scenarios.
    var ceasefire: [CeasefireRow] = []
    let siteFigures = Dictionary(grouping: input.siteFigures, by: \.siteID)
    for scenario in input.ceasefireScenarios.sorted(by: { $0.id < $1.id }) {
      func concedes(_ place: PlaceStatus) -> Bool? {
        let inOblasts = place.oblast.map { scenario.oblasts.contains($0) } ?? false
        switch scenario.rule {
        case .oblasts:
          return place.oblast == nil ? nil : inOblasts
        case .currentLine, .oblastsAndCurrentLine:
          if scenario.rule == .oblastsAndCurrentLine && inOblasts { return true }
          switch place.status {
          case .occupied: return true
          case .governmentControlled: return false
          case .nearLine, .disputed, .notOnMap: return nil
          }
        }
      }
      for material in materials {
        let members = exposed.filter { $0.materialID == material }.compactMap { statusOf[$0.depositID] }
        let conceded = members.filter { concedes($0) == true }
        let retained = members.filter { concedes($0) == false }
        let open = members.filter { concedes($0) == nil }
        let uncertain = open.filter { $0.status == .nearLine || $0.status == .disputed }
        let unplaced = open.filter { $0.status == .notOnMap }
        let concededIDs = Set(conceded.map(\.placeID))
        let concededTonnage = Dictionary(
          grouping: exposed.filter {
            $0.materialID == material && concededIDs.contains($0.depositID) && $0.contained != nil
          }
        ) { "\(resourceClass($0.figureID.flatMap { figureByID[$0] })), \($0.basis ?? "")" }
        .sorted { $0.key < $1.key }
        .map { key, group in
          "\(key): \(formatTonnes(group.compactMap(\.contained).sorted().reduce(0, +))) (\(group.map(\.depositID).sorted().joined(separator: ", ")))"
        }
        let sites = input.sites.filter { $0.materialID == material }.compactMap { statusOf[$0.id] }
        let sitesConceded = sites.filter { concedes($0) == true }
        let sitesRetained = sites.filter { concedes($0) == false }
        let capacity = sitesConceded.flatMap { site in
          (siteFigures[site.placeID] ?? []).sorted { $0.id < $1.id }.map { figure in
            "\(site.placeID): \(figure.measure) \(formatTonnes(figure.value))\(figure.valueMax.map { "–" + formatTonnes($0) } ?? "") \(figure.unit) \(figure.product)\(figure.year.map { " (\($0))" } ?? "") [\(figure.sourceID)]"
          }
        }
        ceasefire.append(
          CeasefireRow(
            scenarioID: scenario.id, label: scenario.label, materialID: material,
            conceded: conceded.map(\.placeID).joined(separator: ";"), concededCount: conceded.count,
            uncertain: uncertain.map(\.placeID).joined(separator: ";"),
            retained: retained.map(\.placeID).joined(separator: ";"), retainedCount: retained.count,
            unplaced: unplaced.map(\.placeID).joined(separator: ";"),
            concededTonnage: concededTonnage.joined(separator: "; "),
            concededSites: sitesConceded.map(\.placeID).joined(separator: ";"),
            concededCapacity: capacity.joined(separator: "; "),
            retainedSites: sitesRetained.map(\.placeID).joined(separator: ";"),
            sourceIDs: scenario.sourceIDs.joined(separator: ";")))
      }
    }
    return Result(places: places, timeline: timeline, counts: counts, tonnage: tonnage, ceasefire: ceasefire)
  }

  static func formatKm(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// Tonnes as an integer with thousands separators (deterministic, no locale).
  public static func formatTonnes(_ value: Double) -> String {
    let whole = Int(value.rounded())
    var digits = Array(String(abs(whole)))
    var groups: [String] = []
    while digits.count > 3 {
      groups.insert(String(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(String(digits), at: 0)
    return (whole < 0 ? "-" : "") + groups.joined(separator: ",")
  }
}
