import Logging

/// Options of the rendered set.
public struct ReportOptions: Sendable {
  /// Width of charts in Markdown, in display cells.
  public var width: Int
  /// Width of the plain-text reports (at most 80 so they read in a terminal and an e-mail).
  public var textWidth: Int
  public var ascii: Bool

  /// Options; `textWidth` is capped at 80.
  public init(width: Int = 80, textWidth: Int = 80, ascii: Bool = false) {
    self.width = width
    self.textWidth = min(textWidth, 80)
    self.ascii = ascii
  }
}

/// The report stage: a pure function from the transform output to the report files (name →
/// text). Same inputs, same bytes: everything is sorted, nothing reads the clock.
public enum ReportStage {
  /// Renders every report file (name → text) from `data`.
  public static func render(_ data: ReportData, options: ReportOptions = ReportOptions(), logger: Logger)
    -> [String: String]
  {
    let style = ChartStyle(ascii: options.ascii)
    var files: [String: String] = [:]
    let summary = OverviewReports.summary(data, citations: Citations(sources: data.sources))
    files["summary.md"] = summary.markdown(width: options.width, style: style)
    files["summary.txt"] = summary.plain(width: options.textWidth, style: style)
    var tables = TableExport.tables(summary, report: "summary", title: "Summary")
    for spec in MaterialSpec.all {
      let document = MaterialReport(
        spec: spec, data: data, citations: Citations(sources: data.sources)
      ).document()
      files["\(spec.slug).md"] = document.markdown(width: options.width, style: style)
      files["\(spec.slug).txt"] = document.plain(width: options.textWidth, style: style)
      tables += TableExport.tables(document, report: spec.slug, title: spec.title)
    }
    let frontLine = FrontLineReport(data: data, citations: Citations(sources: data.sources)).document()
    files["front-line.md"] = frontLine.markdown(width: options.width, style: style)
    files["front-line.txt"] = frontLine.plain(width: options.textWidth, style: style)
    tables += TableExport.tables(frontLine, report: "front-line", title: "The front line, dated")
    let mapping = OverviewReports.mapping(data, citations: Citations(sources: data.sources))
    files["mapping.md"] = mapping.markdown(width: options.width, style: style)
    tables += TableExport.tables(mapping, report: "mapping", title: "The CRMA mapping")
    for table in tables { files["tables/\(table.name).csv"] = table.csv() }
    files["tables/datapackage.json"] = TableExport.descriptor(tables)
    files["sources.md"] = OverviewReports.sources(data)
    files["README.md"] = OverviewReports.index()
    for (name, text) in files { files[name] = normalise(text) }
    logger.info("reports rendered", metadata: ["files": .stringConvertible(files.count)])
    return files
  }

  /// UTF-8 text with `\n` line ends, no trailing spaces, one final newline.
  static func normalise(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      var line = String(line)
      while line.last == " " { line.removeLast() }
      return line
    }
    var result = lines.joined(separator: "\n")
    while result.hasSuffix("\n\n") { result.removeLast() }
    if !result.hasSuffix("\n") { result += "\n" }
    return result
  }
}
