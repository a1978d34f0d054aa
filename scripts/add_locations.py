#!/usr/bin/env python3
"""Build data/locations.csv, sites.csv, site_figures.csv, ukraine_boundary.csv and
ceasefire_scenarios.csv (issue 13), and add their sources to data/sources.csv.

A reviewable record of how these tables were made; the pipeline never runs it. Locations come from
../shared/reference/locations/ (each row's location and coordinate source and quote are kept);
the few points added here (Korosten, Smila, Vasylkivka, Zhytomyr as district or oblast centres)
name the stored page they were read from. Nothing is estimated: a place without a sourced point
stays empty and is listed as unlocated. The uncertainty radius follows from the precision class
(RADIUS below) or, where a source states a distance, from that distance.

Usage: python3 scripts/add_locations.py ../shared/reference /tmp/ne/ukr_coords.txt data
"""
import csv
import json
import re
import sys
from collections import OrderedDict

REF, BOUNDARY, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
TRANSCRIBED = "2026-12-03"

# km from the point within which the place lies, by precision class.
RADIUS = {
    "site": (3, "site: the source's coordinates of the deposit itself (3 km covers a deposit's extent)"),
    "locality": (15, "locality: the settlement the source places it at or near (15 km)"),
    "raion-former": (30, "raion: centre of a pre-2020 district the source names (30 km, a former district's reach)"),
    "raion": (60, "raion: centre of a district as drawn since 2020 (60 km)"),
    "oblast": (200, "oblast: centre of the oblast the source names (200 km, an oblast's reach)"),
}

def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))

def write(name, header, rows):
    with open(f"{OUT}/{name}", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if row.get(h) is None else row.get(h) for h in header])

sources = read(f"{OUT}/sources.csv")
source_header = list(sources[0].keys())
by_url = {s["url"]: s["source_id"] for s in sources}
ids = {s["source_id"] for s in sources}
new_sources = []

def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")

def source(url, publisher, title="title not recorded", confidence="medium", published="", note="", terms="",
           retrieved_from="", short_label="", sid=None):
    if not url:
        return ""
    if url in by_url:
        return by_url[url]
    if sid is None:
        host = re.sub(r"^https?://(www\.|m\.)?", "", url).split("/")[0]
        tail = "-".join(w for w in slug(url.split(host, 1)[1])[:40].split("-") if w)[:32].strip("-")
        sid = slug(host.split(".")[0] + "-" + tail)[:48].strip("-")
    base, n = sid, 2
    while sid in ids:
        sid, n = f"{base}-{n}", n + 1
    ids.add(sid)
    by_url[url] = sid
    new_sources.append(dict(source_id=sid, publisher=publisher, title=title, edition="", url=url, accessed="",
                            transcribed=TRANSCRIBED, terms=terms, confidence=confidence, note=note,
                            published=published, short_label=short_label, retrieved_from=retrieved_from))
    return sid

def publisher_of(url):
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
    if "wikipedia" in host or "wiki" in host:
        return f"Wikipedia contributors (via {host})"
    return host

# ---------------------------------------------------------------- locations
rows = []
li = read(f"{REF}/locations/lithium-and-rare-earth-deposits.csv")
ti = read(f"{REF}/locations/titanium-deposits-and-sites.csv")
deposits = {r["deposit_id"]: r for r in read(f"{OUT}/deposits.csv")}

