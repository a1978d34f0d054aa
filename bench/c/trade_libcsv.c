/* The ceiling of libcsv for the benchmark job (SYNTHETIC data only): read the trade extract
 * with libcsv configured as crma configures it (CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL,
 * no space trimming), keep imports (flow "1") whose product code is in the crosswalk (exact
 * CN8, then HS6, then HS4 prefix), and sum value and net mass (fixed point, millionths) per
 * (material/stage target, partner, year). One thread, or one parser per thread over byte ranges
 * cut at line feeds outside quotes, read with pread in 1 MiB chunks.
 *
 * Columns are found by name in the header row (read once before the parsers start): partner,
 * hs_code, flow, period, value_eur and, optional, quantity_kg; a role table maps each field index
 * to its column, so the per-field cost is one table load and a switch. A row counts when it has
 * as many fields as the header.
 *
 * Usage: trade_libcsv FILE CODES_CSV THREADS     (CODES_CSV: lines "code,target")
 * Prints: rows_read imports_added then one line per group "target,partner,year,value,mass,rows"
 * sorted, so totals can be compared with crma's aggregate; mass is empty when the file has no
 * quantity_kg column.
 */
#define _GNU_SOURCE
#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef __int128 i128;
#define NCODES 4096
static uint64_t code_keys[NCODES];
static int code_targets[NCODES];
static int ncodes;

/* Field index -> column role, from the header row. */
enum { R_NONE, R_PARTNER, R_CODE, R_FLOW, R_PERIOD, R_VALUE, R_MASS };
#define MAXCOLS 256
static unsigned char roles[MAXCOLS];
static int ncols, has_mass;

static int lookup_code(uint64_t key) {
  for (int lo = 0, hi = ncodes - 1; lo <= hi;) {
    int mid = (lo + hi) / 2;
    if (code_keys[mid] == key) return code_targets[mid];
    if (code_keys[mid] < key) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

typedef struct { uint64_t key1, key2; i128 value, mass; long rows; int used; } slot;
typedef struct {
  int fd; off_t start, end; int skip_header;
  slot *table; size_t cap;
  int field; long rows_read, added;
  /* current row */
  char partner[9]; int partner_len; uint64_t code; int code_len; int code_ok; int flow_import;
  int year; i128 value; int value_ok; i128 mass; int in_header;
} worker;

static int parse_fixed(const unsigned char *s, size_t n, i128 *out) {
  size_t i = 0; int neg = 0; i128 v = 0; int digits = 0, frac = 0;
  if (i < n && (s[i] == '-' || s[i] == '+')) { neg = s[i] == '-'; i++; }
  while (i < n && s[i] >= '0' && s[i] <= '9') { v = v * 10 + (s[i] - '0'); i++; digits++; }
  if (i < n && s[i] == '.') { i++; while (i < n && s[i] >= '0' && s[i] <= '9') { if (frac < 6) { v = v * 10 + (s[i] - '0'); frac++; } i++; digits++; } }
  if (i != n || digits == 0) return 0;
  for (; frac < 6; frac++) v *= 10;
  *out = neg ? -v : v; return 1;
}

static void add(worker *w, int target) {
  uint64_t p = 0; for (int i = 0; i < w->partner_len; i++) p |= (uint64_t)(unsigned char)w->partner[i] << (8 * i);
  uint64_t k2 = ((uint64_t)target << 16) | (uint64_t)w->year;
  uint64_t h = (p * 0x9E3779B97F4A7C15ULL) ^ (k2 * 0xC2B2AE3D27D4EB4FULL);
  size_t i = h & (w->cap - 1);
  while (w->table[i].used && (w->table[i].key1 != p || w->table[i].key2 != k2)) i = (i + 1) & (w->cap - 1);
  slot *s = &w->table[i];
  if (!s->used) { s->used = 1; s->key1 = p; s->key2 = k2; }
  s->value += w->value; s->mass += w->mass; s->rows++;
}

static void on_field(void *data, size_t len, void *ctx) {
  worker *w = ctx; const unsigned char *s = data;
  if (w->in_header) { w->field++; return; }
  switch (roles[w->field & (MAXCOLS - 1)]) { /* a row longer than MAXCOLS is dropped at its end */
    case R_PARTNER: w->partner_len = len <= 8 ? (int)len : 0; if (len <= 8) memcpy(w->partner, s, len); break;
    case R_CODE: { uint64_t v = 0; w->code_ok = len > 0; for (size_t i = 0; i < len; i++) { if (s[i] < '0' || s[i] > '9') { w->code_ok = 0; break; } v = v * 10 + (s[i] - '0'); } w->code = v; w->code_len = (int)len; break; }
    case R_FLOW: w->flow_import = len == 1 && s[0] == '1'; break;
    case R_PERIOD: { int y = 0; if (len >= 4) for (int i = 0; i < 4; i++) y = y * 10 + (s[i] - '0'); w->year = y; break; }
    case R_VALUE: w->value_ok = parse_fixed(s, len, &w->value); break;
    case R_MASS: if (len == 0) w->mass = 0; else parse_fixed(s, len, &w->mass); break;
  }
  w->field++;
}

static void on_row(int c, void *ctx) {
  worker *w = ctx;
  if (w->field == 0) return;           /* blank line (REPALL_NL) */
  if (w->in_header) { w->in_header = 0; w->field = 0; return; }
  w->rows_read++;
  if (w->field == ncols && w->flow_import && w->code_ok && w->value_ok && w->partner_len > 0) {
    uint64_t v = w->code; int n = w->code_len; int t = lookup_code(((uint64_t)n << 56) | v);
    if (t < 0 && n > 6) { while (n > 6) { v /= 10; n--; } t = lookup_code(((uint64_t)6 << 56) | v); }
    if (t < 0 && n > 4) { while (n > 4) { v /= 10; n--; } t = lookup_code(((uint64_t)4 << 56) | v); }
    if (t >= 0) { add(w, t); w->added++; }
  }
  w->field = 0;
}

static int no_space(unsigned char c) { (void)c; return 0; }

static void *run(void *arg) {
  worker *w = arg;
  struct csv_parser p; csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL); csv_set_space_func(&p, no_space);
  w->in_header = w->skip_header;
  size_t bufsize = 1 << 20; char *buf = malloc(bufsize);
  for (off_t off = w->start; off < w->end;) {
    size_t want = (size_t)(w->end - off) < bufsize ? (size_t)(w->end - off) : bufsize;
    ssize_t n = pread(w->fd, buf, want, off);
    if (n <= 0) break;
    if (csv_parse(&p, buf, (size_t)n, on_field, on_row, w) != (size_t)n) { fprintf(stderr, "parse error\n"); exit(65); }
    off += n;
  }
  csv_fini(&p, on_field, on_row, w); csv_free(&p); free(buf);
  return NULL;
}

/* Parity of the quote characters in s[0..n): 16 bytes a step where SSE2 is there (every x86-64),
 * memchr otherwise. The quoted file has a quote every ~7 bytes: memchr per quote took ~4x as long. */
static unsigned quote_parity(const char *s, size_t n) {
  unsigned parity = 0; size_t i = 0;
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8('"');
  for (; i + 16 <= n; i += 16) parity ^= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + i)), quote));
  parity = (unsigned)__builtin_parity(parity);
