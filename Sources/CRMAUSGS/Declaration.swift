import CRMAIngest

/// A publisher file's `usgs` property in `datapackage.json`: which edition and table it is,
/// the source row it is cited by, and any unit correction declared for it.
///
/// ```json
/// "usgs": {"edition": "MCS 2023", "table": "world", "commodity": "lithium",
///          "source_id": "usgs-mcs-2023-data-release"}
/// ```
struct Declaration: Sendable {
  enum TableKind: String, Sendable, CaseIterable {
    /// A world production (and reserves) table, wide.
    case world
    /// The long table of all chapters (MCS 2026).
    case long
    /// U.S. salient statistics: read and checked, no figures taken.
    case salient
    /// A text file (revision notes): hash-checked and decoded only.
    case notes = "revision-notes"
  }

  var edition: String
  var table: TableKind
  var commodity: USGSCommodity?
  var sourceID: String
  var corrections: [UnitCorrection]

  init(_ json: JSONValue, sources: [String: String]) throws(PublishedCell.Message) {
    guard json.object != nil else { throw PublishedCell.Message("must be an object") }
    guard let edition = json["edition"]?.string, edition.hasPrefix("MCS "), edition.count == 8,
      Int(edition.dropFirst(4)) != nil
    else {
      throw PublishedCell.Message("\"edition\" must read \"MCS YYYY\"")
    }
    guard let tableText = json["table"]?.string, let table = TableKind(rawValue: tableText) else {
      throw PublishedCell.Message(
        "\"table\" must be one of \(TableKind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    guard let sourceID = json["source_id"]?.string, sources[sourceID] != nil else {
      throw PublishedCell.Message("\"source_id\" must name a row of sources.csv")
    }
    var commodity: USGSCommodity?
    if let text = json["commodity"]?.string {
      guard let known = USGSCommodity(rawValue: text) else {
        throw PublishedCell.Message(
          "\"commodity\" \"\(text)\" is not one of \(USGSCommodity.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      commodity = known
    }
    var corrections: [UnitCorrection] = []
    for item in json["unit_corrections"]?.array ?? [] {
      guard let chapter = item["commodity"]?.string.flatMap(USGSCommodity.init(chapter:)),
        let units = item["published_units"]?.array?.compactMap(\.string), !units.isEmpty,
        let unit = item["unit"]?.string.flatMap(PublishedUnit.init(published:)),
        let source = item["source_id"]?.string, sources[source] != nil,
        let evidence = item["evidence"]?.string, !evidence.isEmpty
      else {
        throw PublishedCell.Message(
          "each unit correction needs a known commodity chapter, published_units, a known unit, a source_id of sources.csv and its evidence"
        )
      }
      corrections.append(
        UnitCorrection(
          commodity: chapter, publishedUnits: units, unit: unit, sourceID: source, evidence: evidence))
    }
    self.edition = edition
    self.table = table
    self.commodity = commodity
    self.sourceID = sourceID
    self.corrections = corrections
  }
}
