"""The benchmark job in DuckDB, polars and pandas (SYNTHETIC data only).

Same job as `crma trade` and bench/c/trade_libcsv.c: keep imports (flow 1) whose hs_code maps to a
CRMA material through the crosswalk (exact CN8 code, else its HS6 prefix, else its HS4 prefix),
and sum value and net mass and count rows per (material, stage, year, partner).

Columns by name from the header; quantity_kg is optional (a value-only extract): without it,
net_mass_kg is left empty.

Usage: engines.py ENGINE FILE CROSSWALK_CSV THREADS   (ENGINE: duckdb, polars, pandas)
Prints CSV: material_id,stage,year,partner,value,net_mass_kg,rows  sorted.
"""
import csv
import sys

engine, path, crosswalk_path, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(crosswalk_path, encoding="utf-8", newline="") as handle:
    crosswalk = [(r["code"], r["material_id"], r["stage"]) for r in csv.DictReader(handle)]
with open(path, encoding="utf-8", newline="") as handle:
    has_mass = "quantity_kg" in next(csv.reader(handle))


def emit(rows):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["material_id", "stage", "year", "partner", "value", "net_mass_kg", "rows"])
    for row in sorted(rows, key=lambda r: (r[0], r[1], int(r[2]), r[3])):
        out.writerow([row[0], row[1], int(row[2]), row[3], row[4], row[5] if has_mass else "", int(row[6])])


if engine == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute("CREATE TABLE crosswalk(code VARCHAR, material_id VARCHAR, stage VARCHAR)")
    con.executemany("INSERT INTO crosswalk VALUES (?, ?, ?)", crosswalk)
    rows = con.execute(f"""
        WITH t AS (
          SELECT partner, hs_code, substr(period, 1, 4) AS year, value_eur, {"quantity_kg" if has_mass else "NULL AS quantity_kg"}
          FROM read_csv('{path}', header = true, all_varchar = true, quote = '"', escape = '"')
          WHERE flow = '1'
        ), m AS (
          SELECT t.*, coalesce(c8.material_id, c6.material_id, c4.material_id) AS material_id,
                 coalesce(c8.stage, c6.stage, c4.stage) AS stage
          FROM t
          LEFT JOIN crosswalk c8 ON c8.code = t.hs_code
          LEFT JOIN crosswalk c6 ON c6.code = substr(t.hs_code, 1, 6)
          LEFT JOIN crosswalk c4 ON c4.code = substr(t.hs_code, 1, 4)
        )
        SELECT material_id, stage, year, partner, sum(CAST(value_eur AS DECIMAL(38, 6))),
               coalesce(sum(CAST(quantity_kg AS DECIMAL(38, 6))), 0), count(*)
        FROM m WHERE material_id IS NOT NULL
        GROUP BY ALL""").fetchall()
    emit(rows)
elif engine == "polars":
    import os
    os.environ["POLARS_MAX_THREADS"] = str(threads)
    import polars as pl
    cw = pl.DataFrame(crosswalk, schema=["code", "material_id", "stage"], orient="row")
    df = pl.scan_csv(path, infer_schema=False).filter(pl.col("flow") == "1").with_columns(
        pl.col("hs_code").str.slice(0, 6).alias("hs6"), pl.col("hs_code").str.slice(0, 4).alias("hs4"),
        pl.col("period").str.slice(0, 4).alias("year"))
    for key, suffix in (("hs_code", "8"), ("hs6", "6"), ("hs4", "4")):
        df = df.join(cw.lazy().rename({"material_id": "m" + suffix, "stage": "s" + suffix}), left_on=key, right_on="code", how="left")
    df = df.with_columns(pl.coalesce("m8", "m6", "m4").alias("material_id"), pl.coalesce("s8", "s6", "s4").alias("stage")) \
        .filter(pl.col("material_id").is_not_null()) \
        .group_by(["material_id", "stage", "year", "partner"]).agg(
            pl.col("value_eur").cast(pl.Decimal(38, 6)).sum().alias("value"),
            # A quoted empty quantity ("") is an empty string to polars, not a null.
            (pl.when(pl.col("quantity_kg") != "").then(pl.col("quantity_kg")).cast(pl.Decimal(38, 6)).sum() if has_mass
             else pl.lit(None)).alias("mass"), pl.len().alias("rows"))
    emit(df.collect().rows())
elif engine == "pandas":
    import pandas as pd
    from decimal import Decimal
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, engine="c",
                        usecols=["partner", "hs_code", "flow", "period", "value_eur"] + (["quantity_kg"] if has_mass else []))
    frame = frame[frame["flow"] == "1"]
    table = {code: (material, stage) for code, material, stage in crosswalk}
    def target(code):
        return table.get(code) or table.get(code[:6]) or table.get(code[:4])
    mapped = frame["hs_code"].map(target)
    frame = frame[mapped.notna()].assign(target=mapped[mapped.notna()], year=frame["period"].str[:4])
    frame["value"] = frame["value_eur"].map(Decimal)
    frame["mass"] = frame["quantity_kg"].map(lambda q: Decimal(q) if q else Decimal(0)) if has_mass else Decimal(0)
    grouped = frame.groupby(["target", "year", "partner"]).agg(value=("value", "sum"), mass=("mass", "sum"), rows=("value", "size"))
    emit([(t[0], t[1], y, p, v, m, n) for (t, y, p), (v, m, n) in zip(grouped.index, grouped.itertuples(index=False))])
else:
    sys.exit(f"unknown engine {engine}")