# Points added in this pass: settlement coordinates read from stored pages (search tool).
EXTRA_POINTS = {
    "korosten": (50.950, 28.633, "https://en.wikipedia.org/wiki/Korosten'", "Korosten (centre of Korosten raion)",
                 "Coordinates: 50°57′N 28°38′E / 50.950°N 28.633°E"),
    "smila": (49.21167, 31.87306, "http://en.wikipedia.org/wiki/Smila,_Ukraine", "Smila (centre of the former Smila raion)",
              "Coordinates: 49°12′42″N 31°52′23″E / 49.21167°N 31.87306°E"),
    "vasylkivka": (48.20833, 36.02528, "https://kiwix.clustify.space/content/wikipedia_cs_all_maxi_2025-09/Vasylkivka",
                   "Vasylkivka (centre of the former Vasylkivka raion)", "Souřadnice | 48°12′30″ s. š., 36°1′31″ v. d."),
    "zhytomyr": (50.25, 28.66667, "https://review.clateway.com/wiki/view_html.php?q=Zhytomyr",
                 "Zhytomyr (oblast centre)", "Coordinates: 50°15′0″N 28°40′0″E / 50.25000°N 28.66667°E"),
}
# Which added point a place takes, its class, and why.
ASSIGN = {
    "stremyhorodske": ("korosten", "raion", "source names Korosten raion (asterslaw.com); point = raion centre"),
    "selyshchanska": ("korosten", "raion", "source names Korosten raion (polissya.today); point = raion centre"),
    "nosachivske": ("smila", "raion-former", "source names the Smila district (novyny.live); point = its centre"),
    "vovchanske": ("vasylkivka", "raion-former", "source names Zelenyi Hai council, Vasylkivka raion (rosinvest.com); point = raion centre"),
    "demurinsky-gok": ("vasylkivka", "raion-former", "quarry at the Vovchanske deposit, Vasylkivka raion (rosinvest.com); point = raion centre"),
    "krapivenske": ("zhytomyr", "oblast", "only the oblast is sourced; point = oblast centre"),
    "torchynske": ("zhytomyr", "oblast", "sources name three pre-2020 raions (Radomyshl, Korostyshiv, Cherniakhiv) without coordinates; point = oblast centre"),
    "fedorivske": ("zhytomyr", "oblast", "source names the former Cherniakhiv raion without coordinates; point = oblast centre"),
    "valky-gatskivske": ("zhytomyr", "oblast", "only the oblast is sourced; point = oblast centre"),
}
# Parts inherit the point of the deposit they belong to (deposits.csv part_of; sites: the deposit worked).
INHERIT = {
    "bukynske": ("mezhyrichenske", "Bukynske is a section of the Mezhyrichne deposit (deposits.csv part_of); takes its point"),
    "motronivsko-annivske": ("malyshevske", "part of the Malyshevske deposit (deposits.csv part_of, auremo.biz); takes its point"),
    "motronivsky-gok": ("malyshevske", "works the Motronivsko-Annivske part of Malyshevske (auremo.biz: 'The site belongs to Malyshevskoe deposit'); takes its point"),
}
# Stated distances that widen the radius (km, why).
STATED = {
    "kruta-balka": (35, "stated 'some 30 kilometers north of Berdiansk' (Kyiv Post); radius 30 km + 5 km"),
    "irshanske": (26, "placers 'in a radius of six to twenty-one kilometers from Irshansk'; radius 21 km + 5 km"),
    "malyshevske": (25, "near Vilnohirsk; deposit 'up to 20 km' long (same page); radius 20 km + 5 km"),
}

def former(raion):
    return "former" in raion or "pre-2020" in raion

merged = []
seen = set()
for r in li:
    if r["deposit_id"] in seen:
        continue  # Petrovo-Hnutivske's second (conflicting oblast) row stays in the note
    seen.add(r["deposit_id"])
    merged.append(dict(r, id=r["deposit_id"], kind="deposit"))
for r in ti:
    merged.append(r)

located = {}
for r in merged:
    pid, precision = r["id"], r["precision"]
    lat, lon = r["latitude"], r["longitude"]
    loc_sid = source(r["location_source_url"], publisher_of(r["location_source_url"]),
                     r.get("location_source_title") or "title not recorded")
    coord_sid = source(r["coordinate_source_url"], publisher_of(r["coordinate_source_url"]))
    place, quote_c = r["locality"] or r["raion"], r["coordinate_quote"]
    note = r["note"]
    cls = precision
    if precision == "raion":
        cls = "raion-former" if former(r["raion"]) else "raion"
    radius, basis = (RADIUS[cls] if cls in RADIUS and lat else (None, ""))
    if pid in ASSIGN and not lat:
        key, cls, why = ASSIGN[pid]
        plat, plon, url, what, q = EXTRA_POINTS[key]
        lat, lon = f"{plat}", f"{plon}"
        coord_sid = source(url, publisher_of(url))
        place, quote_c = what, q
        precision = "raion" if cls.startswith("raion") else cls
        radius, basis = RADIUS[cls]
        basis = f"{basis}; {why}"
    if pid in STATED and lat:
        radius, why = STATED[pid]
        basis = f"{RADIUS[cls][1]}; {why}"
    if lat:
        located[pid] = (lat, lon, radius, place, coord_sid, quote_c)
    rows.append(dict(location_id=pid, kind=r["kind"], precision=precision if lat else (precision if precision in ("oblast", "raion") else "none"),
                     latitude=lat, longitude=lon, radius_km=radius if lat else "", radius_basis=basis if lat else "",
                     place=place, oblast=r["oblast"], location_source_id=loc_sid, location_quote=r["location_quote"],
                     coordinate_source_id=coord_sid if lat else "", coordinate_quote=quote_c if lat else "",
                     note=note))
