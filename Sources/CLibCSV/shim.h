#ifndef CRMA_CLIBCSV_SHIM_H
#define CRMA_CLIBCSV_SHIM_H
// libcsv (Debian libcsv-dev) ships csv.h and libcsv.so but no pkg-config file.
#include <stddef.h>
#include <csv.h>

#endif
