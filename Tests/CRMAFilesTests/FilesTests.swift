import CRMATestSupport
import Foundation
import Testing

@testable import CRMAFiles

@Suite("Input files: regular files inside the package folder only")
struct InputFileTests {
  @Test("a regular file and a link to one inside the folder are accepted")
  func accepted() throws {
    let folder = try TemporaryDirectory("crma-input")
    defer { folder.remove() }
    let file = try folder.write("a.csv", "x\n")
    try FileManager.default.createSymbolicLink(atPath: "\(folder.path)/b.csv", withDestinationPath: "a.csv")
    try InputFile.check(file, inside: folder.path)
    try InputFile.check("\(folder.path)/b.csv", inside: folder.path)
    #expect(try fileDigest(file).bytes == 2)
  }

  @Test("a link out of the folder, a device, a FIFO, a folder and a dangling link are refused")
  func refused() throws {
    let folder = try TemporaryDirectory("crma-input")
    defer { folder.remove() }
    let out = "\(folder.path)/out.csv"
    try FileManager.default.createSymbolicLink(atPath: out, withDestinationPath: "/etc/hostname")
    #expect(throws: InputError.self) { try InputFile.check(out, inside: folder.path) }
    do { try InputFile.check(out, inside: folder.path) } catch { #expect(error.kind == .outsideFolder) }

    let zero = "\(folder.path)/zero.csv"
    try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
    do { try InputFile.check(zero, inside: "/") } catch { #expect(error.kind == .notRegularFile) }

    let fifo = "\(folder.path)/fifo.csv"
    #expect(mkfifo(fifo, 0o644) == 0)
    do {
      try InputFile.check(fifo, inside: folder.path)
      Issue.record("a FIFO was accepted")
    } catch {
      #expect(error.kind == .notRegularFile)
      #expect(error.message.contains("a FIFO"))
    }
    // The digest itself refuses a FIFO instead of blocking on it.
    #expect(throws: InputError.self) { try fileDigest(fifo) }

    try FileManager.default.createDirectory(atPath: "\(folder.path)/sub", withIntermediateDirectories: false)
    do { try InputFile.check("\(folder.path)/sub", inside: folder.path) } catch {
      #expect(error.kind == .notRegularFile)
    }
    try FileManager.default.createSymbolicLink(
      atPath: "\(folder.path)/gone.csv", withDestinationPath: "nothing")
    do { try InputFile.check("\(folder.path)/gone.csv", inside: folder.path) } catch {
      #expect(error.kind == .missing)
    }
    do { try InputFile.check("\(folder.path)/absent.csv", inside: folder.path) } catch {
      #expect(error.kind == .missing)
    }
  }
}

@Suite("Output folders: replaced whole, leftovers of dead runs removed")
struct OutputFolderTests {
  @Test("replace swaps the whole set and leaves no staging folder")
  func replaceWhole() throws {
    let folder = try TemporaryDirectory("crma-output")
    defer { folder.remove() }
    let target = "\(folder.path)/set"
    try OutputFolder.replace(target, with: ["a.txt": Array("1".utf8), "sub/b.txt": Array("2".utf8)])
    try OutputFolder.replace(target, with: ["c.txt": Array("3".utf8)])
    let names = try FileManager.default.contentsOfDirectory(atPath: target).sorted()
    #expect(names == [".crma-output", "c.txt"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["set"])
  }

  @Test("a dropped folder without a commit leaves the target byte-identical")
  func dropped() throws {
    let folder = try TemporaryDirectory("crma-output")
    defer { folder.remove() }
    let target = "\(folder.path)/set"
    try OutputFolder.replace(target, with: ["a.txt": Array("1".utf8)])
    do {
      let staged = try OutputFolder(path: target)
      try staged.write(Array("2".utf8), to: "a.txt")
    }
    #expect(try String(contentsOfFile: "\(target)/a.txt", encoding: .utf8) == "1")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["set"])
  }

  @Test("a set larger than one sync batch is swapped in whole, every byte")
  func manyFiles() throws {
    let folder = try TemporaryDirectory("crma-output")
    defer { folder.remove() }
    let target = "\(folder.path)/set"
    var files: [String: [UInt8]] = [:]
    for index in 0..<(OutputFolder.syncBatch * 2 + 7) {
      files["part\(index % 3)/file\(index).txt"] = Array("file \(index)\n".utf8)
    }
    try OutputFolder.replace(target, with: ["old.txt": Array("old".utf8)])
    try OutputFolder.replace(target, with: files)
    for (name, bytes) in files {
      #expect(
        FileManager.default.contents(atPath: "\(target)/\(name)").map { [UInt8]($0) } == bytes, "\(name)")
    }
    #expect(!FileManager.default.fileExists(atPath: "\(target)/old.txt"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["set"])
  }

  @Test("a set dropped after many unsynced files leaves the old set whole")
  func droppedMany() throws {
    let folder = try TemporaryDirectory("crma-output")
    defer { folder.remove() }
    let target = "\(folder.path)/set"
    try OutputFolder.replace(target, with: ["a.txt": Array("1".utf8)])
    do {
      let staged = try OutputFolder(path: target)
      for index in 0..<(OutputFolder.syncBatch + 5) { try staged.write(Array("2".utf8), to: "f\(index).txt") }
      try staged.write(Array("2".utf8), to: "a.txt")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: target).sorted() == [".crma-output", "a.txt"])
    #expect(try String(contentsOfFile: "\(target)/a.txt", encoding: .utf8) == "1")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["set"])
  }

  @Test("leftovers of dead processes are removed; this process's and foreign files are kept")
  func leftovers() throws {
    let folder = try TemporaryDirectory("crma-output")
    defer { folder.remove() }
    let target = "\(folder.path)/set"
    let mine = OutputFolder.stagingPath(for: target)
    let dead = OutputFolder.stagingPath(for: target, pid: 99_999_999)
    for path in [mine, dead] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    _ = try folder.write(".status.json.tmp-99999999-0", "{")
    _ = try folder.write(".hidden", "keep")
    _ = try folder.write("notes.tmp-1", "keep")
    let removed = OutputFolder.removeLeftovers(beside: target)
    #expect(Set(removed) == [dead, "\(folder.path)/.status.json.tmp-99999999-0"])
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left == [".hidden", (mine as NSString).lastPathComponent, "notes.tmp-1"].sorted())
  }
}
