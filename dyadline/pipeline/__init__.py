"""The pipeline: parsed documents pass through one stage per module, in order.

    actors  -> dates -> events -> facts

Each stage is a small class built once per language (its data compiled at construction) whose
``__call__(document) -> document`` sets one kind of annotation.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..kb import KnowledgeBase, default_kb
from ..model import Document, Skipped
from ..nlp import Parsers
from ..read import read_paths
from .actors import ActorRecognizer
from .dates import DateAnnotator
from .events import EventExtractor
from .facts import FactExtractor

log = logging.getLogger(__name__)

STAGES = ("actors", "dates", "events", "facts")


class Pipeline:
    """Documents in, annotated documents out. Models and lexicons load on first use."""

    def __init__(self, kb: KnowledgeBase | None = None, parsers: Parsers | None = None) -> None:
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

    def process(self, documents: Iterable[Document], *, batch_size: int = 16,
                n_process: int = 1) -> Iterator[Document]:
        """Parse (streamed through ``nlp.pipe``) and annotate documents, in input order."""
        for d in self.parsers.pipe(documents, batch_size=batch_size, n_process=n_process):
            yield self.annotate(d)

    def process_paths(self, paths: Iterable, *, lang: str | None = None, batch_size: int = 16,
                      n_process: int = 1, stdin=None) -> Iterator[Document | Skipped]:
        """Read, parse and annotate files and folders ('-': ``stdin``); unreadable ones come
        out as Skipped, in input order."""
        pending: list[Document] = []
        for item in read_paths(paths, lang=lang, stdin=stdin):
            if isinstance(item, Skipped):
                yield from self.process(pending, batch_size=batch_size, n_process=n_process)
                pending = []
                yield item
            else:
                pending.append(item)
                if len(pending) >= batch_size * 4:
                    yield from self.process(pending, batch_size=batch_size, n_process=n_process)
                    pending = []
        yield from self.process(pending, batch_size=batch_size, n_process=n_process)


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
