"""Read crma's stage outputs without Swift: the transform folder is a Frictionless data package
(CSV + datapackage.json), so the standard library is enough. Usage:

    python3 Examples/python/read_outputs.py build/transform

Prints Ukraine's share of world ilmenite production by year, with the USGS edition it comes from.
"""
import csv
import json
import sys
from pathlib import Path

folder = Path(sys.argv[1] if len(sys.argv) > 1 else "build/transform")
package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
resource = next(r for r in package["resources"] if r["name"] == "concentration")
types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}

with open(folder / resource["path"], encoding="utf-8", newline="") as handle:
    for row in csv.DictReader(handle):
        if row["dataset"] == "usgs" and row["subject"] == "ilmenite" and row["measure"] == "production":
            share = float(row["ukraine_share"]) if row["ukraine_share"] else None
            print(f'{row["year"]} ({row["edition"]}): Ukraine {share:.1%} of world ilmenite, rank {row["ukraine_rank"]}; '
                  f'HHI {float(row["hhi"]):.3f} ({types["hhi"]})')
