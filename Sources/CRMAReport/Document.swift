import CRMATransform
import CSVStream

/// A report as blocks, rendered either as Markdown or as plain text. Citations are written as
/// `{cite:N}` in text and become `[^N]` (Markdown footnotes) or `[N]`.
public struct Document: Sendable {
  /// One piece of a report.
  public enum Block: Sendable {
    case heading(Int, String)
    case paragraph(String)
    case bullets([String])
    case table(TextTable)
    /// A chart, drawn for the output's width and style.
    case chart(@Sendable (Int, ChartStyle) -> String)
  }

  public var blocks: [Block] = []
  public var citations: Citations

  /// An empty document that numbers its citations with `citations`.
  public init(citations: Citations) { self.citations = citations }

  /// Appends a block.
  public mutating func add(_ block: Block) { blocks.append(block) }

  /// The document as GitHub-flavoured Markdown, charts in `text` fences, footnotes at the end.
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
        var cited = table
        cited.rows = table.rows.map { $0.map { cite($0, markdown: true) } }
        parts.append(cited.markdown().trimmingTrailingNewline())
      case .chart(let draw):
        parts.append("```text\n" + draw(width, style).trimmingTrailingNewline() + "\n```")
      }
    }
    let notes = citations.used.map { number in "[^\(number)]: \(citations.reference(number, markdown: true))"
    }
    if !notes.isEmpty { parts.append(notes.joined(separator: "\n")) }
    return parts.joined(separator: "\n\n") + "\n"
  }

  /// The document as plain text no wider than `width`, sources listed at the end.
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
        var cited = table
        cited.rows = table.rows.map { $0.map { cite($0, markdown: false) } }
        parts.append(cited.plain(width: width).trimmingTrailingNewline())
      case .chart(let draw): parts.append(draw(width, style).trimmingTrailingNewline())
      }
    }
    let notes = citations.used.map { number in
      BarChart.wrap("[\(number)] \(citations.reference(number, markdown: false))", width: width - 4).joined(
        separator: "\n    ")
    }
    if !notes.isEmpty { parts.append("Sources\n-------\n" + notes.joined(separator: "\n")) }
    return parts.joined(separator: "\n\n") + "\n"
  }

  private func cite(_ text: String, markdown: Bool) -> String {
    var result = ""
    var rest = text[...]
    while let start = rest.firstRange(of: "{cite:") {
      result += rest[..<start.lowerBound]
      let after = rest[start.upperBound...]
      guard let end = after.firstIndex(of: "}") else { break }
      let number = after[..<end]
      result += markdown ? "[^\(number)]" : "[\(number)]"
      rest = after[after.index(after: end)...]
    }
    return result + rest
  }
}

/// Numbers for sources: one number per source id across all reports (its position in the sorted
/// sources list), and the list of those a document cites.
public final class Citations: @unchecked Sendable {
  // Only used while one document is built, on one thread.
  private let numbers: [String: Int]
  /// The sources in number order: source N is `ordered[N - 1]`.
  let ordered: [Source]
  public private(set) var used: [Int] = []

  /// Numbers for every source in `sources`, in source-id order.
  public init(sources: [Source]) {
    ordered = sources.sorted { $0.id < $1.id }
    var numbers: [String: Int] = [:]
    for (index, source) in ordered.enumerated() { numbers[source.id] = index + 1 }
    self.numbers = numbers
  }

  /// `{cite:N}` for a source id (empty when unknown or empty), recording that it was used.
  public func cite(_ sourceID: String) -> String {
    guard let number = numbers[sourceID] else { return "" }
    if !used.contains(number) {
      used.append(number)
      used.sort()
    }
    return "{cite:\(number)}"
  }

  func reference(_ number: Int, markdown: Bool) -> String {
    guard number >= 1 && number <= ordered.count else { return "" }
    let source = ordered[number - 1]
    var text = source.publisher
    if !source.title.isEmpty {
      text += markdown ? ", *\(TextTable.escape(source.title))*" : ", \(source.title)"
    }
    if !source.edition.isEmpty { text += ", \(source.edition)" }
    text += " (confidence: \(source.confidence.rawValue))"
    text += markdown ? " — [source \(number)](sources.md#s\(number))" : " — \(source.url)"
    return text
  }
}

extension String {
  func trimmingTrailingNewline() -> String {
    var text = self
    while text.last == "\n" { text.removeLast() }
    return text
  }
}
