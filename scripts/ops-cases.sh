#!/usr/bin/env bash
# Reproduces the operations cases of issue 11 against a crma binary and prints one line per
# case: what happened and whether it is the fixed behaviour (PASS) or the reported one (FAIL).
# Usage: scripts/ops-cases.sh [path/to/crma] [data folder]
# Works on copies in a temporary folder; data/ and reports/ are not touched.
set -uo pipefail
crma=$(realpath "${1:-.build/release/crma}")
data=$(realpath "${2:-data}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fresh() { rm -rf d out && cp -r "$data" d && mkdir -p out; }
run() { "$crma" run --data d --build out/build --reports out/reports --log-format json "$@"; }
verdict() { if [ "$1" = 0 ] || [ "$1" = 00 ]; then echo "PASS  $2"; else echo "FAIL  $2"; fi; }
# Waits until a run has a staging folder (it is writing a stage's outputs).
staging() { for _ in $(seq 1 1000); do ls -a out/build out 2>/dev/null | grep -q 'staging-' && return 0; sleep 0.005; done; return 1; }

fresh; ln -sf /dev/zero d/sources.csv
timeout 20 "$crma" run --data d --build out/build --reports out/reports >/dev/null 2>err; rc=$?
verdict "$([ $rc = 66 ]; echo $?)" "symlink data/sources.csv -> /dev/zero: crma run exit $rc (66 wanted, 124 = hung)"

fresh; rm d/sources.csv; mkfifo d/sources.csv
timeout 20 "$crma" run --data d --build out/build --reports out/reports >/dev/null 2>err; rc=$?
verdict "$([ $rc = 66 ]; echo $?)" "FIFO as data/sources.csv: crma run exit $rc (66 wanted, 124 = hung)"

fresh; timeout 20 "$crma" validate --data d >/dev/null 2>&1; ln -sf /etc/passwd d/sources.csv
timeout 20 "$crma" validate --data d >/dev/null 2>err; rc=$?
verdict "$([ $rc = 66 ] || [ $rc = 65 ]; echo $?)" "symlink out of data/ (validate): exit $rc"

fresh; run >/dev/null 2>&1; rm out/build/ingest/countries.csv
run >/dev/null 2>&1; rc=$?
verdict "$([ $rc = 0 ] && [ -f out/build/ingest/countries.csv ]; echo $?)" \
  "output deleted from build/ingest, plain crma run: exit $rc (0 and file back wanted)"
echo "x" >> out/reports/lithium.md; echo "x" >> out/build/transform/shares.csv
run >/dev/null 2>&1; rc=$?
verdict "$([ $rc = 0 ] && diff -q out/reports/lithium.md "$data/../reports/lithium.md" >/dev/null; echo $?)" \
  "outputs altered, plain crma run: exit $rc, reports/lithium.md restored"

fresh; run >/dev/null 2>&1
CRMA_TEST_WRITE_DELAY_MS=30 "$crma" run --data d --build out/build --reports out/reports --force >/dev/null 2>&1 &
pid=$!; staging; kill -KILL $pid; wait $pid 2>/dev/null
left=$(ls -a out/build out | grep -c 'staging-')
run >/dev/null 2>&1; rc=$?
after=$(ls -a out/build out | grep -c 'staging-')
verdict "$([ "$left" -gt 0 ] && [ "$after" = 0 ] && [ $rc = 0 ]; echo $?)" \
  "SIGKILL mid-run left $left staging folder(s); next run exit $rc left $after"

fresh; run >/dev/null 2>&1
CRMA_TEST_WRITE_DELAY_MS=30 "$crma" run --data d --build out/build --reports out/reports --force >/dev/null 2>&1 &
pid=$!; staging; kill -TERM $pid; wait $pid; rc=$?
verdict "$([ $rc = 143 ]; echo $?)" "SIGTERM mid-run: exit $rc (143 wanted)"

fresh; run >/dev/null 2>&1; cp -r out/reports before
"$crma" report --in out/build/ingest --out out/reports >/dev/null 2>&1; rc=$?
verdict "$([ $rc = 66 ] || [ $rc = 78 ]; echo $?)$(diff -rq before out/reports >/dev/null; echo $?)" \
  "report --in build/ingest: exit $rc, reports/ $(diff -rq before out/reports >/dev/null && echo unchanged || echo CHANGED)"

fresh; run >/dev/null 2>log; rc=$?
warnings=$(grep -c '"level":"warning"' log); strings=$(grep -c '"rows.read":"' log)
verdict "$([ "$warnings" = 0 ]; echo $?)" "clean run on shipped data: $warnings warning record(s)"
verdict "$([ "$strings" = 0 ]; echo $?)" "JSON log numbers: $strings record(s) with rows.read as a string"
grep -q '"rows.rejected":"1"\|"rows.rejected":1' log; verdict "$([ $? = 1 ]; echo $?)" "clean run rows.rejected=0"

fresh; run >/dev/null 2>&1; sed -i '2s/^[^,]*,/,/' d/countries.csv
run 2>log >/dev/null; rc=$?
inside=$(grep '"stage failed"' log | grep -c 'error.message')
bare=$(grep -vc '^{' log)
verdict "$([ "$inside" = 1 ] && [ "$bare" = 0 ]; echo $?)" \
  "failing run (exit $rc): reason inside the failing record: $inside, non-JSON lines: $bare"

fresh; run >/dev/null 2>&1
flock out/build/crma.lock sleep 5 & sleep 0.5
run >/dev/null 2>log; rc=$?; wait
level=$(grep -o '"level":"[a-z]*"' log | sort -u | tr '\n' ' ')
verdict "$([ $rc = 75 ] && ! grep -q '"level":"error"' log; echo $?)" "lock held: exit $rc, levels $level"

fresh; run >/dev/null 2>&1; run >/dev/null 2>&1
lines=$( [ -f out/build/runs.jsonl ] && wc -l < out/build/runs.jsonl || echo 0)
verdict "$([ "$lines" = 2 ]; echo $?)" "run history: build/runs.jsonl has $lines line(s) after 2 runs"
"$crma" status --build out/build >/dev/null 2>&1; rc=$?
verdict "$([ $rc = 0 ]; echo $?)" "crma status: exit $rc"
