import Foundation
import Testing

/// Golden-file comparison for rendered text: compares `text` with `Snapshots/NAME` next to the
/// calling test file; with `RECORD_SNAPSHOTS=1` in the environment it writes the file instead and
/// records an issue, so the recording run fails and only a later run checks the files.
public func expectGolden(
  _ text: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  let url = folder.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    // A recorded run must never pass for a checked one.
    Issue.record(
      "recorded \(name); run the tests again without RECORD_SNAPSHOTS=1 to check it",
      sourceLocation: sourceLocation)
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "no golden file \(name); run the tests with RECORD_SNAPSHOTS=1 to record it",
      sourceLocation: sourceLocation)
    return
  }
  #expect(
    text == expected, "\(name) differs from its golden file (RECORD_SNAPSHOTS=1 re-records)",
    sourceLocation: sourceLocation)
}
