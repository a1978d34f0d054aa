/// One figure read from a USGS world table, before its country is mapped: what the cell says,
/// which product, year and measure it is, and the notes that travel with it.
public struct PublishedFigure: Sendable, Equatable {
  public enum Measure: String, Sendable { case production, reserves }

  public var line: Int
  public var product: USGSProduct
  /// The country as published ("Other countries6", "World total (rounded)").
  public var country: String
  public var year: Int
  public var measure: Measure
  public var cell: PublishedCell
  /// Why the figure is an estimate (the column's name, the cell's `e`, a note); nil if reported.
  public var estimatedBecause: String?
  /// USGS's notes on the cell or row, as published.
  public var notes: [String]
  /// The declared unit correction applied, in words.
  public var unitCorrection: String?
}

/// A problem in one place of a publisher file.
public struct FileProblem: Error, Sendable, Equatable {
  public enum Kind: Sendable { case layout, value, country, declaration, encoding }
  public var kind: Kind
  public var line: Int?
  public var column: String?
  public var message: String

  public init(_ kind: Kind, line: Int?, column: String?, _ message: String) {
    self.kind = kind
    self.line = line
    self.column = column
    self.message = message
  }
}

/// A unit the publisher's file states wrongly, corrected by a declaration in the package (the
/// resource's `usgs.unit_corrections`), each with its source and evidence.
public struct UnitCorrection: Sendable, Equatable {
  public var commodity: USGSCommodity
  /// The unit texts as published that the correction replaces (`""` = left empty).
  public var publishedUnits: [String]
  public var unit: PublishedUnit
  public var sourceID: String
  public var evidence: String

  public init(
    commodity: USGSCommodity, publishedUnits: [String], unit: PublishedUnit, sourceID: String,
    evidence: String
  ) {
    self.commodity = commodity
    self.publishedUnits = publishedUnits
    self.unit = unit
    self.sourceID = sourceID
    self.evidence = evidence
  }
}
