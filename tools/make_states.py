#!/usr/bin/env python3
"""Generate the state knowledge files from pycountry (ISO 3166-1 and 3166-3), Babel's CLDR
French territory names, the Correlates of War state list and the hand-written tables of
``tools/``:

- ``states_table.txt``: adjectives, demonyms, alternative names, combining forms (en, fr);
- ``state_places.txt``: capitals and seats of government with their years;
- ``state_years.txt``: years of existence, predecessors, successors;
- ``state_names_dated.txt``: forms that mean another code in some years ("Russia", 1922-1991);
- ``cow_states2016.csv``: the Correlates of War state system membership list, v2016.

    python tools/make_states.py     # writes dyadline/kb/data/states.json, lang/{en,fr}/states.json

The runtime package only reads the JSON; this script documents where it came from.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"

# English names of codes outside ISO 3166-1
HISTORIC = {"SUN": "Soviet Union", "YUG": "Yugoslavia", "CSK": "Czechoslovakia", "DDR": "East Germany",
            "VDR": "North Vietnam", "YMD": "South Yemen", "SCG": "Serbia and Montenegro"}
EXTRA = {"BRI": "British India", "OTT": "Ottoman Empire", "RVN": "South Vietnam", "XKX": "Kosovo",
         "AUH": "Austria-Hungary", "PRU": "Prussia", "BAV": "Bavaria", "BDN": "Baden",
         "SAX": "Saxony", "WRT": "Württemberg", "HAN": "Hanover", "HSE": "Hesse-Kassel",
         "HSG": "Hesse-Darmstadt", "MEC": "Mecklenburg-Schwerin", "PAP": "Papal States",
         "SIC": "Two Sicilies", "MOD": "Modena", "PMA": "Parma", "TUS": "Tuscany",
         "ZAN": "Zanzibar", "KRE": "Korea (Joseon and Korean Empire)", "TBT": "Tibet"}
ENGLISH_NAME = {"COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
                "PRK": "North Korea", "KOR": "South Korea", "GBR": "United Kingdom",
                "USA": "United States", "RUS": "Russia", "IRN": "Iran", "SYR": "Syria",
                "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela",
                "TZA": "Tanzania", "MDA": "Moldova", "TWN": "Taiwan", "PSE": "Palestine",
                "FSM": "Micronesia", "VAT": "Vatican City", "CZE": "Czech Republic",
                "MKD": "North Macedonia", "TUR": "Turkey", "CIV": "Ivory Coast"}
SKIP_FORMS = {"Congo", "Georgia", "Guinea", "Dominica", "Jersey", "Chad", "Korea"}  # ambiguous alone

# Correlates of War abbreviations whose code here is not the ISO code of the same name, with
# the years each code covers (a COW state can span several codes: Russia, Germany, Serbia)
COW_TO_CODE = {
    "RUS": [("RUS", None, 1922), ("SUN", 1922, 1991), ("RUS", 1991, None)],
    "GMY": [("PRU", None, 1871), ("DEU", 1871, None)], "GFR": [("DEU", None, None)],
    "GDR": [("DDR", None, None)], "CZE": [("CSK", None, None)], "CZR": [("CZE", None, None)],
    "SLO": [("SVK", None, None)], "YUG": [("SRB", None, 1918), ("YUG", 1918, 1992),
                                          ("SCG", 1992, 2006), ("SRB", 2006, None)],
    "TUR": [("OTT", None, 1923), ("TUR", 1923, None)], "DRV": [("VDR", None, 1976), ("VNM", 1976, None)],
    "RVN": [("RVN", None, None)], "YAR": [("YEM", None, None)], "YEM": [("YEM", None, None)],
    "YPR": [("YMD", None, None)], "KOR": [("KRE", None, None)], "ROK": [("KOR", None, None)],
    "TAW": [("TWN", None, None)], "AUH": [("AUH", None, None)], "AUS": [("AUT", None, None)],
    "AUL": [("AUS", None, None)], "KOS": [("XKX", None, None)], "MNG": [("MNE", None, None)],
    "MON": [("MNG", None, None)], "MAC": [("MKD", None, None)], "GRG": [("GEO", None, None)],
    "CDI": [("CIV", None, None)], "DRC": [("COD", None, None)], "CON": [("COG", None, None)],
    "SWZ": [("CHE", None, None)], "SWA": [("SWZ", None, None)], "ZAN": [("ZAN", None, None)],
    "SAL": [("SLV", None, None)], "SLV": [("SVN", None, None)], "SIN": [("SGP", None, None)],
    "INS": [("IDN", None, None)], "ETM": [("TLS", None, None)], "MYA": [("MMR", None, None)],
    "BNG": [("BGD", None, None)], "CAP": [("CPV", None, None)], "NIG": [("NGA", None, None)],
    "NIR": [("NER", None, None)], "SAF": [("ZAF", None, None)], "LIB": [("LBY", None, None)],
    "LEB": [("LBN", None, None)], "SUD": [("SDN", None, None)], "MAD": [("MDV", None, None)],
    "MAG": [("MDG", None, None)], "MAL": [("MYS", None, None)], "MAS": [("MUS", None, None)],
    "MAW": [("MWI", None, None)], "MAA": [("MRT", None, None)], "MOR": [("MAR", None, None)],
    "CAM": [("KHM", None, None)], "CAO": [("CMR", None, None)], "CEN": [("CAF", None, None)],
    "CHA": [("TCD", None, None)], "PAL": [("PLW", None, None)], "PHI": [("PHL", None, None)],
    "BFO": [("BFA", None, None)], "BUI": [("BDI", None, None)], "BUL": [("BGR", None, None)],
    "BHU": [("BTN", None, None)], "BAH": [("BHR", None, None)], "BHM": [("BHS", None, None)],
    "BAR": [("BRB", None, None)], "BOS": [("BIH", None, None)], "BOT": [("BWA", None, None)],
    "BRU": [("BRN", None, None)], "COM": [("COM", None, None)], "COS": [("CRI", None, None)],
    "CRO": [("HRV", None, None)], "DEN": [("DNK", None, None)], "EQG": [("GNQ", None, None)],
    "FIJ": [("FJI", None, None)], "GAB": [("GAB", None, None)], "GAM": [("GMB", None, None)],
    "GUA": [("GTM", None, None)], "GUI": [("GIN", None, None)], "HAI": [("HTI", None, None)],
    "HON": [("HND", None, None)], "ICE": [("ISL", None, None)], "IRE": [("IRL", None, None)],
    "KUW": [("KWT", None, None)], "KYR": [("KGZ", None, None)], "KZK": [("KAZ", None, None)],
    "LAT": [("LVA", None, None)], "LES": [("LSO", None, None)], "LIT": [("LTU", None, None)],
    "MLD": [("MDA", None, None)], "MNC": [("MCO", None, None)], "MSI": [("MHL", None, None)],
    "MZM": [("MOZ", None, None)], "NAU": [("NRU", None, None)], "NEP": [("NPL", None, None)],
    "NEW": [("NZL", None, None)], "NTH": [("NLD", None, None)], "OMA": [("OMN", None, None)],
    "PAR": [("PRY", None, None)], "POR": [("PRT", None, None)], "ROM": [("ROU", None, None)],
    "SEY": [("SYC", None, None)], "SIE": [("SLE", None, None)], "SKN": [("KNA", None, None)],
    "SLU": [("LCA", None, None)], "SNM": [("SMR", None, None)], "SOL": [("SLB", None, None)],
    "SPN": [("ESP", None, None)], "SRI": [("LKA", None, None)], "SWD": [("SWE", None, None)],
    "TAJ": [("TJK", None, None)], "TAZ": [("TZA", None, None)], "THI": [("THA", None, None)],
    "TOG": [("TGO", None, None)], "TRI": [("TTO", None, None)], "UAE": [("ARE", None, None)],
    "UKG": [("GBR", None, None)], "URU": [("URY", None, None)], "VAN": [("VUT", None, None)],
    "ZAM": [("ZMB", None, None)], "ZIM": [("ZWE", None, None)], "ALG": [("DZA", None, None)],
    "ANG": [("AGO", None, None)], "AAB": [("ATG", None, None)], "FRN": [("FRA", None, None)],
    "GRN": [("GRD", None, None)], "GRC": [("GRC", None, None)], "MLT": [("MLT", None, None)],
    "WSM": [("WSM", None, None)], "SVG": [("VCT", None, None)],
    "BAD": [("BDN", None, None)],   # Baden: not BAD, the French acronym of the African Development Bank
}


def split(s: str) -> list[str]:
    return [x.strip() for x in s.split(";") if x.strip()]


def rows(name: str, width: int) -> list[list[str]]:
    path = TOOLS / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = [x.strip() for x in line.split("|")]
        if len(f) != width:
            raise SystemExit(f"{name}: expected {width} fields: {line!r}")
        out.append(f)
    return out


def year(s: str) -> int | None:
    return int(s) if s.strip() else None


def table() -> dict[str, dict]:
    out = {}
    for f in rows("states_table.txt", 10):
        out[f[0]] = {"en_adj": split(f[1]), "en_dem": split(f[2]), "fr_m": split(f[3]),
                     "fr_f": split(f[4]), "fr_dem": split(f[5]), "en_names": split(f[6]),
                     "fr_names": split(f[7]), "en_pre": split(f[8]), "fr_pre": split(f[9])}
    return out


def places() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for code, kind, en, fr, start, end in rows("state_places.txt", 6):
        out.setdefault(code, []).append({"kind": kind, "en": split(en), "fr": split(fr),
                                         "start": year(start), "end": year(end)})
    return out


def years() -> dict[str, dict]:
    out = {}
    for code, periods, preds, succs, _note in rows("state_years.txt", 5):
        ps = []
        for p in split(periods):
            a, _, b = p.partition("-")
            ps.append([year(a), year(b)])
        out[code] = {"periods": ps, "predecessors": split(preds), "successors": split(succs)}
    return out


def dated() -> dict[tuple[str, str], list[dict]]:
    out: dict[tuple[str, str], list[dict]] = {}
    for code, lang, kind, forms, start, end in rows("state_names_dated.txt", 6):
        for text in split(forms):
            out.setdefault((code, lang), []).append(
                {"text": text, "via": kind, "start": year(start), "end": year(end)})
    return out


def cow() -> dict[str, list[dict]]:
    """COW membership periods per code here, cut where a COW state spans several codes."""
    out: dict[str, list[dict]] = {}
    with open(TOOLS / "cow_states2016.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            abbr, num = r["stateabb"], int(r["ccode"])
            start, end = int(r["styear"]), int(r["endyear"])
            end = None if end >= 2016 else end
            known = _iso(abbr) or abbr in EXTRA
            for code, lo, hi in COW_TO_CODE.get(abbr, [(abbr if known else None, None, None)]):
                if code is None:
                    raise SystemExit(f"COW {abbr} ({r['statenme']}) has no code: add it to COW_TO_CODE")
                s = max(start, lo) if lo is not None else start
                e = hi if end is None else (min(end, hi) if hi is not None else end)
                if e is not None and s > e:
                    continue
                out.setdefault(code, []).append({"cow": num, "abbr": abbr, "start": s, "end": e})
    return out


def _cow_periods(cows: list[dict]) -> list[list]:
    """Years of existence approximated by COW membership, for codes state_years.txt lacks."""
    out: list[list] = []
    for p in cows:
        if out and (out[-1][1] is None or out[-1][1] >= p["start"] - 1):
            out[-1][1] = None if out[-1][1] is None or p["end"] is None else max(out[-1][1], p["end"])
        else:
            out.append([p["start"], p["end"]])
    return out


def _iso(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def plural(word: str) -> str:
    if word.endswith(("s", "x")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    return word + "s"


def clean(name: str) -> list[str]:
    """Names in an ISO or CLDR name: "Myanmar (Birmanie)" gives both, "Cocos (Keeling)
    Islands" gives "Cocos Islands", "Iran, Islamic Republic of" nothing but what the comma
    rule keeps."""
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$", name)
    if not m:
        return [name.strip()] if "," not in name and name.strip() else []
    before, inner, after = m.groups()
    if after:   # an inner aside: drop it
        outer = f"{before} {after}".strip()
        return [outer] if "," not in outer else []
    out = [before.strip()] if before.strip() and "," not in before else []
    if inner and "," not in inner and not re.search(r"\b(of|de|du|des)$", inner):
        out.append(inner.strip())
    return out


def main() -> None:
    fr_loc = Locale("fr")
    t_all, p_all, y_all, d_all, c_all = table(), places(), years(), dated(), cow()
    states, en_out, fr_out = [], {}, {}
    entries = [(c.alpha_3, c) for c in pycountry.countries]
    entries += [(code, None) for code in list(HISTORIC) + list(EXTRA)]
    for code, c in sorted(entries, key=lambda e: e[0]):
        t = t_all.get(code, {})
        name = ENGLISH_NAME.get(code) or HISTORIC.get(code) or EXTRA.get(code) or (
            getattr(c, "common_name", None) or c.name.split(",")[0])
        en_names = [name] + t.get("en_names", [])
        if c is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    en_names += clean(v)
        fr_names = list(t.get("fr_names", []))
        if c is not None and c.alpha_2 in fr_loc.territories:
            fr_names = clean(fr_loc.territories[c.alpha_2]) + fr_names
        en_names = [n for n in dict.fromkeys(en_names) if n not in SKIP_FORMS or n == name]
        fr_names = [re.sub(r"^(le |la |les |l')", "", n, flags=re.I) for n in dict.fromkeys(fr_names)]
        fr_names += [n.replace("’", "'") for n in fr_names if "’" in n]
        en_names += [n.replace("’", "'") for n in en_names if "’" in n]
        cows = sorted(c_all.get(code, []), key=lambda p: p["start"])
        y = y_all.get(code) or {"periods": _cow_periods(cows), "predecessors": [], "successors": []}
        periods = y["periods"]
        last = cows[-1] if cows else None
        pl = p_all.get(code, [])
        states.append({
            "code": code, "name": name, "iso2": getattr(c, "alpha_2", None),
            "cow": last["cow"] if last else None, "cow_abbr": last["abbr"] if last else None,
            "cow_periods": cows, "periods": periods,
            "start": periods[0][0] if periods else None,
            "end": periods[-1][1] if periods else None,
            "predecessors": y["predecessors"], "successors": y["successors"],
            "capitals": [{"name": p["en"][0], "start": p["start"], "end": p["end"]}
                         for p in pl if p["kind"] == "capital" and p["en"]]})
        fr_adj = []
        for m_ in t.get("fr_m", []):
            fr_adj += [m_, plural(m_)]
        for f_ in t.get("fr_f", []):
            fr_adj += [f_, plural(f_)]
        for lang, out, nm, adj, dem, pre in (
                ("en", en_out, en_names, t.get("en_adj", []), t.get("en_dem", []), t.get("en_pre", [])),
                ("fr", fr_out, list(dict.fromkeys(fr_names)) or [name],
                 list(dict.fromkeys(a.lower() for a in fr_adj)), t.get("fr_dem", []), t.get("fr_pre", []))):
            out[code] = {
                "names": nm, "adjectives": adj, "demonyms": dem, "prefixes": pre,
                "capitals": [{"text": x, "start": p["start"], "end": p["end"]}
                             for p in pl if p["kind"] == "capital" for x in p[lang]],
                "seats": [{"text": x, "start": p["start"], "end": p["end"]}
                          for p in pl if p["kind"] == "seat" for x in p[lang]],
                "dated": d_all.get((code, lang), [])}
    _dedupe(en_out)
    _dedupe(fr_out)
    out = ROOT / "dyadline"
    (out / "kb" / "data" / "states.json").write_text(
        json.dumps(states, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang, data in (("en", en_out), ("fr", fr_out)):
        (out / "lang" / lang / "states.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _dedupe(lang_forms: dict) -> None:
    """An undated name, adjective or demonym under two codes cannot be resolved by its date:
    it is kept for the first code only (forms that change code with the date are listed in
    ``state_names_dated.txt`` instead)."""
    owners: dict[str, list[str]] = {}
    for code, forms in lang_forms.items():
        for key in ("names", "adjectives", "demonyms"):
            for f in forms[key]:
                owners.setdefault(f.lower(), []).append(code)
    for form, codes in owners.items():
        codes = sorted(set(codes))
        if len(codes) < 2:
            continue
        print(f"warning: {form!r} under {codes}; kept for {codes[0]}")
        for code in codes[1:]:
            for key in ("names", "adjectives", "demonyms"):
                lang_forms[code][key] = [f for f in lang_forms[code][key] if f.lower() != form]


if __name__ == "__main__":
    main()
