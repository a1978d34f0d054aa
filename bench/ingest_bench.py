#!/usr/bin/env python3
"""`make bench-ingest`: crma validate and crma ingest on a data package with one ~1 GB SYNTHETIC
table resource (bench/generate_resource.py, added to a copy of data/), against crma inspect --json
on the same file; wall time and peak RSS from /usr/bin/time, one run each. Writes the table into
BENCHMARKS.md between <!-- bench-ingest:start --> and <!-- bench-ingest:end -->.

usage: ingest_bench.py --crma .build/release/crma [--megabytes 1024] [--work DIR] [--keep]
"""
import argparse
import datetime
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in KB and exit status of `command` (standard output discarded)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as times:
        run = subprocess.run(
            ["/usr/bin/time", "-o", times.name, "-f", "%e %M", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        seconds, kilobytes = times.read().split()[-2:]
    if run.returncode != 0:
        sys.stderr.write(run.stderr[-2000:])
    return float(seconds), int(kilobytes), run.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--crma", default=os.path.join(ROOT, ".build/release/crma"))
    parser.add_argument("--megabytes", type=int, default=1024)
    parser.add_argument("--work", default=None, help="folder for the synthetic package (default: a new /tmp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic package")
    args = parser.parse_args()
    crma = os.path.abspath(args.crma)
    work = args.work or tempfile.mkdtemp(prefix="ingest-1g-bench-", dir="/tmp")
    package = os.path.join(work, "pkg")
    out = os.path.join(work, "out")
    try:
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "bench/generate_resource.py"), package, str(args.megabytes),
             "--base", os.path.join(ROOT, "data")],
            check=True,
        )
        csv = os.path.join(package, "synthetic.csv")
        size = os.path.getsize(csv)
        with open(csv, "rb") as handle:
            rows = sum(1 for _ in handle) - 1
        results = []
        # The generator has just written a gigabyte: flush it before timing, so that no command
        # pays for that writeback (measured: ingest 14.5 s while it was pending, 9.0-10.4 s after).
        os.sync()
        for label, command in [
            ("`crma inspect --json synthetic.csv`", [crma, "inspect", "--json", csv]),
            ("`crma validate --data pkg`", [crma, "validate", "--data", package]),
            ("`crma ingest --data pkg --out out`", [crma, "ingest", "--data", package, "--out", out]),
        ]:
            os.sync()
            seconds, kilobytes, status = timed(command)
            results.append((label, seconds, kilobytes, status))
            print(f"{label}: {seconds:.2f} s, {kilobytes / 1024:.1f} MiB, exit {status}", flush=True)
        identical = filecmp.cmp(csv, os.path.join(out, "synthetic.csv"), shallow=False) if results[2][3] == 0 else False
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    inspect_seconds = results[0][1]
    lines = [
        f"One run, {datetime.date.today().isoformat()}, `make bench-ingest` (`bench/ingest_bench.py`): a copy of data/ plus one",
        f"SYNTHETIC table resource of {size:,} bytes, {rows:,} rows (`bench/generate_resource.py`: strings,",
        "a pattern, an enum, integers, numbers with bounds, a date, a primary key), retention bound",
        "`IngestStage.maxRetainedBytes` (4 MiB), so the resource is streamed. Throughput = file bytes / wall time;",
        "the package's other tables and the publisher files add to validate's and ingest's time.",
        "",
        "| command | wall time | peak RSS | MB/s | vs inspect | exit |",
        "|---|---|---|---|---|---|",
    ]
    for label, seconds, kilobytes, status in results:
        lines.append(
            f"| {label} | {seconds:.2f} s | {kilobytes / 1024:.1f} MiB | {size / seconds / 1e6:.0f} |"
            f" {inspect_seconds / seconds:.2f}× | {status} |")
    lines.append("")
    lines.append(
        "The ingest output's `synthetic.csv` is "
        + ("byte-identical to the input (its values are already canonical)." if identical else "NOT identical to the input.")
    )
    section = "\n".join(lines)
    path = os.path.join(ROOT, "BENCHMARKS.md")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    block = f"<!-- bench-ingest:start -->\n{section}\n<!-- bench-ingest:end -->"
    if "<!-- bench-ingest:start -->" in text:
        text = re.sub(r"<!-- bench-ingest:start -->.*?<!-- bench-ingest:end -->", lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n## `make bench-ingest`: validate and ingest a 1 GB resource in bounded memory\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(section)


if __name__ == "__main__":
    main()
