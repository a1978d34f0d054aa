#!/usr/bin/env python3
"""`make bench-nightly`: the whole nightly run (`crma run`) on the shipped data package.

Copies data/ (publisher files included) into a temporary folder, then times the release binary's
`crma run` there: from scratch (build/ and reports/ removed before each run) and with nothing
changed (every stage skipped), median of --runs runs each. Checks that the scratch run's reports
equal the committed reports/ and that the unchanged runs skip all three stages, and writes the
numbers into BENCHMARKS.md between <!-- bench-nightly:start --> and <!-- bench-nightly:end -->.

Usage: bench_nightly.py [--runs 5] [--crma PATH] [--write BENCHMARKS.md]
"""
import argparse
import datetime
import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- bench-nightly:start -->", "<!-- bench-nightly:end -->"
parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--crma", default=str(ROOT / ".build" / "release" / "crma"))
parser.add_argument("--write", default=str(ROOT / "BENCHMARKS.md"))
args = parser.parse_args()
crma = str(Path(args.crma).resolve())
environment = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", NO_COLOR="1")
environment.pop("CRMA_MAP_FOLDER", None)


def timed_run(folder):
    """One `crma run` in folder: (wall seconds, peak RSS MiB, per-stage seconds)."""
    start = time.perf_counter()
    process = subprocess.Popen([crma, "run"], cwd=folder, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"crma run failed in {folder} (exit {os.waitstatus_to_exitcode(status)})")
    record = json.loads((Path(folder) / "build" / "run-status.json").read_text())
    stages = {stage["name"]: (stage["status"], stage["seconds"]) for stage in record["stages"]}
    return wall, usage.ru_maxrss / 1024, stages


def summary(runs):
    walls = [wall for wall, _, _ in runs]
    return statistics.median(walls), min(walls), max(walls), max(rss for _, rss, _ in runs)


def stage_medians(runs):
    names = list(runs[0][2])
    return ", ".join(f"{name} {statistics.median(run[2][name][1] for run in runs):.3f} s" for name in names)


folder = tempfile.mkdtemp(prefix="crma-bench-nightly-")
try:
    shutil.copytree(ROOT / "data", Path(folder) / "data")
    scratch = []
    for _ in range(args.runs):
        for name in ("build", "reports"):
            shutil.rmtree(Path(folder) / name, ignore_errors=True)
        scratch.append(timed_run(folder))
    compared = filecmp.dircmp(ROOT / "reports", Path(folder) / "reports")
    same = not (compared.left_only or compared.right_only or compared.diff_files)
    unchanged = [timed_run(folder) for _ in range(args.runs)]
    for _, _, stages in unchanged:
        if any(status != "skipped" for status, _ in stages.values()):
            sys.exit(f"an unchanged run ran a stage: {stages}")
finally:
    shutil.rmtree(folder, ignore_errors=True)

cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
files = sum(1 for path in (ROOT / "data").rglob("*") if path.is_file())
megabytes = sum(path.stat().st_size for path in (ROOT / "data").rglob("*") if path.is_file()) / 1e6
rows = []
for label, runs in (("from scratch (build/ and reports/ removed)", scratch), ("nothing changed (3 stages skipped)", unchanged)):
    median, low, high, rss = summary(runs)
    rows.append(f"| {label} | **{median * 1000:.0f} ms** | {low * 1000:.0f}–{high * 1000:.0f} ms | {rss:.0f} MiB | {stage_medians(runs)} |")
section = "\n".join([
    f"Measured by `make bench-nightly` on {datetime.date.today().isoformat()}: {platform.machine()}, {os.cpu_count()} cores "
    f"({cpu}), {platform.platform()}; median of {args.runs} runs each, warm page cache, release binary.",
    "",
    f"Command: `crma run` (defaults: `--data data --build build --reports reports`) in a temporary copy of data/ "
    f"({files} files, {megabytes:.1f} MB, publisher files included); wall time from start to exit. "
    f"Scratch reports equal the committed reports/: {'yes' if same else 'NO'}.",
    "",
    "| case | median wall time | min–max | peak RSS | stage seconds (median, from run-status.json) |",
    "|---|---|---|---|---|",
    *rows,
])
print(section)
path = Path(args.write)
text = path.read_text()
if START in text and END in text:
    before, rest = text.split(START, 1)
    text = before + START + "\n" + section + "\n" + END + rest.split(END, 1)[1]
else:
    text = text.rstrip("\n") + "\n\n## `make bench-nightly`: the whole nightly run on the shipped package\n\n" \
        "Target (issue 16): under 1 s from scratch, under 100 ms when nothing changed.\n\n" \
        + START + "\n" + section + "\n" + END + "\n"
path.write_text(text)
if not same:
    sys.exit("the scratch run's reports differ from reports/: run make and commit reports/")
