import CRMATestSupport
import CRMATransform
import Testing

@Suite("Concentration: HHI, top-3, ranks")
struct ConcentrationTests {
  @Test("hand-computed HHI and top-3")
  func handComputed() {
    #expect(abs(Concentration.hhi([0.5, 0.3, 0.2]) - 0.38) < 1e-12)
    #expect(abs(Concentration.topShare([0.1, 0.5, 0.2, 0.15, 0.05]) - 0.85) < 1e-12)
    #expect(Concentration.hhi([1]) == 1)
  }

  @Test("ties share a rank")
  func ranks() {
    #expect(Concentration.ranks(["A": 5, "B": 3, "C": 5, "D": 1]) == ["A": 1, "C": 1, "B": 3, "D": 4])
  }

  @Test("property: shares of a group sum to 1 and HHI lies between 1/n and 1", arguments: 0..<50)
  func properties(seed: UInt64) {
    var random = SeededRandom(seed: seed)
    let count = Int.random(in: 1...30, using: &random)
    var values: [String: Double] = [:]
    for index in 0..<count { values["C\(index)"] = Double.random(in: 0.001...1e6, using: &random) }
    let shares = Concentration.shares(values)
    #expect(abs(shares.values.reduce(0, +) - 1) < 1e-9)
    let hhi = Concentration.hhi(Array(shares.values))
    #expect(hhi >= 1 / Double(count) - 1e-12)
    #expect(hhi <= 1 + 1e-12)
    #expect(Concentration.topShare(Array(shares.values)) <= 1 + 1e-9)
  }
}

@Suite("SupplyRisk: the EU formula reproduces published values")
struct SupplyRiskTests {
  /// 2017 study inputs and published SR, as tabulated in shared/reference/peers-and-methodology.md §2.2
  /// (Table 3 IR and EOL-RIR, Table 18 SI_SR and HHI values of the 2017 criticality assessment).
  static let published:
    [(String, ir: Double, eol: Double, si: Double, gs: Double, eus: Double?, sr: Double)] = [
      ("lithium (P)", 86, 0, 0.9, 0.8, 1.4, 1.0),
      ("titanium (E)", 100, 19, 0.9, 0.4, 0.5, 0.3),
      ("cobalt (E)", 32, 0, 1.0, 3.6, 1.3, 1.6),
      ("tungsten (E)", 44, 42, 1.0, 7.5, 1.9, 1.8),
      ("germanium (P)", 64, 2, 1.0, 2.9, 1.5, 1.9),
      ("antimony (P)", 100, 28, 0.9, 7.1, 5.7, 4.3),
      ("natural graphite (E)", 99, 3, 1.0, 3.2, 2.9, 2.9),
      ("beryllium (GS only)", 0, 0, 1.0, 2.4, nil, 2.4),
    ]

  /// The published inputs are rounded (one decimal; whole percents), so the formula is checked two
  /// ways: at the rounded inputs the result lands within ±0.16 of the published SR (antimony is
  /// the widest, 0.153), and the published SR (itself rounded to ±0.05) lies inside the range the
  /// formula gives when every input moves within its rounding interval.
  @Test("each published SR is reproduced", arguments: 0..<8)
  func reproduces(index: Int) {
    let row = Self.published[index]
    func sr(_ gs: Double, _ eus: Double?, _ ir: Double, _ eol: Double, _ si: Double) -> Double {
      SupplyRisk.supplyRisk(
        globalSupply: gs, euSourcing: eus, importReliance: ir / 100, endOfLifeRecyclingInputRate: eol / 100,
        substitutionIndex: si)
    }
    let atRounded = sr(row.gs, row.eus, row.ir, row.eol, row.si)
    #expect(abs(atRounded - row.sr) <= 0.16, "\(row.0): computed \(atRounded), published \(row.sr)")
    var low = Double.infinity
    var high = -Double.infinity
    for corner in 0..<32 {
      func pick(_ bit: Int, _ value: Double, _ half: Double) -> Double {
        corner & (1 << bit) == 0 ? value - half : value + half
      }
      let value = sr(
        pick(0, row.gs, 0.05), row.eus.map { pick(1, $0, 0.05) }, min(max(pick(2, row.ir, 0.5), 0), 100),
        max(pick(3, row.eol, 0.5), 0), pick(4, row.si, 0.05))
      low = min(low, value)
      high = max(high, value)
    }
    #expect(
      row.sr + 0.05 >= low && row.sr - 0.05 <= high, "\(row.0): published \(row.sr) outside [\(low), \(high)]"
    )
  }

  @Test("HHI_WGI,t: tantalum's EU sourcing from Nigeria alone (0.81² × 6.92 = 4.54)")
  func weightedHHI() {
    let value = SupplyRisk.weightedHHI([SupplyRisk.Supplier(share: 0.81, wgi: 6.92)])
    #expect(abs(value - 4.54) < 0.005)
  }

  @Test("negative import reliance counts as zero")
  func negativeReliance() {
    let clamped = SupplyRisk.supplyRisk(
      globalSupply: 2, euSourcing: 1, importReliance: -0.3, endOfLifeRecyclingInputRate: 0,
      substitutionIndex: 1)
    #expect(clamped == 1)
  }
}

