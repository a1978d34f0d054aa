import CRMAUSGS
import Testing

@Suite("USGS world tables: each edition's layout, read from real rows")
struct WorldTableReaderTests {
  @Test("MCS 2022: BOM, CRLF, units and years in the header, Est column, W")
  func edition2022() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.lithium2022, edition: "MCS 2022", commodity: .lithium)
    #expect(problems.isEmpty)
    #expect(figures.count == 6)
    let australia = try #require(figures.figure("Australia", 2020))
    #expect(
      australia.cell.value == 39700 && australia.estimatedBecause == nil && australia.product == .lithiumMine)
    let estimate = try #require(figures.figure("Australia", 2021))
    #expect(estimate.cell.value == 55000 && estimate.estimatedBecause == "column Prod_t_Est_2021")
    #expect(figures.figure("United States", 2020)?.cell.status == .withheld)
    #expect(figures.allSatisfy { $0.measure == .production })
  }

  @Test(
    "MCS 2022 titanium: U.S. ilmenite-and-rutile row is ilmenite, the combined total is skipped, blank rows too"
  )
  func titanium2022() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.titanium2022, edition: "MCS 2022", commodity: .titaniumConcentrates)
    #expect(problems.isEmpty)
    #expect(figures.count == 6)
    #expect(figures.figure("United States", 2020)?.product == .ilmenite)
    #expect(figures.figure("Ukraine", 2021, .production, .ilmenite)?.cell.value == 430)
    #expect(figures.figure("Ukraine", 2020, .production, .rutile)?.cell.value == 95)
    #expect(!figures.contains { $0.country.contains("ilmenite and rutile") })
  }

  @Test("MCS 2023: quoted thousands, 'also estimated' notes, reserves dated by the latest production year")
  func edition2023() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.lithium2023, edition: "MCS 2023", commodity: .lithium)
    #expect(problems.isEmpty)
    let brazil = try #require(figures.figure("Brazil", 2021))
    #expect(brazil.cell.value == 1700)
    #expect(brazil.estimatedBecause == "USGS note")
    #expect(figures.figure("Chile", 2021)?.estimatedBecause == nil)
    let reserves = try #require(figures.figure("Chile", 2022, .reserves))
    #expect(reserves.cell.value == 9_300_000)
    #expect(
      figures.figure("World total (rounded), excluding U.S. production", 2022)?.notes == [
        "Excludes U.S. production."
      ])
  }

  @Test("MCS 2023 titanium: 'Included with ilmenite', padded NA, no-break space in a note")
  func titanium2023() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.titanium2023, edition: "MCS 2023", commodity: .titaniumConcentrates)
    #expect(problems.isEmpty)
    #expect(figures.figure("Ukraine", 2021, .production, .ilmenite)?.cell.value == 316)
    #expect(figures.figure("Ukraine", 2022, .reserves, .ilmenite)?.cell.value == 5900)
    #expect(figures.figure("United States", 2021, .production, .rutile)?.cell.status == .includedElsewhere)
    #expect(figures.figure("United States", 2022, .reserves, .rutile)?.cell.status == .includedElsewhere)
    #expect(figures.figure("Other countries", 2022, .reserves)?.cell.status == .notAvailable)
    #expect(figures.figure("Australia", 2022, .reserves)?.notes.first?.contains("37 million") == true)
  }

  @Test("MCS 2023 titanium metal: sponge columns read, capacity ignored, blank cells are 'no value', not zero")
  func sponge2023() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.sponge2023, edition: "MCS 2023", commodity: .titaniumMetal)
    #expect(problems.isEmpty)
    #expect(figures.count == 6)
    #expect(figures.figure("Ukraine", 2021)?.cell.value == 6100)
    let blank = try #require(figures.figure("Australia", 2021))
    #expect(blank.cell.status == .notAvailable && blank.cell.value == nil)
    #expect(blank.cell.explanation == "cell left empty in the data release (no figure given)")
    #expect(figures.figure("Other countries", 2022)?.cell.status == .notAvailable)
    #expect(figures.figure("Ukraine", 2022)?.estimatedBecause == "column Prod_Sponge_t_Est_2022")
    #expect(figures.allSatisfy { $0.product == .titaniumSponge })
  }

  @Test("MCS 2024: a footnote glued to a name, trailing empty columns and blank rows")
  func edition2024() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.lithium2024, edition: "MCS 2024", commodity: .lithium)
    #expect(problems.isEmpty)
    #expect(figures.count == 6)
    #expect(figures.figure("Brazil", 2022)?.estimatedBecause == "USGS note")
    #expect(figures.figure("Brazil", 2023)?.estimatedBecause == "column Prod_t_est_2023")
    #expect(figures.figure("Other countries6", 2023, .reserves)?.cell.value == 2_800_000)
    #expect(Fixtures.countries.match("Other countries6") == CountryNames.Match(code: "XOT", footnote: "6"))
  }

  @Test("MCS 2025: chapters by name, W in the note, NA in the notes column, >, the declared unit correction")
  func edition2025() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.world2025, edition: "MCS 2025", corrections: [Fixtures.titaniumUnits])
    #expect(problems.isEmpty)
    #expect(figures.figure("United States", 2023)?.cell.status == .withheld)
    #expect(figures.figure("United States", 2024, .reserves, .lithiumMine)?.cell.value == 1_800_000)
    #expect(figures.figure("Canada", 2023)?.estimatedBecause == "USGS note")
    #expect(figures.figure("Burma", 2023)?.estimatedBecause == "USGS note")
    #expect(figures.figure("Burma", 2024, .reserves)?.cell.status == .notAvailable)
    let world = try #require(figures.figure("World total (rounded)", 2024, .reserves))
    #expect(world.cell.value == 90_000_000 && world.cell.qualifier == ">")
    let ukraine = try #require(figures.figure("Ukraine", 2024, .production, .ilmenite))
    #expect(ukraine.cell.value == 120)
    #expect(ukraine.unitCorrection?.contains("says \"metric tons\"") == true)
    #expect(figures.figure("Sierra Leone", 2023)?.unitCorrection?.contains("left empty") == true)
    #expect(figures.figure("United States", 2023, .production, .rutile)?.cell.status == .includedElsewhere)
    #expect(figures.figure("China", 2024)?.product == .titaniumSponge)
    #expect(figures.filter { $0.country == "China" }.count == 2)  // pigment capacity is not taken
    #expect(!figures.contains { $0.country.contains("Canada") && $0.product != .lithiumMine })
  }

  @Test("MCS 2025 without the declared correction: the titanium rows' unit is an error, nothing converted")
  func edition2025WithoutCorrection() throws {
    let (_, problems) = try Fixtures.read(Fixtures.world2025, edition: "MCS 2025")
    #expect(problems.count == 3)
    #expect(problems.first?.line == 7)
    #expect(problems.first?.message.contains("ilmenite is published in thousand metric tons") == true)
  }

  @Test("MCS 2026 long format (windows-1252): per-cell notes, —, W, s, >, capacity and other sections left")
  func edition2026() throws {
    let (figures, problems) = try Fixtures.read(
      Fixtures.cp1252(Fixtures.long2026), encoding: "windows-1252", edition: "MCS 2026")
    #expect(problems.isEmpty)
    #expect(figures.count == 9)
    #expect(figures.figure("Argentina", 2024)?.estimatedBecause == nil)
    #expect(figures.figure("Australia", 2024)?.estimatedBecause == "cell note \"Estimated.\"")
    #expect(figures.figure("United States", 2024)?.cell.status == .withheld)
    let other = try #require(figures.figure("Other countries", 2025))
    #expect(other.cell.value == 0 && other.cell.explanation == "— = zero")
    #expect(figures.figure("World total", 2024)?.notes == ["Excludes U.S. production."])
    #expect(figures.figure("Ukraine", 2024)?.cell.value == 286)
    #expect(figures.figure("United States", 2025, .reserves)?.cell.status == .includedElsewhere)
    let reserves = try #require(figures.figure("World total", 2025, .reserves))
    #expect(reserves.cell.value == 490_000 && reserves.cell.qualifier == ">" && reserves.notes.isEmpty)
    #expect(figures.figure("Ukraine", 2025)?.product == .titaniumSponge)
  }

  @Test("a drop-in edition in a known layout (years moved on) is read with no code change")
  func dropIn() throws {
    let text = Fixtures.lithium2024.replacing("MCS2024", with: "MCS2027").replacing("_2022", with: "_2025")
      .replacing("_2023", with: "_2026")
    let (figures, problems) = try Fixtures.read(text, edition: "MCS 2027", commodity: .lithium)
    #expect(problems.isEmpty)
    #expect(figures.figure("Brazil", 2026)?.cell.value == 4900)
    #expect(figures.figure("Brazil", 2026, .reserves)?.cell.value == 390_000)
  }

  @Test("a changed header fails with the expected layouts and the columns found")
  func changedHeader() throws {
    let text = Fixtures.lithium2023.replacing("Reserves_t,", with: "Reserves_tonnes,")
    let (figures, problems) = try Fixtures.read(text, edition: "MCS 2023", commodity: .lithium)
    #expect(figures.isEmpty)
    let problem = try #require(problems.first)
    #expect(problems.count == 1 && problem.kind == .layout && problem.line == 1)
    #expect(problem.column == "Reserves_tonnes")
    #expect(problem.message.contains("column 7 \"Reserves_tonnes\" is not a known reserves column"))
    #expect(problem.message.contains("per-cell") == false)
    #expect(problem.message.contains("expected one of the known USGS layouts"))
    #expect(problem.message.contains("Prod_<t|kt>[_est]_<YYYY>"))
    #expect(problem.message.contains("found: \"Source\", \"Country\", \"Type\", \"Prod_t_2021\""))
  }

  @Test("an unknown layout altogether fails the same way")
  func unknownLayout() throws {
    let (_, problems) = try Fixtures.read("Commodity,Nation,Tonnes\nLithium,Chile,1\n", edition: "MCS 2027")
    #expect(problems.first?.message.hasPrefix("the header fits no known layout; expected one of") == true)
  }

  @Test("a value 1,2,3 is an error naming line and column; the other rows are still read")
  func badValue() throws {
    let text = Fixtures.lithium2023.replacing("28300,39000", with: "\"1,2,3\",39000")
    let (figures, problems) = try Fixtures.read(text, edition: "MCS 2023", commodity: .lithium)
    #expect(
      problems == [
        FileProblem(
          .value, line: 3, column: "Prod_t_2021",
          "\"1,2,3\" is not a number or a USGS marker (W, NA, —, XX, >, <, e)")
      ])
    #expect(figures.figure("Brazil", 2021) != nil)
  }

  @Test("a Source that is not the declared edition is an error")
  func wrongEdition() throws {
    let (_, problems) = try Fixtures.read(Fixtures.lithium2022, edition: "MCS 2023", commodity: .lithium)
    #expect(problems.count == 3)
    #expect(problems.first?.message == "\"MCS2022\" is not the declared edition MCS 2023")
  }

  @Test("a row of an unknown kind in a chapter is an error, not a skip")
  func unknownType() throws {
    let text = Fixtures.lithium2022.replacing(
      "\"Mine production, contained lithium\",39700", with: "Refinery output,39700")
    let (_, problems) = try Fixtures.read(text, edition: "MCS 2022", commodity: .lithium)
    #expect(problems.first?.line == 3 && problems.first?.column == "Type")
  }

  @Test("names in the empty trailing columns are refused, and cells there must be empty")
  func trailing() throws {
    let text = Fixtures.lithium2024.replacing("2800000,,,,", with: "2800000,,,x,")
    let (_, problems) = try Fixtures.read(text, edition: "MCS 2024", commodity: .lithium)
    #expect(problems.first?.message == "column 10 has no name but holds \"x\"")
  }

  @Test("country names: spelling variants, spaces, case and glued footnotes; unknown names are nil")
  func countries() {
    let names = Fixtures.countries
    #expect(names.match("Canada ")?.code == "CAN")
    #expect(names.match("Other Countries")?.code == "XOT")
    #expect(names.match("United\u{A0}States")?.code == "USA")
    #expect(names.match("Atlantis7") == nil)
    #expect(names.match("Other countries123") == nil)
    #expect(names.match("7") == nil)
  }
}
