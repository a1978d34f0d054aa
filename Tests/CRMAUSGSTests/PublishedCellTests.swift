import CRMAUSGS
import Testing

@Suite("USGS cells: numbers and every marker the Mineral Commodity Summaries use")
struct PublishedCellTests {
  @Test(
    "numbers, with and without thousands separators",
    arguments: [
      ("14000", 14000.0), ("14,000", 14000), ("4,400,000", 4_400_000), ("0", 0), ("2.5", 2.5), (" 710 ", 710),
    ])
  func numbers(text: String, value: Double) throws {
    let cell = try #require(try PublishedCell.parse(text))
    #expect(cell.status == .figure)
    #expect(cell.value == value)
    #expect(cell.qualifier == nil)
    #expect(!cell.estimatedMark)
  }

  @Test("markers: W, NA, XX, —, included with ilmenite, s")
  func markers() throws {
    #expect(try PublishedCell.parse("W")?.status == .withheld)
    #expect(try PublishedCell.parse("      NA")?.status == .notAvailable)
    #expect(try PublishedCell.parse("XX")?.status == .notApplicable)
    let zero = try #require(try PublishedCell.parse("—"))
    #expect(zero.status == .figure && zero.value == 0 && zero.explanation == "— = zero")
    #expect(try PublishedCell.parse("Included with ilmenite")?.status == .includedElsewhere)
    #expect(try PublishedCell.parse("included with ilmenite")?.status == .includedElsewhere)
    #expect(try PublishedCell.parse("s")?.status == .includedElsewhere)
    #expect(try PublishedCell.parse("") == nil)
    #expect(try PublishedCell.parse("           ") == nil)
  }

  @Test("> and < qualifiers, the e mark")
  func qualifiers() throws {
    let more = try #require(try PublishedCell.parse(">490,000"))
    #expect(more.value == 490_000 && more.qualifier == ">")
    let less = try #require(try PublishedCell.parse("<0.5"))
    #expect(less.value == 0.5 && less.qualifier == "<")
    let estimate = try #require(try PublishedCell.parse("430e"))
    #expect(estimate.value == 430 && estimate.estimatedMark)
    let both = try #require(try PublishedCell.parse(">1,000e"))
    #expect(both.value == 1000 && both.qualifier == ">" && both.estimatedMark)
  }

  @Test(
    "anything else is an error, never a skipped cell",
    arguments: ["1,2,3", "12,34", ",100", "1.2.3", "abc", "W1", "-5", "1e5", ">", "e", "1,000,00"])
  func errors(text: String) {
    #expect(throws: PublishedCell.Message.self) { try PublishedCell.parse(text) }
  }

  @Test("the message names the value")
  func message() {
    #expect {
      try PublishedCell.parse("1,2,3")
    } throws: { error in
      (error as? PublishedCell.Message)?.text
        == "\"1,2,3\" is not a number or a USGS marker (W, NA, —, XX, >, <, e)"
    }
  }
}
