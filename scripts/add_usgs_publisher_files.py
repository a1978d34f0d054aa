#!/usr/bin/env python3
"""Copy the USGS Mineral Commodity Summaries data-release files into the data package.

A one-off, reviewable record of how data/publishers/usgs-mcs/ was built (the pipeline never runs
it). It copies each file byte for byte from ../shared/reference/publisher-files/usgs-mcs/,
checks it against that folder's SHA256SUMS, declares it as a resource in datapackage.json (its
SHA-256, size, encoding and what it is) and adds one row per data release to sources.csv. It
refuses to run twice (an existing resource name stops it).

Usage: python3 scripts/add_usgs_publisher_files.py ../shared/reference/publisher-files data
"""
import csv
import hashlib
import json
import os
import shutil
import sys

REF, OUT = sys.argv[1], sys.argv[2]
TRANSCRIBED = "2026-12-02"
TERMS = "USGS information products are US Government works in the public domain"
MCS_PAGE = "https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries"

# One source row per data release: (edition, url, title, note, retrieved_from).
RELEASES = {
    "2022": (
        MCS_PAGE,
        "Mineral Commodity Summaries 2022 Data Release",
        "No DOI is recorded for the 2022 data release in the retrieved copy; the link is USGS's "
        "Mineral Commodity Summaries page. World files give production 2020 and 2021 (estimated), no reserves.",
        "Redliana/cmm-data@d780c5b7ff41bef8906fe1518a4cb2e1b549785a:API_Scripts/usgs_mcs_data/2022/individual_commodities/",
    ),
    "2023": (
        "https://doi.org/10.5066/P9WCYUI6",
        "Mineral Commodity Summaries 2023 Data Release",
        "Per-commodity world and salient CSVs as published (title and DOI from the files' metadata).",
        "Redliana/cmm-data@d780c5b7ff41bef8906fe1518a4cb2e1b549785a:API_Scripts/usgs_mcs_data/2023/",
    ),
    "2024": (
        "https://doi.org/10.5066/P9WCYUI6",
        "Mineral Commodity Summaries 2024 Data Release",
        "Per-commodity world and salient CSVs as published, with USGS's revision file of 2024-03-06 "
        "(units of the titanium mineral concentrates file changed to kt, TiO2 content).",
        "Redliana/cmm-data@d780c5b7ff41bef8906fe1518a4cb2e1b549785a:API_Scripts/usgs_mcs_data/2024/",
    ),
    "2025": (
        "https://doi.org/10.5066/P13XCP3R",
        "Mineral Commodity Summaries 2025 Data Release",
        "ScienceBase item 677eaf95d34e760b392c4970; the publication is https://doi.org/10.3133/mcs2025. "
        "The world-data file's own metadata (MCS2025_World_Data.xml) links https://doi.org/10.5066/P9WCYUI6.",
        "PJGriff26/materials-demand-model@0f22dc46f4a1066cfb6b956ea5d74ac5e77ff84f:data/usgs_mcs_2025/",
    ),
    "2026": (
        MCS_PAGE,
        "Mineral Commodity Summaries 2026 Data Release (MCS2026_Commodities_Data.csv)",
        "Rows of the long-format release for lithium, titanium mineral concentrates and titanium and "
        "titanium dioxide (and other chapters), as committed unchanged in a third party's test fixture; "
        "no DOI is recorded in the retrieved copy, the link is USGS's Mineral Commodity Summaries page.",
        "MacroPenguin666/CMM@21cbb20815f26b818d054a91567a4996f92388b2:tests/fixtures/mcs2026_sample.csv",
    ),
}

COMMODITY = {"lithi": "lithium", "lithium": "lithium", "raree": "rare-earths", "rareee": "rare-earths",
             "timin": "titanium-concentrates", "titan": "titanium-metal"}
TITLE = {"lithium": "lithium", "rare-earths": "rare earths", "titanium-concentrates": "titanium mineral concentrates",
         "titanium-metal": "titanium and titanium dioxide"}

# (edition, file name) in the order they are declared.
FILES = []
for edition in ["2022", "2023", "2024", "2025", "2026"]:
    for name in sorted(os.listdir(f"{REF}/usgs-mcs/{edition}")):
        if name.endswith(".csv") or name.startswith("MCS 2024 Data Release Revision File"):
            FILES.append((edition, name))