@Suite("Reconciliation: one preferred figure per fact")
struct ReconciliationTests {
  @Test("the newest edition wins; the range and count cover all sources")
  func newestEdition() {
    let facts = Reconciliation.reconcile(
      [
        Fixtures.figure("AAA", 120, edition: "MCS 2025", year: 2024),
        Fixtures.figure("AAA", 286, edition: "MCS 2026", year: 2024),
      ]
    ) { _ in .high }
    #expect(facts.count == 1)
    #expect(facts[0].preferred.value == 286)
    #expect(facts[0].minimum == 120)
    #expect(facts[0].maximum == 286)
    #expect(facts[0].count == 2)
    #expect(facts[0].reason == "newest edition (MCS 2026 supersedes MCS 2025)")
  }

  @Test("a value beats a withheld figure even from an older edition")
  func valueOverWithheld() {
    let facts = Reconciliation.reconcile(
      [
        Fixtures.figure("AAA", 5, edition: "MCS 2025"),
        Fixtures.figure("AAA", nil, edition: "MCS 2026", flag: "withheld"),
      ]
    ) { _ in .high }
    #expect(facts[0].preferred.value == 5)
    #expect(facts[0].reason == "the other figure has no value (withheld)")
  }
}

@Suite("WorldSupply: shares, ranks and Ukraine")
struct WorldSupplyTests {
  @Test("hand-computed shares, HHI and top-3; Ukraine missing is said so")
  func handComputed() throws {
    let figures = [
      Fixtures.figure("AAA", 60), Fixtures.figure("BBB", 30), Fixtures.figure("XOT", 10),
      Fixtures.figure("WLD", 100),
    ]
    let result = WorldSupply.analyse(
      figures, product: "lithium-mine", materialID: "lithium", stage: .extraction,
      countries: Fixtures.countries)
    let row = try #require(result.concentration)
    #expect(abs(try #require(row.hhi) - 0.45) < 1e-12)
    #expect(abs(try #require(row.top3Share) - 0.9) < 1e-12)
    #expect(row.statisticsWithheld.isEmpty)
    #expect(row.largestCountry == "AAA")
    #expect(row.ukraineShare == nil)
    #expect(row.ukraineNote.hasPrefix("not listed separately"))
    let ukraine = try #require(result.shares.first { $0.country == "UKR" })
    #expect(ukraine.flag == "not-listed")
    #expect(result.shares.first { $0.country == "AAA" }?.rank == 1)
    #expect(result.shares.first { $0.country == "XOT" }?.rank == nil)
  }

  @Test("Ukraine at zero has a zero share and no rank (a zero producer is not ranked)")
  func ukraineZero() throws {
    let figures = [Fixtures.figure("AAA", 10), Fixtures.figure("UKR", 0), Fixtures.figure("BBB", 0)]
    let result = WorldSupply.analyse(
      figures, product: "p", materialID: "lithium", stage: .extraction, countries: Fixtures.countries)
    let row = try #require(result.concentration)
    #expect(row.ukraineShare == 0)
    #expect(row.ukraineRank == nil)
    #expect(result.shares.first { $0.country == "UKR" }?.rank == nil)
    #expect(result.shares.first { $0.country == "AAA" }?.rank == 1)
  }

