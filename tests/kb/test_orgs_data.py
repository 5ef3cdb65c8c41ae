"""Schema tests for the organisation and group data: kb/data/orgs.json and, per language,
lang/<lang>/{orgs,groups,named_groups}.json. Plain json only, no pipeline."""
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "dyadline"
KB_DIR = PKG / "kb" / "data"
LANG_DIR = PKG / "lang"
LANGS = ["en", "fr"]

ORG_TYPES = {"un_organ", "alliance", "economic", "regional", "political", "judicial", "financial", "other"}
ROLES = {"GOV", "MIL", "COP", "SPY", "REB", "OPP", "REF"}
HISTORICAL_STATES = {"SUN", "YUG", "CSK", "DDR", "SCG", "YMD", "VDR"}
# ISO 3166-1 alpha-3 codes (2024), so that the tests need no states.json
ISO_ALPHA3 = set((
    "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN "
    "BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN "
    "CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU "
    "DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR "
    "GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV "
    "HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM "
    "KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA "
    "MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM "
    "NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL "
    "PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE "
    "SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK "
    "TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB "
    "VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE"
).split())
STATE_CODES = ISO_ALPHA3 | HISTORICAL_STATES
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
STATE_RE = re.compile(r"^[A-Z]{3}$")
GROUP_CODE_RE = re.compile(r"^[A-Z]{3}-[A-Z0-9]{2,8}$")
FR_ARTICLE_RE = re.compile(r"^(l'|l’|le |la |les )", re.IGNORECASE)
EN_ARTICLE_RE = re.compile(r"^the ", re.IGNORECASE)
# acronyms that read as a common word or another body's sigle; they may only be "ambiguous_acronyms"
RISKY_ACRONYMS = {"en": {"AU", "EC", "ICC", "WHO", "CAN", "NAM", "BIS", "AMU", "PCA", "AES", "IS", "IT", "US"},
                  "fr": {"UA", "CE", "CPI", "CAN", "SDN", "BRI", "CPA", "AES", "EI", "OMPI"}}


def load_kb(name):
    with open(KB_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def load_lang(lang, name):
    with open(LANG_DIR / lang / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def entries(data):
    return {k: v for k, v in data.items() if not k.startswith("_")}


def state_codes():
    """ISO and historical codes, plus those of kb/data/states.json when it exists."""
    codes = set(STATE_CODES)
    path = KB_DIR / "states.json"
    if path.exists():
        with open(path, encoding="utf-8") as f:
            codes |= {s["code"] for s in json.load(f)}
    return codes


ORGS = load_kb("orgs.json")
BY_CODE = {o["code"]: o for o in ORGS}


# -- kb/data/orgs.json -------------------------------------------------------------------
def test_orgs_is_a_list_sorted_by_unique_code():
    assert isinstance(ORGS, list) and len(ORGS) >= 80
    codes = [o["code"] for o in ORGS]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))


def test_org_codes_are_not_state_codes():
    """Organisations and states share one code space in the knowledge base."""
    clash = {o["code"] for o in ORGS} & state_codes()
    assert not clash, clash


@pytest.mark.parametrize("org", ORGS, ids=lambda o: o["code"])
def test_org_record_schema(org):
    required = {"code", "name", "type", "start", "end", "predecessors", "successors", "members"}
    assert required <= set(org), required - set(org)
    assert set(org) <= required | {"joined", "left", "coded_as"}, set(org) - required
    if "coded_as" in org:                 # an organ or agency coded as its organisation
        assert org["coded_as"] in {o["code"] for o in ORGS} and org["coded_as"] != org["code"]
    assert CODE_RE.match(org["code"]), org["code"]
    assert isinstance(org["name"], str) and org["name"].strip() == org["name"] != ""
    assert org["type"] in ORG_TYPES
    assert isinstance(org["start"], int) and 1800 < org["start"] < 2100
    assert org["end"] is None or (isinstance(org["end"], int) and org["start"] <= org["end"] < 2100)
    for key in ("predecessors", "successors", "members"):
        assert isinstance(org[key], list)
        assert len(org[key]) == len(set(org[key])), key


@pytest.mark.parametrize("org", ORGS, ids=lambda o: o["code"])
def test_members_are_state_codes_with_consistent_years(org):
    members = org["members"]
    assert members == sorted(members)
    for m in members:
        assert STATE_RE.match(m), m
        assert m not in BY_CODE, f"{m} is an organisation code"
    assert set(members) <= state_codes(), set(members) - state_codes()
    last = org["end"] if org["end"] is not None else 2100
    for key in ("joined", "left"):
        years = org.get(key, {})
        assert isinstance(years, dict)
        assert set(years) <= set(members), (key, set(years) - set(members))
        for code, year in years.items():
            assert isinstance(year, int) and org["start"] <= year <= last, (key, code, year)
    for code, year in org.get("left", {}).items():
        assert year >= org.get("joined", {}).get(code, org["start"]), code


