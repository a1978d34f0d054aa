#ifndef CRMA_SYSTEM_H
#define CRMA_SYSTEM_H
// Linux calls the Swift Glibc module does not expose, and a signal flag.

/// Atomically exchanges two paths (renameat2 with RENAME_EXCHANGE). Returns 0 or -1 with errno.
int crma_rename_exchange(const char *first, const char *second);

/// Installs SIGINT and SIGTERM handlers that only record the first signal received (an
/// async-signal-safe store into a sig_atomic_t); the program polls it with
/// crma_signal_received(). Returns 0 or -1 with errno.
int crma_install_signal_flag(void);

/// The first SIGINT/SIGTERM received since crma_install_signal_flag(), or 0.
int crma_signal_received(void);

#include <stddef.h>
#include <stdint.h>

/// Whether this CPU has the x86 SHA extensions (and SSSE3/SSE4.1) crma_sha256_blocks needs.
int crma_sha256_hardware(void);

/// SHA-256 compression of `blocks` 64-byte blocks into `state` with the x86 SHA extensions.
/// Call only when crma_sha256_hardware() returned 1.
void crma_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