def sha256(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


sums = {}
with open(f"{REF}/SHA256SUMS") as handle:
    for line in handle:
        digest, path = line.rstrip("\n").split(None, 1)
        sums[path.lstrip("*")] = digest

package_path = f"{OUT}/datapackage.json"
with open(package_path, encoding="utf-8") as handle:
    package = json.load(handle)
names = {resource["name"] for resource in package["resources"]}

resources = []
for edition, name in FILES:
    source = f"{REF}/usgs-mcs/{edition}/{name}"
    relative = f"publishers/usgs-mcs/{edition}/{name}"
    digest = sha256(source)
    listed = sums.get(f"usgs-mcs/{edition}/{name}")
    if listed is not None and listed != digest:
        sys.exit(f"{source}: SHA-256 {digest} differs from SHA256SUMS {listed}")
    os.makedirs(f"{OUT}/publishers/usgs-mcs/{edition}", exist_ok=True)
    shutil.copyfile(source, f"{OUT}/{relative}")
    if sha256(f"{OUT}/{relative}") != digest:
        sys.exit(f"{relative}: copy differs")
    url, release_title, _, retrieved = RELEASES[edition]
    stem = name.rsplit(".", 1)[0]
    if name.endswith(".txt"):
        kind, commodity = "revision-notes", None
    elif name == "MCS2025_World_Data.csv":
        kind, commodity = "world", None
    elif edition == "2026":
        kind, commodity = "long", None
    else:
        kind = "world" if stem.endswith("_world") else "salient"
        code = stem.split("-")[-1].split("_")[0]
        commodity = COMMODITY[code]
    resource_name = f"usgs-mcs-{edition}-" + (
        {"world": "world", "salient": "salient", "long": "commodities", "revision-notes": "revision-notes"}[kind]
        if commodity is None else f"{commodity}-{kind}")
    if resource_name in names:
        sys.exit(f"resource {resource_name} is already declared")
    what = {
        "world": f"world mine production{' and reserves' if edition != '2022' else ''} by country",
        "salient": "salient statistics (United States)",
        "long": "all tables in long format (one row per cell, with the cell's note)",
        "revision-notes": "revision notes (text)",
    }[kind]
    title = f"USGS MCS {edition} data release: " + (f"{TITLE[commodity]}, " if commodity else "") + what
    encoding = "windows-1252" if edition == "2026" else "utf-8"
    resource = {
        "name": resource_name,
        "type": "file",
        "path": relative,
        "title": title,
        "description": "The publisher's file, byte-identical (hash checked on every run). Retrieved from "
        + retrieved.replace(":", ", path ", 1).replace("@", " at commit ", 1) + ".",
        "format": "txt" if kind == "revision-notes" else "csv",
        "mediatype": "text/plain" if kind == "revision-notes" else "text/csv",
        "encoding": encoding,
        "bytes": os.path.getsize(source),
        "hash": f"sha256:{digest}",
        "sources": [{"title": f"U.S. Geological Survey, {release_title}", "path": url}],
        "usgs": {"edition": f"MCS {edition}", "table": kind, "source_id": f"usgs-mcs-{edition}-data-release"},
    }
    if commodity:
        resource["usgs"]["commodity"] = commodity
    if name == "MCS2025_World_Data.csv":
        resource["usgs"]["unit_corrections"] = [{
            "commodity": "Titanium Mineral Concentrates",
            "published_units": ["metric tons", ""],
            "unit": "thousand metric tons",
            "source_id": "usgs-mcs-2024-data-release",
            "evidence": "publishers/usgs-mcs/2024/MCS 2024 Data Release Revision File 2024-03-06.txt: "
            "\"In mcs2024-timin_world.csv, changed units in field names to kt (thousand metric tons) rather "
            "than t (metric tons). Clarified the mine production as being measured in titanium dioxide "
            "content of the ores.\" The MCS 2025 rows repeat the 2024 magnitudes (world ilmenite 8,840 "
            "in 2023, 8,600 kt in MCS 2024) under UNIT_MEAS \"metric tons\" (one row leaves it empty).",
        }]
    resources.append(resource)

package["resources"].extend(resources)
# The sources table gains the retrieval field.
for resource in package["resources"]:
    if resource["name"] == "sources":
        fields = resource["schema"]["fields"]
        if not any(field["name"] == "retrieved_from" for field in fields):
            fields.append({
                "name": "retrieved_from",
                "type": "string",
                "description": "Where crma's copy of a publisher's file came from (repository@commit:path). "
                "Provenance beside the citation, not the citation: the reader is pointed at `url`.",
            })
with open(package_path, "w", encoding="utf-8") as handle:
    handle.write(json.dumps(package, indent=2) + "\n")

with open(f"{OUT}/sources.csv", encoding="utf-8", newline="") as handle:
    rows = list(csv.reader(handle))
if rows[0][-1] != "retrieved_from":
    rows[0].append("retrieved_from")
    for row in rows[1:]:
        row.append("")
for edition, (url, title, note, retrieved) in RELEASES.items():
    rows.append([f"usgs-mcs-{edition}-data-release", "U.S. Geological Survey", title, f"MCS {edition}", url, "",
                 TRANSCRIBED, TERMS, "high", note, retrieved])
with open(f"{OUT}/sources.csv", "w", encoding="utf-8", newline="") as handle:
    csv.writer(handle, lineterminator="\n").writerows(rows)
print(f"{len(resources)} publisher files declared")
