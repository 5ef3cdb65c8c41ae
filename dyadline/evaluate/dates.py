"""Measure the temporal tagger on a file of cases (JSON Lines), one per line:

    {"id": "fr-012", "category": "interval", "context": "La frontière a été fermée entre 1962
     et 1975.", "text": "entre 1962 et 1975", "edtf": "1962/1975", "anchor": null}

A case passes when the tagger, run on ``context`` with ``anchor`` as reference time, finds an
expression overlapping ``text`` whose EDTF is ``edtf``; for a case with ``edtf`` null (a
number that is not a date), when it finds nothing overlapping ``text``. A case with a
``doc_date`` key (the news sets: the document's date, or null for a narrative whose year an
earlier sentence gives) is read as a document: the narrative moves through its context and
deictic expressions take ``doc_date``. Used by the test suite
and by ``benchmarks/timex.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..timex.tagger import TimeTagger
from .jsonl import case_summary, read_jsonl

REQUIRED = ("id", "category", "context", "text", "edtf")


@dataclass
class CaseResult:
    case: dict
    found: list[tuple[str, str | None]]   # (text, edtf) of the expressions overlapping the case
    ok: bool


def load_cases(path: str | Path) -> list[dict]:
    cases = read_jsonl(path, REQUIRED, DataError)
    for n, case in enumerate(cases, 1):
        if case["text"] not in case["context"]:
            raise DataError(f"case {case['id']}: text {case['text']!r} is not in its context", path=str(path))
    return cases


def run_cases(cases: list[dict], lang: str, tagger: TimeTagger | None = None) -> list[CaseResult]:
    tagger = tagger or TimeTagger(lang)
    out = []
    for case in cases:
        ctx, text = case["context"], case["text"]
        lo = ctx.index(text)
        hi = lo + len(text)
        if "doc_date" in case:
            tagged = tagger.tag_narrative(ctx, anchor=case.get("anchor"), doc_date=case["doc_date"])
        else:
            tagged = tagger.tag(ctx, anchor=case.get("anchor"))
        found = [(x.text, x.edtf) for x in tagged if x.start < hi and lo < x.end]
        if case["edtf"] is None:
            ok = not found
        else:
            ok = any(edtf == case["edtf"] for _t, edtf in found)
        out.append(CaseResult(case, found, ok))
    return out


def summary(results: list) -> dict[str, dict]:
    """Cases and passes overall and per category."""
    return case_summary(results)
