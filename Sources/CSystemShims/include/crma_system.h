#ifndef CRMA_SYSTEM_H
#define CRMA_SYSTEM_H
// Linux calls the Swift Glibc module does not expose, and a signal flag.

/// Atomically exchanges two paths (renameat2 with RENAME_EXCHANGE). Returns 0 or -1 with errno.
int crma_rename_exchange(const char *first, const char *second);

/// Starts writing the file's dirty pages to disk without waiting (sync_file_range with
/// SYNC_FILE_RANGE_WRITE): a hint that lets a later fsync find the data already written. It makes
/// nothing durable by itself. Returns 0 or -1 with errno.
int crma_start_writeback(int descriptor);

/// Installs SIGINT and SIGTERM handlers that only record the first signal received (an
/// async-signal-safe store into a sig_atomic_t); the program polls it with
/// crma_signal_received(). Returns 0 or -1 with errno.
int crma_install_signal_flag(void);

/// The first SIGINT/SIGTERM received since crma_install_signal_flag(), or 0.
int crma_signal_received(void);

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions crma_sha256_blocks needs (x86-64 SHA-NI), else 0.
int crma_sha256_accelerated(void);

/// Compresses `blocks` 64-byte blocks at `data` into the SHA-256 state `state` (8 words, A to H)
/// with the SHA extensions. Call only where crma_sha256_accelerated() returns 1.
void crma_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// Asks the CPU to bring the cache line at `address` in for writing (a hint: no fault, no effect
/// on results). Static inline, so Swift callers get the single instruction.
static inline __attribute__((always_inline)) void crma_prefetch_write(const void *address) { __builtin_prefetch(address, 1, 3); }

/// The same for reading.
static inline __attribute__((always_inline)) void crma_prefetch_read(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
