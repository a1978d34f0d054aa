// Natural graphite under the CRMA: who supplies the EU, how concentrated, and Ukraine's share,
// from crma's data package through its library stages. Usage: graphite-shares [DATA_FOLDER]
import CRMAIngest
import CRMAReport
import CRMATransform
import Logging

let folder = CommandLine.arguments.dropFirst().first ?? "data"
let logger = Logger(label: "graphite-shares") { label in StreamLogHandler.standardError(label: label) }

do {
  let ingest = try IngestStage.run(directory: folder, logger: logger)
  guard ingest.isValid else {
    for problem in ingest.problems { print(problem) }
    throw TransformError("the data package has problems")
  }
  let input = try TransformInput(ingest: ingest)
  let result = TransformStage.run(input, logger: logger)

  let category = CRMAMapping.crmaEntry(for: "natural-graphite", in: input.materials)
  print("Natural graphite counts towards the CRMA entry: \(category?.name ?? "none") (\(category?.category.label ?? "not listed"))")

  let rows = result.concentration.filter { $0.materialID == "natural-graphite" }
  let table = TextTable(
    columns: [.init("Mix"), .init("Stage"), .init("HHI", .right), .init("Top-3", .right), .init("Largest"), .init("Ukraine", .right)],
    rows: rows.map { row in
      [
        // nil when the table is incomplete (row.statisticsWithheld says why).
        row.measure, row.stage.rawValue, row.hhi.map(NumberText.index) ?? "—",
        row.top3Share.map { NumberText.percent(fraction: $0) } ?? "—",
        "\(row.largestCountry) \(row.largestShare.map { NumberText.percent(fraction: $0) } ?? "—")",
        row.ukraineShare.map { NumberText.percent(fraction: $0) } ?? "not listed",
      ]
    })
  print(table.plain(width: 80))

  let sourcing = input.supplyShares.filter { $0.materialID == "natural-graphite" && $0.scope == "eu-sourcing" }
    .sorted { ($0.sharePct, $1.country) > ($1.sharePct, $0.country) }
  var chart = BarChart(
    title: "Natural graphite: EU sourcing by country (2023 EU study)", unit: "percent of EU sourcing",
    bars: sourcing.map { BarChart.Bar(input.countries[$0.country]?.name ?? $0.country, $0.sharePct, marked: $0.country == "UKR") })
  chart.marker = (65, "65 % cap")
  chart.format = { NumberText.percent($0) }
  print(chart.render(width: 72, style: ChartStyle(ascii: false)))
} catch {
  print("graphite-shares: \(error)")
  exit(1)
}

import Glibc
