"""Schema tests for kb/data/state_dates.json and kb/data/memberships.json (sources and
conventions: kb/data/SOURCES_dates.md). Plain json and edtf only, no pipeline."""
import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pytest
from edtf import parse_edtf

KB_DIR = Path(__file__).resolve().parents[2] / "dyadline" / "kb" / "data"

STATE_KEYS = ["code", "founded", "founded_how", "dissolved", "dissolved_how"]
MEMBERSHIP_KEYS = ["org", "member", "joined", "left", "note"]
FOUNDED_HOW = {"independence", "unification", "creation", "proclamation", "partition",
               "secession", "revolution", "restoration"}
DISSOLVED_HOW = {"dissolution", "unification", "annexation", "partition", "conquest", "merger",
                 "renaming"}

# states.json "start" is the Correlates of War system-entry year, which for these states is
# later (or, for ITA, earlier) than the founding the file records. Each is listed in
# SOURCES_dates.md ("Disagreements with states.json").
_COW_RECOGNITION = "COW counts the state only once it met its recognition/diplomatic threshold"
_UN_ENTRY = "COW counts the state from its UN admission, years after independence"
_CENTRAL_AMERICA = ("independence of Central America from Spain (1821-09-15); separate statehood "
                    "after the federation broke up 1838-1841; COW entry later")
_DECLARED = "declared independence; COW counts the state from the transfer/recognition"
FOUNDED_YEAR_EXCEPTIONS = {
    "ALB": "independence proclaimed 1912-11-28; COW entry 1914",
    "ARG": _COW_RECOGNITION, "BOL": _COW_RECOGNITION, "CHL": _COW_RECOGNITION,
    "DOM": _COW_RECOGNITION, "ECU": _COW_RECOGNITION, "MEX": _COW_RECOGNITION,
    "PER": _COW_RECOGNITION, "URY": _COW_RECOGNITION, "VEN": _COW_RECOGNITION,
    "LBR": _COW_RECOGNITION,
    "CRI": _CENTRAL_AMERICA, "GTM": _CENTRAL_AMERICA, "HND": _CENTRAL_AMERICA,
    "NIC": _CENTRAL_AMERICA, "SLV": _CENTRAL_AMERICA,
    "AUS": "federation 1901-01-01; COW entry 1920 (League of Nations era)",
    "CAN": "confederation 1867-07-01; COW entry 1920 (League of Nations era)",
    "EGY": "unilateral independence 1922-02-28; COW re-entry 1937",
    "GRC": "London Protocol 1830-02-03; COW entry 1828",
    "ITA": "Kingdom of Italy proclaimed 1861-03-17; COW code 325 continues Sardinia from 1816",
    "SAU": "kingdom proclaimed 1932-09-23; COW entry 1927 (Treaty of Jeddah)",
    "LBN": "independence 1943-11-22; COW entry 1946 (French withdrawal)",
    "IDN": _DECLARED, "GNB": _DECLARED, "VDR": _DECLARED,
    "LTU": "restoration of independence declared 1990-03-11; COW re-entry 1991",
    "ZWE": "independence of Zimbabwe 1980-04-18; COW counts Rhodesia from its UDI (1965)",
    "FSM": _UN_ENTRY, "MHL": _UN_ENTRY, "KIR": _UN_ENTRY, "NRU": _UN_ENTRY,
    "TON": _UN_ENTRY, "TUV": _UN_ENTRY, "VUT": _UN_ENTRY, "WSM": _UN_ENTRY,
}
DISSOLVED_YEAR_EXCEPTIONS = {
    "TBT": "Seventeen Point Agreement 1951-05-23; states.json ends Tibet with the 1950 invasion",
}
# members that joined an organisation before the founding date the file gives them
JOINED_BEFORE_FOUNDED = {
    ("ARAB_LEAGUE", "SYR"): "SYR is dated from its latest founding (secession from the UAR, 1961)",
    ("ARAB_LEAGUE", "PSE"): "admitted in 1976 as the PLO, before the 1988 proclamation of the state",
    ("ARAB_LEAGUE", "JOR"): "Transjordan signed the Pact in 1945, before its independence in 1946",
    ("OPEC", "KWT"): "founding member in 1960 while still under British protection (independent 1961)",
    ("OPEC", "QAT"): "joined in 1961 while still under British protection (independent 1971)",
    ("OPEC", "ARE"): "Abu Dhabi joined in 1967; the UAE was formed in 1971 and took over the seat",
}


def load(name):
    with open(KB_DIR / name, encoding="utf-8") as f:
        return json.load(f)


@lru_cache(maxsize=None)
def edtf(value):
    """parse_edtf is slow (pyparsing); each distinct value is parsed once."""
    return parse_edtf(value)


def lower(value):
    return date(*edtf(value).lower_strict()[:3])


