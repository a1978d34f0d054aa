import CRMATransform
import Foundation

/// Issue 13's sections: where each deposit and site stands against the front line as of the
/// newest evidence, how that changed, and what each ceasefire line would concede. Kept in its own
/// file and added to the summary and the material reports as separate sections.
public struct FrontLineReport {
  let data: ReportData
  let citations: Citations

  public init(data: ReportData, citations: Citations) {
    self.data = data
    self.citations = citations
  }

  static let mapCredit =
    "Map facts derived from DeepStateMap.live, occupied-territory layer of each date given (archived daily by cyterat/deepstate-map-data); no map geometry is reproduced."

  var newestSnapshot: String? {
    data.frontLinePlaces.filter { $0.evidence == "map" }.compactMap(\.asOf).max()
  }

  func name(_ id: String) -> String { data.frontLinePlaces.first { $0.placeID == id }?.name ?? id }

  func names(_ ids: String) -> String {
    let list = ids.split(separator: ";").map { name(String($0)) }
    return list.isEmpty ? "none" : list.joined(separator: ", ")
  }

  /// "2 of 5 lithium deposits occupied, 0 near the line, 3 government-controlled".
  public func headline(_ spec: MaterialSpec) -> String {
    let counts = data.exposureCounts.filter { $0.materialID == spec.depositMaterial }
    guard let total = counts.first?.total else { return "No deposits of this material in the data." }
    func count(_ status: LatestStatus) -> Int { counts.first { $0.status == status }?.deposits ?? 0 }
    var parts = [
      "\(count(.occupied)) of \(total) \(spec.title.lowercased()) deposits occupied",
      "\(count(.nearLine)) near the line", "\(count(.governmentControlled)) government-controlled",
    ]
    if count(.disputed) > 0 { parts.append("\(count(.disputed)) disputed") }
    if count(.notOnMap) > 0 { parts.append("\(count(.notOnMap)) not on the map (no sourced location)") }
    return parts.joined(separator: ", ") + (newestSnapshot.map { " (as of the map of \($0))" } ?? "")
  }

  /// Labelled tonnage sums, and the deposits each leaves out.
  func tonnageLines(_ spec: MaterialSpec) -> [String] {
    let rows = data.exposureTonnage.filter { $0.materialID == spec.depositMaterial }
    var lines: [String] = []
    for count in data.exposureCounts.filter({ $0.materialID == spec.depositMaterial }) {
      let sums = rows.filter { $0.status == count.status }
      let summed = Set(sums.flatMap { $0.depositIDs.split(separator: ";").map(String.init) })
      let left = count.depositIDs.split(separator: ";").map(String.init).filter { !summed.contains($0) }
      var text = "\(count.status.label): "
      guard !sums.isEmpty else {
        lines.append(text + "no comparable tonnage (\(names(count.depositIDs)))")
        continue
      }
      text +=
        sums.map { row in
          "\(FrontLineAnalysis.formatTonnes(row.contained)) \(row.basis) \(row.resourceClass) (\(names(row.depositIDs))\(row.qualifiers.isEmpty ? "" : "; " + row.qualifiers))"
        }.joined(separator: "; ")
      if !left.isEmpty {
        text += "; left out, no comparable tonnage: \(left.map(name).joined(separator: ", "))"
      }
      lines.append(text)
    }
    return lines
  }

  func scenarioRows(_ spec: MaterialSpec) -> [[String]] {
    data.ceasefire.filter { $0.materialID == spec.depositMaterial }.map { row in
      [
        row.label + row.sourceIDs.split(separator: ";").map { citations.cite(String($0)) }.joined(),
        "\(row.concededCount): \(names(row.conceded))",
        row.concededTonnage.isEmpty ? "-" : row.concededTonnage,
        row.concededSites.isEmpty ? "-" : names(row.concededSites) + capacityText(row.concededCapacity),
        "\(row.retainedCount): \(names(row.retained))",
        [
          row.uncertain.isEmpty ? "" : "near the line: \(names(row.uncertain))",
          row.unplaced.isEmpty ? "" : "not placed: \(names(row.unplaced))",
        ].filter { !$0.isEmpty }.joined(separator: "; "),
      ]
    }
  }

