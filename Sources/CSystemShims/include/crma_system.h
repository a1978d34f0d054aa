#ifndef CRMA_SYSTEM_H
#define CRMA_SYSTEM_H
// Linux calls the Swift Glibc module does not expose.

/// Atomically exchanges two paths (renameat2 with RENAME_EXCHANGE). Returns 0 or -1 with errno.
int crma_rename_exchange(const char *first, const char *second);

#endif
