/// A Frictionless Table Schema: fields with types and constraints, keys, and missing values.
public struct TableSchema: Sendable {
  public let fields: [FieldDescriptor]
  public let primaryKey: [String]
  public let foreignKeys: [ForeignKey]
  /// Cell texts that mean "no value"; `[""]` unless the schema says otherwise.
  public let missingValues: [String]

  init(json: JSONValue, resource: String) throws(IngestError) {
    guard let object = json.object else {
      throw .descriptor("resource \"\(resource)\": \"schema\" must be an object")
    }
    guard let fieldList = object["fields"]?.array, !fieldList.isEmpty else {
      throw .descriptor("resource \"\(resource)\": schema needs a non-empty \"fields\" array")
    }
    var fields: [FieldDescriptor] = []
    for item in fieldList {
      let field = try FieldDescriptor(json: item, resource: resource)
      if fields.contains(where: { $0.name == field.name }) {
        throw .descriptor("resource \"\(resource)\": field \"\(field.name)\" is defined twice")
      }
      fields.append(field)
    }
    if let fieldsMatch = object["fieldsMatch"]?.string, fieldsMatch != "exact" {
      throw .descriptor(
        "resource \"\(resource)\": fieldsMatch \"\(fieldsMatch)\" is not supported (exact only)")
    }
    var primaryKey: [String] = []
    switch object["primaryKey"] {
    case nil: break
    case .string(let name)?: primaryKey = [name]
    case .array(let names)?:
      for name in names {
        guard let name = name.string else {
          throw .descriptor("resource \"\(resource)\": primaryKey must list field names")
        }
        primaryKey.append(name)
      }
    default:
      throw .descriptor("resource \"\(resource)\": primaryKey must be a field name or an array of them")
    }
    for name in primaryKey where !fields.contains(where: { $0.name == name }) {
      throw .descriptor("resource \"\(resource)\": primaryKey names unknown field \"\(name)\"")
    }
    var foreignKeys: [ForeignKey] = []
    for item in object["foreignKeys"]?.array ?? [] {
      let key = try ForeignKey(json: item, resource: resource)
      for name in key.fields where !fields.contains(where: { $0.name == name }) {
        throw .descriptor("resource \"\(resource)\": foreign key names unknown field \"\(name)\"")
      }
      foreignKeys.append(key)
    }
    var missingValues = [""]
    if let list = object["missingValues"] {
      guard let array = list.array else {
        throw .descriptor("resource \"\(resource)\": missingValues must be an array")
      }
      missingValues = []
      for item in array {
        if let text = item.string ?? item["value"]?.string {
          missingValues.append(text)
        } else {
          throw .descriptor("resource \"\(resource)\": missingValues must hold strings")
        }
      }
    }
    self.fields = fields
    self.primaryKey = primaryKey
    self.foreignKeys = foreignKeys
    self.missingValues = missingValues
  }

  /// The field called `name`, if the schema has one.
  public func field(named name: String) -> FieldDescriptor? { fields.first { $0.name == name } }

  /// The position of the field called `name`, if the schema has one.
  public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }
}

/// A reference from fields of one resource to the key fields of another (or the same) resource.
public struct ForeignKey: Sendable {
  public let fields: [String]
  /// nil for a reference into the same resource.
  public let referencedResource: String?
  public let referencedFields: [String]

  init(json: JSONValue, resource: String) throws(IngestError) {
    func names(_ value: JSONValue?) throws(IngestError) -> [String] {
      switch value {
      case .string(let name)?: return [name]
      case .array(let items)?:
        var result: [String] = []
        for item in items {
          guard let name = item.string else {
            throw .descriptor("resource \"\(resource)\": foreign key fields must be names")
          }
          result.append(name)
        }
        return result
      default: throw .descriptor("resource \"\(resource)\": foreign key needs \"fields\"")
      }
    }
    fields = try names(json["fields"])
    guard let reference = json["reference"]?.object else {
      throw .descriptor("resource \"\(resource)\": foreign key needs a \"reference\" object")
    }
    let target = reference["resource"]?.string
    referencedResource = (target?.isEmpty ?? true) ? nil : target
    referencedFields = try names(reference["fields"])
    guard fields.count == referencedFields.count else {
      throw .descriptor(
        "resource \"\(resource)\": foreign key has \(fields.count) fields but refers to \(referencedFields.count)"
      )
    }
  }
}
