/// One deposit's part in the war-exposure split of a material.
public struct ExposedDeposit: Sendable {
  public var depositID: String
  public var materialID: String
  public var status: ControlReport.Status
  public var statusAsOf: String?
  public var statusReportedAs: String?
  public var statusSourceID: String?
  /// The preferred contained tonnage on the material's basis; nil when no source gives one that
  /// converts.
  public var contained: Double?
  public var basis: String?
  public var figureID: String?
  public var figureSourceID: String?
  public var minimum: Double?
  public var maximum: Double?
  public var figureCount: Int
  public var note: String
}

/// Ukraine's known resources of a material by control status.
public struct ExposureRow: Sendable {
  public var materialID: String
  public var status: ControlReport.Status
  public var basis: String
  public var deposits: Int
  public var depositsWithTonnage: Int
  public var contained: Double
  /// Fraction of the material's contained tonnage (deposits with tonnage only).
  public var share: Double
  public var earliestAsOf: String?
  public var latestAsOf: String?
}

/// How much of Ukraine's known resources lies in government-controlled, front-line, contested or
/// occupied territory, from each deposit's latest dated control report.
public enum WarExposure {
  /// The rules, stated once for outputs and reports.
  public static let statusRule =
    "latest dated report; a deposit part without reports takes its parent's; on the same date the more trusted source, then the graver status"
  public static let tonnageRule =
    "contained tonnage that converts to the material's basis; the most trusted source; a point figure before a range bound; then the lowest (conservative) value"

  /// The deposit's latest control report under ``statusRule``, nil when there is none.
  public static func latestStatus(of depositID: String, _ input: TransformInput) -> ControlReport? {
    let reports = input.controlReports.filter { $0.depositID == depositID }
    if reports.isEmpty, let parent = input.deposits[depositID]?.partOf {
      return latestStatus(of: parent, input)
    }
    return reports.max { a, b in
      if a.asOf != b.asOf { return a.asOf < b.asOf }
      let (ca, cb) = (input.confidence(of: a.sourceID), input.confidence(of: b.sourceID))
      if ca != cb { return ca < cb }
      return severity(a.status) < severity(b.status)
    }
  }

  static func severity(_ status: ControlReport.Status) -> Int {
    [.unknown: 0, .governmentControlled: 1, .frontLine: 2, .contested: 3, .occupied: 4][status]!
  }

  /// Per deposit and material the status and tonnage, and per material the split by status.
  public static func compute(_ input: TransformInput, normalised: [NormalisedFigure]) -> (
    deposits: [ExposedDeposit], split: [ExposureRow]
  ) {
    let converted = Dictionary(
      normalised.filter { $0.resource == "deposit_figures" }.map { ($0.record, $0) },
      uniquingKeysWith: { a, _ in a })
    struct Key: Hashable {
      var deposit: String
      var material: String
    }
    let groups = Dictionary(grouping: input.depositFigures) {
      Key(deposit: $0.depositID, material: $0.materialID)
    }
    var deposits: [ExposedDeposit] = []
    for key in groups.keys.sorted(by: { ($0.material, $0.deposit) < ($1.material, $1.deposit) }) {
      let figures = groups[key]!
      let report = latestStatus(of: key.deposit, input)
      let usable = figures.compactMap { figure -> (DepositFigure, Double, String)? in
        guard let normal = converted[figure.id], let value = normal.convertedValue,
          let unit = normal.convertedUnit
        else { return nil }
        return (figure, value, unit)
      }
      let best = usable.min { a, b in
        let (ca, cb) = (input.confidence(of: a.0.sourceID), input.confidence(of: b.0.sourceID))
        if ca != cb { return ca > cb }
        if (a.0.bound == "point") != (b.0.bound == "point") { return a.0.bound == "point" }
        if a.1 != b.1 { return a.1 < b.1 }
        return a.0.id < b.0.id
      }
      var note = ""
      if best == nil {
        let withContained = figures.filter { $0.containedTonnes != nil }.count
        note =
          withContained == 0
          ? "no source gives a contained tonnage"
          : "contained tonnage given only on a basis that does not convert"
      }
      deposits.append(
        ExposedDeposit(
          depositID: key.deposit, materialID: key.material, status: report?.status ?? .unknown,
          statusAsOf: report.flatMap { $0.asOf.isEmpty ? nil : $0.asOf },
          statusReportedAs: report?.reportedAs, statusSourceID: report?.sourceID, contained: best?.1,
          basis: best?.2, figureID: best?.0.id, figureSourceID: best?.0.sourceID,
          minimum: usable.map(\.1).min(),
          maximum: usable.map(\.1).max(), figureCount: usable.count, note: note))
    }
    var split: [ExposureRow] = []
    for material in Set(deposits.map(\.materialID)).sorted() {
      let ofMaterial = deposits.filter { $0.materialID == material }
      let total = ofMaterial.compactMap(\.contained).sorted().reduce(0, +)
      let basis =
        ofMaterial.compactMap(\.basis).first ?? BasisConversion.targetBasis[material].map { "t \($0)" }
        ?? "no comparison basis"
      for status in ControlReport.Status.allCases {
        let members = ofMaterial.filter { $0.status == status }
        guard !members.isEmpty else { continue }
        let contained = members.compactMap(\.contained).sorted().reduce(0, +)
        let dates = members.compactMap(\.statusAsOf).sorted()
        split.append(
          ExposureRow(
            materialID: material, status: status, basis: basis, deposits: members.count,
            depositsWithTonnage: members.filter { $0.contained != nil }.count, contained: contained,
            share: total > 0 ? contained / total : 0, earliestAsOf: dates.first, latestAsOf: dates.last))
      }
    }
    return (deposits, split)
  }
}