#endif
  for (const char *q = s + i; (q = memchr(q, '"', (size_t)(s + n - q))); q++) parity ^= 1;
  return parity;
}

static off_t find_cut(int fd, off_t nominal, off_t size) {
  /* quote parity before nominal, then first LF at even parity */
  size_t bufsize = 1 << 20; char *buf = malloc(bufsize); unsigned odd = 0; off_t off = 0;
  while (off < nominal) {
    ssize_t n = pread(fd, buf, (size_t)(nominal - off) < bufsize ? (size_t)(nominal - off) : bufsize, off);
    if (n <= 0) break;
    odd ^= quote_parity(buf, (size_t)n); off += n;
  }
  while (off < size) {
    ssize_t n = pread(fd, buf, bufsize, off);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; i++) { if (buf[i] == '"') odd ^= 1; else if (buf[i] == '\n' && !odd) { free(buf); return off + i + 1; } }
    off += n;
  }
  free(buf); return size;
}

/* The header row, parsed with libcsv as the workers parse: column names to roles. */
typedef struct { int field, done; } header_state;
static const char *role_names[] = {NULL, "partner", "hs_code", "flow", "period", "value_eur", "quantity_kg"};

static void on_header_field(void *data, size_t len, void *ctx) {
  header_state *h = ctx;
  if (h->done) return;
  if (h->field < MAXCOLS)
    for (int r = R_PARTNER; r <= R_MASS; r++)
      if (strlen(role_names[r]) == len && memcmp(role_names[r], data, len) == 0) roles[h->field] = (unsigned char)r;
  h->field++;
}

static void on_header_row(int c, void *ctx) {
  (void)c; header_state *h = ctx;
  if (h->done || h->field == 0) return;
  h->done = 1; ncols = h->field;
}

static void read_header(int fd) {
  struct csv_parser p; csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL); csv_set_space_func(&p, no_space);
  header_state h = {0, 0}; char buf[1024]; /* small: the parse of the first block is repeated by worker 0 */ off_t off = 0; ssize_t n;
  while (!h.done && (n = pread(fd, buf, sizeof buf, off)) > 0) {
    if (csv_parse(&p, buf, (size_t)n, on_header_field, on_header_row, &h) != (size_t)n) { fprintf(stderr, "parse error in header\n"); exit(65); }
    off += n;
  }
  if (!h.done) csv_fini(&p, on_header_field, on_header_row, &h);
  csv_free(&p);
  if (ncols > MAXCOLS) { fprintf(stderr, "more than %d columns\n", MAXCOLS); exit(65); }
  int seen[R_MASS + 1] = {0};
  for (int i = 0; i < ncols && i < MAXCOLS; i++) seen[roles[i]]++;
  for (int r = R_PARTNER; r <= R_MASS; r++) {
    if (seen[r] > 1) { fprintf(stderr, "column %s twice in the header\n", role_names[r]); exit(65); }
    if (!seen[r] && r != R_MASS) { fprintf(stderr, "no column %s in the header\n", role_names[r]); exit(65); }
  }
  has_mass = seen[R_MASS];
}

