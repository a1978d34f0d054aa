import CRMAIngest
import CSVStream

extension TransformResult {
  /// The derived tables, in a fixed order, as written by `crma transform`.
  public var tables: [OutputTable] {
    typealias F = OutputTable.Field
    // Field names come from each row type's `Column` enum, which the report decodes with.
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
    return [
      OutputTable(
        name: "mapping", title: "CRMA mapping of every figure",
        description:
          "Each ingested figure with its material, the CRMA entry it counts towards, the category, the Act's grade qualifier and the value-chain stage.",
        fields: [
          s(MappedFigure.Column.resource, "Resource of the figure"),
          s(MappedFigure.Column.record, "Key of the figure in its resource"),
          s(MappedFigure.Column.materialID, "Material"),
          s(MappedFigure.Column.materialCategory, "The material's own CRMA category"),
          s(MappedFigure.Column.crmaEntry, "Listed CRMA entry the figure counts towards"),
          s(MappedFigure.Column.crmaCategory, "strategic, critical, partly-strategic or not-listed"),
          s(MappedFigure.Column.gradeQualifier, "The Act's grade qualifier of the entry"),
          s(MappedFigure.Column.stage, "Value-chain stage"),
          s(MappedFigure.Column.mappedVia, "commodity_map or material_id"),
        ], primaryKey: [MappedFigure.Column.resource, MappedFigure.Column.record].map(\.rawValue),
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
          s(UnmappedFigure.Column.resource, "Resource"), s(UnmappedFigure.Column.record, "Key"),
          s(UnmappedFigure.Column.name, "The name that did not map"),
          s(UnmappedFigure.Column.reason, "Why"),
        ],
        primaryKey: [UnmappedFigure.Column.resource, UnmappedFigure.Column.record].map(\.rawValue),
        rows: unmapped.map { [$0.resource, $0.record, $0.name, $0.reason] }),
      OutputTable(
        name: "figures", title: "Quantities on one basis per material",
        description:
          "Every quantity with its original value and unit and, where the conversions table allows, the value on the material's comparison basis (lithium: Li; titanium minerals: TiO2; rare earths: REO; titanium metal: sponge). Unconvertible figures are kept, flagged and never mixed.",
        fields: [
          s(NormalisedFigure.Column.resource, "Resource"), s(NormalisedFigure.Column.record, "Key"),
          s(NormalisedFigure.Column.materialID, "Material"), s(NormalisedFigure.Column.stage, "Stage"),
          s(NormalisedFigure.Column.country, "ISO 3166-1 alpha-3"),
          i(NormalisedFigure.Column.year, "Year"), s(NormalisedFigure.Column.measure, "Measure"),
          n(NormalisedFigure.Column.value, "Original value"),
          s(NormalisedFigure.Column.unit, "Original unit"),
          s(NormalisedFigure.Column.basis, "Original basis"),
          n(NormalisedFigure.Column.convertedValue, "Value on the comparison basis"),
          s(NormalisedFigure.Column.convertedUnit, "Comparison unit"),
          n(NormalisedFigure.Column.factor, "Factor applied"),
          s(NormalisedFigure.Column.status, "converted, same-basis or unconvertible"),
          s(NormalisedFigure.Column.note, "Why a figure was not converted"),
          s(NormalisedFigure.Column.sourceID, "Source"),
        ], primaryKey: [NormalisedFigure.Column.resource, NormalisedFigure.Column.record].map(\.rawValue),
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
          s(ReconciledFact.Column.product, "Product"),
          s(ReconciledFact.Column.measure, "production or reserves"), i(ReconciledFact.Column.year, "Year"),
          s(ReconciledFact.Column.country, "Country"),
          n(ReconciledFact.Column.preferredValue, "Preferred value"), s(ReconciledFact.Column.unit, "Unit"),
          s(ReconciledFact.Column.preferredEdition, "Edition of the preferred figure"),
          s(ReconciledFact.Column.preferredSourceID, "Source of the preferred figure"),
          s(ReconciledFact.Column.flag, "USGS flag of the preferred figure"),
          n(ReconciledFact.Column.minimum, "Smallest value across sources"),
          n(ReconciledFact.Column.maximum, "Largest value across sources"),
          i(ReconciledFact.Column.count, "Figures with a value"),
          s(ReconciledFact.Column.editions, "Editions that give the fact"),
          s(ReconciledFact.Column.reason, "Why the preferred figure won"),
        ],
        primaryKey: [
          ReconciledFact.Column.product, ReconciledFact.Column.measure, ReconciledFact.Column.year,
          ReconciledFact.Column.country,
        ].map(\.rawValue),
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
          s(ShareRow.Column.product, "Product"), s(ShareRow.Column.materialID, "Material"),
          s(ShareRow.Column.stage, "Stage"),
          s(ShareRow.Column.measure, "production or reserves"), i(ShareRow.Column.year, "Year"),
          s(ShareRow.Column.edition, "USGS edition"), s(ShareRow.Column.country, "Country"),
          n(ShareRow.Column.value, "Value"), s(ShareRow.Column.unit, "Unit"),
          n(ShareRow.Column.share, "Share (0-1)"),
          i(ShareRow.Column.rank, "Rank among countries"), s(ShareRow.Column.flag, "USGS flag"),
          b(ShareRow.Column.greaterThan, "Published with '>'"),
          s(ShareRow.Column.note, "Note"),
          s(ShareRow.Column.sourceID, "Source"),
        ],
        primaryKey: [
          ShareRow.Column.product, ShareRow.Column.measure, ShareRow.Column.year, ShareRow.Column.country,
        ].map(\.rawValue),
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
          s(ConcentrationRow.Column.dataset, "usgs or eu-study"),
          s(ConcentrationRow.Column.subject, "Product or the study's material label"),
          s(ConcentrationRow.Column.materialID, "Material"),
          s(ConcentrationRow.Column.stage, "Stage"),
          s(ConcentrationRow.Column.measure, "production, reserves, global-supply or eu-sourcing"),
          i(ConcentrationRow.Column.year, "Year"),
          s(ConcentrationRow.Column.edition, "Edition"),
          i(ConcentrationRow.Column.countries, "Countries with a share"),
          n(ConcentrationRow.Column.total, "Sum of listed values"),
          n(ConcentrationRow.Column.publishedWorldTotal, "USGS world total"),
          s(ConcentrationRow.Column.unit, "Unit"),
          n(ConcentrationRow.Column.hhi, "Herfindahl-Hirschman index, shares as fractions"),
          n(ConcentrationRow.Column.top3Share, "Share of the three largest countries"),
          s(ConcentrationRow.Column.largestCountry, "Largest country"),
          n(ConcentrationRow.Column.largestShare, "Its share"),
          n(ConcentrationRow.Column.ukraineShare, "Ukraine's share"),
          i(ConcentrationRow.Column.ukraineRank, "Ukraine's rank"),
          s(ConcentrationRow.Column.ukraineNote, "Why Ukraine has no share"),
          s(ConcentrationRow.Column.note, "How it was computed"),
          s(ConcentrationRow.Column.sourceID, "Source"),
          s(
            ConcentrationRow.Column.statisticsWithheld,
            "Why no HHI, top-3 share, shares or ranks are given (an incomplete table); empty when they are"),
        ],
        primaryKey: [
          ConcentrationRow.Column.dataset, ConcentrationRow.Column.subject,
          ConcentrationRow.Column.materialID, ConcentrationRow.Column.stage, ConcentrationRow.Column.measure,
          ConcentrationRow.Column.year,
        ].map(\.rawValue),
        rows: concentration.map {
          [
            $0.dataset, $0.subject, $0.materialID, $0.stage.rawValue, $0.measure, String($0.year), $0.edition,
            String($0.countries),
            Cell.number($0.total), Cell.number($0.publishedWorldTotal), $0.unit, Cell.number($0.hhi),
            Cell.number($0.top3Share),
            $0.largestCountry, Cell.number($0.largestShare), Cell.number($0.ukraineShare),
            Cell.int($0.ukraineRank), $0.ukraineNote,
            $0.note, $0.sourceID, $0.statisticsWithheld,
          ]
        }),
      OutputTable(
        name: "supply_risk", title: "Published supply risk and economic importance against the thresholds",
        description:
          "EU 2020 and 2023 assessment results set against CRMA Art. 4 thresholds (SR >= 1, EI >= 2.8), and why the SR formula could not be recomputed from the package.",
        fields: [
          s(CriticalityCheck.Column.materialID, "Material"),
          s(CriticalityCheck.Column.materialLabel, "As the source names it"),
          i(CriticalityCheck.Column.assessmentYear, "Year"),
          n(CriticalityCheck.Column.supplyRisk, "SR"), n(CriticalityCheck.Column.economicImportance, "EI"),
          n(CriticalityCheck.Column.srThreshold, "SR threshold"),
          n(CriticalityCheck.Column.eiThreshold, "EI threshold"),
          b(CriticalityCheck.Column.meetsThresholds, "SR and EI at or above both thresholds"),
          s(CriticalityCheck.Column.crmaCategory, "CRMA category"),
          s(CriticalityCheck.Column.recomputation, "Formula inputs missing from the package"),
          s(CriticalityCheck.Column.sourceID, "Source"),
        ],
        primaryKey: [
          CriticalityCheck.Column.materialID, CriticalityCheck.Column.materialLabel,
          CriticalityCheck.Column.assessmentYear,
        ].map(\.rawValue),
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
          s(Article5Check.Column.check, "diversification, extraction-coverage or processing-coverage"),
          s(Article5Check.Column.materialID, "Material"),
          s(Article5Check.Column.materialLabel, "As the source names it"),
          s(Article5Check.Column.crmaEntry, "Strategic entry"),
          s(Article5Check.Column.stage, "Stage"),
          n(Article5Check.Column.benchmarkPct, "Benchmark (percent)"),
          s(Article5Check.Column.largestThirdCountry, "Largest non-EU supplier"),
          n(Article5Check.Column.largestThirdCountrySharePct, "Its share of EU sourcing (percent)"),
          b(Article5Check.Column.breach, "Above the cap"),
          n(Article5Check.Column.ukraineSharePct, "Ukraine's share of EU sourcing (percent)"),
          s(Article5Check.Column.status, "How it was computed, or why not"),
          s(Article5Check.Column.sourceID, "Source"),
        ],
        primaryKey: [
          Article5Check.Column.check, Article5Check.Column.materialID, Article5Check.Column.materialLabel,
          Article5Check.Column.stage,
        ].map(\.rawValue),
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
          s(ExposedDeposit.Column.materialID, "Material"), s(ExposedDeposit.Column.depositID, "Deposit"),
          s(ExposedDeposit.Column.status, "Latest control status"),
          s(ExposedDeposit.Column.statusAsOf, "Date of that report"),
          s(ExposedDeposit.Column.statusReportedAs, "The report's wording"),
          s(ExposedDeposit.Column.statusSourceID, "Its source"),
          n(ExposedDeposit.Column.contained, "Contained tonnage on the basis"),
          s(ExposedDeposit.Column.basis, "Basis"), s(ExposedDeposit.Column.figureID, "Figure used"),
          s(ExposedDeposit.Column.figureSourceID, "Its source"),
          n(ExposedDeposit.Column.minimum, "Lowest convertible figure"),
          n(ExposedDeposit.Column.maximum, "Highest convertible figure"),
          i(ExposedDeposit.Column.figures, "Convertible figures"),
          s(ExposedDeposit.Column.note, "Why no tonnage"),
        ], primaryKey: [ExposedDeposit.Column.materialID, ExposedDeposit.Column.depositID].map(\.rawValue),
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
          s(ExposureRow.Column.materialID, "Material"), s(ExposureRow.Column.status, "Control status"),
          s(ExposureRow.Column.basis, "Basis of the amounts"),
          i(ExposureRow.Column.deposits, "Deposits"),
          i(ExposureRow.Column.depositsWithTonnage, "Deposits with a convertible tonnage"),
          n(ExposureRow.Column.contained, "Contained tonnage"),
          n(ExposureRow.Column.share, "Share of the material's contained tonnage (0-1)"),
          s(ExposureRow.Column.earliestAsOf, "Oldest status date in the group"),
          s(ExposureRow.Column.latestAsOf, "Newest status date in the group"),
        ], primaryKey: [ExposureRow.Column.materialID, ExposureRow.Column.status].map(\.rawValue),
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
          s(TradeShareRow.Column.materialID, "Material"), s(TradeShareRow.Column.stage, "Stage"),
          i(TradeShareRow.Column.year, "Year"),
          s(TradeShareRow.Column.partner, "Partner code as in the extract"),
          s(TradeShareRow.Column.partnerISO3, "Partner, ISO 3166-1 alpha-3"),
          b(TradeShareRow.Column.euMember, "Partner is an EU member"),
          n(TradeShareRow.Column.value, "Import value"),
          n(TradeShareRow.Column.netMassKg, "Net mass (kg)"),
          n(TradeShareRow.Column.shareOfExtraEU, "Share of extra-EU import value (0-1)"),
          i(TradeShareRow.Column.rank, "Rank among third countries"),
          s(TradeShareRow.Column.sourceID, "Source"),
        ],
        primaryKey: [
          TradeShareRow.Column.materialID, TradeShareRow.Column.stage, TradeShareRow.Column.year,
          TradeShareRow.Column.partner,
        ].map(\.rawValue),
        rows: trade.map {
          [
            $0.materialID, $0.stage.rawValue, String($0.year), $0.partner, Cell.text($0.partnerISO3),
            Cell.bool($0.isEUMember),
            Cell.number($0.value), Cell.number($0.netMassKg), Cell.number($0.shareOfExtraEU),
            Cell.int($0.rank), $0.sourceID,
          ]
        }),
      OutputTable(
        name: "trade_product_shares", title: "EU imports by partner and product group (trade statistics)",
        description:
          "When the package holds a trade extract (trade_imports_by_product): per product group (lithium carbonate, hydroxide, ores; titanium ores, unwrought titanium; rare-earth metals, compounds) and year, each partner's import value and, for third countries, its share of extra-EU import value and rank. EU members, confidential and not-a-country codes are kept as rows, never ranked. Shares are of value (basis). Empty otherwise.",
        fields: [
          s(TradeProductShare.Column.groupID, "Product group"), i(TradeProductShare.Column.year, "Year"),
          s(TradeProductShare.Column.partner, "Partner code as in the extract"),
          s(TradeProductShare.Column.partnerISO3, "Partner (or the state of a territory), ISO 3166-1 alpha-3"),
          s(TradeProductShare.Column.partnerKind, "third-country, eu-member, confidential, not-a-country or unknown"),
          n(TradeProductShare.Column.value, "Import value"),
          s(TradeProductShare.Column.basis, "What the share is of: value"),
          n(TradeProductShare.Column.shareOfExtraEU, "Share of extra-EU imports (0-1), third countries only"),
          i(TradeProductShare.Column.rank, "Rank among third countries"),
          s(TradeProductShare.Column.sourceID, "Source"),
        ],
        primaryKey: [
          TradeProductShare.Column.groupID, TradeProductShare.Column.year, TradeProductShare.Column.partner,
        ].map(\.rawValue),
        rows: tradeProducts.map {
          [
            $0.groupID, String($0.year), $0.partner, Cell.text($0.partnerISO3), $0.partnerKind.rawValue,
            Cell.number($0.value), $0.basis, Cell.number($0.shareOfExtraEU), Cell.int($0.rank), $0.sourceID,
          ]
        }),
      OutputTable(
        name: "scenarios", title: "What-if scenarios",
        description:
          "World supply with Ukraine's figure set to each scenario's sourced quantity: Ukraine's share and rank, HHI before and after, the largest country against the 65 % cap.",
        fields: [
          s(ScenarioResult.Column.scenarioID, "Scenario"), s(ScenarioResult.Column.label, "What it assumes"),
          s(ScenarioResult.Column.product, "Product"),
          s(ScenarioResult.Column.edition, "Base edition"),
          i(ScenarioResult.Column.year, "Base year"), s(ScenarioResult.Column.unit, "Unit"),
          n(ScenarioResult.Column.ukraineBefore, "Ukraine's figure in the base"),
          n(ScenarioResult.Column.ukraineAfter, "Scenario quantity"),
          n(ScenarioResult.Column.ukraineShareBefore, "Ukraine's share before"),
          n(ScenarioResult.Column.ukraineShareAfter, "Ukraine's share after"),
          i(ScenarioResult.Column.ukraineRankAfter, "Ukraine's rank after"),
          n(ScenarioResult.Column.hhiBefore, "HHI before"),
          n(ScenarioResult.Column.hhiAfter, "HHI after"),
          s(ScenarioResult.Column.largestCountryAfter, "Largest country after"),
          n(ScenarioResult.Column.largestShareAfter, "Its share after"),
          n(ScenarioResult.Column.capPct, "Cap (percent)"),
          b(ScenarioResult.Column.largestAboveCapAfter, "Largest share above the cap after"),
          s(ScenarioResult.Column.status, "What was recomputed"), s(ScenarioResult.Column.sourceID, "Source"),
        ], primaryKey: [ScenarioResult.Column.scenarioID].map(\.rawValue),
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
    ] + frontLineTables
  }
}
