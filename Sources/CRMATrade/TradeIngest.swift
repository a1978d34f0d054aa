import CSVStream
import Dispatch
import Glibc
import Logging
import Synchronization

/// Streams a trade extract in one pass per core, in bounded memory, and adds up imports per CRMA
/// material, stage, partner and year.
///
/// The file is cut at a record boundary that respects quoted line breaks (the first LF after the
/// nominal cut at which the number of quote characters so far is even), each part is read by its
/// own libcsv parser over `pread`, and the parts' exact (fixed-point) totals are merged in file
/// order, so the result does not depend on the split. A file whose parts do not parse (quoting
/// broken across the cut) is read again in one part, so its errors are reported as for one
/// parser; that fallback is logged as a warning and counted in
/// ``TradeResult/rereadsInOnePart``, so a test can assert it never happens on a good file.
public enum TradeIngest {
  /// How a trade file is read.
  public struct Options: Sendable {
    public var workers: Int
    /// Parts smaller than this are not worth a thread.
    public var minimumPartBytes: Int
    /// Rows listed in the summary, at most.
    public var badRowListLimit: Int
    /// Share of rows that may be bad before the run fails (exit 65).
    public var maximumBadFraction: Double
    public var limits: CSVLimits

    /// Options; the defaults suit a 2-core machine.
    public init(
      workers: Int = 2, minimumPartBytes: Int = 4 << 20, badRowListLimit: Int = 20,
      maximumBadFraction: Double = 0.01,
      limits: CSVLimits = .default
    ) {
      self.workers = max(1, workers)
      self.minimumPartBytes = minimumPartBytes
      self.badRowListLimit = badRowListLimit
      self.maximumBadFraction = maximumBadFraction
      self.limits = limits
    }
  }

  /// Reads the extract at `path` and returns its aggregate; throws `TradeError` for missing columns or too many bad rows, `CSVError` for broken CSV.
  public static func run(
    path: String, columns: TradeColumns, crosswalk: ProductCrosswalk, partners: PartnerCodes? = nil,
    options: Options = Options(), logger: Logger
  ) throws -> TradeResult {
    let header = try CSVReader(path: path, limits: options.limits).header
    let indexes: [TradeColumns.Role: Int]
    switch columns.indexes(in: header.names) {
    case .success(let found): indexes = found
    case .failure(let error): throw error
    }
    let scanner = TradeScanner(
      indexes: indexes, fieldCount: header.count, importFlows: columns.importFlows, crosswalk: crosswalk)
    // Cuts are first guessed where a record visibly starts (no serial pass over the file); a
    // guess that lands inside a quoted field shows as an unterminated quote at the end of the
    // part before it, and the file is then read with cuts found by counting quotes.
    var parts: [Part]
    var guessed = true
    if let guesses = try guessCuts(
      path: path, parts: options.workers, minimumPartBytes: options.minimumPartBytes, fieldCount: header.count
    ) {
      parts = guesses
    } else {
      parts = try split(path: path, parts: options.workers, minimumPartBytes: options.minimumPartBytes)
      guessed = false
    }
    var tally: TradeTally
    var rereads = 0
    var recuts = 0
    do {
      tally = try scanParts(parts, path: path, header: header, scanner: scanner, options: options)
    } catch let error as CSVError where parts.count > 1 {
      let exact =
        guessed
        ? try split(path: path, parts: options.workers, minimumPartBytes: options.minimumPartBytes) : parts
      do {
        // Read again with exact cuts, unless the guesses were exact already.
        guard exact.map(\.range) != parts.map(\.range) else { throw error }
        recuts += 1
        logger.debug(
          "a guessed cut was inside a quoted field; reading with exact cuts",
          metadata: ["input.path": "\(path)", "error.message": "\(error)"])
        parts = exact
        tally = try scanParts(parts, path: path, header: header, scanner: scanner, options: options)
      } catch let error as CSVError where parts.count > 1 {
        rereads += 1
        logger.warning(
          "parallel read failed; reading in one part",
          metadata: ["input.path": "\(path)", "error.message": "\(error)", "parts": "\(parts.count)"])
        tally = try scanParts(
          [Part(range: parts[0].range.lowerBound..<parts.last!.range.upperBound)], path: path,
          header: header, scanner: scanner, options: options)
      }
    }
    logger.info(
      "trade file read",
      metadata: [
        "input.path": "\(path)", "parts": "\(parts.count)",
        "cuts": guessed && recuts == 0 ? "guessed" : "exact",
        "rows.read": "\(tally.rowsRead)",
        "rows.added": "\(tally.rowsAdded)",
        "rows.rejected": "\(tally.badRows)",
      ])
    var result = try TradeResult(tally: tally, crosswalk: crosswalk, partners: partners, path: path)
    result.rereadsInOnePart = rereads
    result.readsWithExactCuts = recuts
    if result.tally.rowsRead > 0,
      Double(result.tally.badRows) / Double(result.tally.rowsRead) > options.maximumBadFraction
    {
      throw TradeError(
        .badRows,
        "\(result.tally.badRows) of \(result.tally.rowsRead) rows are bad, more than the allowed \(NumberFormatting.fixed(options.maximumBadFraction * 100, digits: 2)) %; first: "
          + result.tally.firstBadRows.prefix(5).map { "\(path):\($0.line): \($0.message)" }.joined(
            separator: "; "))
    }
    return result
  }

  /// A byte range of the file. Line numbers of a later part are counted from its own start;
  /// they are shifted to file lines only when a bad row needs them (counting every line feed
  /// before a cut would be serial work on every run).
  struct Part: Sendable {
    var range: Range<Int>
  }

