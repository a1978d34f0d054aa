#!/usr/bin/env python3
"""`make bench`: the trade-extract benchmark (SYNTHETIC data, written to build/bench only).

Generates deterministic 1M- and 10M-row files, runs `crma trade` (one and two parts), the C
programs over libcsv (one parser, one parser per core), DuckDB, polars and pandas on the same job,
checks that all give the same totals, and prints and records wall time, MB/s, peak RSS and crma's
throughput ratio to each in BENCHMARKS.md.

Usage: run_bench.py [--rows 1000000 10000000] [--runs 3] [--python PY] [--crma PATH]
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
parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
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
           "--column", "period=period", "--column", "value=value_eur", "--column", "mass=quantity_kg"]


def timed(command, stdout_path):
    """Runs command once; returns (wall seconds, peak RSS in MiB)."""
    time_file = OUT / "time.txt"
    with open(stdout_path, "w") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", str(time_file)] + command, stdout=out, stderr=subprocess.DEVNULL,
                       check=True, cwd=ROOT)
    wall, rss = time_file.read_text().split()
    return float(wall), int(rss) / 1024


def totals_from_crma(folder):
    result = {}
    with open(folder / "aggregate.csv", encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            # crma leaves the mass empty where a row of the group had none (the other tools add 0):
            # such masses are not compared.
            mass = Decimal(r["net_mass_kg"]) if r["net_mass_kg"] else None
            result[(r["material_id"], r["stage"], int(r["year"]), r["partner"])] = (Decimal(r["value"]), mass, int(r["rows"]))
    return result


def totals_from_c(path):
    result = {}
    with open(path) as handle:
        next(handle)
        for line in handle:
            target, partner, year, value, mass, rows = line.strip().split(",")
            material, stage = targets[int(target)]
            result[(material, stage, int(year), partner)] = (Decimal(value), Decimal(mass), int(rows))
    return result


def totals_from_engine(path):
    result = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            result[(r["material_id"], r["stage"], int(r["year"]), r["partner"])] = (Decimal(r["value"]), Decimal(r["net_mass_kg"]), int(r["rows"]))
    return result


def same(a, b):
    if a.keys() != b.keys():
        return False
    return all(a[k][0] == b[k][0] and (a[k][1] is None or b[k][1] is None or abs(a[k][1] - b[k][1]) <= Decimal("0.000001") * max(1, a[k][2]))
               and a[k][2] == b[k][2] for k in a)


results = []
for rows in args.rows:
    data = OUT / f"trade_{rows // 1_000_000}m.csv"
    if not data.exists():
        print(f"generating {data.name} (synthetic)...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_trade.py"), str(rows), str(data)], check=True, cwd=ROOT)
    size = data.stat().st_size
    tools = {
        "crma trade, 2 parts": ([args.crma, "trade", str(data), "--workers", "2", "--out", str(OUT / "crma2")] + COLUMNS, "crma", OUT / "crma2"),
        "crma trade, 1 part": ([args.crma, "trade", str(data), "--workers", "1", "--out", str(OUT / "crma1")] + COLUMNS, "crma", OUT / "crma1"),
        "C + libcsv, 1 parser": ([str(OUT / "trade_libcsv"), str(data), str(OUT / "codes_for_c.csv"), "1"], "c", None),
        "C + libcsv, 2 parsers": ([str(OUT / "trade_libcsv"), str(data), str(OUT / "codes_for_c.csv"), "2"], "c", None),
    }
    if Path(args.python).exists():
        for engine, label in (("duckdb", "DuckDB (2 threads)"), ("polars", "polars (2 threads)"), ("pandas", "pandas (C engine)")):
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
        wall = statistics.median(r[0] for r in runs)
        rss = max(r[1] for r in runs)
        results.append({"rows": rows, "bytes": size, "tool": label, "min": min(r[0] for r in runs), "median": wall,
                        "mbps": size / wall / 1e6, "rss": rss, "same": same(reference, totals), "groups": len(totals)})
        print(f"{rows:>10,} rows  {label:<24} {wall:7.2f} s  {size / wall / 1e6:7.1f} MB/s  {rss:7.1f} MiB  "
              f"totals {'match' if results[-1]['same'] else 'DIFFER'}", flush=True)

# Ratios of crma (2 parts) to every tool, per file: throughput ratio = tool time / crma time.
lines = [
    "<!-- bench:start -->",
    f"Measured by `make bench` on {time.strftime('%Y-%m-%d', time.gmtime())}: {platform.machine()}, {os.cpu_count()} cores, "
    f"{platform.platform()}; median of {args.runs} runs, warm page cache; files are synthetic (bench/generate_trade.py).",
    "",
    "| rows | file bytes | tool | median s | min s | MB/s | peak RSS MiB | totals match | crma's throughput ratio |",
    "|---:|---:|---|---:|---:|---:|---:|---|---:|",
]
for rows in args.rows:
    group = [r for r in results if r["rows"] == rows]
    crma = next(r for r in group if r["tool"] == "crma trade, 2 parts")
    for r in group:
        ratio = r["median"] / crma["median"]
        lines.append(f"| {rows:,} | {r['bytes']:,} | {r['tool']} | {r['median']:.2f} | {r['min']:.2f} | {r['mbps']:.0f} | "
                     f"{r['rss']:.0f} | {'yes' if r['same'] else 'NO'} | {ratio:.2f} |")
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
