import CRMAIngest
import CRMATrade
import CSVStream
import Logging

/// The trade step of the ingest stage: every publisher file the package declares with a `trade`
/// property (`{"preset": "comext", "source_id": ...}`) — hash-checked by the ingest stage — is
/// read by `crma trade`'s engine through the package's crosswalk and partner tables, and its
/// aggregate becomes two tables of the ingest output: `trade_imports` (per material, stage,
/// year and partner) and `trade_imports_by_product` (the same per product code). Because the
/// ingest stage's record holds the hash of every data file, the aggregate is rebuilt whenever
/// the extract, the commodity map or the partner tables change.
public enum TradeImportsStage {
  /// The resource names of the two tables.
  public static let importsName = "trade_imports", byProductName = "trade_imports_by_product"

  /// `ingest` with the trade tables added (and their resources in its descriptor), or with the
  /// problems that kept them from being built. Without a declared trade file, `ingest` as it is.
  public static func merge(_ ingest: IngestResult, directory: String, logger: Logger) -> IngestResult {
    let declared = ingest.descriptor.files.filter { $0.json["trade"] != nil }
    guard !declared.isEmpty, ingest.table(named: importsName) == nil else { return ingest }
    var problems = ingest.problems
    var imports: [[String]] = []
    var byProduct: [[String]] = []
    let packagePath = displayPath(directory, "datapackage.json")
    func problem(_ kind: IngestProblem.Kind, _ resource: String, _ path: String, _ line: Int?, _ message: String) {
      problems.append(IngestProblem(kind, resource: resource, path: path, line: line, column: nil, message: message))
    }
    for file in declared {
      let path = displayPath(directory, file.path)
      // A file the ingest stage could not read (missing, hash differs) was reported already.
      guard ingest.problems(of: file.name).isEmpty else { continue }
      guard let presetName = file.json["trade"]?["preset"]?.string, let columns = TradeColumns.preset(presetName),
        let sourceID = file.json["trade"]?["source_id"]?.string, !sourceID.isEmpty
      else {
        problem(
          .schemaMismatch, file.name, packagePath, nil,
          "resource \"\(file.name)\": \"trade\" needs \"preset\" (comext or comtrade) and \"source_id\"")
        continue
      }
      do {
        let result = try TradeIngest.run(
          path: path, columns: columns, crosswalk: try ProductCrosswalk(ingest: ingest),
          partners: try PartnerCodes(ingest: ingest), options: TradeIngest.Options(maximumBadFraction: 0),
          logger: logger)
        if result.rereadsInOnePart > 0 {
          logger.warning("trade file read again in one part", metadata: ["input.path": "\(path)"])
        }
        for row in result.rows { imports.append(fields(row, product: false, sourceID: sourceID)) }
        for row in result.productRows { byProduct.append(fields(row, product: true, sourceID: sourceID)) }
        let unlisted = result.outsideCodes.filter { $0.exclusion == nil }.map { $0.code }
        if !unlisted.isEmpty {
          problem(
            .constraint, file.name, path, nil,
            "product code(s) \(unlisted.joined(separator: " ")) neither map to a material nor are listed as deliberately unmapped in commodity_map"
          )
        }
        logger.info(
          "trade extract aggregated",
          metadata: [
            "input.path": "\(path)", "rows.read": "\(result.tally.rowsRead)", "rows.added": "\(result.tally.rowsAdded)",
            "rows.outside": "\(result.tally.rowsOutOfScope)", "rows.rejected": "\(result.tally.badRows)",
          ])
      } catch let error as TradeError {
        problem(error.kind == .configuration ? .schemaMismatch : .constraint, file.name, path, nil, error.message)
      } catch let error as CSVError {
        problem(.malformedCSV, file.name, path, error.line, error.message)
      } catch {
        problem(.malformedCSV, file.name, path, nil, "\(error)")
      }
    }
    guard problems.count == ingest.problems.count else {
      return ingest.with(problems: problems)
    }
    // The two tables join the descriptor, so the ingest output describes them like any other.
    guard var object = ingest.descriptor.json.object, var resources = object["resources"]?.array else {
      return ingest
    }
    resources.append(resourceJSON(importsName, product: false))
    resources.append(resourceJSON(byProductName, product: true))
    object["resources"] = .array(resources)
    let descriptor: DataPackageDescriptor
    do {
      descriptor = try DataPackageDescriptor(json: .object(object))
    } catch {
      problem(.schemaMismatch, importsName, packagePath, nil, error.description)
      return ingest.with(problems: problems)
    }
    var tables = ingest.tables
    for (name, rows) in [(importsName, imports), (byProductName, byProduct)] {
      let resource = descriptor.resource(named: name)!
      let lines = (0..<rows.count).map { $0 + 2 }
      let typed = IngestStage.typedRows(rows, lines: lines, path: "\(name).csv", resource: resource)
      problems += typed.problems
      tables.append(Table(resource: resource, rows: typed.rows, lines: lines))
    }
    logger.debug(
      "trade tables added", metadata: ["rows.imports": "\(imports.count)", "rows.by_product": "\(byProduct.count)"])
    return ingest.with(descriptor: descriptor, tables: tables, problems: problems)
  }

