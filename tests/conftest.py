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
    from dyadline.read import read_text

    def run(text: str, lang: str):
        doc = read_text(text, doc_id="t.txt", lang=lang)
        return next(pipeline.process([doc]))
    return run


def events_of(document, kind=None):
    return [e for e in document.events if kind is None or e.kind == kind]