static int cmp_slot(const void *a, const void *b) {
  const slot *x = a, *y = b;
  if (x->key2 != y->key2) return x->key2 < y->key2 ? -1 : 1;
  return x->key1 < y->key1 ? -1 : x->key1 > y->key1;
}

static void print_i128(i128 v) {
  char s[64]; int n = 0; int neg = v < 0; if (neg) v = -v;
  i128 ip = v / 1000000, fp = v % 1000000;
  do { s[n++] = '0' + (int)(ip % 10); ip /= 10; } while (ip);
  if (neg) putchar('-'); while (n) putchar(s[--n]);
  if (fp) { char f[7]; for (int i = 5; i >= 0; i--) { f[i] = '0' + (int)(fp % 10); fp /= 10; } f[6] = 0; int e = 6; while (e > 0 && f[e - 1] == '0') f[--e] = 0; printf(".%s", f); }
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: trade_libcsv FILE CODES_CSV THREADS\n"); return 64; }
  FILE *codes = fopen(argv[2], "r"); char line[256];
  while (codes && fgets(line, sizeof line, codes) && ncodes < NCODES) {
    char *comma = strchr(line, ','); if (!comma) continue; *comma = 0; int len = (int)strlen(line); uint64_t v = strtoull(line, NULL, 10);
    code_keys[ncodes] = ((uint64_t)len << 56) | v; code_targets[ncodes] = atoi(comma + 1); ncodes++;
  }
  if (codes) fclose(codes);
  for (int i = 1; i < ncodes; i++) for (int j = i; j > 0 && code_keys[j - 1] > code_keys[j]; j--) {
    uint64_t k = code_keys[j]; code_keys[j] = code_keys[j - 1]; code_keys[j - 1] = k; int t = code_targets[j]; code_targets[j] = code_targets[j - 1]; code_targets[j - 1] = t; }
  int threads = atoi(argv[3]); if (threads < 1) threads = 1; if (threads > 16) threads = 16;
  int fd = open(argv[1], O_RDONLY); struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) { perror(argv[1]); return 66; }
  read_header(fd);
  worker w[16]; memset(w, 0, sizeof w); pthread_t tid[16];
  off_t start = 0;
  for (int i = 0; i < threads; i++) {
    off_t end = i == threads - 1 ? st.st_size : find_cut(fd, st.st_size * (i + 1) / threads, st.st_size);
    w[i].fd = fd; w[i].start = start; w[i].end = end; w[i].skip_header = i == 0; w[i].cap = 1 << 16;
    w[i].table = calloc(w[i].cap, sizeof(slot)); start = end;
    pthread_create(&tid[i], NULL, run, &w[i]);
  }
  long rows = 0, added = 0;
  for (int i = 0; i < threads; i++) { pthread_join(tid[i], NULL); rows += w[i].rows_read; added += w[i].added; }
  /* merge into worker 0's table */
  for (int i = 1; i < threads; i++) for (size_t j = 0; j < w[i].cap; j++) if (w[i].table[j].used) {
    slot *s = &w[i].table[j]; w[0].partner_len = 0;
    uint64_t h = (s->key1 * 0x9E3779B97F4A7C15ULL) ^ (s->key2 * 0xC2B2AE3D27D4EB4FULL); size_t k = h & (w[0].cap - 1);
    while (w[0].table[k].used && (w[0].table[k].key1 != s->key1 || w[0].table[k].key2 != s->key2)) k = (k + 1) & (w[0].cap - 1);
    slot *d = &w[0].table[k]; if (!d->used) { *d = *s; } else { d->value += s->value; d->mass += s->mass; d->rows += s->rows; } }
  size_t n = 0; slot *all = malloc(w[0].cap * sizeof(slot));
  for (size_t j = 0; j < w[0].cap; j++) if (w[0].table[j].used) all[n++] = w[0].table[j];
  qsort(all, n, sizeof(slot), cmp_slot);
  printf("%ld %ld\n", rows, added);
  for (size_t j = 0; j < n; j++) {
    char partner[9] = {0}; for (int b = 0; b < 8; b++) partner[b] = (char)(all[j].key1 >> (8 * b));
    printf("%d,%s,%d,", (int)(all[j].key2 >> 16), partner, (int)(all[j].key2 & 0xFFFF)); print_i128(all[j].value); putchar(','); if (has_mass) print_i128(all[j].mass); printf(",%ld\n", all[j].rows);
  }
  return 0;
}
