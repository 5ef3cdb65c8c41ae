"""Shared fixtures. The spaCy pipelines load once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from dyadline.pipeline import Pipeline
    return Pipeline()


@pytest.fixture(scope="session")
def annotate(pipeline):
    """Annotate a string in a given language: annotate(text, lang) -> Document."""
    from dyadline.pipeline.read import read_text

    def run(text: str, lang: str):
        doc = read_text(text, doc_id="t.txt", lang=lang)
        return next(pipeline.process([doc]))
    return run


def events_of(document, kind=None):
    return [e for e in document.events if kind is None or e.kind == kind]


def pairs_of(document, kind):
    """The (sources, targets) of a document's events of ``kind``, as tuples."""
    return {(tuple(e.source), tuple(e.target)) for e in events_of(document, kind)}


def find(doc, kind, source=None, target=None, date=None):
    """The events of a document of ``kind`` with ``source`` among its sources, ``target``
    among its targets and the ``date`` given (None: any)."""
    out = []
    for e in events_of(doc, kind):
        if source is not None and source not in e.source:
            continue
        if target is not None and target not in e.target:
            continue
        if date is not None and e.date != date:
            continue
        out.append(e)
    return out
