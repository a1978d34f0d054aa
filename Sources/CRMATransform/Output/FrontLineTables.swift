import CRMAIngest

extension TransformResult {
  /// The front-line tables (issue 13), appended to ``tables``.
  var frontLineTables: [OutputTable] {
    typealias F = OutputTable.Field
    func s(_ column: some RecordColumn, _ description: String) -> F {
      F(name: column.rawValue, type: "string", description: description)
    }
    func n(_ column: some RecordColumn, _ description: String) -> F {
      F(name: column.rawValue, type: "number", description: description)
    }
    func i(_ column: some RecordColumn, _ description: String) -> F {
      F(name: column.rawValue, type: "integer", description: description)
    }
    func b(_ column: some RecordColumn, _ description: String) -> F {
      F(name: column.rawValue, type: "boolean", description: description)
    }
    typealias P = PlaceStatus.Column
    typealias T = TimelineEntry.Column
    typealias C = ExposureCount.Column
    typealias W = TonnageClassRow.Column
    typealias X = CeasefireRow.Column
    return [
      OutputTable(
        name: "front_line_status", title: "Deposits and sites: status as of the newest evidence",
        description: "Every deposit and site: \(FrontLineAnalysis.latestRule).",
        fields: [
          s(P.placeID, "Deposit or site"), s(P.kind, "deposit or site"), s(P.name, "Name"),
          s(P.materials, "Materials, ';'-separated"), s(P.oblast, "Oblast"),
          s(P.precision, "Location precision"),
          n(P.radiusKm, "Uncertainty radius, km"), s(P.status, "Latest status"),
          s(P.since, "Map date the status began"), s(P.asOf, "Date of the newest evidence"),
          s(P.evidence, "map, press or none"), n(P.nearestKm, "Nearest line in the last map period, km"),
          b(P.inside, "Point inside the occupied area"), s(P.disagreement, "Same-date disagreement"),
          s(P.sourceID, "Source of the newest evidence"),
        ], primaryKey: [P.placeID.rawValue],
        rows: frontLinePlaces.map {
          [
            $0.placeID, $0.kind, $0.name, $0.materials, Cell.text($0.oblast), $0.precision,
            Cell.number($0.radiusKm),
            $0.status.rawValue, Cell.text($0.since), Cell.text($0.asOf), $0.evidence,
            Cell.number($0.nearestKm),
            Cell.bool($0.inside), $0.disagreement, Cell.text($0.sourceID),
          ]
        }),
      OutputTable(
        name: "timeline", title: "Control timeline per deposit and site",
        description:
          "Map periods (DeepStateMap.live snapshots) and dated press reports, both kept; `disagreement` names evidence of the other kind, or a same-date report, that differs.",
        fields: [
          s(T.placeID, "Deposit or site"), s(T.from, "From (press: the report's date)"),
          s(T.to, "To (map only)"),
          s(T.status, "Status"), s(T.evidence, "map or press"),
          s(T.detail, "Snapshots and distance, or the report's wording"),
          s(T.sourceID, "Source"), s(T.disagreement, "What disagrees"),
        ], primaryKey: [T.placeID, T.evidence, T.from, T.sourceID].map(\.rawValue),
        rows: frontLineTimeline.map {
          [
            $0.placeID, $0.from, Cell.text($0.to), $0.status, $0.evidence, $0.detail, $0.sourceID,
            $0.disagreement,
          ]
        }),
      OutputTable(
        name: "exposure_counts", title: "Deposits by latest status, per material",
        description: "Counts of deposits per material and latest status (\(FrontLineAnalysis.latestRule)).",
        fields: [
          s(C.materialID, "Material"), s(C.status, "Latest status"), i(C.deposits, "Deposits"),
          i(C.total, "Deposits of the material"), s(C.depositIDs, "Deposits, ';'-separated"),
        ], primaryKey: [C.materialID, C.status].map(\.rawValue),
        rows: exposureCounts.map {
          [$0.materialID, $0.status.rawValue, String($0.deposits), String($0.total), $0.depositIDs]
        }),
      OutputTable(
        name: "exposure_tonnage", title: "Contained tonnage by status within one resource class and basis",
        description:
          "Sums only within one material, status, resource class (reserves/resources, exploration target, prospective, class not stated) and basis; the sources' qualifiers travel with the sum.",
        fields: [
          s(W.materialID, "Material"), s(W.status, "Latest status"), s(W.resourceClass, "Resource class"),
          s(W.basis, "Basis"), n(W.contained, "Contained tonnage"), s(W.depositIDs, "Deposits summed"),
          s(W.qualifiers, "Qualifiers"),
        ], primaryKey: [W.materialID, W.status, W.resourceClass, W.basis].map(\.rawValue),
        rows: exposureTonnage.map {
          [
            $0.materialID, $0.status.rawValue, $0.resourceClass, $0.basis, Cell.number($0.contained),
            $0.depositIDs,
            $0.qualifiers,
          ]
        }),
      OutputTable(
        name: "ceasefire", title: "What each ceasefire line would concede",
        description:
          "Per scenario (ceasefire_scenarios) and material: deposits conceded, uncertain (near the line or disputed), retained and not placed; conceded tonnage by resource class; sites conceded with their capacity.",
        fields: [
          s(X.scenarioID, "Scenario"), s(X.label, "Label"), s(X.materialID, "Material"),
          s(X.conceded, "Deposits conceded"), i(X.concededCount, "Number conceded"),
          s(X.uncertain, "Deposits near the line or disputed"), s(X.retained, "Deposits retained"),
          i(X.retainedCount, "Number retained"), s(X.unplaced, "Deposits not placed"),
          s(X.concededTonnage, "Conceded tonnage by class and basis"), s(X.concededSites, "Sites conceded"),
          s(X.concededCapacity, "Their capacity or output, with sources"),
          s(X.retainedSites, "Sites retained"),
          s(X.sourceIDs, "Sources of the scenario"),
        ], primaryKey: [X.scenarioID, X.materialID].map(\.rawValue),
        rows: ceasefire.map {
          [
            $0.scenarioID, $0.label, $0.materialID, $0.conceded, String($0.concededCount), $0.uncertain,
            $0.retained, String($0.retainedCount), $0.unplaced, $0.concededTonnage, $0.concededSites,
            $0.concededCapacity, $0.retainedSites, $0.sourceIDs,
          ]
        }),
    ]
  }
}
