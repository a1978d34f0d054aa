import Glibc

/// The C library's text for the current `errno`.
func errnoText() -> String { String(cString: strerror(errno)) }