  private static func displayPath(_ directory: String, _ path: String) -> String {
    directory == "." ? path : "\(directory)/\(path)"
  }

  private static func fields(_ row: TradeResult.Row, product: Bool, sourceID: String) -> [String] {
    var fields = [row.material, row.stage]
    if product { fields.append(row.product) }
    fields += [
      String(row.year), row.partner, FixedPoint.text(row.value),
      row.rowsWithoutMass == row.rows ? "" : FixedPoint.text(row.mass), String(row.rows),
      String(row.rowsWithoutMass), sourceID,
    ]
    return fields
  }

  private static func resourceJSON(_ name: String, product: Bool) -> JSONValue {
    func field(_ name: String, _ type: String, _ description: String, required: Bool = true) -> JSONValue {
      var object: [String: JSONValue] = [
        "name": .string(name), "type": .string(type), "description": .string(description),
      ]
      if required { object["constraints"] = .object(["required": .bool(true)]) }
      return .object(object)
    }
    var fields = [
      field("material_id", "string", "CRMA material the product code maps to (commodity_map)."),
      field("stage", "string", "Value-chain stage of the product code (commodity_map)."),
    ]
    if product { fields.append(field("product_code", "string", "The product code as in the extract (CN8 for Comext).")) }
    fields += [
      field("year", "integer", "Year (annual rows, or the sum of a year's monthly rows)."),
      field("partner", "string", "Partner code as in the extract (Comext: ISO alpha-2 with EL, XS, XK, XC)."),
      field("value", "number", "Import value in the extract's currency (euro for Comext), summed exactly."),
      field(
        "net_mass_kg", "number", "Net mass in kg; empty when the extract has no mass (shares are then of value).",
        required: false),
      field("rows", "integer", "Extract rows added."),
      field("rows_without_mass", "integer", "Rows among them without a net mass."),
      field("source_id", "string", "The extract's source (sources.csv)."),
    ]
    let key = product ? ["product_code", "year", "partner"] : ["material_id", "stage", "year", "partner"]
    return .object([
      "name": .string(name), "path": .string("\(name).csv"),
      "title": .string(product ? "EU imports by partner and product code" : "EU imports by partner and material"),
      "description": .string(
        "Built by the ingest stage from the trade extract the package declares (crma trade's engine), not a file of data/."
      ),
      "format": .string("csv"), "mediatype": .string("text/csv"), "encoding": .string("utf-8"),
      "schema": .object([
        "fields": .array(fields), "primaryKey": .array(key.map(JSONValue.string)),
        "foreignKeys": .array([
          .object([
            "fields": .array([.string("source_id")]),
            "reference": .object(["resource": .string("sources"), "fields": .array([.string("source_id")])]),
          ])
        ]),
      ]),
    ])
  }
}
