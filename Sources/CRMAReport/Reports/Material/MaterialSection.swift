/// One section of a material report: it reads the material's typed view and adds its blocks.
/// A new section is one new type (one file) and one entry in ``MaterialReport/sections``.
public protocol MaterialSection: Sendable {
  /// Adds the section's heading, text, tables and charts to `document`.
  func add(to document: inout Document, _ view: MaterialView)
}
