import CRMAIngest

extension TradeProductShare: TableRecord {
  /// The fields of `trade_product_shares.csv`, in the order the transform writes them; the
  /// writer and the report's reader both name the columns through this enum.
  public enum Column: String, RecordColumn {
    case groupID = "product_group"
    case year
    case partner
    case partnerISO3 = "partner_iso3"
    case partnerKind = "partner_kind"
    case value
    case basis
    case shareOfExtraEU = "share_of_extra_eu"
    case rank
    case sourceID = "source_id"
  }

  /// Decodes a row of `trade_product_shares.csv`, as the report reads it.
  public init(row: RecordRow<Column>) throws(IngestProblem) {
    groupID = try row.string(.groupID)
    year = try row.integer(.year)
    partner = try row.string(.partner)
    partnerISO3 = try row.optionalString(.partnerISO3)
    partnerKind = try row.value(.partnerKind)
    value = try row.number(.value)
    basis = try row.string(.basis)
    shareOfExtraEU = try row.optionalNumber(.shareOfExtraEU)
    rank = try row.optionalInteger(.rank)
    sourceID = try row.string(.sourceID)
  }
}

extension TradeProductShare.PartnerKind: RecordValue {}
