#ifndef CRMA_CSV_SPACE_H
#define CRMA_CSV_SPACE_H
// libcsv trims spaces and tabs around unquoted fields unless its space function says that no
// byte is a space. It calls that function for every input byte, through a pointer, so it lives
// in a C file of its own (compiled like any C code, a bare `return 0`), not in a Swift thunk and
// not as a `static inline` function in the module map's header, which the Swift compiler emits
// with a frame set-up and tear-down per call — measured at a quarter of the trade scan's time.
int crma_csv_no_space(unsigned char c);
#endif
