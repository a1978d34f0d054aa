/// One cell of a USGS table read by the markers the Mineral Commodity Summaries use: a number
/// (thousands separators allowed, in groups of three), `W` withheld, `NA` not available, `—`
/// zero, `XX` not applicable, a leading `>`/`<`, a trailing `e` (estimated), and the words USGS
/// writes where a figure is counted elsewhere ("Included with ilmenite", `s`). Anything else is
/// an error: no cell is skipped because it could not be read.
public struct PublishedCell: Sendable, Equatable {
  /// What the cell says.
  public enum Status: String, Sendable {
    case figure, withheld, notAvailable, notApplicable, includedElsewhere
  }

  public var status: Status
  /// The figure (0 for `—`); nil unless `status` is `.figure`.
  public var value: Double?
  /// `>` or `<` before the figure.
  public var qualifier: String?
  /// A trailing `e`.
  public var estimatedMark = false
  /// How the cell was written, in words, for the row's note ("— = zero"); nil for plain figures.
  public var explanation: String?

  /// Reads `text`; nil when the cell is empty. Throws a message for anything unknown.
  public static func parse(_ text: String) throws(Message) -> PublishedCell? {
    var body = USGSText.clean(text)
    if body.isEmpty { return nil }
    switch body.lowercased() {
    case "w":
      return PublishedCell(
        status: .withheld, explanation: "W = withheld to avoid disclosing company proprietary data")
    case "na": return PublishedCell(status: .notAvailable, explanation: "NA = not available")
    case "xx": return PublishedCell(status: .notApplicable, explanation: "XX = not applicable")
    case "—":
      return PublishedCell(status: .figure, value: 0, explanation: "— = zero")
    case "included with ilmenite":
      return PublishedCell(status: .includedElsewhere, explanation: "included with ilmenite")
    case "s":
      return PublishedCell(status: .includedElsewhere, explanation: "published as \"s\" (no figure)")
    default: break
    }
    var cell = PublishedCell(status: .figure)
    if body.hasPrefix(">") || body.hasPrefix("<") {
      cell.qualifier = String(body.removeFirst())
      body = USGSText.clean(body)
      cell.explanation = cell.qualifier == ">" ? "> = more than" : "< = less than"
    }
    if body.hasSuffix("e") {
      body.removeLast()
      cell.estimatedMark = true
    }
    guard let value = number(body) else {
      throw Message("\"\(text)\" is not a number or a USGS marker (W, NA, —, XX, >, <, e)")
    }
    cell.value = value
    return cell
  }

  /// A non-negative decimal number; commas only as thousands separators in groups of three.
  static func number(_ text: String) -> Double? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = parts.first, !whole.isEmpty else { return nil }
    if parts.count == 2 {
      guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
    }
    let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
    guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
    if groups.count > 1 {
      guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
    }
    return Double(groups.joined() + (parts.count == 2 ? "." + parts[1] : ""))
  }

  /// Why a cell could not be read.
  public struct Message: Error, Sendable, Equatable {
    public var text: String
    init(_ text: String) { self.text = text }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
