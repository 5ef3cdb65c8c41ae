"""Typed records passed between the pipeline stages.

A :class:`Document` is created by :mod:`dyadline.read`, parsed by :mod:`dyadline.nlp`, and
each stage of :mod:`dyadline.pipeline` adds its annotations to it (mentions, times, events,
facts). Nothing between stages is a nested dict.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class TableCell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    """A Markdown pipe table: rows of cells, each cell with its offsets in the text."""

    start: int
    end: int
    rows: tuple[tuple[TableCell, ...], ...]


@dataclass
class ActorMention:
    """A span of text naming an actor, resolved to a code of the guidelines."""

    start: int              # char offsets in the document text
    end: int
    text: str
    code: str               # e.g. PAK, SUN, CENTO, AFG-REB
    type: str               # state | org | group | person
    via: str                # name | adjective | demonym | capital | acronym | person | surname | group
    tok_start: int = -1     # token offsets in the parsed doc
    tok_end: int = -1
    person: str | None = None   # the person's full name, for people
    candidates: tuple[str, ...] = ()  # codes the words can mean (time-dependent forms)
    spans: tuple[tuple[int | None, int | None], ...] = ()  # per candidate: the years it holds

    @property
    def place(self) -> bool:
        """A capital or seat of government: it means the state only in its own years."""
        return self.via in ("capital", "seat")


@dataclass
class TimeMention:
    """A time expression normalised to EDTF."""

    start: int
    end: int
    text: str
    edtf: str | None
    type: str
    relative: bool
    rule: str
    anchor: str | None = None
    tok_start: int = -1
    tok_end: int = -1


@dataclass
class Event:
    doc: str
    lang: str
    evidence: str
    span: tuple[int, int]
    kind: str
    plover: str
    cameo: str
    quad_class: int
    goldstein: float
    source: list[str]
    target: list[str]
    source_text: list[str]
    target_text: list[str]
    date: str | None
    date_text: str | None
    negated: bool
    confidence: float
    label: str
    trigger: str = ""
    date_source: str | None = None      # clause | sentence | narrative | knowledge
    sentence: int = -1                  # index of the sentence in the document
    cluster: str | None = None
    id: str = ""
    against: list[str] = field(default_factory=list)   # whom a cooperative act is against

    def __post_init__(self) -> None:
        if not self.id:
            key = f"{self.doc}|{self.span[0]}|{self.span[1]}|{self.kind}|{','.join(self.source)}|{','.join(self.target)}"
            self.id = "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class Fact:
    doc: str
    evidence: str
    span: tuple[int, int]
    subject: str
    predicate: str
    object: str
    date: str | None = None
    lang: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            key = f"{self.doc}|{self.span[0]}|{self.span[1]}|{self.subject}|{self.predicate}|{self.object}"
            self.id = "fa_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class Document:
    """One input text and everything the stages learn about it."""

    id: str
    text: str
    lang: str
    path: str | None = None
    sha256: str = ""
    tables: list[Table] = field(default_factory=list)
    spacy_doc: Any = None
    sentence_spans: list[tuple[int, int]] | None = None   # kept when the parse is dropped
    mentions: list[ActorMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Character spans of the sentences (after parsing)."""
        if self.spacy_doc is not None:
            return [(s.start_char, s.end_char) for s in self.spacy_doc.sents]
        if self.sentence_spans is not None:
            return list(self.sentence_spans)
        return [(0, len(self.text))]

    def detach(self) -> "Document":
        """Drop the spaCy parse (keeping the sentence spans), so the document can be sent to
        another process or kept cheaply once annotated."""
        if self.spacy_doc is not None:
            self.sentence_spans = self.sentences
            self.spacy_doc = None
        return self


@dataclass(frozen=True)
class Skipped:
    """A document that was not processed, and why. ``stored``: not an error; the same
    content is already in the store (``run --resume``)."""

    path: str
    reason: str
    stored: bool = False


@dataclass(frozen=True)
class SourceRef:
    """Where a record comes from: a document, its language, and the words that state it."""

    doc: str
    lang: str
    event: str
    evidence: str
    span: tuple[int, int]
    sentence: int = -1

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class Disagreement:
    """Sources of one real-world event that say different things about one attribute
    (date, source, target, kind, negation): each value with the sources that hold it."""

    cluster: str
    attribute: str
    values: list[tuple[Any, list[SourceRef]]]

    def to_dict(self) -> dict[str, Any]:
        return {"cluster": self.cluster, "attribute": self.attribute,
                "values": [{"value": v, "sources": [s.to_dict() for s in refs]} for v, refs in self.values]}


@dataclass
class Cluster:
    """One real-world event and the event mentions (of any documents and languages) that
    report it, with a canonical record."""

    id: str
    kind: str
    source: list[str]
    target: list[str]
    date: str | None
    negated: bool
    label: str
    members: list[str]              # event ids
    sources: list[SourceRef]
    disputed: list[str] = field(default_factory=list)   # attributes the sources disagree on
    against: list[str] = field(default_factory=list)
    plover: str = ""
    quad_class: int = 0
    goldstein: float = 0.0

    @property
    def docs(self) -> list[str]:
        return sorted({s.doc for s in self.sources})

    @property
    def langs(self) -> list[str]:
        return sorted({s.lang for s in self.sources})

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sources"] = [s.to_dict() for s in self.sources]
        d["docs"], d["langs"] = self.docs, self.langs
        return d
