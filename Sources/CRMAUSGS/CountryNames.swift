import CRMAIngest

/// Country names as the USGS files spell them → ISO 3166-1 alpha-3 (or crma's aggregate codes),
/// through the package's `countries` table: its `name` and `name_variants`. Names compare
/// without case and with spaces normalised; a footnote number glued to a name ("Other
/// countries6") is taken off only when the rest is a known name. A name that maps to nothing
/// is an error, never a skipped row.
public struct CountryNames: Sendable {
  private var codes: [String: String] = [:]

  /// The match of a published name.
  public struct Match: Sendable, Equatable {
    public var code: String
    /// The footnote number that was glued to the name, if any.
    public var footnote: String?

    public init(code: String, footnote: String?) {
      self.code = code
      self.footnote = footnote
    }
  }

  /// Reads the `countries` table (fields `iso3`, `name`, `name_variants`).
  public init(countries table: Table) throws(PublishedCell.Message) {
    for field in ["iso3", "name", "name_variants"] where table.column(field) == nil {
      throw PublishedCell.Message("the countries table has no \"\(field)\" field")
    }
    for row in table.rows.indices {
      guard let code = table.value(row, "iso3")?.string else { continue }
      var names = [table.value(row, "name")?.string ?? ""]
      names += (table.value(row, "name_variants")?.string ?? "").split(separator: ";").map(String.init)
      for name in names {
        let key = Self.key(name)
        if !key.isEmpty, codes[key] == nil { codes[key] = code }
      }
    }
  }

  /// Names for tests: name → code.
  public init(_ names: [String: String]) {
    for (name, code) in names { codes[Self.key(name)] = code }
  }

  /// The code of `published`, or nil.
  public func match(_ published: String) -> Match? {
    let key = Self.key(published)
    if let code = codes[key] { return Match(code: code, footnote: nil) }
    let digits = key.reversed().prefix { ("0"..."9").contains($0) }
    guard !digits.isEmpty, digits.count <= 2 else { return nil }
    let stem = USGSText.clean(String(key.dropLast(digits.count)))
    guard let last = stem.last, last.isLetter, let code = codes[stem] else { return nil }
    return Match(code: code, footnote: String(digits.reversed()))
  }

  private static func key(_ name: String) -> String { USGSText.clean(name).lowercased() }
}