  static func scanParts(
    _ parts: [Part], path: String, header: CSVHeader, scanner: TradeScanner, options: Options
  ) throws -> TradeTally {
    let results = Mutex<[Int: Result<TradeTally, CSVError>]>([:])
    let work: @Sendable (Int) -> Void = { index in
      let part = parts[index]
      var tally = TradeTally(badRowListLimit: options.badRowListLimit)
      let outcome: Result<TradeTally, CSVError>
      // A reader of this part; lines of a later part count from its own start.
      func reader() throws(CSVError) -> CSVReader {
        let source = try FileRangeByteSource(path: path, range: part.range)
        return index == 0
          ? try CSVReader(source: source, path: path, limits: options.limits)
          : try CSVReader(
            continuing: source, path: path, header: header, firstLine: 1, limits: options.limits)
      }
      do {
        do {
          try scanner.scan(reader(), into: &tally)
        } catch {
          // The raw scan counts records, not lines: read the part again counting lines, which
          // throws the same error with its line (the raw one if the second read passes).
          _ = try reader().lines(ofRecords: [])
          throw error
        }
        if !tally.firstBadRows.isEmpty {
          // Bad rows were listed by record number; a second read, only for a file with bad
          // rows, finds their lines.
          let lines = try reader().lines(ofRecords: Set(tally.firstBadRows.map(\.line)))
          tally.replaceRecordNumbers(with: lines)
        }
        outcome = .success(tally)
      } catch let error as CSVError {
        outcome = .failure(error)
      } catch {
        outcome = .failure(CSVError(.readFailed, path: path, message: "\(error)"))
      }
      results.withLock { $0[index] = outcome }
    }
    if parts.count == 1 {
      work(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: parts.count, execute: work)
    }
    var merged: TradeTally?
    let collected = results.withLock { $0 }
    for index in parts.indices {
      switch collected[index]! {
      case .success(var tally):
        if index > 0 && !tally.firstBadRows.isEmpty {
          tally.shiftLines(by: try lineFeeds(path: path, before: parts[index].range.lowerBound))
        }
        // The first part's tables are kept as they are: merging them into empty ones would
        // only grow new tables to the same size.
        if merged == nil { merged = tally } else { merged!.merge(tally) }
      case .failure(let error): throw error
      }
    }
    // There is always a first part.
    return merged!
  }

  /// Cuts the file into up to `parts` ranges at record boundaries. Quotes and line feeds before
  /// each nominal cut are counted with `memchr`; from the nominal cut on, bytes are stepped until
  /// a line feed with an even quote count.
  static func split(path: String, parts: Int, minimumPartBytes: Int) throws(CSVError) -> [Part] {
    let (size, count) = try partCount(path: path, parts: parts, minimumPartBytes: minimumPartBytes)
    guard count > 1 else { return [Part(range: 0..<size)] }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CSVError(.cannotOpen, path: path, message: "cannot open: \(errnoText())") }
    defer { close(fd) }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    func read(at offset: Int, upTo end: Int) throws(CSVError) -> Int {
      let read = pread(fd, buffer.baseAddress, min(buffer.count, end - offset), off_t(offset))
      guard read > 0 else { throw CSVError(.readFailed, path: path, message: "read failed: \(errnoText())") }
      return read
    }
    var cuts = [0]
    var offset = 0
    var quotes = 0
    for partIndex in 1..<count {
      let nominal = max(offset, size * partIndex / count)
      // Bulk count up to the nominal cut.
      while offset < nominal {
        let read = try read(at: offset, upTo: nominal)
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<read])
        quotes += bytes.count(of: UInt8(ascii: "\""))
        offset += read
      }
      // Step to the first line feed outside quotes.
      var cut: Int?
      while cut == nil && offset < size {
        let read = try read(at: offset, upTo: size)
        for position in 0..<read {
          let byte = buffer[position]
          if byte == UInt8(ascii: "\"") {
            quotes += 1
          } else if byte == 0x0A {
            if quotes % 2 == 0 {
              cut = offset + position + 1
              break
            }
          }
        }
        offset = cut ?? (offset + read)
      }
      guard let cut, cut < size else { break }
      cuts.append(cut)
    }
    return Self.parts(cuts: cuts, size: size)
  }

  /// The file's size and how many parts of at least `minimumPartBytes` to cut it into (at most
  /// `parts`, at least 1).
  static func partCount(path: String, parts: Int, minimumPartBytes: Int) throws(CSVError) -> (
    size: Int, count: Int
  ) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw CSVError(.cannotOpen, path: path, message: "cannot open: \(errnoText())")
    }
    let size = Int(info.st_size)
    return (size, min(parts, max(1, size / max(1, minimumPartBytes))))
  }

  /// The parts between consecutive cuts (the first cut is 0), the last one ending at `size`.
  static func parts(cuts: [Int], size: Int) -> [Part] {
    cuts.indices.map { index in
      Part(range: cuts[index]..<(index + 1 < cuts.count ? cuts[index + 1] : size))
    }
  }

  /// Line feeds in the first `offset` bytes of the file.
  static func lineFeeds(path: String, before offset: Int) throws(CSVError) -> Int {
    let source = try FileRangeByteSource(path: path, range: 0..<offset)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    var count = 0
    while true {
      let read = try source.read(into: buffer)
      if read == 0 { return count }
      count += UnsafeRawBufferPointer(rebasing: buffer[0..<read]).count(of: 0x0A)
    }
  }
}
