"""Measure place mentions on a file of cases (JSON Lines), one per line:

    {"id": "en-001", "text": "Talks opened in Mombasa on Monday.", "mention": "Mombasa",
     "category": "city", "year": null,
     "expect": {"place": true, "name": "Mombasa", "country": "KEN", "geonames_id": 186301,
                "feature": "city", "state": null}}

The sentence goes through the whole pipeline (actors first: a capital standing for its
government is not a place). A case with ``expect.place`` false passes when no place mention
overlapping ``mention`` is found (or the one found stands for its state). Otherwise the place
mention overlapping ``mention`` must have the expected country (ISO alpha-3, null for a
divided or disputed place), feature, GeoNames id when one is expected, and, with
``expect.state`` and ``year``, the state that held it that year. Used by the test suite and
``benchmarks/places.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..kb.places import Gazetteer, default_gazetteer
from ..records import PlaceMention
from .jsonl import case_summary, read_jsonl

REQUIRED = ("id", "text", "mention", "category", "expect")


@dataclass
class PlaceResult:
    case: dict
    found: PlaceMention | None
    ok: bool
    why: str = ""


def load_cases(path: str | Path) -> list[dict]:
    cases = read_jsonl(path, REQUIRED, DataError)
    for case in cases:
        if case["mention"] not in case["text"]:
            raise DataError(f"case {case['id']}: mention {case['mention']!r} is not in its text",
                            path=str(path))
        if "place" not in case["expect"]:
            raise DataError(f"case {case['id']}: expect lacks 'place' (true or false)", path=str(path))
    return cases


def run_cases(cases: list[dict], lang: str, pipeline=None, gazetteer: Gazetteer | None = None) -> list[PlaceResult]:
    from ..pipeline import Pipeline
    from ..pipeline.read import read_text

    pipeline = pipeline or Pipeline()
    gaz = gazetteer or default_gazetteer()
    out = []
    for case in cases:
        text = case["text"]
        lo = text.index(case["mention"])
        hi = lo + len(case["mention"])
        year = case.get("year")
        doc = next(pipeline.process([read_text(text, doc_id=case["id"], lang=lang,
                                               default_date=str(year) if year else None)]))
        over = [p for p in doc.places if p.start < hi and lo < p.end]
        found = next((p for p in over if not p.stands_for_state), None)
        out.append(_judge(case, found, over, gaz, year))
    return out


def _judge(case: dict, found: PlaceMention | None, over: list[PlaceMention], gaz: Gazetteer,
           year: int | None) -> PlaceResult:
    exp = case["expect"]
    if not exp["place"]:
        if found is None:
            return PlaceResult(case, None, True)
        return PlaceResult(case, found, False, f"found {found.name} ({found.country}), not a place here")
    if found is None:
        why = "a capital taken for its government" if over else "no place found"
        return PlaceResult(case, None, False, why)
    problems = []
    if found.country != exp.get("country"):
        problems.append(f"country {found.country} (expected {exp.get('country')})")
    if exp.get("feature") and found.feature != exp["feature"]:
        problems.append(f"feature {found.feature} (expected {exp['feature']})")
    if exp.get("geonames_id") and found.geonames_id != exp["geonames_id"]:
        problems.append(f"GeoNames {found.geonames_id} {found.name} (expected {exp['geonames_id']} {exp.get('name')})")
    if exp.get("state") and year:
        place = gaz.place(found.place_id)
        held = gaz.held_by(place, int(year)) if place else None
        if held != exp["state"]:
            problems.append(f"held by {held} in {year} (expected {exp['state']})")
    return PlaceResult(case, found, not problems, "; ".join(problems))


def summary(results: list) -> dict[str, dict]:
    """Cases and passes overall and per category."""
    return case_summary(results)
