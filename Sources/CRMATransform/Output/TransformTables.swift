import CSVStream

extension TransformResult {
  /// The derived tables, in a fixed order, as written by `crma transform`.
  public var tables: [OutputTable] {
    typealias F = OutputTable.Field
    func s(_ name: String, _ description: String) -> F {
      F(name: name, type: "string", description: description)
    }
    func n(_ name: String, _ description: String) -> F {
      F(name: name, type: "number", description: description)
    }
    func i(_ name: String, _ description: String) -> F {
      F(name: name, type: "integer", description: description)
    }
    func b(_ name: String, _ description: String) -> F {
      F(name: name, type: "boolean", description: description)
    }
    return [
      OutputTable(
        name: "mapping", title: "CRMA mapping of every figure",
        description:
          "Each ingested figure with its material, the CRMA entry it counts towards, the category, the Act's grade qualifier and the value-chain stage.",
        fields: [
          s("resource", "Resource of the figure"), s("record", "Key of the figure in its resource"),
          s("material_id", "Material"),
          s("material_category", "The material's own CRMA category"),
          s("crma_entry", "Listed CRMA entry the figure counts towards"),
          s("crma_category", "strategic, critical, partly-strategic or not-listed"),
          s("grade_qualifier", "The Act's grade qualifier of the entry"),
          s("stage", "Value-chain stage"), s("mapped_via", "commodity_map or material_id"),
        ], primaryKey: ["resource", "record"],
        rows: mapped.map {
          [
            $0.resource, $0.record, $0.materialID, $0.materialCategory.rawValue, Cell.text($0.crmaEntry),
            $0.crmaCategory.rawValue,
            Cell.text($0.gradeQualifier), Cell.text($0.stage?.rawValue), $0.mappedVia,
          ]
        }),
      OutputTable(
        name: "unmapped", title: "Figures that map to no material",
        description:
          "Kept and listed, never dropped: figures whose product name is not in the commodity map or maps to no material.",
        fields: [
          s("resource", "Resource"), s("record", "Key"), s("name", "The name that did not map"),
          s("reason", "Why"),
        ],
        primaryKey: ["resource", "record"],
        rows: unmapped.map { [$0.resource, $0.record, $0.name, $0.reason] }),
      OutputTable(
        name: "figures", title: "Quantities on one basis per material",
        description:
          "Every quantity with its original value and unit and, where the conversions table allows, the value on the material's comparison basis (lithium: Li; titanium minerals: TiO2; rare earths: REO; titanium metal: sponge). Unconvertible figures are kept, flagged and never mixed.",
        fields: [
          s("resource", "Resource"), s("record", "Key"), s("material_id", "Material"), s("stage", "Stage"),
          s("country", "ISO 3166-1 alpha-3"),
          i("year", "Year"), s("measure", "Measure"), n("value", "Original value"),
          s("unit", "Original unit"), s("basis", "Original basis"),
          n("converted_value", "Value on the comparison basis"), s("converted_unit", "Comparison unit"),
          n("factor", "Factor applied"),
          s("status", "converted, same-basis or unconvertible"), s("note", "Why a figure was not converted"),
          s("source_id", "Source"),
        ], primaryKey: ["resource", "record"],
        rows: figures.map {
          [
            $0.resource, $0.record, $0.materialID, Cell.text($0.stage?.rawValue), $0.country,
            Cell.int($0.year), $0.measure,
            Cell.number($0.value), $0.unit, Cell.text($0.basis), Cell.number($0.convertedValue),
            Cell.text($0.convertedUnit),
            Cell.number($0.factor), $0.status, $0.note, $0.sourceID,
          ]
        }),
      OutputTable(
        name: "reconciled", title: "One preferred value per fact",
        description:
          "For each product, measure, year and country: the preferred figure across USGS editions and sources, the range and count, and why it won. Rule: \(Reconciliation.rule).",
        fields: [
          s("product", "Product"), s("measure", "production or reserves"), i("year", "Year"),
          s("country", "Country"),
          n("preferred_value", "Preferred value"), s("unit", "Unit"),
          s("preferred_edition", "Edition of the preferred figure"),
          s("preferred_source_id", "Source of the preferred figure"),
          s("flag", "USGS flag of the preferred figure"),
          n("minimum", "Smallest value across sources"), n("maximum", "Largest value across sources"),
          i("count", "Figures with a value"),
          s("editions", "Editions that give the fact"), s("reason", "Why the preferred figure won"),
        ], primaryKey: ["product", "measure", "year", "country"],
        rows: reconciled.map {
          [
            $0.product, $0.measure.rawValue, String($0.year), $0.country, Cell.number($0.preferred.value),
            $0.preferred.unit,
            $0.preferred.edition, $0.preferred.sourceID, $0.preferred.flag, Cell.number($0.minimum),
            Cell.number($0.maximum),
            String($0.count), $0.editions.joined(separator: ";"), $0.reason,
          ]
        }),
      OutputTable(
        name: "shares", title: "Shares of world production and reserves",
        description:
          "Each country's share (0-1) of the sum of listed values and its rank among countries, within the newest USGS edition covering the year; Ukraine has a row even when USGS does not list it.",
        fields: [
          s("product", "Product"), s("material_id", "Material"), s("stage", "Stage"),
          s("measure", "production or reserves"), i("year", "Year"),
          s("edition", "USGS edition"), s("country", "Country"), n("value", "Value"), s("unit", "Unit"),
          n("share", "Share (0-1)"),
          i("rank", "Rank among countries"), s("flag", "USGS flag"), b("greater_than", "Published with '>'"),
          s("note", "Note"),
          s("source_id", "Source"),
        ], primaryKey: ["product", "measure", "year", "country"],
        rows: shares.map {
          [
            $0.product, $0.materialID, $0.stage.rawValue, $0.measure.rawValue, String($0.year), $0.edition,
            $0.country,
            Cell.number($0.value), $0.unit, Cell.number($0.share), Cell.int($0.rank), $0.flag,
            Cell.bool($0.greaterThan), $0.note,
            $0.sourceID,
          ]
        }),
      OutputTable(
        name: "concentration", title: "Concentration of supply",
        description:
          "HHI with shares as fractions (0-1), top-3 share, largest country and Ukraine's share and rank, for USGS world production/reserves and for the 2023 study's global-supply and EU-sourcing mixes.",
        fields: [
          s("dataset", "usgs or eu-study"), s("subject", "Product or the study's material label"),
          s("material_id", "Material"),
          s("stage", "Stage"), s("measure", "production, reserves, global-supply or eu-sourcing"),
          i("year", "Year"),
          s("edition", "Edition"), i("countries", "Countries with a share"),
          n("total", "Sum of listed values"),
          n("published_world_total", "USGS world total"), s("unit", "Unit"),
          n("hhi", "Herfindahl-Hirschman index, shares as fractions"),
          n("top3_share", "Share of the three largest countries"), s("largest_country", "Largest country"),
          n("largest_share", "Its share"), n("ukraine_share", "Ukraine's share"),
          i("ukraine_rank", "Ukraine's rank"),
          s("ukraine_note", "Why Ukraine has no share"), s("note", "How it was computed"),
          s("source_id", "Source"),
        ], primaryKey: ["dataset", "subject", "material_id", "stage", "measure", "year"],
        rows: concentration.map {
          [
            $0.dataset, $0.subject, $0.materialID, $0.stage.rawValue, $0.measure, String($0.year), $0.edition,
            String($0.countries),
            Cell.number($0.total), Cell.number($0.publishedWorldTotal), $0.unit, Cell.number($0.hhi),
            Cell.number($0.top3Share),
            $0.largestCountry, Cell.number($0.largestShare), Cell.number($0.ukraineShare),
            Cell.int($0.ukraineRank), $0.ukraineNote,
            $0.note, $0.sourceID,
          ]
        }),
      OutputTable(
        name: "supply_risk", title: "Published supply risk and economic importance against the thresholds",
        description:
          "EU 2020 and 2023 assessment results set against CRMA Art. 4 thresholds (SR >= 1, EI >= 2.8), and why the SR formula could not be recomputed from the package.",
        fields: [
          s("material_id", "Material"), s("material_label", "As the source names it"),
          i("assessment_year", "Year"),
          n("supply_risk", "SR"), n("economic_importance", "EI"), n("sr_threshold", "SR threshold"),
          n("ei_threshold", "EI threshold"),
          b("meets_thresholds", "SR and EI at or above both thresholds"), s("crma_category", "CRMA category"),
          s("recomputation", "Formula inputs missing from the package"), s("source_id", "Source"),
        ], primaryKey: ["material_id", "material_label", "assessment_year"],
        rows: criticality.map {
          [
            $0.materialID, $0.label, String($0.year), Cell.number($0.supplyRisk),
            Cell.number($0.economicImportance),
            Cell.number($0.supplyRiskThreshold), Cell.number($0.economicImportanceThreshold),
            Cell.bool($0.meetsThresholds),
            $0.crmaCategory.rawValue, $0.recomputation, $0.sourceID,
          ]
        }),
      OutputTable(
        name: "article5", title: "CRMA Article 5 checks",
        description:
          "For each strategic material: the largest single third-country share of EU sourcing per stage against the 65 % cap; coverage of EU consumption against the 10 % extraction and 40 % processing benchmarks where consumption figures exist.",
        fields: [
          s("check", "diversification, extraction-coverage or processing-coverage"),
          s("material_id", "Material"),
          s("material_label", "As the source names it"), s("crma_entry", "Strategic entry"),
          s("stage", "Stage"),
          n("benchmark_pct", "Benchmark (percent)"), s("largest_third_country", "Largest non-EU supplier"),
          n("largest_third_country_share_pct", "Its share of EU sourcing (percent)"),
          b("breach", "Above the cap"),
          n("ukraine_share_pct", "Ukraine's share of EU sourcing (percent)"),
          s("status", "How it was computed, or why not"),
          s("source_id", "Source"),
        ], primaryKey: ["check", "material_id", "material_label", "stage"],
        rows: article5.map {
          [
            $0.check, $0.materialID, $0.materialLabel, $0.crmaEntry, Cell.text($0.stage?.rawValue),
            Cell.number($0.benchmarkPct),
            Cell.text($0.largestThirdCountry), Cell.number($0.largestThirdCountrySharePct),
            Cell.bool($0.breach),
            Cell.number($0.ukraineSharePct), $0.status, Cell.text($0.sourceID),
          ]
        }),
      OutputTable(
        name: "exposure_deposits", title: "Deposits by latest control status",
        description:
          "Each Ukrainian deposit and material: latest dated control status (\(WarExposure.statusRule)) and the preferred contained tonnage (\(WarExposure.tonnageRule)).",
        fields: [
          s("material_id", "Material"), s("deposit_id", "Deposit"), s("status", "Latest control status"),
          s("status_as_of", "Date of that report"),
          s("status_reported_as", "The report's wording"), s("status_source_id", "Its source"),
          n("contained", "Contained tonnage on the basis"),
          s("basis", "Basis"), s("figure_id", "Figure used"), s("figure_source_id", "Its source"),
          n("minimum", "Lowest convertible figure"),
          n("maximum", "Highest convertible figure"), i("figures", "Convertible figures"),
          s("note", "Why no tonnage"),
        ], primaryKey: ["material_id", "deposit_id"],
        rows: exposedDeposits.map {
          [
            $0.materialID, $0.depositID, $0.status.rawValue, Cell.text($0.statusAsOf),
            Cell.text($0.statusReportedAs),
            Cell.text($0.statusSourceID), Cell.number($0.contained), Cell.text($0.basis),
            Cell.text($0.figureID),
            Cell.text($0.figureSourceID), Cell.number($0.minimum), Cell.number($0.maximum),
            String($0.figureCount), $0.note,
          ]
        }),
      OutputTable(
        name: "exposure", title: "War exposure of Ukraine's known resources",
        description:
          "Contained tonnage per material split by each deposit's latest control status, as amounts and shares; deposits without tonnage are counted.",
        fields: [
          s("material_id", "Material"), s("status", "Control status"), s("basis", "Basis of the amounts"),
          i("deposits", "Deposits"),
          i("deposits_with_tonnage", "Deposits with a convertible tonnage"),
          n("contained", "Contained tonnage"),
          n("share", "Share of the material's contained tonnage (0-1)"),
          s("earliest_as_of", "Oldest status date in the group"),
          s("latest_as_of", "Newest status date in the group"),
        ], primaryKey: ["material_id", "status"],
        rows: exposure.map {
          [
            $0.materialID, $0.status.rawValue, $0.basis, String($0.deposits), String($0.depositsWithTonnage),
            Cell.number($0.contained),
            Cell.number($0.share), Cell.text($0.earliestAsOf), Cell.text($0.latestAsOf),
          ]
        }),
      OutputTable(
        name: "trade_shares", title: "EU imports by partner (trade statistics)",
        description:
          "When the package holds a trade extract's aggregate (trade_imports): each partner's import value and, for third countries, its share of extra-EU imports per material, stage and year. Empty otherwise.",
        fields: [
          s("material_id", "Material"), s("stage", "Stage"), i("year", "Year"),
          s("partner", "Partner code as in the extract"),
          s("partner_iso3", "Partner, ISO 3166-1 alpha-3"), b("eu_member", "Partner is an EU member"),
          n("value", "Import value"),
          n("net_mass_kg", "Net mass (kg)"), n("share_of_extra_eu", "Share of extra-EU import value (0-1)"),
          i("rank", "Rank among third countries"), s("source_id", "Source"),
        ], primaryKey: ["material_id", "stage", "year", "partner"],
        rows: trade.map {
          [
            $0.materialID, $0.stage.rawValue, String($0.year), $0.partner, Cell.text($0.partnerISO3),
            Cell.bool($0.isEUMember),
            Cell.number($0.value), Cell.number($0.netMassKg), Cell.number($0.shareOfExtraEU),
            Cell.int($0.rank), $0.sourceID,
          ]
        }),
      OutputTable(
        name: "scenarios", title: "What-if scenarios",
        description:
          "World supply with Ukraine's figure set to each scenario's sourced quantity: Ukraine's share and rank, HHI before and after, the largest country against the 65 % cap.",
        fields: [
          s("scenario_id", "Scenario"), s("label", "What it assumes"), s("product", "Product"),
          s("edition", "Base edition"),
          i("year", "Base year"), s("unit", "Unit"), n("ukraine_before", "Ukraine's figure in the base"),
          n("ukraine_after", "Scenario quantity"),
          n("ukraine_share_before", "Ukraine's share before"),
          n("ukraine_share_after", "Ukraine's share after"),
          i("ukraine_rank_after", "Ukraine's rank after"), n("hhi_before", "HHI before"),
          n("hhi_after", "HHI after"),
          s("largest_country_after", "Largest country after"), n("largest_share_after", "Its share after"),
          n("cap_pct", "Cap (percent)"),
          b("largest_above_cap_after", "Largest share above the cap after"),
          s("status", "What was recomputed"), s("source_id", "Source"),
        ], primaryKey: ["scenario_id"],
        rows: scenarios.map {
          [
            $0.scenarioID, $0.label, $0.product, $0.edition, String($0.year), $0.unit,
            Cell.number($0.ukraineBefore),
            Cell.number($0.ukraineAfter), Cell.number($0.ukraineShareBefore),
            Cell.number($0.ukraineShareAfter),
            Cell.int($0.ukraineRankAfter), Cell.number($0.hhiBefore), Cell.number($0.hhiAfter),
            Cell.text($0.largestCountryAfter),
            Cell.number($0.largestShareAfter), Cell.number($0.capPct), Cell.bool($0.largestAboveCapAfter),
            $0.status, $0.sourceID,
          ]
        }),
    ]
  }
}
