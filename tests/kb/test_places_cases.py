"""The place case sets (tests/kb/places_cases_{en,fr}.jsonl): written by a helper who did not
see the implementation, reviewed in full by a second one. Each sentence goes through the whole
pipeline; see dyadline/evaluate/places.py for what a case checks. `python benchmarks/places.py`
prints the accuracy per category."""
from __future__ import annotations

from pathlib import Path

import pytest

from dyadline.evaluate.places import load_cases, run_cases, summary

HERE = Path(__file__).parent
# measured when the floors were set (benchmarks/places.py); a floor is a little under it
FLOORS = {"en": 0.91, "fr": 0.90}


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_place_cases(lang, pipeline):
    cases = load_cases(HERE / f"places_cases_{lang}.jsonl")
    assert len(cases) >= 150
    results = run_cases(cases, lang, pipeline)
    s = summary(results)
    failures = [f"{r.case['id']} {r.case['mention']!r}: {r.why}" for r in results if not r.ok]
    assert s["all"]["accuracy"] >= FLOORS[lang], "\n".join(failures)
    # no category falls apart
    for key, v in s.items():
        if key.startswith("category:") and v["cases"] >= 10:
            assert v["accuracy"] >= 0.6, (key, v, failures)


def test_a_case_file_with_a_mention_not_in_its_text_is_refused(tmp_path):
    from dyadline.errors import DataError
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Talks in Paris.", "mention": "Rome", "category": "city", '
                   '"expect": {"place": true}}\n', encoding="utf-8")
    with pytest.raises(DataError, match="Rome"):
        load_cases(bad)
