/// Which column of a trade extract plays which role, and which flow values mean "import".
public struct TradeColumns: Sendable, Equatable {
  /// What a column of a trade extract means.
  public enum Role: String, Sendable, CaseIterable {
    case reporter, partner, product, flow, period, value, mass
  }

  /// The header names each role may have, the first one the file has wins (a preset lists the
  /// names of the current and the older layout).
  public var headers: [Role: [String]]
  public var importFlows: Set<String>
  /// Roles a file may lack: without a mass column every share is a share of value.
  public var optionalRoles: Set<Role>

  /// A layout naming the header of each role and the flow values that mean import.
  public init(headers: [Role: String], importFlows: Set<String>, optionalRoles: Set<Role> = [.mass]) {
    self.init(candidates: headers.mapValues { [$0] }, importFlows: importFlows, optionalRoles: optionalRoles)
  }

  /// A layout with several possible header names per role, tried in order.
  public init(candidates: [Role: [String]], importFlows: Set<String>, optionalRoles: Set<Role> = [.mass]) {
    self.headers = candidates
    self.importFlows = importFlows
    self.optionalRoles = optionalRoles
  }

  /// Eurostat Comext: CN8 products, two-letter partner codes, FLOW 1 = import, PERIOD `YYYY52`
  /// (annual), `YYYYMM` (monthly) or `YYYY`, values in euro, net mass in kg (optional). Header
  /// names of the current bulk files (`full_v2_YYYYMM`: REPORTER, PARTNER, VALUE_EUR,
  /// QUANTITY_KG) and of the older layout and extracts made from it (DECLARANT_ISO, PARTNER_ISO,
  /// VALUE_IN_EUROS, QUANTITY_IN_KG) both work; the ISO columns win over the numeric ones.
  public static let comext = TradeColumns(
    candidates: [
      .reporter: ["DECLARANT_ISO", "REPORTER"], .partner: ["PARTNER_ISO", "PARTNER"],
      .product: ["PRODUCT_NC"],
      .flow: ["FLOW"], .period: ["PERIOD"], .value: ["VALUE_EUR", "VALUE_IN_EUROS"],
      .mass: ["QUANTITY_KG", "QUANTITY_IN_KG"],
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
      columns.headers[role] = [parts[1]]
    }
    return .success(columns)
  }

  /// The field index of each role in `header` (an optional role the file lacks has none), or an
  /// error that lists the roles the file lacks, the file's headers and the `--column` fix.
  func indexes(in header: [String]) -> Result<[Role: Int], TradeError> {
    var indexes: [Role: Int] = [:]
    var missing: [String] = []
    for role in Role.allCases {
      let names = headers[role] ?? []
      if let index = names.lazy.compactMap({ header.firstIndex(of: $0) }).first {
        indexes[role] = index
      } else if !optionalRoles.contains(role) {
        missing.append(
          names.isEmpty
            ? "\(role.rawValue) (no column named for it)"
            : "\(role.rawValue) (\(names.map { "\"\($0)\"" }.joined(separator: " or ")))")
      }
    }
    guard missing.isEmpty else {
      let fix = missing.map { "--column \($0.prefix { $0 != " " })=HEADER" }.joined(separator: " ")
      return .failure(
        TradeError(
          .columns,
          "the file has no column for \(missing.joined(separator: ", ")); its headers are "
            + header.map { "\"\($0)\"" }.joined(separator: ", ") + "; name the columns with \(fix)"))
    }
    return .success(indexes)
  }
}

/// A trade-ingest failure with its kind.
public struct TradeError: Error, Sendable, CustomStringConvertible {
  /// What went wrong: usage, missing columns, input, too many bad rows, a sum too large for
  /// exact arithmetic, periods that would be added twice, or configuration.
  public enum Kind: Sendable { case usage, columns, input, badRows, overflow, periods, configuration }
  public var kind: Kind
  public var message: String
  /// An error of `kind` with its message.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }
  public var description: String { message }
}
