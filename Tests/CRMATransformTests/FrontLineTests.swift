import CRMATransform
import Testing

/// Issue 13 against the committed data: map periods (derived from DeepStateMap snapshots) and the
/// press reports in deposit_control.csv.
@Suite("The front line, dated (real data)")
struct FrontLineTests {
  @Test("counts by status come from the newest evidence, not one deposit's tonnage")
  func counts() throws {
    let result = try RealDataTests.result()
    func count(_ material: String, _ status: LatestStatus) -> Int? {
      result.exposureCounts.first { $0.materialID == material && $0.status == status }?.deposits
    }
    #expect(count("lithium", .occupied) == 2)
    #expect(count("lithium", .governmentControlled) == 3)
    #expect(count("titanium", .notOnMap) == 2, "Tatarske and Manuilske have no sourced location")
    #expect(count("rare-earth-elements", .occupied) == 4)
    let kruta = try #require(result.frontLinePlaces.first { $0.placeID == "kruta-balka" })
    #expect(kruta.status == .occupied, "Kruta Balka counts although it has no tonnage")
  }

  @Test("Shevchenkivske: inside the occupied area from July 2025, press and map disagreements kept")
  func shevchenkivske() throws {
    let result = try RealDataTests.result()
    let place = try #require(result.frontLinePlaces.first { $0.placeID == "shevchenkivske" })
    #expect(place.status == .occupied)
    #expect(place.evidence == "map")
    let map = result.frontLineTimeline.filter { $0.placeID == "shevchenkivske" && $0.evidence == "map" }
    #expect(map.contains { $0.from == "2025-07-02" && $0.detail.contains("inside") })
    let press = result.frontLineTimeline.filter { $0.placeID == "shevchenkivske" && $0.evidence == "press" }
    // The two reports of 2025-06-27 (occupied, contested) are a same-date tie, flagged, not resolved.
    let june = press.filter { $0.from == "2025-06-27" }
    #expect(june.count == 2)
    #expect(june.allSatisfy { $0.disagreement.contains("same-date tie") })
    // "occupied" on 2025-06-27 while the map has the point still outside the occupied area.
    #expect(
      june.contains { $0.status == "occupied" && $0.disagreement.contains("map on 2025-06-27: near-line") })
  }

  @Test("tonnage is summed within one class and basis, and left-out deposits are named")
  func tonnage() throws {
    let result = try RealDataTests.result()
    let lithium = result.exposureTonnage.filter { $0.materialID == "lithium" }
    for row in lithium { #expect(!row.depositIDs.contains(";"), "one deposit per class here: \(row)") }
    #expect(lithium.contains { $0.status == .occupied && $0.resourceClass == "prospective" })
  }

  @Test("ceasefire lines: (b) concedes the Zaporizhzhia titanium plant, (a) does not")
  func ceasefire() throws {
    let result = try RealDataTests.result()
    let a = try #require(
      result.ceasefire.first { $0.scenarioID == "a-freeze-current-line" && $0.materialID == "titanium" })
    let b = try #require(
      result.ceasefire.first { $0.scenarioID == "b-four-oblasts-and-crimea" && $0.materialID == "titanium" })
    #expect(!a.concededSites.contains("ztmk"))
    #expect(b.concededSites.split(separator: ";").contains("ztmk"))
    #expect(a.concededSites.contains("crimean-titan"))
    let c = try #require(
      result.ceasefire.first {
        $0.scenarioID == "c-donbas-and-current-line" && $0.materialID == "rare-earth-elements"
      })
    #expect(c.unplaced == "petrovo-hnutivske", "no sourced location or oblast: not placed, never guessed")
  }
}