  /// "; capacity: …" with each figure's source as a citation ("[source_id]" in the table).
  func capacityText(_ capacity: String) -> String {
    guard !capacity.isEmpty else { return " (no sourced capacity)" }
    let parts = capacity.components(separatedBy: "; ").map { part -> String in
      guard part.hasSuffix("]"), let open = part.lastIndex(of: "[") else { return part }
      let id = String(part[part.index(after: open)..<part.index(before: part.endIndex)])
      let label = part[..<open].trimmingCharacters(in: .whitespaces)
      let place = label.split(separator: ":", maxSplits: 1)
      let text = place.count == 2 ? "\(name(String(place[0]))):\(place[1])" : label
      return text + citations.cite(id)
    }
    return "; " + parts.joined(separator: "; ")
  }

  func scenarioTable(_ spec: MaterialSpec) -> TextTable {
    TextTable(
      columns: [
        .init("Scenario"), .init("Deposits conceded"), .init("Conceded tonnage (class, basis)"),
        .init("Sites conceded"), .init("Deposits kept by Ukraine"), .init("Open"),
      ], rows: scenarioRows(spec))
  }

  func scenarioChart(_ spec: MaterialSpec) -> BarChart {
    BarChart(
      title: "\(spec.title) deposits conceded per ceasefire line",
      unit:
        "deposits (of \(data.exposureCounts.first { $0.materialID == spec.depositMaterial }?.total ?? 0))",
      bars: data.ceasefire.filter { $0.materialID == spec.depositMaterial }.map {
        BarChart.Bar(String($0.label.prefix(3)), Double($0.concededCount))
      })
  }