for row in rows:
    if row["location_id"] in INHERIT and not row["latitude"]:
        parent, why = INHERIT[row["location_id"]]
        lat, lon, radius, place, coord_sid, q = located[parent]
        row.update(latitude=lat, longitude=lon, radius_km=radius, precision="locality",
                   radius_basis=f"inherits {parent}'s point and radius; {why}", place=place,
                   coordinate_source_id=coord_sid, coordinate_quote=q)
for row in rows:
    if not row["latitude"]:
        row["precision"] = "none" if row["precision"] not in ("oblast", "raion") else row["precision"]
        if row["location_id"] == "petrovo-hnutivske":
            row["note"] += " | A second source puts it in Cherkasy oblast ('что на Черкащине', financy.24tv.ua), which conflicts with the geological sources (Kalmius river, Pryazovia); no oblast assigned."
ids_all = [r["location_id"] for r in rows]
assert len(ids_all) == len(set(ids_all)), "duplicate location ids"
missing = set(deposits) - set(ids_all)
assert not missing, f"deposits without a location row: {missing}"
write("locations.csv", ["location_id", "kind", "precision", "latitude", "longitude", "radius_km", "radius_basis",
                        "place", "oblast", "location_source_id", "location_quote", "coordinate_source_id",
                        "coordinate_quote", "note"], rows)

# ---------------------------------------------------------------- sites
SITES = [
    # site_id, name, activity, material, oblast, deposit worked, operator
    ("irshansk-gok", "Irshansk mining and processing plant (IrGOK)", "mining-and-processing", "titanium", "Zhytomyr", "irshanske", "UMCC (United Mining and Chemical Company)"),
    ("vgmk", "Vilnohirsk mining and metallurgical plant (VGMK)", "mining-and-processing", "titanium", "Dnipropetrovsk", "malyshevske", "UMCC (United Mining and Chemical Company)"),
    ("ztmk", "Zaporizhzhia titanium-magnesium plant (ZTMK)", "metal", "titanium", "Zaporizhzhia", "", ""),
    ("crimean-titan", "Crimean Titan (Armiansk)", "pigment", "titanium", "Crimea", "", ""),
    ("sumykhimprom", "Sumykhimprom", "pigment", "titanium", "Sumy", "", ""),
    ("demurinsky-gok", "Demurinsky mining and processing plant", "mining-and-processing", "titanium", "Dnipropetrovsk", "vovchanske", ""),
    ("birzulivske-gok", "Birzulivske mining and processing complex (Velta)", "mining-and-processing", "titanium", "Kirovohrad", "birzulivske", "Velta"),
    ("mizhrichynsky-gok", "Mezhyrichia (Mizhrichynsky) mining and processing plant", "mining-and-processing", "titanium", "Zhytomyr", "mezhyrichenske", "Group DF"),
    ("motronivsky-gok", "Motronivsky mining and processing plant (under construction)", "mining-and-processing", "titanium", "Dnipropetrovsk", "motronivsko-annivske", "Group DF"),
]
site_rows = []
loc_by_id = {r["location_id"]: r for r in rows}
for sid_, name, activity, material, oblast, deposit, operator in SITES:
    site_rows.append(dict(site_id=sid_, name=name, activity=activity, material_id=material, oblast=oblast,
                          deposit_id=deposit, operator=operator, source_id=loc_by_id[sid_]["location_source_id"]))
write("sites.csv", ["site_id", "name", "activity", "material_id", "oblast", "deposit_id", "operator", "source_id"], site_rows)

steelorbis = source("https://www.steelorbis.com/steel-news/latest-news/ukraine_based-group-dfs-ilmenite-concentrate-output-to-fall-20-in-2020-1179651.htm",
                    "SteelOrbis", "Ukraine-based Group DF's ilmenite concentrate output to fall 20% in 2020", published="2020-12-30")
ukranews = source("https://ukranews.com/en/news/935189-umcc-to-reopen-irshansk-mining-and-processing-plant",
                  "Ukrainian News Agency", "UMCC to reopen Irshansk Mining and Processing Plant", published="2023-05")
