/// Reads the figures of a USGS world table in any known layout. Pure: a parsed table and its
/// declaration in, figures and problems out.
public struct WorldTableReader: Sendable {
  /// "MCS 2023": checked against the file's `Source` column where it has one.
  public var edition: String
  /// The chapter of a per-commodity file (declared in the package); nil for files that name
  /// the chapter in each row.
  public var commodity: USGSCommodity?
  public var corrections: [UnitCorrection]

  public init(edition: String, commodity: USGSCommodity?, corrections: [UnitCorrection] = []) {
    self.edition = edition
    self.commodity = commodity
    self.corrections = corrections
  }

  /// Figures and problems; a header of no known layout is one problem and no figures.
  public func read(_ table: PublishedTable) -> (figures: [PublishedFigure], problems: [FileProblem]) {
    let layout: USGSLayout
    do {
      layout = try USGSLayout.detect(table.header)
    } catch {
      return ([], [FileProblem(.layout, line: 1, column: error.column, error.message)])
    }
    var figures: [PublishedFigure] = []
    var problems: [FileProblem] = []
    for record in table.records where !record.isBlank {
      do {
        switch layout {
        case .wide(let columns): figures += try wide(record, columns, header: table.header)
        case .long(let columns): figures += try long(record, columns)
        }
      } catch {
        problems.append(error)
      }
    }
    return (figures, problems)
  }

  // MARK: - Wide tables (MCS 2022–2025)

  private func wide(_ record: PublishedTable.Record, _ columns: USGSLayout.WideColumns, header: [String])
    throws(FileProblem) -> [PublishedFigure]
  {
    let line = record.line
    func problem(_ kind: FileProblem.Kind, _ column: Int?, _ message: String) -> FileProblem {
      FileProblem(kind, line: line, column: column.map { USGSText.clean(header[$0]) }, message)
    }
    for index in columns.emptyTrailing where !USGSText.clean(record[index]).isEmpty {
      throw problem(.layout, nil, "column \(index + 1) has no name but holds \"\(record[index])\"")
    }
    let source = USGSText.clean(record[columns.source])
    guard source.replacing(" ", with: "").lowercased() == edition.replacing(" ", with: "").lowercased() else {
      throw problem(.declaration, columns.source, "\"\(source)\" is not the declared edition \(edition)")
    }
    let chapter: USGSCommodity
    if let commodityColumn = columns.commodity {
      guard let named = USGSCommodity(chapter: record[commodityColumn]) else { return [] }
      chapter = named
    } else if let commodity {
      chapter = commodity
    } else {
      throw problem(.declaration, nil, "the resource declares no usgs.commodity for a per-commodity table")
    }
    let country = record[columns.country]
    let meaning: RowMeaning
    do {
      meaning = try chapter.meaning(description: record[columns.type], country: country)
    } catch {
      throw problem(.value, columns.type, error.text)
    }
    guard case .product(let product) = meaning else { return [] }
    // The unit: from UNIT_MEAS (all-commodity) or the column names (per-commodity).
    var rowUnit: PublishedUnit?
    var correction: String?
    if let unitColumn = columns.unit {
      (rowUnit, correction) = try unit(
        record[unitColumn], chapter: chapter, line: line, column: header[unitColumn])
    }
    let productionNote = columns.productionNotes.map { USGSText.clean(record[$0]) } ?? ""
    let reserveNote = columns.reserveNotes.map { USGSText.clean(record[$0]) } ?? ""
    var figures: [PublishedFigure] = []
    let latestYear = columns.production.compactMap(\.year).max()
    for column in columns.production {
      guard let year = column.year else { continue }
      try checkUnit(column.unit ?? rowUnit, product, line: line, column: column.name)
      let cell: PublishedCell
      do {
        // A country row of a production table whose cell is empty is listed without a figure:
        // kept as "no value", never read as zero.
        cell =
          try PublishedCell.parse(record[column.index]) ?? emptyCell(note: productionNote)
          ?? PublishedCell(
            status: .notAvailable, explanation: "cell left empty in the data release (no figure given)")
      } catch {
        throw problem(.value, column.index, error.text)
      }
      var because: String?
      if cell.status == .figure {
        if column.estimated {
          because = "column \(column.name)"
        } else if cell.estimatedMark {
          because = "e mark"
        } else if Self.noteEstimates(productionNote, year: year) {
          because = "USGS note"
        }
      }
      figures.append(
        PublishedFigure(
          line: line, product: product, country: country, year: year, measure: .production, cell: cell,
          estimatedBecause: because, notes: productionNote.isEmpty ? [] : [productionNote],
          unitCorrection: correction))
    }
    if let column = columns.reserves, let year = column.year ?? latestYear {
      try checkUnit(column.unit ?? rowUnit, product, line: line, column: column.name)
      let cell: PublishedCell?
      do {
        cell = try PublishedCell.parse(record[column.index]) ?? emptyCell(note: reserveNote)
      } catch {
        throw problem(.value, column.index, error.text)
      }
      if let cell {
        figures.append(
          PublishedFigure(
            line: line, product: product, country: country, year: year, measure: .reserves, cell: cell,
            estimatedBecause: cell.estimatedMark ? "e mark" : nil,
            notes: reserveNote.isEmpty || reserveNote == "NA" ? [] : [reserveNote], unitCorrection: correction
          ))
      }
    }
    return figures
  }

