/// Which column of a trade extract plays which role, and which flow values mean "import".
public struct TradeColumns: Sendable, Equatable {
  /// What a column of a trade extract means.
  public enum Role: String, Sendable, CaseIterable {
    case reporter, partner, product, flow, period, value, mass
  }

  public var headers: [Role: String]
  public var importFlows: Set<String>

  /// A layout naming the header of each role and the flow values that mean import.
  public init(headers: [Role: String], importFlows: Set<String>) {
    self.headers = headers
    self.importFlows = importFlows
  }

  /// Eurostat Comext bulk files (`full_v2_YYYYMM`): CN8 products, two-letter partner codes,
  /// FLOW 1 = import, PERIOD YYYYMM, values in euro, net mass in kg.
  public static let comext = TradeColumns(
    headers: [
      .reporter: "REPORTER", .partner: "PARTNER", .product: "PRODUCT_NC", .flow: "FLOW", .period: "PERIOD",
      .value: "VALUE_EUR", .mass: "QUANTITY_KG",
    ], importFlows: ["1"])

  /// UN Comtrade bulk/API CSV: HS products (`cmdCode`), ISO3 partners, flowCode M = import,
  /// refYear, primaryValue in US dollars, netWgt in kg.
  public static let comtrade = TradeColumns(
    headers: [
      .reporter: "reporterISO", .partner: "partnerISO", .product: "cmdCode", .flow: "flowCode",
      .period: "refYear",
      .value: "primaryValue", .mass: "netWgt",
    ], importFlows: ["M"])

  /// The layout called `name` (comext or comtrade).
  public static func preset(_ name: String) -> TradeColumns? {
    ["comext": comext, "comtrade": comtrade][name]
  }

  /// Applies `ROLE=HEADER` overrides; returns nil with the offending text when one is malformed.
  public func overriding(_ specs: [String]) -> Result<TradeColumns, TradeError> {
    var columns = self
    for spec in specs {
      let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let role = Role(rawValue: parts[0]), !parts[1].isEmpty else {
        return .failure(
          TradeError(
            .usage,
            "--column takes ROLE=HEADER with ROLE one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(spec)\""
          ))
      }
      columns.headers[role] = parts[1]
    }
    return .success(columns)
  }

  /// The field index of each role in `header`, or the roles the file lacks.
  func indexes(in header: [String]) -> Result<[Role: Int], TradeError> {
    var indexes: [Role: Int] = [:]
    var missing: [String] = []
    for role in Role.allCases {
      guard let name = headers[role] else {
        missing.append("\(role.rawValue) (no column named for it)")
        continue
      }
      if let index = header.firstIndex(of: name) {
        indexes[role] = index
      } else {
        missing.append("\(role.rawValue) (\"\(name)\")")
      }
    }
    guard missing.isEmpty else {
      return .failure(TradeError(.columns, "the file has no column for \(missing.joined(separator: ", "))"))
    }
    return .success(indexes)
  }
}

/// A trade-ingest failure with its kind.
public struct TradeError: Error, Sendable, CustomStringConvertible {
  /// What went wrong: usage, missing columns, input, too many bad rows, or configuration.
  public enum Kind: Sendable { case usage, columns, input, badRows, configuration }
  public var kind: Kind
  public var message: String
  /// An error of `kind` with its message.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }
  public var description: String { message }
}
