#!/usr/bin/env python3
"""`make bench`: the trade-extract benchmark (SYNTHETIC data, written to build/bench only).

Generates deterministic files (bench/generate_trade.py): standard 1M- and 10M-row files, a 10M-row
file with every field quoted and line breaks in ~7 % of the labels (profile quoted), and a 10M-row
value-only file (no quantity_kg column). Runs `crma trade` (one and two parts), the C programs
over libcsv (one parser, one parser per core), DuckDB, polars and pandas (standard files only,
unless --pandas-everywhere) on the same job, checks that all give the same totals, and prints and
records wall time, MB/s, peak RSS and crma's throughput ratio to each in BENCHMARKS.md, with one
summary line per file: crma against the C programs, DuckDB and polars, and the load average.

Usage: run_bench.py [--rows 1000000 10000000] [--quoted-rows N] [--value-only-rows N] [--runs 3]
                    [--python PY] [--crma PATH] [--pandas-everywhere]
       (--quoted-rows 0 or --value-only-rows 0 leaves that file out)
"""
import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 10_000_000], help="standard files")
parser.add_argument("--quoted-rows", type=int, default=10_000_000)
parser.add_argument("--value-only-rows", type=int, default=10_000_000)
parser.add_argument("--pandas-everywhere", action="store_true", help="pandas on the quoted and value-only files too")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--python", default=str(ROOT / ".venv-bench" / "bin" / "python"))
parser.add_argument("--crma", default=str(ROOT / ".build" / "release" / "crma"))
parser.add_argument("--write", default=str(ROOT / "BENCHMARKS.md"))
args = parser.parse_args()
OUT.mkdir(parents=True, exist_ok=True)

# The crosswalk as crma reads it: HS/CN8 rows of data/commodity_map.csv with a material.
with open(ROOT / "data" / "commodity_map.csv", encoding="utf-8", newline="") as handle:
    crosswalk = sorted((r["code"], r["material_id"], r["stage"]) for r in csv.DictReader(handle)
                       if r["code_system"] in ("HS", "CN8") and r["material_id"])
targets = sorted({(m, s) for _, m, s in crosswalk})
with open(OUT / "crosswalk.csv", "w", encoding="utf-8", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["code", "material_id", "stage"])
    writer.writerows(crosswalk)
with open(OUT / "codes_for_c.csv", "w", encoding="utf-8") as handle:
    for code, material, stage in crosswalk:
        handle.write(f"{code},{targets.index((material, stage))}\n")

subprocess.run(["gcc", "-O2", "-o", str(OUT / "trade_libcsv"), str(ROOT / "bench" / "c" / "trade_libcsv.c"), "-lcsv", "-lpthread"], check=True)

COLUMNS = ["--column", "reporter=reporter", "--column", "partner=partner", "--column", "product=hs_code", "--column", "flow=flow",
           "--column", "period=period", "--column", "value=value_eur"]
MASS = ["--column", "mass=quantity_kg"]


def timed(command, stdout_path):
    """Runs command once; returns (wall seconds, peak RSS in MiB, CPU seconds user + system)."""
    time_file = OUT / "time.txt"
    with open(stdout_path, "w") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", str(time_file)] + command, stdout=out, stderr=subprocess.DEVNULL,
                       check=True, cwd=ROOT)
    wall, rss, user, system = time_file.read_text().split()
    return float(wall), int(rss) / 1024, float(user) + float(system)


def decimal_or_none(text):
    return Decimal(text) if text else None


