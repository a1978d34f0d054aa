import CRMAReport
import CRMATestSupport
import CSVStream
import Testing

/// Golden files for every chart and table type (synthetic values, for layout only).
@Suite("Text charts and tables")
struct ChartTests {
  static let unicode = ChartStyle(ascii: false)
  static let ascii = ChartStyle(ascii: true)

  static var bars: BarChart {
    BarChart(
      title: "Synthetic production", unit: "t (synthetic test values)",
      bars: [
        .init("Австралія", 92_000), .init("Chile", 56_000), .init("Україна", 1_234.5, marked: true),
        .init("Zero", 0),
        .init("Missing", nil),
      ])
  }

  @Test("bar chart, Unicode and ASCII")
  func barChart() throws {
    try expectGolden(Self.bars.render(width: 60, style: Self.unicode), named: "bar-unicode.txt")
    try expectGolden(Self.bars.render(width: 60, style: Self.ascii), named: "bar-ascii.txt")
  }

  @Test("bar chart with negative values and a zero axis")
  func negative() throws {
    let chart = BarChart(
      title: "Synthetic change", unit: "t", bars: [.init("Up", 30), .init("Down", -12.5), .init("Flat", 0)])
    try expectGolden(chart.render(width: 50, style: Self.unicode), named: "bar-negative.txt")
  }

  @Test("bar chart on a log scale with a cap marker")
  func logAndMarker() throws {
    var chart = BarChart(
      title: "Synthetic spread", unit: "t",
      bars: [.init("Big", 1_000_000), .init("Mid", 1_000), .init("Small", 1)])
    chart.logScale = true
    try expectGolden(chart.render(width: 60, style: Self.unicode), named: "bar-log.txt")
    var capped = BarChart(title: "Synthetic shares", unit: "percent", bars: [.init("A", 79), .init("B", 12)])
    capped.marker = (65, "the 65 % cap on a single third country")
    capped.format = { NumberText.percent($0) }
    try expectGolden(capped.render(width: 60, style: Self.unicode), named: "bar-cap.txt")
  }

  @Test("stacked 100 % bar")
  func stacked() throws {
    let chart = StackedBar(
      title: "Synthetic split", unit: "t",
      parts: [.init("occupied", 3), .init("contested", 1), .init("government-controlled", 6)])
    try expectGolden(chart.render(width: 40, style: Self.unicode), named: "stacked-unicode.txt")
    try expectGolden(chart.render(width: 40, style: Self.ascii), named: "stacked-ascii.txt")
  }

  @Test("sparkline with a gap for a missing year")
  func sparkline() throws {
    let line = Sparkline(label: "synthetic", unit: "kt", values: [2018: 1, 2019: 4, 2021: 8, 2022: 2])
    try expectGolden(
      line.render(width: 60, style: Self.unicode) + line.render(width: 60, style: Self.ascii),
      named: "sparkline.txt")
  }

  @Test("Markdown and plain tables: right-aligned numbers, escaped pipes, Cyrillic widths")
  func tables() throws {
    let table = TextTable(
      columns: [.init("Oblast"), .init("Tonnes (t)", .right), .init("Note")],
      rows: [["Донецька", "1,200,000", "a|b"], ["Kirovohrad", "760,000", ""]])
    try expectGolden(
      table.markdown() + "\n" + table.plain(width: 80) + "\n" + table.plain(width: 24), named: "tables.txt")
  }

  @Test("no line of any chart exceeds the width, in display cells", arguments: [40, 60, 80, 120])
  func widths(width: Int) {
    let long = BarChart(
      title:
        "Synthetic chart with a title much longer than any of the widths tested here, Запорізька область",
      unit: "t",
      bars: [.init("Дніпропетровська область, дуже довга назва", 5), .init("中文名称", 3, marked: true)])
    for style in [Self.unicode, Self.ascii] {
      for text in [
        long.render(width: width, style: style), Self.bars.render(width: width, style: style),
        StackedBar(title: "S", unit: "t", parts: [.init("Запорізька", 1), .init("b", 2)]).render(
          width: width, style: style),
        Sparkline(label: "Україна", unit: "t", values: [2000: 1, 2010: 2]).render(width: width, style: style),
      ] {
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(line) <= width, "\(line)") }
      }
    }
  }

  @Test("ASCII mode uses only ASCII")
  func asciiOnly() {
    let text =
      Self.bars.render(width: 60, style: Self.ascii)
      + StackedBar(title: "S", unit: "t", parts: [.init("a", 1), .init("b", 2)]).render(
        width: 40, style: Self.ascii)
      + Sparkline(label: "s", unit: "t", values: [1: 1, 3: 2]).render(width: 40, style: Self.ascii)
    let labels = ["Австралія", "Україна"]
    var stripped = text
    for label in labels { stripped = stripped.replacing(label, with: "") }
    let allASCII = stripped.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(allASCII)
  }

  @Test("numbers never depend on the locale")
  func numbers() {
    #expect(NumberText.grouped(1_234_567.891, digits: 1) == "1,234,567.9")
    #expect(NumberText.grouped(-1000) == "-1,000")
    #expect(NumberText.percent(fraction: 0.1234) == "12.3 %")
    #expect(NumberText.percent(65) == "65 %")
  }
}

/// Charts are total: generated extreme values (synthetic) render without trapping.
@Suite("Text charts: extreme values")
struct ChartExtremeTests {
  static let values: [Double] = [
    1e308, -1e308, .greatestFiniteMagnitude, -0.0, 0, .leastNonzeroMagnitude, 1e20,
  ]

  @Test("bar charts, sparklines and stacked bars of ±1e308, -0 and 1e20 render")
  func extremes() {
    let style = ChartStyle(ascii: false)
    let bars = BarChart(
      title: "Synthetic extremes", unit: "t",
      bars: Self.values.enumerated().map { .init("v\($0.offset)", $0.element) })
    #expect(!bars.render(width: 60, style: style).isEmpty)
    var log = bars
    log.logScale = true
    #expect(!log.render(width: 60, style: style).isEmpty)
    let line = Sparkline(
      label: "synthetic", unit: "t",
      values: Dictionary(
        uniqueKeysWithValues: Self.values.enumerated().map { (2000 + $0.offset, $0.element) }))
    #expect(line.render(width: 60, style: style).contains("synthetic 2000"))
    let stacked = StackedBar(
      title: "Synthetic parts", unit: "t",
      parts: [.init("a", 1e308), .init("b", 1e308), .init("c", -5), .init("d", 0)])
    let text = stacked.render(width: 40, style: style)
    #expect(text.contains("[") && text.contains("a:") && text.contains("50.0 %"))
  }
}