  @Test(
    "a table whose listed values fall short of the published world total by more than the tolerance gets no HHI, top-3, shares or ranks"
  )
  func incompleteTable() throws {
    // The MCS 2023 lithium reserves as a top-three transcription had them: Chile, Australia,
    // Argentina against the published world total of 26 Mt (70 % covered).
    let figures = [
      Fixtures.figure("CHL", 9_300_000), Fixtures.figure("AUS", 6_200_000), Fixtures.figure("UKR", 2_700_000),
      Fixtures.figure("WLD", 26_000_000),
    ]
    let result = WorldSupply.analyse(
      figures, product: "lithium-mine", materialID: "lithium", stage: .extraction,
      countries: Fixtures.countries)
    let row = try #require(result.concentration)
    #expect(row.hhi == nil && row.top3Share == nil && row.largestShare == nil && row.largestCountry.isEmpty)
    #expect(row.ukraineShare == nil && row.ukraineRank == nil)
    #expect(
      row.statisticsWithheld
        == "no HHI, top-3 share, shares or ranks: the listed values cover only 70 % of the published world total (tolerance 10 %), an incomplete table"
    )
    #expect(row.ukraineNote == row.statisticsWithheld)
    #expect(result.shares.allSatisfy { $0.share == nil && $0.rank == nil })
    #expect(result.shares.first { $0.country == "CHL" }?.note == row.statisticsWithheld)
  }

  @Test("within the tolerance (rounded world totals) a table is complete")
  func withinTolerance() throws {
    let figures = [Fixtures.figure("AAA", 60), Fixtures.figure("BBB", 31), Fixtures.figure("WLD", 100)]
    let row = try #require(
      WorldSupply.analyse(
        figures, product: "p", materialID: "lithium", stage: .extraction, countries: Fixtures.countries
      ).concentration)
    #expect(row.statisticsWithheld.isEmpty)
    #expect(row.hhi != nil)
    let short = [Fixtures.figure("AAA", 60), Fixtures.figure("BBB", 29), Fixtures.figure("WLD", 100)]
    let incomplete = try #require(
      WorldSupply.analyse(
        short, product: "p", materialID: "lithium", stage: .extraction, countries: Fixtures.countries
      )
      .concentration)
    #expect(incomplete.hhi == nil)
  }
}

@Suite("Mapping and bases")
struct MappingTests {
  @Test("titanium ores count towards the strategic entry titanium metal")
  func crmaEntry() {
    #expect(CRMAMapping.crmaEntry(for: "titanium", in: Fixtures.materials)?.id == "titanium-metal")
    #expect(CRMAMapping.crmaEntry(for: "gypsum", in: Fixtures.materials) == nil)
  }

  @Test("units and bases convert through the table, inverses included")
  func conversion() throws {
    let conversion = BasisConversion([
      Conversion(from: "Li", to: "Li2O", factor: 2.15267, sourceID: "t"),
      Conversion(from: "Li", to: "LCE", factor: 5.32334, sourceID: "t"),
    ])
    #expect(try #require(conversion.factor(from: "Li2O", to: "Li")) == 1 / 2.15267)
    #expect(abs(try #require(conversion.factor(from: "Li2O", to: "LCE")) - 5.32334 / 2.15267) < 1e-12)
    #expect(conversion.factor(from: "P2O5", to: "Li") == nil)
    #expect(BasisConversion.parseUnit("kt TiO2") == .init(scale: 1000, basis: "TiO2"))
    #expect(BasisConversion.parseUnit("thousand metric tons TiO2 content")?.scale == 1000)
    #expect(BasisConversion.parseUnit("t/yr") == nil)
    #expect(BasisConversion.parseUnit("percent of world") == nil)
  }
}

@Suite("WarExposure: latest status, one tonnage per deposit")
struct WarExposureTests {
  @Test("split by latest status; parts sum to the total; deposits without tonnage counted")
  func split() throws {
    let figures = [
      DepositFigure(
        id: "a-01", depositID: "a", materialID: "lithium", containedTonnes: 2152.67, containedBasis: "Li2O"),
      DepositFigure(
        id: "b-01", depositID: "b", materialID: "lithium", containedTonnes: 3000, containedBasis: "Li"),
      DepositFigure(
        id: "c-01", depositID: "c", materialID: "lithium", containedTonnes: nil, containedBasis: nil),
    ]
    let reports = [
      ControlReport(id: "a-01", depositID: "a", asOf: "2025-01-08", status: .governmentControlled),
      ControlReport(id: "a-02", depositID: "a", asOf: "2025-06-27", status: .occupied),
      ControlReport(id: "b-01", depositID: "b", asOf: "2024", status: .contested),
    ]
    let input = Fixtures.input(depositFigures: figures, controlReports: reports)
    let normalised = CRMAMapping.normalise(input, mapped: CRMAMapping.map(input).mapped)
    let result = WarExposure.compute(input, normalised: normalised)
    let occupied = try #require(result.split.first { $0.status == .occupied })
    #expect(abs(occupied.contained - 2152.67 / 2.15267) < 1e-9)
    #expect(result.split.first { $0.status == .unknown }?.deposits == 1)
    #expect(result.split.first { $0.status == .unknown }?.depositsWithTonnage == 0)
    #expect(abs(result.split.map(\.share).reduce(0, +) - 1) < 1e-9)
    let total: Double = result.split.map(\.contained).reduce(0, +)
    #expect(abs(total - 4000) < 1e-6)
  }
}