def totals_from_crma(folder):
    result = {}
    with open(folder / "aggregate.csv", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            # crma leaves the mass empty where a row of the group had none (the other tools add 0):
            # such masses are not compared.
            mass = decimal_or_none(r["net_mass_kg"])
            result[(r["material_id"], r["stage"], int(r["year"]), r["partner"])] = (Decimal(r["value"]), mass, int(r["rows"]))
    return result


def totals_from_c(path):
    result = {}
    with open(path) as handle:
        next(handle)
        for line in handle:
            target, partner, year, value, mass, rows = line.strip().split(",")
            material, stage = targets[int(target)]
            result[(material, stage, int(year), partner)] = (Decimal(value), decimal_or_none(mass), int(rows))
    return result


def totals_from_engine(path):
    result = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            result[(r["material_id"], r["stage"], int(r["year"]), r["partner"])] = (Decimal(r["value"]), decimal_or_none(r["net_mass_kg"]),
                                                                                   int(r["rows"]))
    return result


def same(a, b, has_mass=True):
    """Same groups, values and row counts; masses equal where both state one (crma leaves a group's mass
    empty where one of its rows had none, the others add 0), or, for a file without a mass column,
    no mass stated by either."""
    if a.keys() != b.keys():
        return False
    if not has_mass:
        return all(a[k][0] == b[k][0] and a[k][1] is None and b[k][1] is None and a[k][2] == b[k][2] for k in a)
    return all(a[k][0] == b[k][0] and (a[k][1] is None or b[k][1] is None or abs(a[k][1] - b[k][1]) <= Decimal("0.000001") * max(1, a[k][2]))
               and a[k][2] == b[k][2] for k in a)


def size_name(rows):
    return f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else str(rows)


FILES = [("standard", rows) for rows in args.rows]
if args.quoted_rows:
    FILES.append(("quoted", args.quoted_rows))
if args.value_only_rows:
    FILES.append(("value-only", args.value_only_rows))
PREFIX = {"standard": "trade_", "quoted": "trade_quoted_", "value-only": "trade_valueonly_"}


results = []
references = {}
loads = {}
for profile, rows in FILES:
    data = OUT / f"{PREFIX[profile]}{size_name(rows)}.csv"
    if not data.exists():
        print(f"generating {data.name} (synthetic, profile {profile})...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_trade.py"), "--profile", profile, str(rows), str(data)],
                       check=True, cwd=ROOT)
    size = data.stat().st_size
    has_mass = profile != "value-only"
    columns = COLUMNS + (MASS if has_mass else [])
    loads[(profile, rows)] = os.getloadavg()[0]
    tools = {
        "crma trade, 2 parts": ([args.crma, "trade", str(data), "--workers", "2", "--out", str(OUT / "crma2")] + columns, "crma", OUT / "crma2"),
        "crma trade, 1 part": ([args.crma, "trade", str(data), "--workers", "1", "--out", str(OUT / "crma1")] + columns, "crma", OUT / "crma1"),
        "C + libcsv, 1 parser": ([str(OUT / "trade_libcsv"), str(data), str(OUT / "codes_for_c.csv"), "1"], "c", None),
        "C + libcsv, 2 parsers": ([str(OUT / "trade_libcsv"), str(data), str(OUT / "codes_for_c.csv"), "2"], "c", None),
    }
    if Path(args.python).exists():
        for engine, label in (("duckdb", "DuckDB (2 threads)"), ("polars", "polars (2 threads)"), ("pandas", "pandas (C engine)")):
            if engine == "pandas" and profile != "standard" and not args.pandas_everywhere:
                continue
            tools[label] = ([args.python, str(ROOT / "bench" / "engines.py"), engine, str(data), str(OUT / "crosswalk.csv"), "2"], "engine", None)
    reference = None
    for label, (command, kind, folder) in tools.items():
        runs = []
        stdout_path = OUT / "stdout.txt"
        for _ in range(args.runs):
            runs.append(timed(command, stdout_path))
        totals = totals_from_crma(folder) if kind == "crma" else totals_from_c(stdout_path) if kind == "c" else totals_from_engine(stdout_path)
        if reference is None:
            reference = totals
            references[(profile, rows)] = totals
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        results.append({"profile": profile, "rows": rows, "bytes": size, "tool": label, "min": min(r[0] for r in runs), "median": wall,
                        "mbps": size / wall / 1e6, "rss": rss, "cpu": statistics.median(r[2] for r in runs), "same": same(reference, totals, has_mass), "groups": len(totals)})
        print(f"{profile:<10} {rows:>10,} rows  {label:<24} {wall:7.2f} s  {results[-1]['cpu']:6.2f} CPU s  {size / wall / 1e6:7.1f} MB/s  {rss:7.1f} MiB  "
              f"totals {'match' if results[-1]['same'] else 'DIFFER'}", flush=True)

