/// Bounds that keep memory fixed whatever the input: a field or a record larger than these is an
/// error, not an allocation.
public struct CSVLimits: Sendable, Equatable {
  /// Bytes read from the file at a time.
  public var chunkBytes: Int
  public var maxFieldBytes: Int
  public var maxRowBytes: Int
  public var maxFields: Int

  /// Limits; the defaults suit files of any length with fields up to 1 MiB.
  public init(
    chunkBytes: Int = 256 * 1024, maxFieldBytes: Int = 1024 * 1024,
    maxRowBytes: Int = 4 * 1024 * 1024, maxFields: Int = 4096
  ) {
    precondition(chunkBytes > 0 && maxFieldBytes > 0 && maxRowBytes > 0 && maxFields > 0)
    self.chunkBytes = chunkBytes
    self.maxFieldBytes = maxFieldBytes
    self.maxRowBytes = maxRowBytes
    self.maxFields = maxFields
  }

  public static let `default` = CSVLimits()
}
