"""Schema and consistency checks for the named historical events (kb/data/named_events.json):
a JSON list, one event object per line, sorted by start date. Texts date events by them
("during the Korean War", "après la chute du mur de Berlin").

Plain ``json`` only: the file is read directly, not through the KnowledgeBase class.
See kb/data/SOURCES_named_events.md for the sources and the encoding conventions.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from edtf import parse_edtf

KB_DIR = Path(__file__).resolve().parents[2] / "dyadline" / "kb" / "data"
PATH = KB_DIR / "named_events.json"

KEYS = {"id", "kind", "start", "end", "participants", "names"}
KINDS = {"war", "civil_war", "crisis", "attack", "revolution", "coup", "partition", "independence",
         "dissolution", "treaty", "conference", "period", "genocide", "uprising"}
# kinds that name a bounded act or a meeting: they cannot still be going on
BOUNDED_KINDS = {"attack", "coup", "partition", "independence", "dissolution", "treaty", "conference",
                 "genocide", "revolution"}
LANGS = {"en", "fr"}
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")  # EDTF day, month or year
FIRST_YEAR, LAST_YEAR = 1816, 2025
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2010": "-"})
ARTICLE_RE = {"en": re.compile(r"^the\s", re.IGNORECASE),
              "fr": re.compile(r"^(?:le\s|la\s|les\s|l['\u2019])", re.IGNORECASE)}
# a name is words; hyphens and slashes join words ("D-Day", "9/11", "entre-deux-guerres")
WORD_SPLIT_RE = re.compile(r"[\s\-/]+")
# capitalised single words that are still common nouns or phrases, never a name on their own
COMMON_SINGLE_WORDS = {
    "war", "wars", "crisis", "revolution", "independence", "liberation", "occupation", "resistance",
    "détente", "detente", "troubles", "partition", "armistice", "uprising", "intifada", "genocide",
    "massacre", "invasion", "coup", "putsch", "blockade", "collaboration", "reunification", "unification",
    "guerre", "crise", "révolution", "indépendance", "libération", "résistance", "partage",
    "soulèvement", "génocide", "invasion", "réunification", "décolonisation", "decolonisation",
    "decolonization", "épuration", "occupation", "débarquement", "exode", "exodus",
}
# events the texts most often date by: they must be present under these ids
REQUIRED_IDS = {
    "crimean_war", "franco_prussian_war", "russo_japanese_war", "world_war_i", "interwar_period",
    "great_depression", "world_war_ii", "cold_war", "korean_war", "chaco_war", "football_war",
    "iran_iraq_war", "falklands_war", "kargil_war", "eritrean_ethiopian_war", "russo_georgian_war",
    "algerian_war", "first_indochina_war", "vietnam_war", "spanish_civil_war", "russian_civil_war",
    "chinese_civil_war", "nigerian_civil_war", "lebanese_civil_war", "bangladesh_liberation_war",
    "soviet_afghan_war", "war_in_afghanistan_2001", "iraq_war", "bosnian_war", "kosovo_war",
    "syrian_civil_war", "yemeni_civil_war_2014", "russo_ukrainian_war", "russian_invasion_of_ukraine",
    "angolan_civil_war", "mozambican_civil_war", "sri_lankan_civil_war", "rwandan_genocide",
    "second_congo_war", "berlin_blockade", "suez_crisis", "hungarian_revolution_1956",
    "cuban_missile_crisis", "prague_spring", "iranian_revolution", "iran_hostage_crisis",
    "soviet_invasion_of_afghanistan", "fall_of_the_berlin_wall", "german_reunification",
    "dissolution_of_the_soviet_union", "dissolution_of_yugoslavia", "partition_of_india",
    "un_partition_plan_for_palestine", "september_11_attacks", "arab_spring", "annexation_of_crimea",
    "tiananmen_square_protests", "velvet_revolution", "munich_agreement", "treaty_of_versailles",
    "yalta_conference", "potsdam_conference", "bandung_conference", "camp_david_accords",
    "oslo_accords", "tashkent_declaration", "simla_agreement", "scramble_for_africa",
}


def load_lines():
    with open(PATH, encoding="utf-8") as f:
        return f.read().splitlines()


@pytest.fixture(scope="module")
def events():
    with open(PATH, encoding="utf-8") as f:
        data = json.load(f)
    assert isinstance(data, list) and data, "named_events.json must be a non-empty JSON list"
    return data


def norm(name: str) -> str:
    """The form the matcher compares: case-folded, dashes made '-', spaces collapsed."""
    return " ".join(name.translate(DASHES).casefold().split())


def bounds(value: str):
    d = parse_edtf(value)
    return tuple(d.lower_strict())[:3], tuple(d.upper_strict())[:3]


# -- file layout -------------------------------------------------------------------------
def test_file_is_one_object_per_line():
    lines = load_lines()
    assert lines[0] == "[" and lines[-1] == "]"
    body = lines[1:-1]
    for i, line in enumerate(body):
        last = i == len(body) - 1
        assert line.endswith(",") != last, f"line {i + 2}: comma after every object but the last"
        obj = json.loads(line.rstrip(","))
        assert isinstance(obj, dict), f"line {i + 2} is not one JSON object"


def test_at_least_220_events(events):
    assert len(events) >= 220


def test_keys_are_exactly_the_schema(events):
    for ev in events:
        assert isinstance(ev, dict) and set(ev) == KEYS, f"{ev.get('id')}: keys {sorted(ev)}"


def test_ids_are_unique_snake_case(events):
    ids = [ev["id"] for ev in events]
    bad = [i for i in ids if not isinstance(i, str) or not ID_RE.match(i) or not i.isascii()]
    assert not bad, f"ids not lowercase ASCII snake_case: {bad}"
    dup = sorted({i for i in ids if ids.count(i) > 1})
    assert not dup, f"duplicate ids: {dup}"


def test_required_events_are_present(events):
    missing = REQUIRED_IDS - {ev["id"] for ev in events}
    assert not missing, f"missing events: {sorted(missing)}"


def test_kinds_are_in_the_closed_list(events):
    bad = [(ev["id"], ev["kind"]) for ev in events if ev["kind"] not in KINDS]
    assert not bad, bad


# -- dates -------------------------------------------------------------------------------
def test_dates_are_edtf_day_month_or_year(events):
    for ev in events:
        assert isinstance(ev["start"], str) and DATE_RE.match(ev["start"]), f"{ev['id']}: start {ev['start']!r}"
        parse_edtf(ev["start"])
        if ev["end"] is not None:
            assert isinstance(ev["end"], str) and DATE_RE.match(ev["end"]), f"{ev['id']}: end {ev['end']!r}"
            parse_edtf(ev["end"])


def test_start_is_not_after_end(events):
    for ev in events:
        if ev["end"] is None:
            continue
        # the earliest day the start may mean is not after the latest day the end may mean
        (start_low, _), (_, end_high) = bounds(ev["start"]), bounds(ev["end"])
        assert start_low <= end_high, f"{ev['id']}: {ev['start']} after {ev['end']}"


def test_dates_lie_in_the_covered_years(events):
    for ev in events:
        assert FIRST_YEAR <= int(ev["start"][:4]) <= LAST_YEAR, f"{ev['id']}: start {ev['start']}"
        if ev["end"] is not None:
            assert int(ev["end"][:4]) <= LAST_YEAR, f"{ev['id']}: end {ev['end']}"


def test_only_ongoing_kinds_have_no_end(events):
    bad = [ev["id"] for ev in events if ev["end"] is None and ev["kind"] in BOUNDED_KINDS]
    assert not bad, f"a bounded event needs an end: {bad}"


def test_sorted_by_start_date(events):
    starts = [bounds(ev["start"])[0] for ev in events]
    out_of_order = [events[i]["id"] for i in range(1, len(events)) if starts[i] < starts[i - 1]]
    assert not out_of_order, f"not sorted by start date at: {out_of_order[:5]}"


# -- participants --------------------------------------------------------------------------
def test_participants_are_known_codes(events):
    with open(KB_DIR / "states.json", encoding="utf-8") as f:
        codes = {s["code"] for s in json.load(f)}
    with open(KB_DIR / "orgs.json", encoding="utf-8") as f:
        codes |= {o["code"] for o in json.load(f)}
    for ev in events:
        parts = ev["participants"]
        assert isinstance(parts, list), ev["id"]
        unknown = [c for c in parts if c not in codes]
        assert not unknown, f"{ev['id']}: unknown codes {unknown}"
        assert len(parts) == len(set(parts)), f"{ev['id']}: repeated participant"
        if ev["kind"] != "period":
            assert parts, f"{ev['id']}: no participant"


# -- names ---------------------------------------------------------------------------------
def test_names_have_non_empty_clean_lists_in_both_languages(events):
    for ev in events:
        names = ev["names"]
        assert isinstance(names, dict) and set(names) == LANGS, f"{ev['id']}: names keys {sorted(names)}"
        for lang in LANGS:
            forms = names[lang]
            assert isinstance(forms, list) and forms, f"{ev['id']}: no {lang} name"
            for n in forms:
                assert isinstance(n, str) and n and n == n.strip() and "  " not in n, f"{ev['id']}: {n!r}"
            normed = [norm(n) for n in forms]
            assert len(normed) == len(set(normed)), f"{ev['id']}: duplicate {lang} names {forms}"


def test_names_carry_no_article(events):
    bad = [(ev["id"], n) for ev in events for lang in LANGS for n in ev["names"][lang]
           if ARTICLE_RE[lang].match(n)]
    assert not bad, bad


def test_no_name_is_given_to_two_events(events):
    for lang in sorted(LANGS):
        owners = defaultdict(set)
        for ev in events:
            for n in ev["names"][lang]:
                owners[norm(n)].add(ev["id"])
        shared = {n: sorted(ids) for n, ids in owners.items() if len(ids) > 1}
        assert not shared, f"{lang} names of several events: {shared}"


def test_no_name_is_a_single_common_word(events):
    bad = []
    for ev in events:
        for lang in LANGS:
            for n in ev["names"][lang]:
                words = [w for w in WORD_SPLIT_RE.split(n) if w]
                if len(words) >= 2:
                    continue
                word = words[0] if words else ""
                proper = word[:1].isupper() and sum(ch.isalpha() for ch in word) >= 5
                if not proper or word.casefold() in COMMON_SINGLE_WORDS:
                    bad.append((ev["id"], n))
    assert not bad, f"single common words used as names: {bad}"
