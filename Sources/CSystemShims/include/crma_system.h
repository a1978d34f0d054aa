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

#endif