  /// The section each material report gets.
  public func materialSection(_ spec: MaterialSpec, into document: inout Document) {
    document.add(.heading(2, "Behind the front line, and what a ceasefire line would concede"))
    guard data.exposureCounts.contains(where: { $0.materialID == spec.depositMaterial }) else {
      document.add(.paragraph("No deposits of this material in the front-line tables."))
      return
    }
    document.add(.paragraph(headline(spec) + "."))
    document.add(.bullets(tonnageLines(spec)))
    let places = data.frontLinePlaces.filter {
      $0.materials.split(separator: ";").contains(Substring(spec.depositMaterial))
    }
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Deposit or site"), .init("Status"), .init("Since"), .init("Nearest line km", .right),
            .init("Location (radius km)"),
          ],
          rows: places.map { place in
            [
              place.name, place.status.label + (place.disagreement.isEmpty ? "" : " — " + place.disagreement),
              place.since ?? place.asOf ?? "-", place.nearestKm.map { NumberText.canonical($0) } ?? "-",
              place.precision + (place.radiusKm.map { " (\(NumberText.canonical($0)))" } ?? ""),
            ]
          })))
    document.add(.table(scenarioTable(spec)))
    let chart = scenarioChart(spec)
    document.add(.chart { width, style in chart.render(width: width, style: style) })
    document.add(
      .paragraph(
        "Status rule: \(FrontLineAnalysis.latestRule). A place is occupied when its whole uncertainty disc lies inside the occupied area, near the line when the disc crosses the front line (coast and state border excluded). \(Self.mapCredit)\(citations.cite("deepstatemap-occupied"))"
      ))
  }

  /// The summary's first answer: deposit counts by status per material as of the newest map.
  public func summarySection(into document: inout Document) {
    document.add(.heading(2, "1. How much is behind the front line?"))
    document.add(.bullets(MaterialSpec.all.map { headline($0) }))
    document.add(
      .paragraph(
        "What each proposed ceasefire line would concede: the section \"Ceasefire lines\" below; details, timelines and rules: front-line.md."
      ))
  }

  /// The summary's ceasefire-line tables and charts, one per material.
  public func summaryScenarios(into document: inout Document) {
    document.add(.heading(2, "Ceasefire lines: what each would concede"))
    for spec in MaterialSpec.all {
      document.add(.heading(3, "\(spec.title): ceasefire lines"))
      document.add(.table(scenarioTable(spec)))
      let chart = scenarioChart(spec)
      document.add(.chart { width, style in chart.render(width: width, style: style) })
    }
    document.add(.paragraph("Details, timelines and rules: front-line.md. \(Self.mapCredit)"))
  }

  /// reports/front-line.md and .txt.
  public func document() -> Document {
    var document = Document(citations: citations)
    document.add(.heading(1, "The front line, dated: deposits and sites against the daily maps"))
    document.add(.paragraph(Self.mapCredit + citations.cite("deepstatemap-occupied")))
    document.add(.bullets(MaterialSpec.all.map { headline($0) }))
    for spec in MaterialSpec.all {
      document.add(.heading(2, spec.title))
      document.add(.bullets(tonnageLines(spec)))
      document.add(.table(scenarioTable(spec)))
    }
    document.add(.heading(2, "Producing and processing sites"))
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Site"), .init("Oblast"), .init("Status"), .init("Since"), .init("Nearest line km", .right),
          ],
          rows: data.frontLinePlaces.filter { $0.kind == "site" }.map {
            [
              $0.name, $0.oblast ?? "-", $0.status.label, $0.since ?? "-",
              $0.nearestKm.map { NumberText.canonical($0) } ?? "-",
            ]
          })))
    document.add(.heading(2, "Timelines: daily maps and press reports"))
    document.add(
      .paragraph(
        "Both kinds of evidence are kept where they overlap; a press report that differs from the map on its date, or from another report of the same date, is flagged."
      ))
    let entries = data.frontLineTimeline.filter { entry in
      entry.evidence == "press" || data.frontLineTimeline.filter { $0.placeID == entry.placeID }.count > 1
    }
    document.add(
      .table(
        TextTable(
          columns: [
            .init("Place"), .init("From"), .init("To"), .init("Status"), .init("Evidence"),
            .init("Disagreement"),
          ],
          rows: entries.map {
            [
              name($0.placeID), $0.from, $0.to ?? "", $0.status, $0.evidence + citations.cite($0.sourceID),
              $0.disagreement,
            ]
          })))
    let steady = Set(data.frontLineTimeline.map(\.placeID)).filter { id in
      !entries.contains { $0.placeID == id }
    }
    document.add(
      .paragraph(
        "Unchanged on every snapshot: "
          + steady.sorted().map { id in
            let place = data.frontLinePlaces.first { $0.placeID == id }
            return "\(name(id)) (\(place?.status.label ?? "-"))"
          }.joined(separator: ", ") + "."))
    let unlocated = data.frontLinePlaces.filter { $0.precision == "none" }
    document.add(.heading(2, "Places without a sourced location"))
    document.add(
      .paragraph(
        unlocated.isEmpty
          ? "None."
          : unlocated.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ")
            + ": no stored source gives a point; see data/locations.csv for what was searched. They are counted as not on the map, never guessed."
      ))
    document.add(.heading(2, "Method"))
    document.add(
      .bullets([
        "Locations (data/locations.csv): precision site (3 km), locality (15 km), raion (30 km for a pre-2020 district, 60 km since 2020), oblast (200 km); a distance a source states widens the radius.",
        "Each snapshot: inside or outside the occupied area, and the great-circle distance to its nearest edge; for a point inside, only front-line edges count — an edge whose midpoint lies within 5 km of Ukraine's coast or state border (Natural Earth 1:50m\(citations.cite("natural-earth-50m-admin-0-countries"))) is coast or border, not front line.",
        "Tonnages are summed only within one material, status, resource class and basis, never across them.",
        "Ceasefire lines: (a) the newest snapshot; (b) the oblasts named, in full, by each place's sourced oblast; (c) both. A place near the line is left open under (a) and (c).",
      ]))
    return document
  }
}