gmk = source("https://gmk.center/en/news/group-df-resumes-operation-of-mezhyrichensky-minings-concentrator/",
             "GMK Center", "Group DF resumes operation of Mezhyrichensky Mining's concentrator")
mgok = source("https://mgok.com.ua/en/773-2/", "Mezhyrichia MCC (Group DF)")
crimea = loc_by_id["crimean-titan"]["location_source_id"]
groupdf = source("https://groupdf.com/en/press-center/news/group-df-to-launch-new-titanium-production-at-ztmc-and-strengthen-ukraine-s-positions-on-the-global-markets/?print=1",
                 "Group DF", "Group DF to launch new titanium production at ZTMC and strengthen Ukraine's positions on the global markets")
FIGURES = [
    # figure_id, site, measure, year, value, value_max, unit, product, quote, source
    ("irshansk-gok-01", "irshansk-gok", "target", "2023", "18000", "", "t/month", "ilmenite concentrate",
     "reach the level of 18,000 tons per month by the end of this year", ukranews),
    ("mizhrichynsky-gok-01", "mizhrichynsky-gok", "design-capacity", "", "12000", "15000", "t/month", "ilmenite concentrate",
     "design capacity of 20-25 tons of concentrate per hour or 12-15 thousand tons per month", gmk),
    ("mizhrichynsky-gok-02", "mizhrichynsky-gok", "output", "2023", "22100", "", "t", "ilmenite concentrate",
     "produced 22.1 thousand tons of ilmenite concentrate", mgok),
    ("motronivsky-gok-01", "motronivsky-gok", "design-capacity", "", "120000", "", "t/yr", "ilmenite concentrate",
     "The designed capacity of the enterprise is estimated at 120,000 mt of ilmenite concentrate", steelorbis),
    ("motronivsky-gok-02", "motronivsky-gok", "design-capacity", "", "14000", "", "t/yr", "zircon concentrate",
     "14,000 mt of zirconium", steelorbis),
    ("motronivsky-gok-03", "motronivsky-gok", "design-capacity", "", "20000", "", "t/yr", "rutile concentrate",
     "20,000 mt of rutile concentrate", steelorbis),
    ("ztmk-01", "ztmk", "output", "2012", "44600", "", "t", "titanium slag",
     "In 2012, ZTMC produced 44.6 thousand tons of titanium slag (including 20.2 thousand tons of commodity slag)", groupdf),
    ("ztmk-02", "ztmk", "output", "2012", "10300", "", "t", "titanium sponge",
     "and 10.3 thousand tons of titanium sponge", groupdf),
    ("ztmk-03", "ztmk", "planned-capacity", "", "40000", "", "t/yr", "titanium sponge",
     "ZTMC's combined titanium sponge production capacity will increase to 40 thousand tons per year", groupdf),
    ("crimean-titan-01", "crimean-titan", "installed-capacity", "2014", "80000", "", "t/yr", "titanium dioxide",
     "Установленная мощность завода позволяет выпускать 80 тыс. тонн в год диоксида титана", crimea),
]
write("site_figures.csv", ["figure_id", "site_id", "measure", "year", "value", "value_max", "unit", "product", "quote", "source_id"],
      [dict(zip(["figure_id", "site_id", "measure", "year", "value", "value_max", "unit", "product", "quote", "source_id"], f)) for f in FIGURES])

# ---------------------------------------------------------------- boundary
ne = source("https://www.naturalearthdata.com/downloads/50m-cultural-vectors/50m-admin-0-countries-2/", "Natural Earth",
            "Admin 0 – Countries, 1:50m (ne_50m_admin_0_countries), feature ADM0_A3 = UKR", confidence="high",
            terms="public domain (Natural Earth terms of use)", sid="natural-earth-50m-admin-0-countries",
            short_label="Natural Earth 1:50m countries",
            note="Ukraine's two rings copied vertex by vertex; their extent equals the file's bbox [22.131836, 45.234131, 40.12832, 52.353564]. Natural Earth draws Crimea outside this polygon; crma uses the boundary only to tell front-line edges from coast and state border, and Crimea, wholly occupied, has no front line.",
            retrieved_from="nvkelso/natural-earth-vector@0a11ac3093f1084f0119e436583f5f271a24ed42:geojson/ne_50m_admin_0_countries.geojson")