# Ratios of crma (2 parts) to every tool, per file: throughput ratio = tool time / crma time.
lines = [
    "<!-- bench:start -->",
    f"Measured by `make bench` on {time.strftime('%Y-%m-%d', time.gmtime())}: {platform.machine()}, {os.cpu_count()} cores, "
    f"{platform.platform()}; median of {args.runs} runs, warm page cache; files are synthetic (bench/generate_trade.py, "
    f"profiles standard, quoted, value-only); load average (1 min) {os.getloadavg()[0]:.2f} at the end.",
    "",
    "| file | rows | file bytes | tool | median s | min s | MB/s | CPU s | peak RSS MiB | totals match | crma's throughput ratio |",
    "|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|",
]
summary = [
    "",
    "Per file, crma's throughput as a multiple of each tool's (tool's median time / crma's); targets in brackets. "
    "CPU s (user + system, median) moves less than wall time when other work shares the cores: the CPU ratio of "
    "the one-part runs is given beside the wall-time one.",
    "",
    "| file | rows | crma 2 parts vs C 2 parsers (≥ 0.95) | crma 1 part vs C 1 parser (≥ 0.9) | same by CPU s | "
    "crma 2 parts vs DuckDB | crma 2 parts vs polars | crma peak RSS MiB (≤ 64) | totals match | load at start |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|",
]


def ratio(group, tool, against, measure="median"):
    a, b = next((r for r in group if r["tool"] == tool), None), next((r for r in group if r["tool"] == against), None)
    return f"{b[measure] / a[measure]:.2f}" if a and b else "–"


for profile, rows in FILES:
    group = [r for r in results if r["rows"] == rows and r["profile"] == profile]
    crma = next(r for r in group if r["tool"] == "crma trade, 2 parts")
    for r in group:
        lines.append(f"| {profile} | {rows:,} | {r['bytes']:,} | {r['tool']} | {r['median']:.2f} | {r['min']:.2f} | {r['mbps']:.0f} | "
                     f"{r['cpu']:.2f} | {r['rss']:.0f} | {'yes' if r['same'] else 'NO'} | {r['median'] / crma['median']:.2f} |")
    crma_rss = max(r["rss"] for r in group if r["tool"].startswith("crma"))
    summary.append(f"| {profile} | {rows:,} | {ratio(group, 'crma trade, 2 parts', 'C + libcsv, 2 parsers')} | "
                   f"{ratio(group, 'crma trade, 1 part', 'C + libcsv, 1 parser')} | "
                   f"{ratio(group, 'crma trade, 1 part', 'C + libcsv, 1 parser', 'cpu')} | {ratio(group, 'crma trade, 2 parts', 'DuckDB (2 threads)')} | "
                   f"{ratio(group, 'crma trade, 2 parts', 'polars (2 threads)')} | {crma_rss:.0f} | "
                   f"{'yes' if all(r['same'] for r in group) else 'NO'} | {loads[(profile, rows)]:.2f} |")
# The profiles draw the same rows: the quoted file's totals must equal the standard file's of the same size, the
# value-only file's values and row counts too.
cross = []
for profile, rows in FILES:
    if profile != "standard" and ("standard", rows) in references:
        base, other = references[("standard", rows)], references[(profile, rows)]
        agree = same(base, other) if profile == "quoted" else \
            base.keys() == other.keys() and all(base[k][0] == other[k][0] and base[k][2] == other[k][2] for k in base)
        cross.append(f"the {profile} file's {'totals' if profile == 'quoted' else 'values and row counts'} equal the standard "
                     f"{rows:,}-row file's: {'yes' if agree else 'NO'}")
        if not agree:
            results.append({"same": False})
lines += summary
if cross:
    lines += ["", "Same rows in every profile: " + "; ".join(cross) + "."]
lines.append("<!-- bench:end -->")
section = "\n".join(lines)
print(section)
document = Path(args.write)
text = document.read_text(encoding="utf-8") if document.exists() else "# Benchmarks\n"
if "<!-- bench:start -->" in text:
    start, end = text.index("<!-- bench:start -->"), text.index("<!-- bench:end -->") + len("<!-- bench:end -->")
    text = text[:start] + section + text[end:]
else:
    text += "\n" + section + "\n"
document.write_text(text, encoding="utf-8")
if not all(r["same"] for r in results):
    sys.exit("totals differ between tools")
