import CRMAIngest

extension TradeShareRow: TableRecord {
  /// The fields of `trade_shares.csv`, in the order the transform writes them; the writer and the
  /// report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case materialID = "material_id"
    case stage
    case year
    case partner
    case partnerISO3 = "partner_iso3"
    case euMember = "eu_member"
    case value
    case netMassKg = "net_mass_kg"
    case shareOfExtraEU = "share_of_extra_eu"
    case rank
    case sourceID = "source_id"
  }

  /// Decodes a row of `trade_shares.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    materialID = try row.string(.materialID)
    stage = try row.value(.stage)
    year = try row.integer(.year)
    partner = try row.string(.partner)
    partnerISO3 = try row.optionalString(.partnerISO3)
    isEUMember = try row.optionalBool(.euMember)
    value = try row.number(.value)
    netMassKg = try row.optionalNumber(.netMassKg)
    shareOfExtraEU = try row.optionalNumber(.shareOfExtraEU)
    rank = try row.optionalInteger(.rank)
    sourceID = try row.text(.sourceID)
  }
}
