#!/usr/bin/env python3
"""SYNTHETIC trade extract for benchmarks and tests only — never data/, never reports/.

Deterministic: rows are generated in chunks seeded by (seed, chunk index), so the first N rows
of a larger file equal the smaller file. Columns follow the shape of a Comext-style extract:
reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label
70 % of rows carry one of the crosswalk's HS/CN codes, 30 % one of 3,000 unrelated codes; 4 % of
quantities are empty. Three profiles, drawing the same random numbers, so row N has the same
reporter, partner, code, flow, period, value and quantity in each (the totals agree):

- standard (default, unchanged since the first benchmark): only the free-text label is quoted, in
  about 10 % of rows, with commas (~9.5 %), doubled quotes (~1 %) and an embedded line break
  (~0.1 %);
- quoted: every field quoted, as some exporters write them ("AT","CN","28053000",...,""), and
  the label has an embedded line break in ~7 % of rows, doubled quotes in ~10 %, a comma in ~40 %;
- value-only: the standard file without the quantity_kg column (a value-only extract).

Usage: generate_trade.py [--profile standard|quoted|value-only] ROWS OUTPUT [CROSSWALK_CODES_CSV]
"""
import argparse
import csv
import random

parser = argparse.ArgumentParser()
parser.add_argument("--profile", choices=["standard", "quoted", "value-only"], default="standard")
parser.add_argument("rows", type=int)
parser.add_argument("output")
parser.add_argument("codes_file", nargs="?", default="data/commodity_map.csv")
args = parser.parse_args()
ROWS, OUTPUT, CODES_FILE, PROFILE = args.rows, args.output, args.codes_file, args.profile
SEED, CHUNK = 20261125, 100_000

with open(CODES_FILE, encoding="utf-8", newline="") as handle:
    target_codes = sorted({r["code"] for r in csv.DictReader(handle) if r["code_system"] in ("HS", "CN8") and r["material_id"]})
# Pad 6-digit HS codes to 8-digit CN codes as real extracts carry them.
target_codes = [c if len(c) == 8 else (c + "00" if len(c) == 6 else c + "0000") for c in target_codes]
other = random.Random(SEED)
other_codes = sorted({f"{other.randrange(10_000_000, 99_999_999)}" for _ in range(3000)} - set(target_codes))
reporters = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
             "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"]
partners = ["CN", "US", "UA", "CL", "AU", "ZA", "BR", "CA", "RU", "KZ", "JP", "KR", "IN", "MY", "VN", "TR", "NO", "GB", "CH",
            "AR", "ZW", "MZ", "MG", "SL", "SN", "NG", "RW", "CD", "ID", "PH", "TH", "MX", "PE", "BO", "MA", "EG", "SA", "AE",
            "IL", "GE", "AM", "AZ", "UZ", "MN", "KG", "TJ", "TM", "BY", "MD", "RS", "BA", "ME", "MK", "AL", "XK", "IS", "NZ",
            "SG", "HK", "TW", "PK", "BD", "LK", "NP", "MM", "LA", "KH", "GH", "CI", "CM"]
weights = [30, 12, 6, 5, 5, 4, 4, 3, 3, 3] + [1] * (len(partners) - 10)
words = ["lithium", "spodumene", "concentrate", "titanium", "sponge", "ilmenite", "rutile", "rare", "earth", "oxide", "metal",
         "powder", "scrap", "alloy", "grade", "battery", "chemical", "carbonate", "hydroxide", "magnet", "Київ", "Zürich"]


def label(rnd):
    """The standard label: quoted (with its quotes) in about 10 % of rows."""
    text = " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 9)))
    roll = rnd.random()
    if roll < 0.001:
        return '"' + text + '\nsecond line"'
    if roll < 0.011:
        return '"' + text + ' ""quoted"" part"'
    if roll < 0.106:
        return '"' + text + ', with comma"'
    return text


def quoted_label(rnd):
    """The quoted profile's label, without its enclosing quotes (the caller quotes every field)."""
    text = " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 9)))
    roll = rnd.random()
    if roll < 0.07:
        return text + ', "" line one\nsecond line'
    if roll < 0.17:
        return text + ' ""quoted"" part'
    if roll < 0.57:
        return text + ', with comma'
    return text


HEADER = {"standard": "reporter,partner,hs_code,flow,period,value_eur,quantity_kg,product_label\n",
          "quoted": '"reporter","partner","hs_code","flow","period","value_eur","quantity_kg","product_label"\n',
          "value-only": "reporter,partner,hs_code,flow,period,value_eur,product_label\n"}[PROFILE]

with open(OUTPUT, "w", encoding="utf-8", newline="") as out:
    out.write(HEADER)
    written = 0
    chunk = 0
    while written < ROWS:
        rnd = random.Random(SEED * 1_000_003 + chunk)
        lines = []
        for _ in range(min(CHUNK, ROWS - written)):
            code = rnd.choice(target_codes) if rnd.random() < 0.7 else rnd.choice(other_codes)
            period = f"{rnd.randint(2015, 2024)}{rnd.randint(1, 12):02d}"
            value = int(rnd.lognormvariate(9, 2))
            quantity = "" if rnd.random() < 0.04 else f"{rnd.lognormvariate(8, 2):.{rnd.randint(0, 3)}f}"
            if PROFILE == "standard":
                lines.append(f"{rnd.choice(reporters)},{rnd.choices(partners, weights)[0]},{code},{rnd.choice('12')},{period},{value},{quantity},{label(rnd)}\n")
            elif PROFILE == "value-only":
                lines.append(f"{rnd.choice(reporters)},{rnd.choices(partners, weights)[0]},{code},{rnd.choice('12')},{period},{value},{label(rnd)}\n")
            else:
                lines.append(f'"{rnd.choice(reporters)}","{rnd.choices(partners, weights)[0]}","{code}","{rnd.choice("12")}","{period}",'
                             f'"{value}","{quantity}","{quoted_label(rnd)}"\n')
        out.write("".join(lines))
        written += len(lines)
        chunk += 1
