import ArgumentParser
import CRMAFiles
import CRMAIngest
import CRMAPipeline
import CRMAReport
import CSVStream
import Glibc
import Logging

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the reports (Markdown and plain text) from the transform output.",
    discussion: """
      Reads the transform stage's output package and writes reports/: README.md (index), \
      summary, one report per material (.md and .txt), mapping.md and sources.md. With \
      --stdout MATERIAL (lithium, titanium, rare-earths, summary) prints that report as plain \
      text instead; colour only on a terminal and never with NO_COLOR set.
      """)

  @Option(name: .customLong("in"), help: "The transform stage's output folder.")
  var input = "build/transform"

  @Option(help: "Where to write the reports.")
  var out = "reports"

  @Option(help: "Width of charts in the Markdown reports, in terminal cells (40-160).")
  var width = 80

  @Flag(help: "Draw charts with ASCII characters only.")
  var ascii = false

  @Option(
    help:
      "Print one report (lithium, titanium, rare-earths or summary) to standard output instead of writing files."
  )
  var stdout: String?

  @OptionGroup var logging: LoggingOptions

  func validate() throws {
    guard (40...160).contains(width) else { throw ValidationError("--width must be between 40 and 160") }
    if let stdout, !(MaterialSpec.all.map(\.slug) + ["summary"]).contains(stdout) {
      throw ValidationError("--stdout takes lithium, titanium, rare-earths or summary")
    }
  }

  func run() throws {
    let logger = logging.makeLogger(label: "crma.report")
    guard let stdout else {
      var pipeline = Pipeline(
        reportsFolder: out, force: true, toolVersion: CRMAVersion.string,
        reportOptions: ReportOptions(width: width, ascii: ascii), logger: logger)
      pipeline.transformFolder = input
      try runStage(pipeline.report)
      return
    }
    let data: ReportData
    let problems: [IngestProblem]
    do throws(IngestError) {
      (data, problems) = try ReportData.load(directory: input, logger: logger)
    } catch {
      printError(error.description)
      throw ExitStatus.code(for: error)
    }
    if !problems.isEmpty {
      for problem in problems { printError(problem.description) }
      throw ExitStatus.code(for: problems)
    }
    let files = ReportStage.render(
      data, options: ReportOptions(width: width, textWidth: min(Self.terminalWidth(), 80), ascii: ascii),
      logger: logger)
    var text = files["\(stdout).txt"] ?? ""
    if isatty(STDOUT_FILENO) == 1 && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true) {
      text = Self.colourHeadings(text)
    }
    print(text, terminator: "")
  }

  static func terminalWidth() -> Int {
    if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 20 { return columns }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
    return 80
  }

  /// Bold headings (the lines above `===` and `---` underlines) for a terminal.
  static func colourHeadings(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for index in lines.indices.dropFirst()
    where !lines[index].isEmpty && lines[index].allSatisfy({ $0 == "=" || $0 == "-" }) {
      if !lines[index - 1].isEmpty && !lines[index - 1].contains("  ") {
        lines[index - 1] = "\u{1B}[1m" + lines[index - 1] + "\u{1B}[0m"
      }
    }
    return lines.joined(separator: "\n")
  }
}
