import CRMAFiles
import CSVStream
import Foundation
import Glibc

/// One run at a time: an exclusive, non-blocking `flock` on a lock file, held until the value is
/// released or the process ends (the kernel drops it, so no stale locks).
public final class RunLock {
  private let descriptor: Int32
  public let path: String

  /// Takes the lock or throws `.locked` at once.
  public init(path: String) throws(PipelineError) {
    self.path = path
    let folder = (path as NSString).deletingLastPathComponent
    if !folder.isEmpty {
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .output(
        .init(
          .cannotCreate, path: path, message: "cannot open the lock file: \(String(cString: strerror(errno)))"
        ))
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let busy = errno == EWOULDBLOCK
      close(fd)
      throw busy
        ? .locked("\(path): another crma run holds the lock; try again later")
        : .output(
          .init(.writeFailed, path: path, message: "cannot lock: \(String(cString: strerror(errno)))"))
    }
    descriptor = fd
  }

  deinit {
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }
}
