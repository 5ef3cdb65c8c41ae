#!/usr/bin/env python3
"""Generate the state knowledge files from pycountry (ISO 3166-1 and 3166-3), Babel's CLDR
French territory names, and the hand-written table ``tools/states_table.txt`` (adjectives,
demonyms, capitals, historical names, in English and French).

    python tools/make_states.py     # writes dyadline/kb/data/states.json, lang/{en,fr}/states.json

The runtime package only reads the JSON; this script documents where it came from.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent

# years of existence where a code's meaning depends on the date (successions, partitions)
YEARS = {
    "SUN": (1922, 1991), "RUS": (1991, None), "YUG": (1918, 1992), "SCG": (1992, 2006),
    "SRB": (2006, None), "MNE": (2006, None), "CSK": (1918, 1992), "CZE": (1993, None),
    "SVK": (1993, None), "DDR": (1949, 1990), "DEU": (1949, None), "VDR": (1945, 1976),
    "RVN": (1955, 1975), "VNM": (1976, None), "YMD": (1967, 1990), "YEM": (1990, None),
    "PAK": (1947, None), "IND": (1947, None), "BGD": (1971, None), "BRI": (1858, 1947),
    "ISR": (1948, None), "OTT": (1299, 1922), "TUR": (1923, None), "HRV": (1991, None),
    "SVN": (1991, None), "BIH": (1992, None), "MKD": (1991, None), "UKR": (1991, None),
    "BLR": (1991, None), "KAZ": (1991, None), "UZB": (1991, None), "TKM": (1991, None),
    "KGZ": (1991, None), "TJK": (1991, None), "ARM": (1991, None), "AZE": (1991, None),
    "GEO": (1991, None), "MDA": (1991, None), "EST": (1991, None), "LVA": (1991, None),
    "LTU": (1991, None), "ERI": (1993, None), "SSD": (2011, None), "TLS": (2002, None),
    "NAM": (1990, None), "ZWE": (1980, None), "PSE": (1988, None), "KOR": (1948, None),
    "PRK": (1948, None), "CHN": (1949, None), "TWN": (1949, None),
}
SUCCESSION = {  # predecessor -> successors
    "SUN": ["RUS", "UKR", "BLR", "KAZ", "UZB", "TKM", "KGZ", "TJK", "ARM", "AZE", "GEO", "MDA", "EST", "LVA", "LTU"],
    "YUG": ["SCG", "HRV", "SVN", "BIH", "MKD"], "SCG": ["SRB", "MNE"], "CSK": ["CZE", "SVK"],
    "DDR": ["DEU"], "VDR": ["VNM"], "RVN": ["VNM"], "YMD": ["YEM"], "BRI": ["IND", "PAK"],
    "PAK": ["BGD"], "OTT": ["TUR"],
}
COW = {  # Correlates of War state numbers and abbreviations (states we are sure of)
    "USA": (2, "USA"), "CAN": (20, "CAN"), "CUB": (40, "CUB"), "MEX": (70, "MEX"), "BRA": (140, "BRA"),
    "CHL": (155, "CHL"), "ARG": (160, "ARG"), "GBR": (200, "UKG"), "FRA": (220, "FRN"),
    "DEU": (255, "GMY"), "DDR": (265, "GDR"), "POL": (290, "POL"), "ITA": (325, "ITA"),
    "SUN": (365, "RUS"), "RUS": (365, "RUS"), "IRN": (630, "IRN"), "TUR": (640, "TUR"),
    "IRQ": (645, "IRQ"), "EGY": (651, "EGY"), "SYR": (652, "SYR"), "ISR": (666, "ISR"),
    "SAU": (670, "SAU"), "AFG": (700, "AFG"), "CHN": (710, "CHN"), "PRK": (731, "PRK"),
    "KOR": (732, "ROK"), "JPN": (740, "JPN"), "IND": (750, "IND"), "PAK": (770, "PAK"),
    "BGD": (771, "BNG"), "VNM": (816, "DRV"), "VDR": (816, "DRV"), "RVN": (817, "RVN"),
}
HISTORIC = {"SUN": "Soviet Union", "YUG": "Yugoslavia", "CSK": "Czechoslovakia", "DDR": "East Germany",
            "VDR": "North Vietnam", "YMD": "South Yemen", "SCG": "Serbia and Montenegro"}
EXTRA = {"BRI": "British India", "OTT": "Ottoman Empire", "RVN": "South Vietnam", "XKX": "Kosovo"}
ENGLISH_NAME = {"COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
                "PRK": "North Korea", "KOR": "South Korea", "GBR": "United Kingdom",
                "USA": "United States", "RUS": "Russia", "IRN": "Iran", "SYR": "Syria",
                "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela",
                "TZA": "Tanzania", "MDA": "Moldova", "TWN": "Taiwan", "PSE": "Palestine",
                "FSM": "Micronesia", "VAT": "Vatican City", "CZE": "Czech Republic",
                "MKD": "North Macedonia", "TUR": "Turkey", "CIV": "Ivory Coast"}
SKIP_FORMS = {"Congo", "Georgia", "Guinea", "Dominica", "Jersey", "Chad"}  # too ambiguous alone in English


def table() -> dict[str, dict]:
    rows = {}
    for line in (ROOT / "tools" / "states_table.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("|")
        f += [""] * (10 - len(f))
        split = lambda s: [x.strip() for x in s.split(";") if x.strip()]  # noqa: E731
        rows[f[0]] = {"en_adj": split(f[1]), "en_dem": split(f[2]), "fr_m": split(f[3]),
                      "fr_f": split(f[4]), "fr_dem": split(f[5]), "cap_en": split(f[6]),
                      "cap_fr": split(f[7]), "en_names": split(f[8]), "fr_names": split(f[9])}
    return rows


def plural(word: str) -> str:
    if word.endswith(("s", "x")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    return word + "s"


def clean(name: str) -> list[str]:
    out = []
    for part in re.split(r"\s*\(|\)", name):
        part = part.strip(" ,")
        if part and "," not in part:
            out.append(part)
    return out


def main() -> None:
    fr_loc = Locale("fr")
    rows = table()
    states, en_out, fr_out = [], {}, {}
    entries = [(c.alpha_3, c) for c in pycountry.countries]
    entries += [(code, None) for code in list(HISTORIC) + list(EXTRA)]
    for code, c in sorted(entries, key=lambda e: e[0]):
        t = rows.get(code, {})
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
        start, end = YEARS.get(code, (None, None))
        if code in HISTORIC and code not in YEARS:
            start, end = None, None
        cow = COW.get(code, (None, None))
        preds = [p for p, succ in SUCCESSION.items() if code in succ]
        states.append({"code": code, "name": name, "iso2": getattr(c, "alpha_2", None),
                       "cow": cow[0], "cow_abbr": cow[1], "start": start, "end": end,
                       "predecessors": preds, "successors": SUCCESSION.get(code, []),
                       "capitals": [{"name": n} for n in t.get("cap_en", [])]})
        fr_adj = []
        for m_ in t.get("fr_m", []):
            fr_adj += [m_, plural(m_)]
        for f_ in t.get("fr_f", []):
            fr_adj += [f_, plural(f_)]
        en_out[code] = {"names": en_names, "adjectives": t.get("en_adj", []),
                        "demonyms": t.get("en_dem", []), "capitals": t.get("cap_en", []),
                        "prefixes": []}
        fr_out[code] = {"names": list(dict.fromkeys(fr_names)) or [name],
                        "adjectives": list(dict.fromkeys(a.lower() for a in fr_adj)),
                        "demonyms": t.get("fr_dem", []), "capitals": t.get("cap_fr", []),
                        "prefixes": []}
    for code, en_p, fr_p in PREFIXES:
        en_out[code]["prefixes"] = en_p
        fr_out[code]["prefixes"] = fr_p
    _dedupe(en_out)
    _dedupe(fr_out)
    out = ROOT / "dyadline"
    (out / "kb" / "data" / "states.json").write_text(json.dumps(states, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "lang" / "en" / "states.json").write_text(json.dumps(en_out, ensure_ascii=False, indent=1), encoding="utf-8")
    (out / "lang" / "fr" / "states.json").write_text(json.dumps(fr_out, ensure_ascii=False, indent=1), encoding="utf-8")


# combining forms in compounds ("Sino-Indian", "soviéto-pakistanais")
PREFIXES = [
    ("CHN", ["Sino-"], ["sino-"]), ("IND", ["Indo-"], ["indo-"]), ("GBR", ["Anglo-"], ["anglo-"]),
    ("FRA", ["Franco-"], ["franco-"]), ("SUN", ["Soviet-", "Russo-"], ["soviéto-", "russo-"]),
    ("RUS", ["Russo-"], ["russo-"]), ("PAK", ["Pakistani-", "Pakistano-"], ["pakistano-"]),
    ("USA", ["American-", "US-", "U.S.-"], ["américano-"]), ("DEU", ["German-", "Germano-"], ["germano-"]),
    ("JPN", ["Japanese-", "Japano-", "Nippo-"], ["nippo-", "japono-"]), ("ITA", ["Italo-"], ["italo-"]),
    ("ESP", ["Hispano-", "Spanish-"], ["hispano-"]), ("PRT", ["Luso-"], ["luso-"]),
    ("GRC", ["Greco-", "Graeco-"], ["gréco-"]), ("TUR", ["Turco-", "Turkish-"], ["turco-"]),
    ("IRN", ["Irano-", "Iranian-"], ["irano-"]), ("IRQ", ["Iraqi-"], ["irako-"]),
    ("ISR", ["Israeli-"], ["israélo-"]), ("EGY", ["Egyptian-", "Egypto-"], ["égypto-"]),
    ("SYR", ["Syrian-", "Syro-"], ["syro-"]), ("AFG", ["Afghan-"], ["afghano-"]),
    ("BGD", ["Bangladeshi-"], ["bangladais-"]), ("POL", ["Polish-", "Polono-"], ["polono-"]),
    ("VNM", ["Vietnamese-"], ["vietnamo-"]), ("KOR", ["Korean-"], []), ("CAN", ["Canadian-"], ["canado-"]),
    ("AUS", ["Australian-"], ["australo-"]), ("BEL", ["Belgian-", "Belgo-"], ["belgo-"]),
    ("ARG", ["Argentine-"], ["argentino-"]), ("BRA", ["Brazilian-"], ["brésilo-"]),
    ("MEX", ["Mexican-"], ["mexicano-"]), ("CUB", ["Cuban-"], ["cubano-"]), ("SAU", ["Saudi-"], ["saoudo-"]),
    ("DZA", ["Algerian-"], ["algéro-"]), ("MAR", ["Moroccan-"], ["marocco-"]), ("TUN", ["Tunisian-"], ["tuniso-"]),
    ("ETH", ["Ethiopian-"], ["éthiopo-"]), ("ERI", ["Eritrean-"], ["érythréo-"]),
    ("UKR", ["Ukrainian-"], ["ukraino-"]), ("CZE", ["Czech-"], ["tchéco-"]),
]


def _dedupe(lang_forms: dict) -> None:
    """A surface form under two codes is kept only where the software can choose by date
    (a state and its successor); otherwise it is dropped from the less specific entry."""
    owners: dict[str, list[str]] = {}
    for code, forms in lang_forms.items():
        for key in ("names", "adjectives", "demonyms", "capitals"):
            for f in forms[key]:
                owners.setdefault(f.lower(), []).append(code)
    allowed = {frozenset(p) for p in (("SUN", "RUS"), ("DEU", "DDR"), ("YUG", "SCG"), ("VNM", "VDR"))}
    for form, codes in owners.items():
        codes = sorted(set(codes))
        if len(codes) < 2 or frozenset(codes) in allowed:
            continue
        keep = codes[0]
        for code in codes[1:]:
            for key in ("names", "adjectives", "demonyms", "capitals"):
                lang_forms[code][key] = [f for f in lang_forms[code][key] if f.lower() != form or code == keep]


if __name__ == "__main__":
    main()