  /// What an empty cell means from its note: `W for 23-24` (withheld), `NA` (not available),
  /// "included with ilmenite"; nil (no figure) otherwise.
  private func emptyCell(note: String) -> PublishedCell? {
    let lowered = note.lowercased()
    if lowered.hasPrefix("w for") || lowered == "w" {
      return PublishedCell(
        status: .withheld,
        explanation: "W = withheld to avoid disclosing company proprietary data (in the note)")
    }
    if lowered == "na" {
      return PublishedCell(status: .notAvailable, explanation: "NA = not available (in the note)")
    }
    if lowered.contains("included with ilmenite") {
      return PublishedCell(status: .includedElsewhere, explanation: "included with ilmenite")
    }
    return nil
  }

  /// Whether a production note marks the figure of `year` estimated: "Estimated in 2021 also.",
  /// "Production in 2021 is also estimated.", "estimated 2023", or an estimate with no year
  /// ("Estimated based on reported import data…"), which covers every year of the row.
  static func noteEstimates(_ note: String, year: Int) -> Bool {
    guard note.lowercased().contains("estimated") else { return false }
    let years = USGSText.years(in: note)
    return years.isEmpty || years.contains(year)
  }

  private func unit(_ text: String, chapter: USGSCommodity, line: Int, column: String) throws(FileProblem)
    -> (
      PublishedUnit?, String?
    )
  {
    let published = USGSText.clean(text)
    if let correction = corrections.first(where: {
      $0.commodity == chapter
        && $0.publishedUnits.map { USGSText.clean($0).lowercased() }.contains(published.lowercased())
    }) {
      let what = published.isEmpty ? "left empty" : "says \"\(published)\""
      return (
        correction.unit,
        "unit: the release's \(column) \(what); the values are \(correction.unit.rawValue) (correction declared in the package, source \(correction.sourceID))"
      )
    }
    guard let unit = PublishedUnit(published: published) else {
      throw FileProblem(.value, line: line, column: column, "unknown unit \"\(text)\"")
    }
    return (unit, nil)
  }

  private func checkUnit(_ unit: PublishedUnit?, _ product: USGSProduct, line: Int, column: String)
    throws(FileProblem)
  {
    guard let unit else {
      throw FileProblem(.value, line: line, column: column, "no unit is stated for this figure")
    }
    guard unit == product.publishedUnit else {
      throw FileProblem(
        .value, line: line, column: column,
        "\(product.rawValue) is published in \(product.publishedUnit.rawValue), this figure says \(unit.rawValue); crma converts nothing unless a unit correction is declared"
      )
    }
  }

  // MARK: - Long table (MCS 2026)

  private func long(_ record: PublishedTable.Record, _ columns: USGSLayout.LongColumns) throws(FileProblem)
    -> [PublishedFigure]
  {
    let line = record.line
    guard let chapter = USGSCommodity(chapter: record[columns.chapter]) else { return [] }
    guard USGSText.clean(record[columns.section]).lowercased().hasPrefix("world") else { return [] }
    let measure: PublishedFigure.Measure
    switch USGSText.clean(record[columns.statistics]).lowercased() {
    case "production": measure = .production
    case "reserves": measure = .reserves
    case "capacity": return []
    default:
      throw FileProblem(
        .value, line: line, column: "Statistics", "unknown statistic \"\(record[columns.statistics])\"")
    }
    let country = record[columns.country]
    let meaning: RowMeaning
    do {
      meaning = try chapter.meaning(description: record[columns.detail], country: country)
    } catch {
      throw FileProblem(.value, line: line, column: "Statistics_detail", error.text)
    }
    guard case .product(let product) = meaning else { return [] }
    let (unit, correction) = try unit(record[columns.unit], chapter: chapter, line: line, column: "Unit")
    try checkUnit(unit, product, line: line, column: "Unit")
    let yearText = USGSText.clean(record[columns.year])
    guard yearText.count == 4, let year = Int(yearText) else {
      throw FileProblem(.value, line: line, column: "Year", "\"\(record[columns.year])\" is not a year")
    }
    let cell: PublishedCell
    do {
      guard let parsed = try PublishedCell.parse(record[columns.value]) else { return [] }
      cell = parsed
    } catch {
      throw FileProblem(.value, line: line, column: "Value", error.text)
    }
    // The cell's note: "Estimated." / "Reported." first, then USGS's further notes after " -- ".
    var notes = record[columns.notes].split(separator: " -- ").map { USGSText.clean(String($0)) }.filter {
      !$0.isEmpty
    }
    // USGS's pointer to its appendix on reserves repeats on every reserves cell: not kept.
    notes.removeAll { $0.hasPrefix("See Appendix C for resource and reserve definitions") }
    var because: String? = cell.estimatedMark ? "e mark" : nil
    if let first = notes.first?.lowercased(), first == "estimated." || first == "reported." {
      if first == "estimated." && cell.status == .figure { because = "cell note \"Estimated.\"" }
      notes.removeFirst()
    }
    return [
      PublishedFigure(
        line: line, product: product, country: country, year: year, measure: measure, cell: cell,
        estimatedBecause: cell.status == .figure ? because : nil, notes: notes, unitCorrection: correction)
    ]
  }
}