coords = json.load(open(BOUNDARY))
brows = []
for ring_index, polygon in enumerate(coords, start=1):
    for point_index, (x, y) in enumerate(polygon[0], start=1):
        brows.append(dict(ring=ring_index, point=point_index, longitude=repr(x) if isinstance(x, float) else x,
                          latitude=repr(y) if isinstance(y, float) else y, source_id=ne))
write("ukraine_boundary.csv", ["ring", "point", "longitude", "latitude", "source_id"], brows)

# ---------------------------------------------------------------- map source
source("https://deepstatemap.live/", "DeepStateMap.live (DEEPSTATEUATECH LLC)",
       "Occupied-territory layers (Occupied, CADR and CALR, Occupied Crimea), daily snapshots 2024-07-08 to 2026-08-22",
       confidence="medium", sid="deepstatemap-occupied", short_label="DeepStateMap.live",
       terms="geometry and API reserved by the copyright holder; crma publishes only derived facts (inside/outside, distance) with credit; no polygon is committed",
       note="Credit: DeepStateMap.live, occupied-territory layer of YYYY-MM-DD (archived daily by cyterat/deepstate-map-data). The grey (contested) zone is not part of the layer. Snapshots downloaded daily at 03:00 UTC and slightly buffered by the archive's script.",
       retrieved_from="cyterat/deepstate-map-data@e904719a6726c7e6b5d6e87a7701e1b77b18e554")

# ---------------------------------------------------------------- ceasefire scenarios
zee = source("https://zeenews.india.com/world/stop-the-war-here-trump-pushes-a-new-plan-for-russia-ukraine-ceasefire-who-walks-away-with-the-cities-moscow-has-already-taken-2976992.html",
             "Zee News", "Stop the war here: Trump pushes a new plan for Russia-Ukraine ceasefire", published="2025-10-27")
fox = source("https://www.foxnews.com/politics/trump-zelenskyy-agree-crucial-aspect-end-ukraine-war-good-compromise",
             "Fox News", "title not recorded", published="2025-10-22")
kyi = source("https://kyivindependent.com/putin-names-ceasefire-demands-full-ukrainian-withdrawal-from-four-oblasts/",
             "The Kyiv Independent", "Putin names ceasefire demands, including Kyiv's complete withdrawal from four Ukrainian regions",
             published="2024-06-14")
irish = source("https://www.irishtimes.com/world/europe/2025/08/18/eastern-ukraine-mapped-vladimir-putins-territory-demands-to-end-russias-war/",
               "The Irish Times", "Eastern Ukraine mapped: Vladimir Putin's territory demands to end Russia's war", published="2025-08-18",
               note="Reports the Financial Times's account of the 2025-08-15 Alaska summit, citing four people with direct knowledge of the talks.")
SCEN = [
    ("a-freeze-current-line", "(a) Freeze on the current line", "current-line", "", "2025-10-19",
     "Trump: 'cut and stop at the battle line' (Air Force One, reported 2025-10-27); Zelenskyy called staying where we are 'a good compromise' (Fox News, 2025-10-22)",
     zee, fox),
    ("b-four-oblasts-and-crimea", "(b) Four claimed oblasts and Crimea in full", "oblasts", "Donetsk;Luhansk;Zaporizhzhia;Kherson;Crimea", "2024-06-14",
     "Putin's ceasefire terms: Ukrainian troops to leave Donetsk, Luhansk, Kherson and Zaporizhzhia oblasts; recognition of Crimea and Sevastopol as Russian",
     kyi, ""),
    ("c-donbas-and-current-line", "(c) All of Donetsk and Luhansk, current line elsewhere", "oblasts-and-current-line", "Donetsk;Luhansk", "2025-08-15",
     "At the Alaska summit Putin demanded Ukraine withdraw from Donetsk and Luhansk and offered to freeze the rest of the front line (Financial Times, reported by The Irish Times)",
     irish, ""),
]
write("ceasefire_scenarios.csv", ["scenario_id", "label", "rule", "oblasts", "proposed", "description", "source_id", "source_id_2"],
      [dict(zip(["scenario_id", "label", "rule", "oblasts", "proposed", "description", "source_id", "source_id_2"], s)) for s in SCEN])

write("sources.csv", source_header, sources + new_sources)
print(f"{len(rows)} locations ({sum(1 for r in rows if r['latitude'])} located), {len(site_rows)} sites, "
      f"{len(FIGURES)} site figures, {len(brows)} boundary vertices, {len(new_sources)} new sources")
