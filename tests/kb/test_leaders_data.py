"""Schema and consistency checks for the leaders' terms of office (kb/data/leaders/*.json,
one file per state, each a list of terms of that state).

Plain ``json`` only: the file is read directly, not through the KnowledgeBase class.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

DIR = Path(__file__).resolve().parents[2] / "dyadline" / "kb" / "data" / "leaders"

OFFICES = {"head_of_state", "head_of_government", "head_of_party",
           "foreign_minister", "defence_minister", "military_ruler"}
KEYS = {"id", "code", "office", "start", "end", "names"}
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[A-Z]{3}$")
DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2]))?$")   # EDTF year or year-month


@pytest.fixture(scope="module")
def entries():
    data = []
    paths = sorted(DIR.glob("*.json"))
    assert paths, f"no leader files in {DIR}"
    for path in paths:
        with open(path, encoding="utf-8") as f:
            terms = json.load(f)
        assert isinstance(terms, list) and terms, f"{path.name} must be a non-empty JSON list"
        for t in terms:
            assert t.get("code") == path.stem, f"{path.name}: {t.get('id')} has code {t.get('code')}"
        data.extend(terms)
    return data


def _where(e) -> str:
    return f"{e.get('id')} ({e.get('code')}, {e.get('office')}, {e.get('start')})"


def _pad(date: str, end: bool) -> str:
    """Year-month sort key: a bare year starts in January and ends in December."""
    return date if len(date) == 7 else date + ("-12" if end else "-01")


def test_required_keys_and_types(entries):
    for e in entries:
        assert isinstance(e, dict), e
        assert set(e) == KEYS, f"{_where(e)}: keys {sorted(e)}"
        assert isinstance(e["id"], str), _where(e)
        assert isinstance(e["code"], str), _where(e)
        assert isinstance(e["office"], str), _where(e)
        assert isinstance(e["start"], str), _where(e)
        assert e["end"] is None or isinstance(e["end"], str), _where(e)
        assert isinstance(e["names"], dict), _where(e)
        for lang, names in e["names"].items():
            assert lang in {"en", "fr"}, f"{_where(e)}: unknown language {lang!r}"
            assert isinstance(names, list), _where(e)
            for n in names:
                assert isinstance(n, str) and n == n.strip() and n, f"{_where(e)}: bad name {n!r}"
            assert len(names) == len(set(names)), f"{_where(e)}: duplicate {lang} names"


def test_ids_are_lowercase_snake(entries):
    bad = sorted({e["id"] for e in entries if not ID_RE.match(e["id"])})
    assert not bad, f"ids not lowercase snake_case: {bad}"


def test_codes_are_three_uppercase_letters(entries):
    bad = sorted({e["code"] for e in entries if not CODE_RE.match(e["code"])})
    assert not bad, f"bad codes: {bad}"


def test_offices_in_closed_list(entries):
    bad = sorted({e["office"] for e in entries if e["office"] not in OFFICES})
    assert not bad, f"unknown offices: {bad}"


def test_dates_are_edtf_year_or_year_month(entries):
    for e in entries:
        assert DATE_RE.match(e["start"]), f"{_where(e)}: start {e['start']!r}"
        if e["end"] is not None:
            assert DATE_RE.match(e["end"]), f"{_where(e)}: end {e['end']!r}"


def test_start_not_after_end(entries):
    for e in entries:
        if e["end"] is not None:
            assert _pad(e["start"], end=False) <= _pad(e["end"], end=True), \
                f"{_where(e)}: starts after it ends ({e['end']})"


def test_every_entry_has_english_and_french_names(entries):
    for e in entries:
        assert e["names"].get("en"), f"{_where(e)}: no English name"
        assert e["names"].get("fr"), f"{_where(e)}: no French name"


def test_no_duplicate_terms(entries):
    seen = set()
    for e in entries:
        key = (e["id"], e["code"], e["office"], e["start"])
        assert key not in seen, f"duplicate term {key}"
        seen.add(key)


def test_same_id_same_names(entries):
    first = {}
    for e in entries:
        if e["id"] in first:
            assert e["names"] == first[e["id"]], f"{_where(e)}: names differ between terms"
        else:
            first[e["id"]] = e["names"]


def test_bare_names_are_not_ambiguous_within_a_state(entries):
    """A one-word name ("Gandhi", "Bush", "Kim") given to two different people of the
    same state cannot identify either of them: list it only inside full names."""
    owners = defaultdict(set)   # (code, lang, word) -> ids
    for e in entries:
        for lang, names in e["names"].items():
            for n in names:
                if " " not in n:
                    owners[(e["code"], lang, n)].add(e["id"])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    assert not clashes, "ambiguous bare names: " + "; ".join(
        f"{code}/{lang} {word!r}: {ids}" for (code, lang, word), ids in sorted(clashes.items()))


def test_a_person_holds_one_office_at_a_time_per_state(entries):
    """Two terms of the same person, state and office must not overlap (a sign of a typo)."""
    terms = defaultdict(list)
    for e in entries:
        terms[(e["id"], e["code"], e["office"])].append(e)
    for key, ts in terms.items():
        ts = sorted(ts, key=lambda t: _pad(t["start"], end=False))
        for a, b in zip(ts, ts[1:]):
            assert a["end"] is not None, f"{key}: open term {a['start']}– followed by {b['start']}"
            assert _pad(a["end"], end=False) <= _pad(b["start"], end=False), \
                f"{key}: terms {a['start']}–{a['end']} and {b['start']}–{b['end']} overlap"
