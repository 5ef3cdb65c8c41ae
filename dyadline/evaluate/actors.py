"""Measure actor resolution on a file of cases (JSON Lines), one per line:

    {"mention": "Moscou", "lang": "fr", "date": "1960", "expected": "SUN", "category": "capital"}

``expected`` is a code, null (the words must not resolve) or a list of codes (a mention that
stands for several actors: "les deux pays"). A case with a ``context`` is resolved in that text
by the actors stage of the pipeline (coreference, pair anaphora, short names); the others by
:class:`~dyadline.kb.resolve.Resolver`. ``expected_person`` also checks which person a name
refers to. Used by the test suite and by ``dyadline actors eval``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..kb.resolve import fold, resolver
from ..timex.values import first_year
from .jsonl import read_jsonl

REQUIRED = ("mention", "lang", "expected", "category")


@dataclass
class CaseResult:
    case: dict
    got: object
    person: str | None
    ok: bool
    why: str


def load_cases(path: str | Path) -> list[dict]:
    return read_jsonl(path, REQUIRED, DataError)


def run_cases(cases: list[dict], pipeline=None) -> list[CaseResult]:
    """Resolve every case; ``pipeline`` (a :class:`dyadline.pipeline.Pipeline`) is needed for
    cases with a context and built on first use when not given."""
    out = []
    for case in cases:
        if case.get("context"):
            if pipeline is None:
                from ..pipeline import Pipeline
                pipeline = Pipeline()
            out.append(_in_context(case, pipeline))
        else:
            r = resolver(case["lang"]).lookup(case["mention"], case.get("date"))
            out.append(_judge(case, r.code, r.person, r.why))
    return out


def summary(results: list[CaseResult]) -> dict:
    total, ok = Counter(), Counter()
    for r in results:
        for key in ("all", f"category:{r.case['category']}", f"lang:{r.case['lang']}"):
            total[key] += 1
            ok[key] += r.ok
    return {k: {"cases": total[k], "correct": ok[k], "accuracy": round(ok[k] / total[k], 4)}
            for k in sorted(total)}


def _judge(case: dict, got, person, why) -> CaseResult:
    exp = case["expected"]
    if isinstance(exp, list):
        good = isinstance(got, list) and sorted(got) == sorted(exp)
    else:
        if isinstance(got, list):
            got = got[0] if len(got) == 1 else got
        good = got == exp
    want_person = case.get("expected_person")
    if good and want_person:
        good = person is not None and (fold(want_person) in fold(person) or fold(person) in fold(want_person))
    return CaseResult(case, got, person, good, why)


def _in_context(case: dict, pipeline) -> CaseResult:
    from ..pipeline.read import read_text

    text, mention = case["context"], case["mention"]
    at = text.rfind(mention)
    if at < 0:
        return CaseResult(case, None, None, False, "mention not in its context")
    doc = next(pipeline.process([read_text(text, doc_id="case.txt", lang=case["lang"])]))
    year = first_year(case.get("date"))
    hits = [m for m in doc.mentions if m.start < at + len(mention) and m.end > at]
    if not hits:
        return _judge(case, None, None, "no actor mention found there")
    kb = pipeline.kb if hasattr(pipeline, "kb") else None
    codes: list[str] = []
    for m in hits:
        code = kb.pick(m.candidates or (m.code,), year, m.spans, strict=m.place) if kb else m.code
        if code is not None and code not in codes:
            codes.append(code)
    person = next((m.person for m in hits if m.person), None)
    got = codes if isinstance(case["expected"], list) else (codes[0] if codes else None)
    return _judge(case, got, person, f"mentions {[(m.text, m.code, m.via) for m in hits]}")