def upper(value):
    return date(*edtf(value).upper_strict()[:3])


def year(value):
    return lower(value).year


@pytest.fixture(scope="module")
def states():
    return {s["code"]: s for s in load("states.json")}


@pytest.fixture(scope="module")
def orgs():
    return {o["code"]: o for o in load("orgs.json")}


@pytest.fixture(scope="module")
def dates():
    return load("state_dates.json")


@pytest.fixture(scope="module")
def by_code(dates):
    return {r["code"]: r for r in dates}


@pytest.fixture(scope="module")
def memberships():
    return load("memberships.json")


# -- file layout ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["state_dates.json", "memberships.json"])
def test_one_object_per_line(name):
    lines = (KB_DIR / name).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    for line in lines[1:-1]:
        assert isinstance(json.loads(line.rstrip(",")), dict), line


def test_state_dates_sorted(dates):
    codes = [r["code"] for r in dates]
    assert codes == sorted(codes)


def test_memberships_sorted(memberships):
    keys = [(r["org"], r["member"], r["joined"]) for r in memberships]
    assert keys == sorted(keys)


# -- state_dates.json ------------------------------------------------------------------------
def test_state_keys(dates):
    for r in dates:
        assert list(r) == STATE_KEYS, r


def test_every_state_exactly_once(dates, states):
    counts = Counter(r["code"] for r in dates)
    assert not [c for c, n in counts.items() if n > 1]
    assert set(counts) == set(states)


def test_state_dates_parse(dates):
    for r in dates:
        for key in ("founded", "dissolved"):
            if r[key] is not None:
                assert isinstance(r[key], str) and edtf(r[key]) is not None, r


def test_how_closed_lists(dates):
    for r in dates:
        assert r["founded_how"] is None or r["founded_how"] in FOUNDED_HOW, r
        assert r["dissolved_how"] is None or r["dissolved_how"] in DISSOLVED_HOW, r


def test_how_only_with_a_date(dates):
    for r in dates:
        if r["founded"] is None:
            assert r["founded_how"] is None, r
        assert (r["dissolved"] is None) == (r["dissolved_how"] is None), r


def test_founded_before_dissolved(dates):
    for r in dates:
        if r["founded"] and r["dissolved"]:
            assert lower(r["founded"]) <= lower(r["dissolved"]), r


def test_founded_given_for_every_state_with_a_start(dates, states):
    for r in dates:
        if states[r["code"]]["start"] is not None:
            assert r["founded"] is not None, r


def test_no_founding_moment_means_start_year(dates, states):
    """A founding without a kind is the convention for states older than 1816 or without a
    founding moment in the period: the year of states.json "start"."""
    for r in dates:
        if r["founded"] is not None and r["founded_how"] is None:
            assert r["founded"] == str(states[r["code"]]["start"]), r


def test_founded_year_agrees_with_states_json(dates, states):
    for r in dates:
        s = states[r["code"]]
        if r["founded"] is None or s["start"] is None or r["code"] in FOUNDED_YEAR_EXCEPTIONS:
            continue
        starts = {s["start"]} | {p[0] for p in s.get("periods") or []}
        assert year(r["founded"]) in starts, (r, s["start"], s.get("periods"))


def test_founded_exceptions_are_real_disagreements(dates, states):
    for code, reason in FOUNDED_YEAR_EXCEPTIONS.items():
        r, s = next(x for x in dates if x["code"] == code), states[code]
        assert reason and r["founded"] and s["start"] is not None
        starts = {s["start"]} | {p[0] for p in s.get("periods") or []}
        assert year(r["founded"]) not in starts, code


def test_dissolved_agrees_with_states_json_end(dates, states):
    for r in dates:
        end = states[r["code"]]["end"]
        assert (r["dissolved"] is None) == (end is None), r
        if r["dissolved"] and r["code"] not in DISSOLVED_YEAR_EXCEPTIONS:
            assert year(r["dissolved"]) == end, (r, end)
    for code, reason in DISSOLVED_YEAR_EXCEPTIONS.items():
        assert reason and year(next(x for x in dates if x["code"] == code)["dissolved"]) != states[code]["end"]


def test_successions_are_consistent(by_code):
    """The ends and beginnings that are one event carry one date."""
    assert by_code["RUS"]["founded"] == by_code["SUN"]["dissolved"]
    assert by_code["SCG"]["founded"] == by_code["YUG"]["dissolved"]
    assert by_code["SRB"]["founded"] == by_code["SCG"]["dissolved"]
    assert by_code["VNM"]["founded"] == by_code["VDR"]["dissolved"]
    day_after = lower(by_code["CSK"]["dissolved"]) + timedelta(days=1)
    assert lower(by_code["CZE"]["founded"]) == lower(by_code["SVK"]["founded"]) == day_after
    assert by_code["PAK"]["founded"] == by_code["BRI"]["dissolved"]
    assert lower(by_code["IND"]["founded"]) == lower(by_code["BRI"]["dissolved"]) + timedelta(days=1)


