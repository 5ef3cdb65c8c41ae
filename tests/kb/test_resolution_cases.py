"""Accuracy of actor resolution on the case sets written for it (tests/kb/resolution_cases*.jsonl):
mentions in English and French with a date and the expected code, of every kind (states, former
names, adjectives, demonyms, capitals and seats with their years, organisations, leaders,
spelling variants, titled people, non-actors, and mentions resolved in a context)."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyadline.evaluate.actors import load_cases, run_cases, summary

CASE_FILES = sorted(Path(__file__).parent.glob("resolution_cases*.jsonl"))
CATEGORIES = {"state_name", "state_historical", "adjective", "demonym", "prefix", "capital", "seat",
              "time_aware", "org_name", "org_acronym", "leader", "leader_variant", "titled_person",
              "no_match", "context"}


@pytest.fixture(scope="module")
def cases():
    out = []
    for path in CASE_FILES:
        file_cases = load_cases(path)
        keys = [(c["mention"], c["lang"], c.get("date"), c.get("context")) for c in file_cases]
        assert len(keys) == len(set(keys)), f"duplicate cases in {path.name}"
        out.extend(file_cases)
    return out


def test_the_case_set_is_large_and_covers_every_kind(cases):
    assert len(cases) >= 600
    cats = {c["category"] for c in cases}
    assert cats == CATEGORIES
    for lang in ("en", "fr"):
        assert sum(c["lang"] == lang for c in cases) >= 250
    for c in cases:
        if c.get("context"):
            assert c["mention"] in c["context"], c


def test_resolution_accuracy_is_at_least_97_percent(cases, pipeline):
    results = run_cases(cases, pipeline)
    report = summary(results)
    failures = [f"[{r.case['lang']}] {r.case['mention']!r} {r.case.get('date')}: expected "
                f"{r.case['expected']}, got {r.got} ({r.why})" for r in results if not r.ok]
    assert report["all"]["accuracy"] >= 0.97, "\n".join(failures)
