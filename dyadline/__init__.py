"""dyadline: political event data from English and French texts about relations between states.

    >>> import dyadline
    >>> result = dyadline.extract(["article.txt"])        # doctest: +SKIP
    >>> for ev in result.events: print(ev.kind, ev.source, ev.target, ev.date)  # doctest: +SKIP
    >>> report = dyadline.ingest(["corpus/"], "corpus.duckdb")   # doctest: +SKIP

The public API: :func:`extract` and :func:`extract_text` (the pipeline, no store),
:func:`ingest` (the main job: into a store, reconciled), :class:`Pipeline`, :class:`Store`, and
the records of :mod:`dyadline.records`.

The package reads like the flow, each layer importing only the layers below it:
``records``/``errors``/``kinds`` at the ground; ``lang`` (every language's words), ``kb`` (the
actor knowledge base), ``timex`` (time expressions); ``pipeline`` (text to annotated documents);
``store``; ``ingest``, ``reconcile``, ``timeline``, ``export``, ``evaluate``; and on top ``spark``,
``cli`` and ``web``.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .about import __version__
from .ingest import IngestReport, ingest
from .records import Cluster, Disagreement, Document, Event, Fact, Skipped, Timeline

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Pipeline, Result

__all__ = ["extract", "extract_text", "ingest", "Pipeline", "Result", "Store", "IngestReport",
           "Document", "Event", "Fact", "Cluster", "Disagreement", "Timeline", "Skipped",
           "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract(paths: Iterable, *, pipeline: "Pipeline | None" = None, lang: str | None = None,
            n_process: int = 1, stdin=None, doc_date: str | None = None) -> "Result":
    """Read, parse and annotate files or folders; returns documents (with events and facts)
    and the inputs that were skipped, with why; ``doc_date`` dates the documents that give no
    date of their own. Raises :class:`~dyadline.errors.ModelError` before reading when a
    language's spaCy pipeline is not installed."""
    from .pipeline import Pipeline, Result
    pipe = pipeline or Pipeline()
    pipe.parsers.check([lang] if lang else None)
    result = Result()
    for item in pipe.process_paths(paths, lang=lang, n_process=n_process, stdin=stdin, doc_date=doc_date):
        (result.skipped if isinstance(item, Skipped) else result.documents).append(item)
    return result


def extract_text(text: str, *, doc_id: str | None = None, lang: str | None = None,
                 pipeline: "Pipeline | None" = None, doc_date: str | None = None) -> Document:
    """Annotate one string (its id is a content hash unless given; ``doc_date``: its
    publication date when it gives none of its own)."""
    from .pipeline import Pipeline
    from .pipeline.read import read_text
    pipe = pipeline or Pipeline()
    doc = read_text(text, doc_id=doc_id, lang=lang, default_date=doc_date)
    return next(pipe.process([doc]))


def __getattr__(name: str):
    if name == "Store":
        from .store import Store
        return Store
    if name in ("Pipeline", "Result"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(name)
