import CSystemShims
import Glibc

/// SIGINT and SIGTERM as a flag the main thread polls. The handler only records the signal;
/// output code checks ``signal`` between files and before the final swap, stops with
/// ``OutputError/Code-swift.enum/interrupted``, and its staging folder is removed on the same
/// thread that wrote it, so an interrupted run never swaps in a partial set. The CLI exits
/// 128 + the signal (130 for SIGINT, 143 for SIGTERM).
public enum Interruption {
  /// Installs the handlers (idempotent).
  public static func install() {
    _ = crma_install_signal_flag()
  }

  /// The first SIGINT/SIGTERM received, or nil.
  public static var signal: Int32? {
    let number = crma_signal_received()
    return number == 0 ? nil : number
  }

  /// Throws ``OutputError/Code-swift.enum/interrupted`` about `path` once a signal has arrived.
  public static func check(_ path: String) throws(OutputError) {
    if let signal {
      throw OutputError(
        .interrupted, path: path, message: "interrupted by signal \(signal); previous outputs kept")
    }
  }

  /// Sleeps `milliseconds` (test hooks that widen the windows a signal may hit).
  static func pause(milliseconds: Int) {
    guard milliseconds > 0 else { return }
    var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR && Interruption.signal == nil {
      request = remaining
    }
  }

  /// A millisecond count from the environment (0 when unset); only tests set these.
  static func testDelay(_ name: String) -> Int {
    guard let value = getenv(name) else { return 0 }
    return Int(String(cString: value)) ?? 0
  }
}
