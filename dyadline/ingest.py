"""The main job as a library call: read files into the store, reconcile, report.

    from dyadline import ingest
    report = ingest(["corpus/"], "corpus.duckdb", workers=2)
    print(report.documents, report.kinds, report.clusters)

:func:`ingest` is what ``dyadline run`` does: it checks that the language pipelines are
installed (before reading anything), reads and annotates the inputs (with ``workers``
processes), stores them in batches of ``batch_size`` documents (each batch one transaction, the
database held only while a batch is written, so a server can read it between batches),
optionally skips documents whose content is already stored (``resume``), records the inputs
it could not read, and reconciles the stored events into real-world events (incrementally:
only the blocks of events the run stored or replaced are redone; see :mod:`dyadline.reconcile`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from .records import Document, Skipped
from .store import DEFAULT_DB, Store

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Pipeline

STORE_WAIT = 60.0     # seconds a run waits for the database while a server reads it


@dataclass
class IngestReport:
    """What a run did."""

    db: str
    inputs: int = 0                                  # files (and standard input) given
    documents: int = 0                               # documents read and stored
    already_stored: int = 0                          # skipped by ``resume``: same content stored
    skipped: list[Skipped] = field(default_factory=list)   # inputs that could not be read, and why
    kinds: Counter = field(default_factory=Counter)  # events by kind, of the documents read
    facts: int = 0
    clusters: int = 0                                # real-world events in the whole store
    reported_more_than_once: int = 0
    disagreements: int = 0

    @property
    def events(self) -> int:
        return sum(self.kinds.values())


def count_inputs(paths: Iterable) -> int:
    """How many documents the paths name (files under folders; '-' is one)."""
    from .pipeline.read import expand_paths
    paths = list(paths)
    return sum(1 for p in paths if str(p) == "-") + sum(1 for _ in expand_paths(p for p in paths if str(p) != "-"))


def ingest(paths: Iterable | None = None, db: str | Path = DEFAULT_DB, *, lang: str | None = None,
           batch_size: int = 16, workers: int = 1, resume: bool = False, stdin=None,
           pipeline: "Pipeline | None" = None, wait: float = STORE_WAIT,
           on_item: Callable[[Document | Skipped], None] | None = None,
           doc_date: str | None = None) -> IngestReport:
    """Read ``paths`` (files, folders, '-' for ``stdin``; the bundled samples when None or
    empty) into the store ``db``, then reconcile all stored events. ``on_item`` is called with
    each document or skipped input as it comes (for a progress bar); ``doc_date`` dates the
    documents that give no date of their own (EDTF). Raises
    :class:`~dyadline.errors.ModelError` before reading when a language's pipeline is missing,
    and :class:`~dyadline.errors.StoreError` when the store cannot be written (what was stored
    before is kept)."""
    # the pipeline (spaCy) loads here, not when dyadline is imported
    from .pipeline import Pipeline
    from .pipeline.read import sample_paths
    from .reconcile import reconcile_store
    files = list(paths) if paths else sample_paths()
    pipe = pipeline or Pipeline()
    pipe.parsers.check([lang] if lang else None)
    report = IngestReport(db=str(db), inputs=count_inputs(files))

    def save(docs, skipped=()) -> None:
        with Store(db, wait=wait) as store:
            store.save(docs)
            store.record_skipped(skipped)

    with Store(db, wait=wait) as store:
        known = store.stored_hashes() if resume else set()
    batch: list[Document] = []
    for item in pipe.process_paths(files, lang=lang, batch_size=batch_size, n_process=workers,
                                   stdin=stdin if any(str(p) == "-" for p in files) else None,
                                   skip_hashes=known, doc_date=doc_date):
        if on_item is not None:
            on_item(item)
        if isinstance(item, Skipped):
            if item.stored:
                report.already_stored += 1
            else:
                report.skipped.append(item)
            continue
        batch.append(item)
        report.documents += 1
        report.kinds.update(e.kind for e in item.events)
        report.facts += len(item.facts)
        if len(batch) >= batch_size:
            save(batch)
            batch = []
    save(batch, report.skipped)
    with Store(db, wait=wait) as store:
        rec = reconcile_store(store)      # only the units the documents stored touch
    report.clusters = rec.clusters
    report.reported_more_than_once = rec.reported_more_than_once
    report.disagreements = rec.disagreements
    return report
