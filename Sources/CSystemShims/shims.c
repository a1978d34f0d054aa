#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "crma_system.h"

int crma_start_writeback(int descriptor) {
  return sync_file_range(descriptor, 0, 0, SYNC_FILE_RANGE_WRITE);
}

int crma_rename_exchange(const char *first, const char *second) {
  return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
}

static volatile sig_atomic_t crma_signal = 0;

static void crma_record_signal(int number) {
  if (crma_signal == 0) crma_signal = number;
}

int crma_install_signal_flag(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = crma_record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  if (sigaction(SIGINT, &action, NULL) != 0) return -1;
  if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
  // A parent may start crma with the two blocked (the mask is inherited): unblock them here.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int crma_signal_received(void) { return crma_signal; }
