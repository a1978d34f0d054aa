#ifndef CRMA_CLIBCSV_SHIM_H
#define CRMA_CLIBCSV_SHIM_H
// libcsv (Debian libcsv-dev) ships csv.h and libcsv.so but no pkg-config file.
#include <stddef.h>
#include <csv.h>

// libcsv trims spaces and tabs around unquoted fields unless its space function says that no
// byte is a space. It calls that function for every byte, so it is C here, not a Swift thunk.
static inline int crma_csv_no_space(unsigned char c) {
  (void)c;
  return 0;
}
#endif
