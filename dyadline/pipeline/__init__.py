"""The pipeline: text in, annotated documents out, one module per stage, in flow order.

    read -> parse -> actors -> dates -> places -> events -> facts

Reading (:mod:`.read`, with :mod:`.markup`) makes :class:`~dyadline.records.Document` objects;
parsing (:mod:`.parse`) adds the spaCy parse; each later stage is a small class built once per
language (its data checked and compiled at construction) whose ``__call__(document) ->
document`` sets one kind of annotation. :mod:`.workers` runs the whole pipeline in several
processes. :class:`Pipeline` only orchestrates.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from .. import lang as langdata
from ..errors import DyadlineError
from ..kb import KnowledgeBase, default_kb
from ..records import Document, Skipped
from .actors import ActorRecognizer
from .dates import DateAnnotator
from .events import EventExtractor
from .facts import FactExtractor
from .parse import Parsers
from .places import PlaceRecognizer
from .read import read_paths
from .workers import WorkerPool

log = logging.getLogger(__name__)

STAGES = ("actors", "dates", "places", "events", "facts")


class Pipeline:
    """Documents in, annotated documents out. Models and lexicons load on first use; the data
    of every language is checked when the pipeline is made (a language folder that lacks a
    key is refused here, with the file and the key named)."""

    def __init__(self, kb: KnowledgeBase | None = None, parsers: Parsers | None = None) -> None:
        for lang in langdata.available_languages():
            langdata.check_language(lang)
        self.kb = kb or default_kb()
        self.parsers = parsers or Parsers()
        self._stages: dict[str, list] = {}
        self.timings: dict[str, float] = {}   # seconds spent in each stage, summed over documents

    def stages(self, lang: str) -> list:
        if lang not in self._stages:
            nlp = self.parsers.get(lang)
            self._stages[lang] = [
                ActorRecognizer(lang, self.kb, nlp),
                DateAnnotator(lang, self.kb),
                PlaceRecognizer(lang, self.kb),
                EventExtractor(lang, self.kb, nlp),
                FactExtractor(lang, self.kb),
            ]
        return self._stages[lang]

    def annotate(self, document: Document) -> Document:
        """Run the stages on one parsed document."""
        for stage in self.stages(document.lang):
            t0 = time.perf_counter()
            document = stage(document)
            self.timings[stage.name] = self.timings.get(stage.name, 0.0) + time.perf_counter() - t0
        return document

    def run_items(self, items: list[Document | Skipped]) -> list[Document | Skipped]:
        """Parse and annotate the documents among ``items`` (Skipped records pass through), in
        order. A document on which a stage fails becomes a Skipped record naming the error, so
        one bad document does not stop a batch."""
        docs = [x for x in items if isinstance(x, Document)]
        try:
            parsed = iter(list(self.parsers.pipe(docs, batch_size=max(1, len(docs)))))
        except Exception:                     # one document broke the batch: parse one by one
            parsed = iter([self._parse_one(d) for d in docs])
        out: list[Document | Skipped] = []
        for x in items:
            if isinstance(x, Skipped):
                out.append(x)
                continue
            d = next(parsed)
            if isinstance(d, Skipped):
                out.append(d)
                continue
            try:
                out.append(self.annotate(d))
            except DyadlineError as e:
                out.append(Skipped(d.path or d.id, str(e)))
            except Exception as e:            # a defect, not bad input: log it whole, go on
                log.exception("internal error on %s", d.path or d.id)
                out.append(Skipped(d.path or d.id, f"internal error ({type(e).__name__}: {e}); "
                                                   "please report it with this document"))
        return out

    def _parse_one(self, d: Document) -> Document | Skipped:
        try:
            return next(self.parsers.pipe([d]))
        except Exception as e:
            log.exception("the parser failed on %s", d.path or d.id)
            return Skipped(d.path or d.id, f"the parser failed ({type(e).__name__}: {e})")

    def process(self, documents: Iterable[Document], *, batch_size: int = 16,
                n_process: int = 1) -> Iterator[Document]:
        """Parse and annotate documents, in input order. With ``n_process`` > 1, worker
        processes each run the whole pipeline; documents then come back without their spaCy
        parse (sentence spans kept). Raises if a document fails."""
        if n_process <= 1:
            for d in self.parsers.pipe(documents, batch_size=batch_size):
                yield self.annotate(d)
            return
        with WorkerPool(self, n_process) as pool:
            for x in pool.map(documents, batch_size):
                if isinstance(x, Skipped):
                    raise DyadlineError(x.reason, path=x.path)
                yield x

    def process_paths(self, paths: Iterable, *, lang: str | None = None, batch_size: int = 16,
                      n_process: int = 1, stdin=None,
                      skip_hashes: frozenset[str] | set[str] = frozenset(),
                      doc_date: str | None = None) -> Iterator[Document | Skipped]:
        """Read, parse and annotate files and folders ('-': ``stdin``), in input order;
        unreadable ones, ones a stage fails on, and ones whose content hash is in
        ``skip_hashes`` (already stored) come out as Skipped; ``doc_date`` dates the documents
        that give no date of their own."""
        items = read_paths(paths, lang=lang, stdin=stdin, skip_hashes=skip_hashes, doc_date=doc_date)
        if n_process > 1:
            with WorkerPool(self, n_process) as pool:
                yield from pool.map(items, batch_size)
            return
        while chunk := list(islice(items, batch_size)):
            yield from self.run_items(chunk)


@dataclass
class Result:
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def events(self):
        return [e for d in self.documents for e in d.events]

    @property
    def facts(self):
        return [f for d in self.documents for f in d.facts]
