"""dyadline: political event data from English and French texts about relations between states.

    >>> import dyadline
    >>> result = dyadline.extract(["article.txt"])        # doctest: +SKIP
    >>> for ev in result.events: print(ev.kind, ev.source, ev.target, ev.date)  # doctest: +SKIP

The public API: :func:`extract`, :class:`Pipeline`, :class:`Store`, the records of
:mod:`dyadline.model`.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from typing import TYPE_CHECKING

from .model import Document, Event, Fact, Skipped

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Pipeline, Result

__version__ = "0.1.0"
__all__ = ["extract", "extract_text", "Pipeline", "Result", "Document", "Event", "Fact",
           "Skipped", "Store", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(paths: Iterable, *, pipeline: "Pipeline | None" = None, lang: str | None = None,
            n_process: int = 1, stdin=None) -> "Result":
    """Read, parse and annotate files or folders; returns documents (with events and facts)
    and the inputs that were skipped, with why."""
    from .pipeline import Pipeline, Result
    pipe = pipeline or Pipeline()
    result = Result()
    for item in pipe.process_paths(paths, lang=lang, n_process=n_process, stdin=stdin):
        (result.skipped if isinstance(item, Skipped) else result.documents).append(item)
    return result


def extract_text(text: str, *, doc_id: str | None = None, lang: str | None = None,
                 pipeline: "Pipeline | None" = None) -> Document:
    """Annotate one string (its id is a content hash unless given)."""
    from .pipeline import Pipeline
    from .read import read_text
    pipe = pipeline or Pipeline()
    doc = read_text(text, doc_id=doc_id, lang=lang)
    return next(pipe.process([doc]))


def __getattr__(name: str):
    if name == "Store":
        from .store import Store
        return Store
    if name in ("Pipeline", "Result"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(name)
