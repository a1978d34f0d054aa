#!/usr/bin/env python3
"""Transcribe the research files in ../shared/reference/ into crma's data package (data/*.csv).

This is a one-off, reviewable record of how data/ was built: it copies figures exactly as the
research files give them (no rounding, no averaging), attaches a source id to every row, turns
country names into ISO 3166-1 alpha-3 codes and splits combined rows into one row per figure.
It is not part of the pipeline (the pipeline reads only data/), and it refuses to guess: an
unknown name or an unmapped status stops it with an error.

Usage: python3 scripts/import_reference.py ../shared/reference data
"""
import csv
import json
import re
import sys
import urllib.parse
from collections import OrderedDict

REF, OUT = sys.argv[1], sys.argv[2]
TRANSCRIBED = "2026-11-25"


def read(path):
    with open(f"{REF}/{path}", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(name, header, rows):
    with open(f"{OUT}/{name}", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            if "source_id_2" in header and ";" in (row.get("source_id") or ""):
                parts = row["source_id"].split(";")
                row = dict(row, source_id=parts[0], **{f"source_id_{i + 1}": p for i, p in enumerate(parts) if i > 0})
            writer.writerow(["" if row.get(h) is None else row.get(h) for h in header])


def slug(text):
    text = text.lower().replace("&", "and")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text


# ---------------------------------------------------------------- sources
SOURCES = OrderedDict()

GITHUB_PUBLISHERS = {
    "Vanakka/metals-encyclopedia": ("U.S. Geological Survey", "text extract of the Mineral Commodity Summaries PDF, mirrored in Vanakka/metals-encyclopedia", "high"),
    "pranava0x0/usgs-mineral-commodity-summaries": ("U.S. Geological Survey", "Mineral Commodity Summaries 2026 tables as parsed JSON, mirrored in pranava0x0/usgs-mineral-commodity-summaries (third-party parser)", "medium-high"),
    "pmbusch/Critical-Minerals-EV": ("U.S. Geological Survey", "Mineral Commodity Summaries values as hand-transcribed in pmbusch/Critical-Minerals-EV", "medium"),
    "MacroPenguin666/CMM": ("U.S. Geological Survey", "Mineral Commodity Summaries data-release rows (MCS2025_World_Data.csv / MCS2026_Commodities_Data.csv) as committed in MacroPenguin666/CMM", "high"),
    "legalize-dev/legalize-eu": ("European Union", "EUR-Lex text as Markdown, mirrored in legalize-dev/legalize-eu (CC BY 4.0)", "high"),
    "erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets": ("European Commission", "Study on the Critical Raw Materials for the EU 2023 - Final Report, tables transcribed by E. Emilsson (CC BY 4.0; not checked against the PDF)", "medium"),
    "datasets/harmonized-system": ("World Customs Organization / UN Comtrade", "Harmonized System 2022 nomenclature, datasets/harmonized-system", "high"),
    "dw-data/crm": ("Deutsche Welle data team", "crm_analyse.ods (2021), transcribing EC studies", "medium"),
}

OUTLETS = {
    "kyivindependent.com": "The Kyiv Independent", "kyivpost.com": "Kyiv Post", "archive.kyivpost.com": "Kyiv Post",
    "interfax.com.ua": "Interfax-Ukraine", "en.interfax.com.ua": "Interfax-Ukraine", "ru.interfax.com.ua": "Interfax-Ukraine",
    "interfax.com": "Interfax", "gmk.center": "GMK Center", "ubn.news": "Ukrainian Business News", "unn.ua": "UNN",
    "biz.liga.net": "LIGA.net", "bin.ua": "BIN.ua", "epravda.com.ua": "Ekonomichna Pravda", "pravda.com.ua": "Ukrainska Pravda",
    "spglobal.com": "S&P Global", "eur-lex.europa.eu": "European Union (EUR-Lex)", "ec.europa.eu": "European Commission (Eurostat)",
    "joint-research-centre.ec.europa.eu": "European Commission, Joint Research Centre", "crmalliance.eu": "Critical Raw Materials Alliance",
    "uk.wikipedia.org": "Wikipedia (Ukrainian)", "uk.wikipedia.org": "Wikipedia (Ukrainian)", "uk.m.wikipedia.org": "Wikipedia (Ukrainian)",
    "uk.wikipedia-on-ipfs.org": "Wikipedia (Ukrainian), IPFS mirror", "wikimili.com": "WikiMili (mirror of English Wikipedia)",
    "news-pravda.com": "Pravda network (Russian state-aligned aggregator)", "spanish.news-pravda.com": "Pravda network (Russian state-aligned aggregator)",
    "portuguese.news-pravda.com": "Pravda network (Russian state-aligned aggregator)", "channelnewsasia.com": "CNA",
    "marketscreener.com": "MarketScreener (Reuters)", "stockhead.com.au": "Stockhead", "moneymorning.com.au": "Money Morning",
    "visualcapitalist.com": "Visual Capitalist", "politico.eu": "POLITICO Europe", "recyclinginternational.com": "Recycling International",
    "wnp.pl": "WNP.pl", "tellerreport.com": "Teller Report (AFP reprint)", "mining.com": "MINING.COM", "financialpost.com": "Financial Post",
    "groupdf.com": "Group DF", "mgok.com.ua": "Mezhyrichensk GOK", "ukrlithium.com": "Ukrlithiumdobuvannya", "tiofab.com": "Tiofab (Nosachivske project)",
    "bgv.com.ua": "BGV", "steelorbis.com": "SteelOrbis", "censor.net": "Censor.net", "nadra.info": "NADRA.INFO",
    "geonews.com.ua": "Geonews (Ukraine)", "issuu.com": "CIPE report on issuu", "zpp.net.pl": "Związek Przedsiębiorców i Pracodawców",
    "ouci.dntb.gov.ua": "OUCI (Ukrainian index of scientific citations)", "journals.lnu.lviv.ua": "Ivan Franko National University of Lviv journals",
    "geoappl.kiev.ua:8888": "State geological fund of Ukraine (catalogue)", "atlas.org": "atlas.org (copy of EC 2020 factsheets)",
}
LOW_HOSTS = {"news-pravda.com", "spanish.news-pravda.com", "portuguese.news-pravda.com", "wikimili.com",
             "breviceps.net", "www.visualcapitalist.com", "voronoiapp.com", "rosinvest.com", "m.bizon.ru",
             "uk.wikipedia-on-ipfs.org", "mapsofworld.com", "solondais.fr", "pakistanaffairs.pk", "chevra.news",
             "worldreviewnews.com", "avglob.biz", "ccipu.org"}
HIGH_HOSTS = {"eur-lex.europa.eu", "ec.europa.eu", "joint-research-centre.ec.europa.eu"}


def source_id(url, note=""):
    url = url.strip()
    if url in SOURCES:
        return SOURCES[url]["source_id"]
    parsed = urllib.parse.urlparse(url)
    host = parsed.netloc
    path = urllib.parse.unquote(parsed.path)
    publisher, title, confidence, edition = host, "", "medium", ""
    if host == "github.com":
        parts = path.strip("/").split("/")
        repo = "/".join(parts[:2])
        publisher, title, confidence = GITHUB_PUBLISHERS[repo]
        file_name = parts[-1] if len(parts) > 2 else repo
        title = f"{title}: {'/'.join(parts[4:]) or file_name}"
        match = re.search(r"mcs(20\d\d)", path, re.I)
        if repo == "pranava0x0/usgs-mineral-commodity-summaries":
            edition = "MCS 2026"
        elif repo.startswith("erikemilsson/"):
            edition = "2023 assessment"
        elif file_name == "USGS2024.xlsx":
            edition = "MCS 2024"
        elif file_name == "Fig_MineralShares.R":
            edition, confidence = "MCS 2023", "low"
        if match:
            edition = f"MCS {match.group(1)}"
            if edition == "MCS 2023":
                confidence = "low"
        base = slug(repo.split("/")[1])[:24] + "-" + slug(file_name.rsplit(".", 1)[0])[:28]
    else:
        publisher = OUTLETS.get(host.removeprefix("www."), host)
        if host in LOW_HOSTS:
            confidence = "low"
        if host in HIGH_HOSTS:
            confidence = "high"
        words = [w for w in re.split(r"[/_\-.?=&]+", path) if w and not re.fullmatch(r"[0-9a-f]{6,}|html?|php|aspx?|en|uk|ru|news|articles?", w)]
        title = " ".join(words[:14])
        base = slug(host.replace("www.", "").split(".")[0])[:20] + "-" + slug(" ".join(words[:4]))[:28]
    base = base.strip("-")
    candidate, n = base, 2
    taken = {s["source_id"] for s in SOURCES.values()}
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    SOURCES[url] = {
        "source_id": candidate, "publisher": publisher, "title": title, "edition": edition, "url": url,
        "accessed": "", "transcribed": TRANSCRIBED, "terms": "", "confidence": confidence, "note": note,
    }
    return candidate


def source_ids(field, note=""):
    urls = [u.strip() for u in field.split(" ; ") if u.strip()]
    return ";".join(source_id(u, note) for u in urls)


# ---------------------------------------------------------------- countries
iso = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
COUNTRIES = OrderedDict()
NAME_TO_ISO = {}
EU27 = "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE".split()
for entry in iso:
    code = entry["alpha_3"]
    name = entry.get("common_name", entry["name"])
    COUNTRIES[code] = {"iso3": code, "iso2": entry["alpha_2"], "name": name, "kind": "country",
                       "eu_member": str(code in EU27).lower(), "variants": []}
    for variant in {entry["name"], name, entry.get("official_name", "")} - {""}:
        NAME_TO_ISO[variant] = code
# Codes outside ISO 3166-1 proper: XKX for Kosovo is the user-assigned code the EU and IMF use;
# the X.. aggregates are our own user-assigned codes (ISO reserves XAA-XZZ for such use).
COUNTRIES["XKX"] = {"iso3": "XKX", "iso2": "XK", "name": "Kosovo", "kind": "country", "eu_member": "false", "variants": []}
COUNTRIES["WLD"] = {"iso3": "WLD", "name": "World", "kind": "aggregate", "eu_member": "false", "variants": []}
COUNTRIES["XOT"] = {"iso3": "XOT", "name": "Other countries", "kind": "aggregate", "eu_member": "false", "variants": []}
COUNTRIES["XNE"] = {"iso3": "XNE", "name": "Non-EU countries (aggregate)", "kind": "aggregate", "eu_member": "false", "variants": []}
COUNTRIES["EUU"] = {"iso3": "EUU", "name": "European Union (27)", "kind": "aggregate", "eu_member": "false", "variants": []}
EXTRA_NAMES = {
    "Brasil": "BRA", "Brasilia": "BRA", "Burma": "MMR", "Myanmar": "MMR", "Cape Verde": "CPV", "Congo": "COG",
    "Congo (Democratic Republic)": "COD", "Congo, D.R.": "COD", "Congo (Kinshasa)": "COD", "Cote d'Ivoire": "CIV",
    "Hong Kong": "HKG", "Korea, North": "PRK", "Korea, South": "KOR", "South Korea": "KOR", "Kosovo": "XKX",
    "Libanon": "LBN", "Surinam": "SUR", "Turkyie": "TUR", "Türkiye": "TUR", "Turkey": "TUR", "Russia": "RUS",
    "United States": "USA", "United Kingdom": "GBR", "Vietnam": "VNM", "Bolivia": "BOL", "Iran": "IRN",
    "Laos": "LAO", "Moldova": "MDA", "Syria": "SYR", "Tanzania": "TZA", "Taiwan": "TWN", "Czechia": "CZE",
    "World total (rounded)": "WLD", "World": "WLD", "Other": "XOT", "Other countries": "XOT",
    "non-EU (aggregate)": "XNE", "Brunei Darussalam": "BRN", "Netherlands": "NLD", "Venezuela": "VEN",
}


def country(name):
    name = name.strip()
    code = EXTRA_NAMES.get(name) or NAME_TO_ISO.get(name)
    if code is None:
        raise SystemExit(f"unknown country name: {name!r}")
    if name != COUNTRIES[code]["name"] and name not in COUNTRIES[code]["variants"]:
        COUNTRIES[code]["variants"].append(name)
    return code


ISO_SOURCE = "debian-iso-codes-4-15-0"

# ---------------------------------------------------------------- materials
ANNEX_I = {  # Annex I Section 1 wording, as the research notes transcribe it
    "bauxite/alumina/aluminium": "bauxite/alumina/aluminium", "bismuth": "bismuth", "boron": "boron – metallurgy grade",
    "cobalt": "cobalt", "copper": "copper", "gallium": "gallium", "germanium": "germanium",
    "lithium": "lithium – battery grade", "magnesium": "magnesium metal", "manganese": "manganese – battery grade",
    "graphite": "graphite – battery grade", "nickel": "nickel – battery grade", "platinum group metals": "platinum group metals",
    "rare earth elements for permanent magnets": "rare earth elements for permanent magnets (Nd, Pr, Tb, Dy, Gd, Sm, and Ce)",
    "silicon metal": "silicon metal", "titanium metal": "titanium metal", "tungsten": "tungsten",
}
ANNEX_II_SPECIAL = {"nickel": "nickel – battery grade"}
ID_OF = {
    "bauxite/alumina/aluminium": "bauxite-alumina-aluminium", "heavy rare earth elements": "heavy-rare-earth-elements",
    "light rare earth elements": "light-rare-earth-elements", "platinum group metals": "platinum-group-metals",
    "rare earth elements for permanent magnets": "rare-earth-magnet-elements",
}
ELEMENTS = {"Dy": "dysprosium", "Er": "erbium", "Eu": "europium", "Gd": "gadolinium", "Ho": "holmium", "Lu": "lutetium",
            "Tb": "terbium", "Tm": "thulium", "Yb": "ytterbium", "Y": "yttrium", "Ce": "cerium", "La": "lanthanum",
            "Nd": "neodymium", "Pr": "praseodymium", "Sm": "samarium", "Ir": "iridium", "Pd": "palladium",
            "Pt": "platinum", "Rh": "rhodium", "Ru": "ruthenium"}
MATERIALS = OrderedDict()


def add_material(material_id, **fields):
    row = MATERIALS.setdefault(material_id, {"material_id": material_id})
    for key, value in fields.items():
        if value not in (None, "") and not row.get(key):
            row[key] = value
    return material_id


annex = read("crma/crma_annex.csv")
magnet_members = []
for r in annex:
    mid = ID_OF.get(r["material"], slug(r["material"]))
    strategic = r["annex_section_1_strategic"] == "yes"
    critical = r["annex_section_2_critical"] == "yes"
    category = "strategic" if strategic else "critical" if critical else "not-listed"
    group = "rare-earth-elements" if "rare earth" in r["material"] else ""
    add_material(mid, name=r["material"], crma_category=category,
                 annex_i_entry=ANNEX_I.get(r["material"], "") if strategic else "",
                 annex_ii_entry=ANNEX_II_SPECIAL.get(r["material"], r["material"]) if critical else "",
                 grade_qualifier=r["grade_qualifier"], member_elements=r["member_elements"], part_of=group,
                 source_id=source_ids(r["source_url"]))
    if mid == "rare-earth-magnet-elements":
        magnet_members = r["member_elements"].split(";")
count_strategic = sum(1 for m in MATERIALS.values() if m["crma_category"] == "strategic")
count_critical = sum(1 for m in MATERIALS.values() if m.get("annex_ii_entry"))
assert (count_strategic, count_critical) == (17, 34), (count_strategic, count_critical)
CRMA_SOURCE = MATERIALS["lithium"]["source_id"]
add_material("rare-earth-elements", name="rare earth elements (all REE and yttrium; umbrella for figures reported as REO)",
             crma_category="partly-strategic",
             member_elements="Ce;La;Nd;Pr;Sm;Dy;Er;Eu;Gd;Ho;Lu;Tb;Tm;Yb;Y",
             note="Not itself a CRMA entry: Annex II lists heavy and light REE (critical), Annex I the REE for permanent magnets (strategic). USGS 'rare earths' figures cover all of them.",
             source_id=CRMA_SOURCE)
for symbol, name in ELEMENTS.items():
    group = ("heavy-rare-earth-elements" if symbol in MATERIALS["heavy-rare-earth-elements"]["member_elements"].split(";")
             else "light-rare-earth-elements" if symbol in MATERIALS["light-rare-earth-elements"]["member_elements"].split(";")
             else "platinum-group-metals")
    category = "strategic" if symbol in magnet_members or group == "platinum-group-metals" else "critical"
    add_material(name, name=name, crma_category=category, member_elements=symbol, part_of=group,
                 note="Element of a CRMA group entry; the Act lists the group, not the element." +
                 (" Also in the Annex I entry for permanent-magnet REE." if symbol in magnet_members else ""),
                 source_id=CRMA_SOURCE)

# Names the EU 2023 study and the other files use, mapped to material ids.
STUDY_NAMES = {
    "barytes": "baryte", "borate": "boron", "borates": "boron", "boron (borates)": "boron", "phosphorous": "phosphorus",
    "phosphate rock": "phosphate-rock", "aluminium": "aluminium", "aluminium/bauxite": "bauxite-alumina-aluminium",
    "bauxite": "bauxite", "hrees": "heavy-rare-earth-elements", "lrees": "light-rare-earth-elements",
    "heavy rare earths elements": "heavy-rare-earth-elements", "pgms": "platinum-group-metals",
    "heavy rare earth elements (hree)": "heavy-rare-earth-elements", "light rare earth elements (lree)": "light-rare-earth-elements",
    "platinum group metals (pgm)": "platinum-group-metals", "natural teak\nwood": "natural-teak-wood", "kaolin": "kaolin-clay",
    "titanium (ores/intermediates; not critical in 2023)": "titanium", "titanium ores": "titanium",
    "manganese (not critical in 2020)": "manganese", "nickel (not critical in 2020)": "nickel",
    "copper (not critical in 2020)": "copper",
}
NOT_LISTED_NOTE = {
    "titanium": "Titanium (ores and intermediates) was assessed separately from titanium metal in 2023 and was not critical; the CRMA lists titanium metal.",
    "natural-graphite": "The 2023 study assessed natural graphite; the CRMA entry is graphite (natural and synthetic).",
    "aluminium": "Assessed with bauxite in 2023; the CRMA entry is bauxite/alumina/aluminium.",
    "bauxite": "The CRMA entry is bauxite/alumina/aluminium.",
}
PART_OF = {"natural-graphite": "graphite", "aluminium": "bauxite-alumina-aluminium", "bauxite": "bauxite-alumina-aluminium",
           "titanium": "titanium-metal"}
STUDY_SOURCE_URL = "https://github.com/erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets/tree/main/Data"


def material(name):
    key = re.sub(r" \((lree|hree) member - element-level shares only\)", "", name.strip().lower())
    mid = STUDY_NAMES.get(key) or ID_OF.get(key) or slug(key)
    if mid not in MATERIALS:
        part = PART_OF.get(mid, "")
        add_material(mid, name=key.replace("\n", " "), crma_category="not-listed", part_of=part,
                     note=NOT_LISTED_NOTE.get(mid, "Assessed in the EU criticality studies; not on the CRMA lists."),
                     source_id=source_id(STUDY_SOURCE_URL))
    return mid


# ---------------------------------------------------------------- criticality
criticality = []
for r in read("crma/eu_criticality_2023.csv"):
    row = dict(r)
    row["material_id"] = material(r["material"])
    row["material_label"] = r["material"]
    row["main_global_supplier"] = country(r["main_global_supplier"]) if r["main_global_supplier"] else ""
    row["main_eu_sourcing_country"] = country(r["main_eu_sourcing_country"]) if r["main_eu_sourcing_country"] else ""
    row["source_id"] = source_ids(r["source_url"])
    row["stage"] = r["stage"] or "not-stated"
    criticality.append(row)

history = []
for r in read("eu-crm-study/dimension_CRMsOverTime.csv"):
    sr = "" if r["SR"].strip() == "-" else r["SR"].strip()
    ei = "" if r["EI"].strip() == "-" else r["EI"].strip()
    if not sr and not ei:
        continue
    history.append({"material_id": material(r["Material"]), "material_label": r["Material"].replace("\n", " "),
                    "assessment_year": r["Year"], "supply_risk": sr, "economic_importance": ei,
                    "source_id": source_id(STUDY_SOURCE_URL)})

# ---------------------------------------------------------------- supply shares (2023 study)
STAGES = {"E": "extraction", "P": "processing"}
shares = []
for scope, path in (("global", "eu-crm-study/fact_GlobalSupplyShares.csv"), ("eu-sourcing", "eu-crm-study/fact_EUSupplyShares.csv")):
    for r in read(path):
        text = r["Share"].strip()
        below = text.startswith("<")
        number = text.lstrip("<").rstrip("%").strip()
        float(number)
        shares.append({"assessment_year": "2023", "scope": scope, "material_id": material(r["Material"]),
                       "material_label": r["Material"], "stage": STAGES[r["Stage"]], "country": country(r["Country"]),
                       "share_pct": number, "share_below": str(below).lower(), "trade_t": r["t"].strip(),
                       "source_id": source_id(STUDY_SOURCE_URL)})

# ---------------------------------------------------------------- production and reserves (USGS)
PRODUCTS = {"lithium": ("lithium-mine", "lithium"), "rare_earths": ("rare-earths-mine", "rare-earth-elements"),
            "titanium_sponge": ("titanium-sponge", "titanium-metal"), "ilmenite": ("ilmenite", "titanium"),
            "rutile": ("rutile", "titanium")}
UNITS = {"t Li content": "t Li", "t REO equivalent": "t REO", "t": "t", "thousand metric tons TiO2 content": "kt TiO2"}


def production_flag(edition, year, value, note):
    n = note.lower()
    if value == "":
        if "w = withheld" in n and ("production" not in n or "withheld" in n):
            return "withheld"
        if "not in transcription" in n:
            return "not-transcribed"
        return "not-available"
    if (re.search(r"mine production all estimated|sponge production estimated|sponge production \(estimates\)", n)
            or f"{year} = estimated" in n or f"{year} value marked e" in n or f"{year} = usgs estimate" in n
            or f"{year} = estimate" in n or f"year assumed {int(year) % 100:02d}e" in n
            or ("usgs notes: estimated" in n and edition == "MCS 2026")):
        return "estimated"
    return "reported"


production = []
for r in read("ukraine/world_production_reserves.csv"):
    product, _ = PRODUCTS[r["commodity"]]
    sid = source_ids(r["source_url"])
    base = {"edition": r["edition"], "product": product, "country": country(r["country"]), "year": r["year"],
            "note": r["note"], "source_id": sid, "original_url": r["original_source"]}
    if r["production"] != "" or r["production_unit"]:
        if r["production"] == "" and r["commodity"] == "titanium_sponge" and r["edition"] == "MCS 2026" and "withheld" not in r["note"].lower():
            pass
        production.append(dict(base, measure="production", value=r["production"], unit=UNITS[r["production_unit"] or "t Li content"],
                               flag=production_flag(r["edition"], r["year"], r["production"], r["note"]),
                               qualifier=""))
    n = r["note"].lower()
    if r["reserves"] != "" or "reserves: na" in n:
        qualifier = "greater-than" if re.search(r"reserves stated as '>", n) else ""
        production.append(dict(base, measure="reserves", value=r["reserves"], unit=UNITS[r["reserves_unit"] or r["production_unit"]],
                               flag="reported" if r["reserves"] != "" else "not-available", qualifier=qualifier))
for r in read("more/titanium_mineral_concentrates.csv"):
    product, _ = PRODUCTS[r["mineral"]]
    sid = source_ids(r["source_url"])
    base = {"edition": r["edition"], "product": product, "country": country(r["country"]), "year": r["year"],
            "note": r["note"], "source_id": sid, "unit": UNITS[r["unit"]]}
    n = r["note"].lower()
    production.append(dict(base, measure="production", value=r["production"],
                           flag=production_flag(r["edition"], r["year"], r["production"], r["note"]), qualifier=""))
    if r["reserves"] != "" or "reserves na" in n:
        qualifier = "greater-than" if re.search(r"reserves (published|shown) as \">|>\d", r["note"]) and "reserves" in n else ""
        production.append(dict(base, measure="reserves", value=r["reserves"],
                               flag="reported" if r["reserves"] != "" else "not-available", qualifier=qualifier))
seen = set()
for row in production:
    key = (row["edition"], row["product"], row["country"], row["year"], row["measure"])
    assert key not in seen, key
    seen.add(key)

# ---------------------------------------------------------------- Ukraine's own output (non-USGS figures)
def output_measure(product, period):
    p, q = product.lower(), period.lower()
    if "capacity" in p: return "capacity"
    if "export plan" in p: return "export-plan"
    if "exports" in p: return "exports"
    if "share of world market" in p: return "world-market-share"
    if "plan" in q: return "production-plan"
    if "expectation" in q: return "production-expected"
    return "production"


def output_bound(product):
    p = product.lower()
    return "lower" if "lower end" in p else "upper" if "upper end" in p else "point"


ukraine_output = []
for r in read("ukraine/ukraine_production.csv"):
    if "pubs.usgs.gov" in r["original_source"] and r["product"] == "titanium sponge":
        continue  # the USGS sponge table itself is in production_reserves.csv
    commodity = {"rare_earths": "rare-earth-elements"}.get(r["commodity"], r["commodity"])
    flag = "not-available" if r["quantity"] == "" else "reported"
    ukraine_output.append({"output_id": f"UO{len(ukraine_output) + 1:03d}", "year": r["year"], "material_id": material(commodity) if commodity not in MATERIALS else commodity,
                           "product": r["product"], "measure": output_measure(r["product"], r["period"]),
                           "bound": output_bound(r["product"]), "quantity": r["quantity"], "unit": r["unit"],
                           "basis": r["basis"], "period": r["period"], "scope": r["scope"], "flag": flag,
                           "note": r["notes"], "source_id": source_ids(r["source_url"]),
                           "original_url": r["original_source"]})
for r in read("more/ukraine_titanium_series.csv"):
    if "USGS MCS 202" in r["basis"]:
        continue  # the USGS concentrate rows are in production_reserves.csv
    ukraine_output.append({"output_id": f"UO{len(ukraine_output) + 1:03d}", "year": r["year"], "material_id": "titanium", "product": r["product"],
                           "measure": output_measure(r["product"], ""), "bound": "point", "quantity": r["quantity"],
                           "unit": r["unit"], "basis": r["basis"], "period": "calendar year", "scope": "Ukraine (national)",
                           "flag": "reported", "note": r["note"], "source_id": source_ids(r["source_url"]), "original_url": ""})

# ---------------------------------------------------------------- deposits
DEPOSIT_IDS = {
    "Shevchenkivske": ("shevchenkivske", ""), "Dobra (Dilianka Dobra)": ("dobra", ""), "Polokhivske": ("polokhivske", ""),
    "Polokhivske (identified by location; name not in excerpt)": ("polokhivske", ""), "Kruta Balka": ("kruta-balka", ""),
    "Nosachivske": ("nosachivske", ""), "Nosachivske (rich-ore blocks)": ("nosachivske", "rich-ore blocks"),
    "Azovske": ("azovske", ""), "Novopoltavske": ("novopoltavske", ""), "Mazurivske": ("mazurivske", ""),
    "Mazurivske (nepheline ores)": ("mazurivske", "nepheline ores"), "Yastrubetske (Yastrebetskoe)": ("yastrubetske", ""),
    "Irshanske (Irshansk GOK)": ("irshanske", ""), "Malyshevske (Samotkanske)": ("malyshevske", ""),
    "Motronivsko-Annivske (part of Malyshevske deposit)": ("motronivsko-annivske", ""),
    "Stankuvatske (Stankuvatska zone of Dobra site)": ("stankuvatske", ""),
    "Mezhyrichenske (Mezhyrichne; incl. Yurske section)": ("mezhyrichenske", ""),
    "Valky-Gatskivske (Valky-Ilmenite)": ("valky-gatskivske", ""), "Stremyhorodske": ("stremyhorodske", ""),
    "Selyshchanska area": ("selyshchanska", ""), "Birzulivske": ("birzulivske", ""), "Likarivske": ("likarivske", ""),
    "Krapivenske": ("krapivenske", ""), "Torchynske": ("torchynske", ""), "Vovchanske": ("vovchanske", ""),
    "Tatarske (Mokri Yaly group)": ("tatarske", ""), "Manuilske (Mokri Yaly group)": ("manuilske", ""),
    "Oktiabrske (Oktiabrsky massif)": ("oktiabrske", ""), "Petrovo-Hnutivske": ("petrovo-hnutivske", ""),
    "Perzhanske": ("perzhanske", ""), "Fedorivske (titanium-apatite)": ("fedorivske", ""),
    "Bukynske (Bukinska section of the Mezhyrichne titanium deposit)": ("bukynske", ""),
}
PARENT = {"motronivsko-annivske": "malyshevske", "stankuvatske": "dobra", "bukynske": "mezhyrichenske"}
CONTROL = {
    "occupied (source states seized by Russian forces)": "occupied",
    "claimed captured by Russia (claim later shown to concern a different village)": "contested",
    "contested - active fighting": "contested",
    "contested - active fighting; Russian MoD claimed capture 2025-06-26, Ukrainian Khortytsia group denied on 2025-06-27": "contested",
    "government-controlled but under threat (near front line); earlier reports of occupation were corrected": "front-line",
    "government-controlled (implicit: listed apart from the two Russian-controlled deposits)": "government-controlled",
    "government-controlled (west of the Dnipro, 'not under direct threat of occupation')": "government-controlled",
    "occupied": "occupied", "occupied (seized at beginning of full-scale invasion)": "occupied",
    "occupied (Russian-installed DPR officials offering REE development to Russian firms)": "occupied",
    "some of Azovske / Pokrovsko-Kyreivske / Petrovo-Hnutivske / Mazurivske are under occupation (which ones not specified)": "unknown",
}
COMMODITY = {"rare_earths": "rare-earth-elements", "phosphate_rock": "phosphate-rock", "titanium": "titanium",
             "lithium": "lithium", "zirconium": "zirconium", "niobium": "niobium", "beryllium": "beryllium",
             "tantalum": "tantalum", "tungsten": "tungsten", "fluorspar": "fluorspar",
             # Nepheline ore is graded on Al2O3: an alumina source, so the aluminium value chain.
             "nepheline_syenite (Zr, Nb by-products)": "aluminium"}
deposits, figures, control = OrderedDict(), [], []
for path in ("ukraine/deposits.csv", "more/deposit_tonnages.csv"):
    for index, r in enumerate(read(path)):
        did, part = DEPOSIT_IDS[r["deposit"]]
        sid = source_ids(r["source_url"])
        d = deposits.setdefault(did, {"deposit_id": did, "name": r["deposit"].split(" (")[0], "name_variants": [],
                                      "oblast": "", "part_of": PARENT.get(did, ""), "latitude": "", "longitude": "",
                                      "location_source_id": ""})
        if r["deposit"] not in d["name_variants"] and r["deposit"] != d["name"]:
            d["name_variants"].append(r["deposit"])
        if r["oblast"] and not d["oblast"]:
            d["oblast"] = r["oblast"]
        if r["approx_lat"] and not d["latitude"]:
            d["latitude"], d["longitude"], d["location_source_id"] = r["approx_lat"], r["approx_lon"], sid
        commodity = COMMODITY.get(r["commodity"], r["commodity"])
        if commodity not in MATERIALS:
            raise SystemExit(f"unknown commodity {r['commodity']!r} in {path}")
        category = r["resource_category"]
        bound = "lower" if "LOWER bound" in category else "upper" if "UPPER bound" in category else "point"
        figures.append({"figure_id": f"{did}-{len([f for f in figures if f['deposit_id'] == did]) + 1:02d}",
                        "deposit_id": did, "part": part, "material_id": commodity, "commodity_label": r["commodity"], "deposit_type": r["deposit_type"],
                        "ore_tonnes": r["resource_tonnes_ore"], "grade": r["grade_value"], "grade_unit": r["grade_unit"],
                        "contained_tonnes": r["contained_tonnes"], "contained_basis": r["contained_basis"], "bound": bound,
                        "resource_category": category, "development_status": r["development_status"],
                        "licence_holder": r["licence_holder"], "note": r["notes"], "source_id": sid})
        if r["control_status"]:
            status = CONTROL[r["control_status"]]
            control.append({"deposit_id": did, "as_of": r["control_status_date"], "status": status,
                            "reported_as": r["control_status"], "material_id": commodity, "source_id": sid})
# One report row per (deposit, date, source): co-product rows repeat the same statement.
unique_control = OrderedDict()
for c in control:
    unique_control.setdefault((c["deposit_id"], c["as_of"], c["source_id"], c["status"]), c)
control = [dict(c, report_id=f"{c['deposit_id']}-{i + 1:02d}") for i, c in enumerate(unique_control.values())]
for i, c in enumerate(control):
    c["report_id"] = f"{c['deposit_id']}-{sum(1 for x in control[:i] if x['deposit_id'] == c['deposit_id']) + 1:02d}"

# ---------------------------------------------------------------- events
events = []
for i, r in enumerate(read("ukraine/context_events.csv")):
    events.append({"event_id": f"E{i + 1:03d}", "date": r["date"], "event": r["event"], "materials": r["materials"],
                   "actors": r["actors"], "note": r["notes"], "source_id": source_ids(r["source_url"])})

# ---------------------------------------------------------------- benchmarks
benchmarks = [dict(r, source_id=source_ids(r["source_url"])) for r in read("crma/crma_benchmarks.csv")]

# ---------------------------------------------------------------- commodity map (HS/CN codes and product names)
HS_MATERIAL = {"lithium": "lithium", "titanium": "titanium-metal", "graphite": "graphite", "manganese": "manganese",
               "gallium": "gallium", "hafnium": "hafnium", "scandium": "scandium",
               "rare earth elements": "rare-earth-elements", "rare earth elements (magnets)": "rare-earth-magnet-elements",
               "rare earth elements (magnets: Nd, Pr, Dy, Sm)": "rare-earth-magnet-elements",
               "permanent magnets (non-REE)": "", "rare earth elements (LREE: Ce, La)": "light-rare-earth-elements",
               "rare earth elements (LREE: Pr, Nd, Sm)": "light-rare-earth-elements",
               "rare earth elements (HREE: Gd, Tb, Dy)": "heavy-rare-earth-elements",
               "rare earth elements (HREE: Eu, Ho, Er, Tm, Yb, Lu, Y)": "heavy-rare-earth-elements",
               "rare earth elements (LREE: Ce)": "light-rare-earth-elements",
               "rare earth elements (LREE: La)": "light-rare-earth-elements",
               "rare earth elements (LREE: Pr, Nd, Sm)": "light-rare-earth-elements"}
HS_STAGE = {"ore/concentrate": "extraction", "intermediate/chemical": "processing", "refined metal": "metal",
            "product": "product", "waste/scrap": "recycling"}
commodity_map = []
for r in read("crma/hs_codes.csv"):
    mid = HS_MATERIAL[r["material"]]
    if mid == "" or (r["material"] == "titanium" and r["processing_stage"] == "ore/concentrate"):
        pass
    if r["material"] == "titanium" and r["processing_stage"] == "ore/concentrate":
        mid = "titanium"
    commodity_map.append({"commodity": f"HS {r['hs_code']}", "code_system": "CN8" if len(r["hs_code"]) == 8 else "HS",
                          "code": r["hs_code"], "description": r["description"], "material_id": mid,
                          "stage": HS_STAGE[r["processing_stage"]], "basis": "", "mapping_note": f"research file label: {r['material']} / {r['processing_stage']}",
                          "source_id": source_ids(r["source_url"])})
PRODUCT_MAP = [
    ("lithium-mine", "lithium", "extraction", "t Li", "USGS MCS lithium: mine production, lithium content"),
    ("rare-earths-mine", "rare-earth-elements", "extraction", "t REO", "USGS MCS rare earths: mine production, rare-earth-oxide equivalent"),
    ("titanium-sponge", "titanium-metal", "metal", "t Ti sponge", "USGS MCS titanium: sponge metal production, gross weight"),
    ("ilmenite", "titanium", "extraction", "kt TiO2", "USGS MCS titanium mineral concentrates: ilmenite, TiO2 content"),
    ("rutile", "titanium", "extraction", "kt TiO2", "USGS MCS titanium mineral concentrates: rutile, TiO2 content"),
]
for commodity, mid, stage, basis, description in PRODUCT_MAP:
    commodity_map.append({"commodity": commodity, "code_system": "product", "code": commodity, "description": description,
                          "material_id": mid, "stage": stage, "basis": basis,
                          "mapping_note": "crma product code used in production_reserves.csv",
                          "source_id": next(r["source_id"] for r in production if r["product"] == commodity)})

# Product names used in ukraine_output.csv: crma's classification of each name (material and
# stage), with the source of the first row that uses the name.
NAME_STAGE = [
    ("TiO2 pigment", "titanium", "product"), ("titanium sponge", "titanium-metal", "metal"),
    ("titanium slag", "titanium", "processing"), ("zircon", "zirconium", "extraction"),
    ("zirconium mineral", "zirconium", "extraction"), ("lithium mine", "lithium", "extraction"),
    ("REE mine", "rare-earth-elements", "extraction"), ("scandium", "scandium", "processing"),
    ("ilmenite", "titanium", "extraction"), ("rutile", "titanium", "extraction"), ("titanium", "titanium", "extraction"),
]
for row in ukraine_output:
    name = row["product"]
    if any(c["commodity"] == name for c in commodity_map):
        continue
    mid, stage = next((m, st) for prefix, m, st in NAME_STAGE if name.startswith(prefix))
    commodity_map.append({"commodity": name, "code_system": "name", "code": slug(name)[:60], "description": f"product name as used in ukraine_output.csv",
                          "material_id": mid, "stage": stage, "basis": "", "mapping_note": "crma classification of the source's product name",
                          "source_id": row["source_id"]})

# Hypothetical Ukrainian supply: each scenario sets Ukraine's figure for one product and year to a
# sourced quantity (a past output or an announced capacity) and recomputes shares.
scenarios = [
    {"scenario_id": "SC01", "label": "ZTMC back at its 2012 titanium sponge output", "material_id": "titanium-metal",
     "stage": "metal", "product": "titanium-sponge", "base_edition": "MCS 2026", "base_year": "2025", "quantity": "10300",
     "unit": "t", "rationale": "Group DF press release: the Zaporizhzhia Titanium-Magnesium Combine produced 10.3 kt of titanium sponge in 2012 (ukraine_output UO005).",
     "source_id": "groupdf-press-center-group-df"},
    {"scenario_id": "SC02", "label": "Ukrainian titanium sponge at the 2020 level NADPU reports", "material_id": "titanium-metal",
     "stage": "metal", "product": "titanium-sponge", "base_edition": "MCS 2026", "base_year": "2025", "quantity": "6000",
     "unit": "t", "rationale": "NADPU via Geonews: Ukraine produced 6 kt of sponge in 2020 (ukraine_output UO008); USGS lists Ukraine at zero.",
     "source_id": "geonews-chi-e-v-ukraini"},
    {"scenario_id": "SC03", "label": "Ukrainian ilmenite at its 2024 level as revised by USGS", "material_id": "titanium",
     "stage": "extraction", "product": "ilmenite", "base_edition": "MCS 2026", "base_year": "2025", "quantity": "286",
     "unit": "kt TiO2", "rationale": "USGS MCS 2026 revised Ukraine's 2024 ilmenite production to 286 kt TiO2 (production_reserves); the 2025 estimate is 200.",
     "source_id": "cmm-mcs2026-sample"},
]
write("scenarios.csv", ["scenario_id", "label", "material_id", "stage", "product", "base_edition", "base_year", "quantity",
                        "unit", "rationale", "source_id"], scenarios)

for m in MATERIALS.values():
    m.setdefault("crma_category", "not-listed")

# ---------------------------------------------------------------- write
write("materials.csv", ["material_id", "name", "crma_category", "annex_i_entry", "annex_ii_entry", "grade_qualifier",
                        "member_elements", "part_of", "note", "source_id", "source_id_2"], MATERIALS.values())
write("criticality.csv", ["material_id", "material_label", "assessment_year", "stage", "economic_importance", "supply_risk",
                          "import_reliance_pct", "eol_rir_pct", "main_global_supplier", "main_global_supplier_share_pct",
                          "main_eu_sourcing_country", "main_eu_sourcing_share_pct", "source_id", "source_id_2",
                          "source_id_3"], criticality)
write("criticality_history.csv", ["material_id", "material_label", "assessment_year", "supply_risk", "economic_importance",
                                  "source_id"], history)
write("supply_shares.csv", ["assessment_year", "scope", "material_id", "material_label", "stage", "country", "share_pct",
                            "share_below", "trade_t", "source_id"], shares)
write("production_reserves.csv", ["edition", "product", "country", "year", "measure", "value", "unit", "flag", "qualifier",
                                  "note", "source_id", "original_url"], production)
write("ukraine_output.csv", ["output_id", "year", "material_id", "product", "measure", "bound", "quantity", "unit", "basis", "period",
                             "scope", "flag", "note", "source_id", "original_url"], ukraine_output)
for d in deposits.values():
    d["name_variants"] = ";".join(d["name_variants"])
write("deposits.csv", ["deposit_id", "name", "name_variants", "oblast", "part_of", "latitude", "longitude",
                       "location_source_id"], deposits.values())
write("deposit_figures.csv", ["figure_id", "deposit_id", "part", "material_id", "commodity_label", "deposit_type", "ore_tonnes", "grade",
                              "grade_unit", "contained_tonnes", "contained_basis", "bound", "resource_category",
                              "development_status", "licence_holder", "note", "source_id"], figures)
write("deposit_control.csv", ["report_id", "deposit_id", "as_of", "status", "reported_as", "material_id", "source_id"], control)
write("events.csv", ["event_id", "date", "event", "materials", "actors", "note", "source_id"], events)
write("benchmarks.csv", ["benchmark_id", "description", "value", "unit", "applies_to", "source_id"], benchmarks)
write("commodity_map.csv", ["commodity", "code_system", "code", "description", "material_id", "stage", "basis",
                            "mapping_note", "source_id"], commodity_map)
for c in COUNTRIES.values():
    c["name_variants"] = ";".join(sorted(set(c["variants"])))
    c["source_id"] = ISO_SOURCE
write("countries.csv", ["iso3", "iso2", "name", "name_variants", "kind", "eu_member", "source_id"], COUNTRIES.values())
TERMS = {
    "U.S. Geological Survey": "USGS information products are US Government works in the public domain",
    "European Union": "CC BY 4.0 (mirror); EUR-Lex reuse under Commission Decision 2011/833/EU",
    "European Commission": "CC BY 4.0 (transcription); the Commission study is reusable under Commission Decision 2011/833/EU",
}
for s in SOURCES.values():
    s["terms"] = TERMS.get(s["publisher"], "")
extra = [
    {"source_id": ISO_SOURCE, "publisher": "Debian iso-codes project", "title": "ISO 3166-1 country codes (iso_3166-1.json)",
     "edition": "4.15.0", "url": "https://salsa.debian.org/iso-codes-team/iso-codes", "accessed": TRANSCRIBED,
     "transcribed": TRANSCRIBED, "terms": "LGPL-2.1-or-later", "confidence": "high",
     "note": "Read from the Debian package iso-codes 4.15.0-1 on the build machine; XKX, WLD, EUU, XOT and XNE are user-assigned codes added by crma."},
    {"source_id": "ciaaw-atomic-weights-2021", "publisher": "IUPAC Commission on Isotopic Abundances and Atomic Weights",
     "title": "Standard atomic weights (abridged, conventional values)", "edition": "2021",
     "url": "https://www.ciaaw.org/atomic-weights.htm", "accessed": "", "transcribed": TRANSCRIBED, "terms": "",
     "confidence": "high", "note": "Used only to derive stoichiometric conversion factors (see conversions.csv)."},
]
write("sources.csv", ["source_id", "publisher", "title", "edition", "url", "accessed", "transcribed", "terms",
                      "confidence", "note"], list(SOURCES.values()) + extra)

# Stoichiometric conversion factors from standard atomic weights (conventional values).
WEIGHTS = {"Li": 6.94, "O": 15.999, "C": 12.011, "Ti": 47.867}
li2o = 2 * WEIGHTS["Li"] + WEIGHTS["O"]
lce = 2 * WEIGHTS["Li"] + WEIGHTS["C"] + 3 * WEIGHTS["O"]
tio2 = WEIGHTS["Ti"] + 2 * WEIGHTS["O"]
conversions = [
    ("Li", "Li2O", li2o / (2 * WEIGHTS["Li"]), "M(Li2O) / 2 M(Li) = (2×6.94 + 15.999) / (2×6.94)"),
    ("Li", "LCE", lce / (2 * WEIGHTS["Li"]), "M(Li2CO3) / 2 M(Li) = (2×6.94 + 12.011 + 3×15.999) / (2×6.94)"),
    ("Li2O", "LCE", lce / li2o, "M(Li2CO3) / M(Li2O)"),
    ("TiO2", "Ti", WEIGHTS["Ti"] / tio2, "M(Ti) / M(TiO2) = 47.867 / (47.867 + 2×15.999)"),
]
write("conversions.csv", ["from_basis", "to_basis", "factor", "derivation", "source_id"],
      [{"from_basis": a, "to_basis": b, "factor": f"{f:.6g}", "derivation": d,
        "source_id": "ciaaw-atomic-weights-2021"} for a, b, f, d in conversions])
print(f"materials {len(MATERIALS)}, criticality {len(criticality)}, history {len(history)}, shares {len(shares)}, "
      f"production {len(production)}, ukraine_output {len(ukraine_output)}, deposits {len(deposits)}, "
      f"figures {len(figures)}, control {len(control)}, events {len(events)}, sources {len(SOURCES)}")
