"""Accuracy of the temporal tagger on the case sets written for it (tests/timex/cases_*.jsonl,
English and French sentences about many pairs of states, none from the sample documents): every
convention of docs/time.md, relative expressions with their anchor, and numbers that are not
dates."""
from __future__ import annotations

from pathlib import Path

import pytest
from edtf import parse_edtf

from dyadline.timex import TimeTagger
from dyadline.evaluate.dates import load_cases, run_cases, summary

HERE = Path(__file__).parent
CATEGORIES = {"year", "month", "day", "season", "decade", "century", "part_of_year", "half",
              "part_of_decade", "part_of_century", "interval", "open", "approximate", "uncertain",
              "relative", "negative"}


@pytest.fixture(scope="module", params=["cases_en", "cases_fr", "holdout_en", "holdout_fr"])
def lang_cases(request):
    """The tagger's case sets, and held-out sets written by someone who had not seen them."""
    return request.param[-2:], load_cases(HERE / f"{request.param}.jsonl")


def test_the_case_set_is_large_and_well_formed(lang_cases):
    lang, cases = lang_cases
    assert len(cases) >= 100
    assert {c["category"] for c in cases} == CATEGORIES
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        for value in (c["edtf"], c["anchor"]):
            if value is not None:
                parse_edtf(value)
        if c["category"] == "relative":
            assert c["anchor"], c["id"]


def test_accuracy_is_at_least_95_percent(lang_cases):
    lang, cases = lang_cases
    results = run_cases(cases, lang, TimeTagger(lang))
    report = summary(results)
    failures = [f"{r.case['id']} {r.case['text']!r} (anchor {r.case['anchor']}): expected "
                f"{r.case['edtf']}, found {r.found}" for r in results if not r.ok]
    assert report["all"]["accuracy"] >= 0.95, "\n".join(failures)


NEWS_CATEGORIES = {"today", "yesterday_tomorrow", "weekday_past", "weekday_future",
                   "weekday_last_next_this", "ago", "relative_period", "relative_season",
                   "earlier_later", "day_month_no_year", "month_no_year", "same_next_previous_day",
                   "narrative_year", "explicit_control"}


@pytest.fixture(scope="module", params=["news_en", "news_fr"])
def news_cases(request):
    """Expressions in news and history sentences with the document's date (docs/time.md, "News"),
    written by a helper who did not see the tagger."""
    return request.param[-2:], load_cases(HERE / f"{request.param}.jsonl")


def test_the_news_case_set_is_large_and_well_formed(news_cases):
    lang, cases = news_cases
    assert len(cases) >= 300
    assert {c["category"] for c in cases} == NEWS_CATEGORIES
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        parse_edtf(c["edtf"])
        assert "doc_date" in c
        if c["category"] == "narrative_year":
            assert c["doc_date"] is None, c["id"]


def test_news_accuracy_is_at_least_95_percent_in_every_category(news_cases):
    lang, cases = news_cases
    results = run_cases(cases, lang, TimeTagger(lang))
    report = summary(results)
    failures = [f"{r.case['id']} {r.case['text']!r} (document {r.case['doc_date']}): expected "
                f"{r.case['edtf']}, found {r.found}" for r in results if not r.ok]
    assert report["all"]["accuracy"] >= 0.95, "\n".join(failures)
    for key, row in report.items():
        assert row["accuracy"] >= 0.85, (key, "\n".join(failures))