# -- memberships.json ------------------------------------------------------------------------
def test_membership_keys(memberships):
    for r in memberships:
        assert list(r) == MEMBERSHIP_KEYS, r
        assert r["note"] is None or (isinstance(r["note"], str) and r["note"].strip()), r


def test_membership_codes_known(memberships, states, orgs):
    for r in memberships:
        assert r["org"] in orgs, r
        assert r["member"] in states, r


def test_membership_dates_parse(memberships):
    for r in memberships:
        assert isinstance(r["joined"], str) and edtf(r["joined"]) is not None, r
        if r["left"] is not None:
            assert isinstance(r["left"], str) and edtf(r["left"]) is not None, r


def test_joined_before_left(memberships):
    for r in memberships:
        if r["left"] is not None:
            assert lower(r["joined"]) <= lower(r["left"]), r


def test_no_duplicate_membership(memberships):
    keys = Counter((r["org"], r["member"], r["joined"]) for r in memberships)
    assert not [k for k, n in keys.items() if n > 1]


def test_periods_of_one_member_do_not_overlap(memberships):
    periods = defaultdict(list)
    for r in memberships:
        periods[(r["org"], r["member"])].append(r)
    for key, rows in periods.items():
        rows = sorted(rows, key=lambda r: lower(r["joined"]))
        for a, b in zip(rows, rows[1:]):
            assert a["left"] is not None and lower(a["left"]) <= lower(b["joined"]), key


def test_every_listed_member_has_a_membership(memberships, orgs):
    have = {(r["org"], r["member"]) for r in memberships}
    listed = [(code, c) for code, o in orgs.items() for c in o.get("members") or []]
    assert len({code for code, _ in listed}) == 41
    assert [k for k in listed if k not in have] == []


def test_every_org_with_memberships_lists_members(memberships, orgs):
    for r in memberships:
        assert orgs[r["org"]].get("members"), r


def test_joined_within_the_organisations_life(memberships, orgs):
    for r in memberships:
        o = orgs[r["org"]]
        assert year(r["joined"]) >= o["start"] - 1, r
        if o.get("end") is not None:
            assert year(r["joined"]) <= o["end"], r
            if r["left"] is not None:
                assert year(r["left"]) <= o["end"], r


def test_joined_after_the_member_was_founded(memberships, by_code):
    for r in memberships:
        founded = by_code[r["member"]]["founded"]
        if founded is None or (r["org"], r["member"]) in JOINED_BEFORE_FOUNDED:
            continue
        assert lower(founded) <= upper(r["joined"]), (r, founded)


def test_memberships_end_with_the_member(memberships, by_code, orgs):
    """A member that ceased to exist left first, or the organisation ended before it did."""
    for r in memberships:
        dissolved = by_code[r["member"]]["dissolved"]
        if dissolved is None:
            continue
        if r["left"] is not None:
            assert lower(r["left"]) <= upper(dissolved), r
        else:
            end = orgs[r["org"]].get("end")
            assert end is not None and end <= year(dissolved), r


def test_orgs_json_joined_years_are_matched(memberships, orgs):
    for code, o in orgs.items():
        for member, y in (o.get("joined") or {}).items():
            assert any(r["org"] == code and r["member"] == member and year(r["joined"]) == y
                       for r in memberships), (code, member, y)


def test_orgs_json_left_years_are_matched(memberships, orgs):
    """orgs.json gives the year a departure took effect; the file gives the announcement and
    puts the effective date in the note when the two years differ."""
    for code, o in orgs.items():
        for member, y in (o.get("left") or {}).items():
            rows = sorted((r for r in memberships if r["org"] == code and r["member"] == member),
                          key=lambda r: lower(r["joined"]))
            last = rows[-1]
            assert last["left"] is not None, (code, member)
            assert year(last["left"]) == y or str(y) in (last["note"] or ""), (code, member, y, last)


def test_brief_conventions(memberships):
    def rows(org, member):
        return sorted((r for r in memberships if r["org"] == org and r["member"] == member),
                      key=lambda r: lower(r["joined"]))
    # France left NATO's integrated command, not NATO
    assert [r["left"] for r in rows("NATO", "FRA")] == [None]
    # departures are dated by their announcement; the effective date is in the note
    pak = rows("SEATO", "PAK")
    assert pak[-1]["left"] == "1972-11-08" and "1973" in pak[-1]["note"]
    # Egypt's suspension from the Arab League is two memberships
    egy = rows("ARAB_LEAGUE", "EGY")
    assert len(egy) == 2 and year(egy[0]["left"]) == 1979 and year(egy[1]["joined"]) == 1989
