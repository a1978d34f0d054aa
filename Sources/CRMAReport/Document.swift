import CRMATransform
import CSVStream

/// A report as blocks, rendered either as Markdown or as plain text. Citations are written as
/// `{cite:SOURCE_ID}` in text (see ``Citations/cite(_:)``) and become a bracketed link to the
/// source's anchor in sources.md (Markdown) or a bracketed label (plain text).
public struct Document: Sendable {
  /// One piece of a report.
  public enum Block: Sendable {
    case heading(Int, String)
    case paragraph(String)
    case bullets([String])
    case table(TextTable)
    /// A chart, drawn for the output's width and style.
    case chart(@Sendable (Int, ChartStyle) -> String)
    /// "Figures as of": `lead` (what the report's own data covers), then the newest publication
    /// and the newest reading or transcription date among the sources the document cites —
    /// dates from the data, never the time of the run, so the same inputs give the same bytes.
    case asOf(String)
  }

  public var blocks: [Block] = []
  public var citations: Citations

  /// An empty document that labels its citations with `citations`.
  public init(citations: Citations) { self.citations = citations }

  /// Appends a block.
  public mutating func add(_ block: Block) { blocks.append(block) }

  /// The document as GitHub-flavoured Markdown, charts in `text` fences; each citation a link to
  /// its source's anchor in sources.md, and the sources cited listed at the end.
  public func markdown(width: Int, style: ChartStyle) -> String {
    var parts: [String] = []
    for block in blocks {
      switch block {
      case .heading(let level, let text):
        parts.append(String(repeating: "#", count: level) + " " + cite(text, markdown: true))
      case .paragraph(let text): parts.append(cite(text, markdown: true))
      case .bullets(let items):
        parts.append(items.map { "- " + cite($0, markdown: true) }.joined(separator: "\n"))
      case .table(let table):
        let (hoisted, note) = Self.hoistingCitations(table)
        var cited = hoisted
        cited.rows = hoisted.rows.map { $0.map { cite($0, markdown: true) } }
        parts.append(cited.markdown().trimmingTrailingNewline())
        if let note { parts.append(cite(note, markdown: true)) }
      case .chart(let draw):
        parts.append("```text\n" + draw(width, style).trimmingTrailingNewline() + "\n```")
      case .asOf(let lead): parts.append(cite(citations.asOf(lead: lead), markdown: true))
      }
    }
    let cited = citations.usedInLabelOrder
    if !cited.isEmpty {
      parts.append(
        "Sources cited (full entries in [sources.md](sources.md)):\n\n"
          + cited.map { "- " + citations.reference($0, markdown: true) }.joined(separator: "\n"))
    }
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// The document as plain text no wider than `width` (a URL is never broken: it stands on its own
  /// line), citations as bracketed labels and the sources cited listed at the end.
  public func plain(width: Int, style: ChartStyle) -> String {
    var parts: [String] = []
    for block in blocks {
      switch block {
      case .heading(let level, let text):
        let title = cite(text, markdown: false)
        let underline = String(repeating: level == 1 ? "=" : "-", count: min(width, DisplayWidth.of(title)))
        parts.append(BarChart.wrap(title, width: width).joined(separator: "\n") + "\n" + underline)
      case .paragraph(let text):
        parts.append(BarChart.wrap(cite(text, markdown: false), width: width).joined(separator: "\n"))
      case .bullets(let items):
        parts.append(
          items.map { item in
            BarChart.wrap(cite(item, markdown: false), width: width - 2).enumerated().map {
              ($0 == 0 ? "- " : "  ") + $1
            }
            .joined(separator: "\n")
          }.joined(separator: "\n"))
      case .table(let table):
        let (hoisted, note) = Self.hoistingCitations(table)
        var cited = hoisted
        cited.rows = hoisted.rows.map { $0.map { cite($0, markdown: false) } }
        parts.append(cited.plain(width: width).trimmingTrailingNewline())
        if let note {
          parts.append(BarChart.wrap(cite(note, markdown: false), width: width).joined(separator: "\n"))
        }
      case .chart(let draw): parts.append(draw(width, style).trimmingTrailingNewline())
      case .asOf(let lead):
        parts.append(
          BarChart.wrap(cite(citations.asOf(lead: lead), markdown: false), width: width).joined(
            separator: "\n"))
      }
    }
    let notes = citations.usedInLabelOrder.map { id in
      BarChart.wrap(citations.reference(id, markdown: false), width: width - 4).joined(separator: "\n    ")
        + "\n    " + citations.url(id)
    }
    if !notes.isEmpty { parts.append("Sources\n-------\n" + notes.joined(separator: "\n")) }
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// A table whose rows all cite the same sources loses the citations from its cells; they are
  /// said once under it ("Source: …"). Other tables are returned as they are.
  static func hoistingCitations(_ table: TextTable) -> (TextTable, String?) {
    let perRow = table.rows.map { row in Set(row.flatMap(citationIDs)) }
    guard table.rows.count > 1, let first = perRow.first, !first.isEmpty, perRow.allSatisfy({ $0 == first })
    else { return (table, nil) }
    var stripped = table
    stripped.rows = table.rows.map { row in row.map(withoutCitations) }
    let ids = first.sorted()
    return (
      stripped,
      (ids.count == 1 ? "Source: " : "Sources: ")
        + ids.map { Citations.marker + $0 + "}" }.joined(separator: ", ")
    )
  }

  /// The source ids cited in `text`, in order.
  static func citationIDs(_ text: String) -> [String] {
    Markup.citationIDs(text)
  }

  /// `text` without its citations (and the spaces they leave at its end).
  static func withoutCitations(_ text: String) -> String {
    var result = Markup.replacingCitations(in: text) { _ in "" }
    while result.last == " " { result.removeLast() }
    return result
  }

  /// Replaces each `{cite:SOURCE_ID}` with the source's label: `[[label](sources.md#SOURCE_ID)]` in
  /// Markdown, `[label]` in plain text, with a space before it when it follows a word; in plain
  /// text a Markdown link becomes "text (target)".
  private func cite(_ text: String, markdown: Bool) -> String {
    var result = ""
    var rest = text[...]
    while let start = rest.firstRange(of: Citations.marker) {
      result += rest[..<start.lowerBound]
      let after = rest[start.upperBound...]
      guard let end = after.firstIndex(of: "}") else { break }
      let id = String(after[..<end])
      if let last = result.last, !last.isWhitespace, last != "(" { result += " " }
      let label = citations.label(id)
      result += markdown ? "[[\(Citations.escape(label))](sources.md#\(id))]" : "[\(label)]"
      rest = after[after.index(after: end)...]
    }
    result += rest
    // Plain text has no Markdown: a link `[text](target)` in the text reads "text (target)".
    return markdown ? result : Markup.plainLinks(result)
  }
}

/// Citation labels and anchors for sources: every source keeps its `source_id` as its anchor in
/// sources.md (so adding a source never changes another's link) and gets a short label, e.g.
/// "USGS MCS 2026" or "Kyiv Post 2025-01-08"; the list of those a document cites.
public final class Citations: @unchecked Sendable {
  // Only used while one document is built, on one thread.
  static let marker = "{cite:"
  private let rows: [String: Source]
  private let labels: [String: String]
  /// The sources in source-id order (the order of sources.md).
  let ordered: [Source]
  /// The source ids cited so far.
  public private(set) var used: Set<String> = []

  /// Labels for every source in `sources`.
  public init(sources: [Source]) {
    ordered = sources.sorted { $0.id < $1.id }
    rows = Dictionary(ordered.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    labels = Self.labels(ordered)
  }

  /// `{cite:SOURCE_ID}` for a source id (empty when unknown or empty), recording that it was used.
  public func cite(_ sourceID: String) -> String {
    guard rows[sourceID] != nil else { return "" }
    used.insert(sourceID)
    return Self.marker + sourceID + "}"
  }

  /// The short label of a source: `short_label` where the data gives one, otherwise the publisher
  /// (without a parenthesised remark or a leading "www.") with the edition, else the publication
  /// date, else "n.d."; labels that would be the same for several sources get " a", " b", … in
  /// source-id order.
  public func label(_ sourceID: String) -> String { labels[sourceID] ?? sourceID }

  /// The cited sources, by label (ignoring case).
  var usedInLabelOrder: [String] {
    used.sorted { (label($0).lowercased(), $0) < (label($1).lowercased(), $1) }
  }

  func url(_ sourceID: String) -> String { rows[sourceID]?.url ?? "" }

  /// The source row of an id, if known.
  public func source(_ sourceID: String) -> Source? { rows[sourceID] }

  /// "Figures as of: LEAD; newest source cited published D [label]; copies read or transcribed
  /// up to D." over the sources cited so far.
  func asOf(lead: String) -> String {
    let cited = used.compactMap { rows[$0] }
    var parts = [lead]
    if let newest = cited.filter({ $0.published != nil }).max(by: {
      ($0.published!, $1.id) < ($1.published!, $0.id)
    }) {
      parts.append("newest source cited published \(newest.published!) \(Self.marker)\(newest.id)}")
    }
    let read = cited.flatMap { [$0.accessed, $0.transcribed] }.compactMap { $0 }.filter { !$0.isEmpty }.max()
    if let read { parts.append("copies read or transcribed up to \(read)") }
    return "Figures as of: " + parts.filter { !$0.isEmpty }.joined(separator: "; ") + "."
  }

  /// One line on a cited source: label (linked to its entry in Markdown), publisher, title,
  /// edition, publication date and confidence.
  func reference(_ sourceID: String, markdown: Bool) -> String {
    guard let source = rows[sourceID] else { return "" }
    var text =
      markdown
      ? "[\(Self.escape(label(sourceID)))](sources.md#\(sourceID)): \(TextTable.escape(source.publisher))"
      : "[\(label(sourceID))] \(source.publisher)"
    text += markdown ? ", *\(TextTable.escape(source.title))*" : ", \(source.title)"
    if !source.edition.isEmpty { text += ", \(source.edition)" }
    if let published = source.published { text += ", published \(published)" }
    text += " (confidence: \(source.confidence.rawValue))"
    return text
  }

  static func labels(_ sources: [Source]) -> [String: String] {
    var base: [(id: String, label: String)] = []
    for source in sources {
      let id = source.id
      if let shortLabel = source.shortLabel {
        base.append((id, shortLabel))
        continue
      }
      var publisher = source.publisher
      if let remark = publisher.firstRange(of: " (") { publisher = String(publisher[..<remark.lowerBound]) }
      if publisher.hasPrefix("www.") { publisher.removeFirst(4) }
      let when = [source.edition, source.published ?? ""].first { !$0.isEmpty } ?? "n.d."
      base.append((id, publisher + " " + when))
    }
    let counts = Dictionary(base.map { ($0.label, 1) }, uniquingKeysWith: +)
    var seen: [String: Int] = [:]
    var labels: [String: String] = [:]
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    for (id, label) in base {
      guard counts[label, default: 0] > 1 else {
        labels[id] = label
        continue
      }
      let index = seen[label, default: 0]
      seen[label] = index + 1
      let suffix = index < letters.count ? String(letters[index]) : String(index + 1)
      labels[id] = label + " " + suffix
    }
    return labels
  }

  /// A label as Markdown link text: brackets and the table separator escaped.
  static func escape(_ label: String) -> String {
    TextTable.escape(label).replacing("[", with: "\\[").replacing("]", with: "\\]")
  }
}

extension String {
  func trimmingTrailingNewline() -> String {
    var text = self
    while text.last == "\n" { text.removeLast() }
    return text
  }
}