@pytest.mark.parametrize("org", ORGS, ids=lambda o: o["code"])
def test_successions_refer_to_known_codes_both_ways(org):
    code = org["code"]
    for p in org["predecessors"]:
        assert p in BY_CODE and p != code, p
        assert code in BY_CODE[p]["successors"], f"{p} does not list {code} as successor"
        assert BY_CODE[p]["start"] <= org["start"] and BY_CODE[p]["end"] is not None
    for s in org["successors"]:
        assert s in BY_CODE and s != code, s
        assert code in BY_CODE[s]["predecessors"], f"{s} does not list {code} as predecessor"


def test_key_alliances_list_their_members():
    for code in ("NATO", "WARSAW_PACT", "SEATO", "CENTO", "BAGHDAD_PACT", "ANZUS", "SAARC", "ASEAN", "GCC",
                 "SCO", "CSTO", "ARAB_LEAGUE"):
        assert BY_CODE[code]["members"], code
    assert BY_CODE["UN"]["members"] == []
    assert BY_CODE["CENTO"]["predecessors"] == ["BAGHDAD_PACT"]


# -- lang/<lang>/orgs.json -------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_language_orgs_have_the_same_codes_as_the_kb(lang):
    codes = set(entries(load_lang(lang, "orgs")))
    assert codes == set(BY_CODE), codes ^ set(BY_CODE)


def _check_forms(forms, lang, where):
    assert isinstance(forms, list), where
    assert len(forms) == len(set(forms)), (where, forms)
    for t in forms:
        assert isinstance(t, str) and t and t == t.strip() and "  " not in t, (where, t)
        assert not (EN_ARTICLE_RE if lang == "en" else FR_ARTICLE_RE).match(t), (where, t)


@pytest.mark.parametrize("lang", LANGS)
def test_language_org_entry_schema(lang):
    for code, e in entries(load_lang(lang, "orgs")).items():
        assert set(e) <= {"names", "acronyms", "ambiguous_acronyms"}, (code, set(e))
        assert e["names"], code
        for key in ("names", "acronyms", "ambiguous_acronyms"):
            _check_forms(e.get(key, []), lang, (code, key))
        assert not set(e["acronyms"]) & set(e.get("ambiguous_acronyms", [])), code
        for a in e["acronyms"]:
            assert a not in RISKY_ACRONYMS[lang], (code, a)
            assert a not in state_codes(), (code, a)


def test_english_names_include_the_kb_name_or_acronym():
    en = entries(load_lang("en", "orgs"))
    for code, org in BY_CODE.items():
        assert org["name"] in en[code]["names"] + en[code]["acronyms"], code


# -- lang/<lang>/named_groups.json ------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_named_groups_schema(lang):
    data = entries(load_lang(lang, "named_groups"))
    assert len(data) >= 30
    states = state_codes()
    for code, e in data.items():
        assert GROUP_CODE_RE.match(code), code
        assert code.split("-")[1] not in ROLES, f"{code}: a named group must not use a generic role tag"
        assert code.split("-")[0] in states, code
        assert set(e) == {"names"}, code
        assert e["names"], code
        _check_forms(e["names"], lang, code)


def test_named_groups_have_the_same_codes_in_every_language():
    codes = {lang: set(entries(load_lang(lang, "named_groups"))) for lang in LANGS}
    assert codes["en"] == codes["fr"], codes["en"] ^ codes["fr"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_surface_form_under_two_codes(lang):
    seen = defaultdict(set)
    for code, e in entries(load_lang(lang, "orgs")).items():
        for t in e["names"] + e["acronyms"]:
            seen[t].add(code)
    for code, e in entries(load_lang(lang, "named_groups")).items():
        for t in e["names"]:
            seen[t].add(code)
    clashes = {t: sorted(c) for t, c in seen.items() if len(c) > 1}
    assert not clashes, clashes


# -- lang/<lang>/groups.json ------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_group_roles_are_the_closed_list(lang):
    data = load_lang(lang, "groups")
    assert isinstance(data.get("_doc"), str) and data["_doc"]
    assert set(entries(data)) == ROLES


@pytest.mark.parametrize("lang", LANGS)
def test_group_nouns_are_unique_across_roles(lang):
    seen = {}
    for role, nouns in entries(load_lang(lang, "groups")).items():
        assert nouns, role
        _check_forms(nouns, lang, role)
        for n in nouns:
            assert n.lower() not in seen, (n, seen.get(n.lower()), role)
            seen[n.lower()] = role


@pytest.mark.parametrize("lang", LANGS)
def test_group_phrases_do_not_end_in_a_noun_of_another_role(lang):
    """'rebel forces' would be overridden by a MIL 'forces' match on the same head noun. State
    organs (GOV, MIL, COP, SPY) all resolve to the bare state code, so they may nest."""
    kind = {"GOV": "STATE", "MIL": "STATE", "COP": "STATE", "SPY": "STATE"}
    role_of = {n.lower(): kind.get(r, r) for r, ns in entries(load_lang(lang, "groups")).items() for n in ns}
    for noun, role in role_of.items():
        words = noun.split()
        for i in range(1, len(words)):
            tail = " ".join(words[i:])
            if lang == "en":  # English heads are last; French heads are first
                assert role_of.get(tail, role) == role, (noun, tail)
        if lang == "fr" and len(words) > 1:
            assert role_of.get(words[0], role) == role, (noun, words[0])
