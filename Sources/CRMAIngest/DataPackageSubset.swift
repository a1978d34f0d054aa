extension DataPackageDescriptor {
  /// The named table resources and every table they reach through foreign keys, without the
  /// file resources: for a command that reads a few tables of the package (`crma trade` reads
  /// the crosswalk and the partner tables) and need not read and hash the rest. Names that are
  /// not resources are ignored; the order is the package's.
  public func restricted(to names: Set<String>) -> DataPackageDescriptor {
    var wanted = names
    var queue = Array(names)
    while let name = queue.popLast() {
      guard let resource = resources.first(where: { $0.name == name }) else { continue }
      for key in resource.schema.foreignKeys {
        let target = key.referencedResource ?? name
        if wanted.insert(target).inserted { queue.append(target) }
      }
    }
    return DataPackageDescriptor(
      json: json, name: name, resources: resources.filter { wanted.contains($0.name) }, files: [])
  }

  /// A descriptor from parts already checked (``restricted(to:)``).
  init(json: JSONValue, name: String?, resources: [ResourceDescriptor], files: [FileResourceDescriptor]) {
    self.json = json
    self.name = name
    self.resources = resources
    self.files = files
  }
}
