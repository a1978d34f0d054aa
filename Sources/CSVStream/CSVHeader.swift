/// The names in a file's first row, with a lookup from name to field index.
public struct CSVHeader: Sendable, Equatable {
  public let names: [String]
  private let indexByName: [String: Int]

  /// Checks the rules for a header: no empty name, no name twice.
  public init(names: [String], path: String, line: Int) throws(CSVError) {
    var index: [String: Int] = [:]
    for (position, name) in names.enumerated() {
      if name.isEmpty {
        throw CSVError(
          .emptyHeader, path: path, line: line, column: position + 1, message: "header name is empty")
      }
      if let first = index[name] {
        throw CSVError(
          .duplicateHeader, path: path, line: line, column: position + 1, columnName: name,
          message: "header name \"\(name)\" appears twice (also column \(first + 1))")
      }
      index[name] = position
    }
    self.names = names
    self.indexByName = index
  }

  public var count: Int { names.count }

  /// The 0-based index of the field called `name`, if the file has it.
  public func index(of name: String) -> Int? { indexByName[name] }
}
