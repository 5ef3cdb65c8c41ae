"""The records: what the stages pass along, what the store keeps and what every output writes.

A :class:`Document` is created by reading, parsed, and each stage of the pipeline adds its
annotations to it (mentions, times, events, facts). After the store and reconciliation come
:class:`Cluster` and :class:`Disagreement`, and the timeline of a dyad (:class:`Timeline`,
:class:`DyadYear`). Nothing between stages is a nested dict.

Each stored record has ONE field table (:data:`EVENT`, :data:`FACT`, :data:`CLUSTER`,
:data:`DOCUMENT`, :data:`DISAGREEMENT`): its fields in the order of its published row (JSON
Lines, CSV, Parquet, the API) with their logical types. The store's schema
(``store/schema.py``), the Parquet and Spark schemas and the row <-> record functions
(:meth:`Table.row`, :meth:`Table.record`) are derived from it; a test checks each table
against its dataclass.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

# -- field tables ----------------------------------------------------------------------------
STRING, INT, FLOAT, BOOL, STRINGS, SPAN, JSON, TIMESTAMP = (
    "string", "int", "float", "bool", "strings", "span", "json", "timestamp")


@dataclass(frozen=True)
class Field:
    """One field of a record. ``record``: it is in the published row; ``stored``: the record's
    own store table has a column for it (a span is stored as ``<name>_start``/``<name>_end``);
    ``key``: the table's primary key."""

    name: str
    type: str
    record: bool = True
    stored: bool = True
    key: bool = False


@dataclass(frozen=True)
class Table:
    """The field table of one record."""

    name: str                       # the store table
    fields: tuple[Field, ...]
    csv_first: tuple[str, ...] = ()  # the columns a CSV of these records puts first

    @property
    def row_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.record)

    def names(self) -> list[str]:
        """The fields of the published row, in order."""
        return [f.name for f in self.row_fields]

    def row(self, record: Any) -> dict[str, Any]:
        """The published row of a record: a dict in field order, spans and lists as lists,
        nested records as dicts."""
        return {f.name: _out(getattr(record, f.name), f.type) for f in self.row_fields}

    def record(self, cls: type, row: dict[str, Any]) -> Any:
        """A record of class ``cls`` from a row (extra keys of the row are ignored)."""
        init = {f.name for f in dataclasses.fields(cls) if f.init}
        types = {f.name: f.type for f in self.fields}
        return cls(**{k: _in(v, types.get(k, STRING), k) for k, v in row.items() if k in init})

    def csv_columns(self, present: list[str]) -> list[str]:
        """The CSV columns of rows with the keys ``present``: ``csv_first`` first, then the
        others in row order."""
        return [c for c in self.csv_first if c in present] + [c for c in present if c not in self.csv_first]


def _out(value: Any, typ: str) -> Any:
    if typ == SPAN:
        return list(value) if value is not None else None
    if typ == STRINGS:
        return list(value) if value is not None else None
    if typ == JSON:
        return [v.to_dict() if hasattr(v, "to_dict") else v for v in value or []]
    return value


def _in(value: Any, typ: str, name: str) -> Any:
    if typ == SPAN:
        return tuple(value) if value is not None else (-1, -1)
    if typ == STRINGS:
        return list(value or [])
    if typ == JSON and name == "sources":
        return [SourceRef.from_dict(s) if isinstance(s, dict) else s for s in value or []]
    return value


# -- the document and its annotations --------------------------------------------------------
@dataclass(frozen=True)
class TableCell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TextTable:
    """A Markdown pipe table of a document: rows of cells, each cell with its offsets."""

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


@dataclass(frozen=True)
class PlaceMention:
    """A span of text naming a place of the gazetteer (:mod:`dyadline.kb.places`)."""

    start: int
    end: int
    text: str
    place_id: str           # "geonames:<id>" or "dyadline:<slug>"
    name: str               # the place's name in the gazetteer (GeoNames main name)
    feature: str            # city | region | line | water | island | site
    country: str | None     # ISO alpha-3 of the present-day state; None: divided or disputed
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    province: str | None = None
    tok_start: int = -1
    tok_end: int = -1
    stands_for_state: bool = False   # a capital used for its government ("Moscow rejected")
    locative: bool = False           # introduced by a preposition of place ("in", "à", "along")
    preposition: str | None = None   # the preposition that introduces it, if any


@dataclass(frozen=True)
class TimeExpr:
    """A time expression of a text, normalised to EDTF (the temporal tagger's output)."""

    start: int
    end: int
    text: str
    edtf: str | None
    type: str
    relative: bool
    rule: str
    anchor: str | None = None


@dataclass(frozen=True)
class TimeMention(TimeExpr):
    """A time expression of a parsed document: the expression and its tokens."""

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
    date_source: str | None = None      # clause | sentence | narrative | knowledge | relative
    sentence: int = -1                  # index of the sentence in the document
    cluster: str | None = None
    id: str = ""
    against: list[str] = field(default_factory=list)   # whom a cooperative act is against
    mode: str | None = None             # the PLOVER mode, where the words determine it
    doc_date: str | None = None         # the document's date (publication), when known
    doc_source: str | None = None       # the document's publisher or agency
    doc_url: str | None = None
    # where it happened, when the text says (a place of the gazetteer and its words)
    location: str | None = None             # the place's name
    location_id: str | None = None          # "geonames:<id>" or "dyadline:<slug>"
    geonames_id: int | None = None
    location_country: str | None = None     # ISO alpha-3, present-day
    latitude: float | None = None
    longitude: float | None = None
    location_feature: str | None = None     # city | region | line | water | island | site
    location_province: str | None = None
    location_text: str | None = None
    location_span: tuple[int, int] = (-1, -1)

    def set_location(self, place: PlaceMention | None) -> None:
        """Set (or clear) the location from a place mention."""
        if place is None:
            self.location = self.location_id = self.geonames_id = self.location_country = None
            self.latitude = self.longitude = self.location_feature = None
            self.location_province = self.location_text = None
            self.location_span = (-1, -1)
            return
        self.location, self.location_id, self.geonames_id = place.name, place.place_id, place.geonames_id
        self.location_country, self.latitude, self.longitude = place.country, place.lat, place.lon
        self.location_feature, self.location_province = place.feature, place.province
        self.location_text, self.location_span = place.text, (place.start, place.end)

    def __post_init__(self) -> None:
        if not self.id:
            key = f"{self.doc}|{self.span[0]}|{self.span[1]}|{self.kind}|{','.join(self.source)}|{','.join(self.target)}"
            self.id = "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        """The record as the pipeline gives it (``dyadline extract``), in field order."""
        d = asdict(self)
        d["span"] = list(self.span)
        return d

    def row(self) -> dict[str, Any]:
        """The published row (store, exports, API): :data:`EVENT`'s order."""
        return EVENT.row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Event":
        return EVENT.record(cls, row)


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

    def row(self) -> dict[str, Any]:
        return FACT.row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Fact":
        return FACT.record(cls, row)


@dataclass
class Document:
    """One input text and everything the stages learn about it."""

    id: str
    text: str
    lang: str
    path: str | None = None
    sha256: str = ""
    date: str | None = None      # publication or creation date (EDTF), when known
    title: str | None = None
    url: str | None = None
    source: str | None = None    # the publisher or agency
    tables: list[TextTable] = field(default_factory=list)
    spacy_doc: Any = None
    sentence_spans: list[tuple[int, int]] | None = None   # kept when the parse is dropped
    mentions: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
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

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def n_events(self) -> int:
        return len(self.events)

    @property
    def n_facts(self) -> int:
        return len(self.facts)

    def detach(self) -> "Document":
        """Drop the spaCy parse (keeping the sentence spans), so the document can be sent to
        another process or kept cheaply once annotated."""
        if self.spacy_doc is not None:
            self.sentence_spans = self.sentences
            self.spacy_doc = None
        return self


@dataclass(frozen=True)
class StoredDocument:
    """A stored document as the store lists it: no text, with its counts."""

    id: str
    path: str | None
    lang: str
    sha256: str
    n_chars: int
    n_events: int
    n_facts: int
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None

    def row(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class Skipped:
    """A document that was not processed, and why. ``stored``: not an error; the same
    content is already in the store (``run --resume``)."""

    path: str
    reason: str
    stored: bool = False


# -- reconciled events -------------------------------------------------------------------------
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

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "SourceRef":
        return cls(doc=d["doc"], lang=d["lang"], event=d["event"], evidence=d["evidence"],
                   span=tuple(d["span"]), sentence=d.get("sentence", -1))


@dataclass
class Disagreement:
    """Sources of one real-world event that say different things about one attribute
    (date, source, target, kind, negation): each value with the sources that hold it. Read
    from the store, it also carries its cluster's label, kind and date."""

    cluster: str
    attribute: str
    values: list[tuple[Any, list[SourceRef]]]
    label: str | None = None
    kind: str | None = None
    date: str | None = None

    def values_dicts(self) -> list[dict[str, Any]]:
        return [{"value": v, "sources": [s.to_dict() for s in refs]} for v, refs in self.values]

    def to_dict(self) -> dict[str, Any]:
        return {"cluster": self.cluster, "attribute": self.attribute, "values": self.values_dicts()}

    def row(self) -> dict[str, Any]:
        return {"cluster": self.cluster, "attribute": self.attribute, "values": self.values_dicts(),
                "label": self.label, "kind": self.kind, "date": self.date}

    @staticmethod
    def parse_values(values: list[dict[str, Any]]) -> list[tuple[Any, list[SourceRef]]]:
        return [(v["value"], [SourceRef.from_dict(s) for s in v["sources"]]) for v in values]


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
    year_from: int | None = None    # the years the date may fall in (None: open or undated)
    year_to: int | None = None

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

    def row(self) -> dict[str, Any]:
        return CLUSTER.row(self)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Cluster":
        return CLUSTER.record(cls, row)


# -- the timeline of a dyad --------------------------------------------------------------------
MAX_NOTABLE = 5         # events named per year in flat rows (JSON keeps them all, by weight)


@dataclass
class YearEvent:
    cluster: str
    label: str
    kind: str
    date: str | None
    goldstein: float
    quad_class: int
    direction: str          # "a>b", "b>a" or "a-b" (symmetric)
    disputed: list[str]
    sources: list[dict]     # doc, lang, evidence


@dataclass
class DyadYear:
    year: int
    a: str
    b: str
    cow_a: int | None
    cow_b: int | None
    events: int = 0
    q1: int = 0
    q2: int = 0
    q3: int = 0
    q4: int = 0
    a_to_b: int = 0
    b_to_a: int = 0
    score: float = 0.0
    score_a_to_b: float = 0.0
    score_b_to_a: float = 0.0
    phase: str = "silent"
    stated: str | None = None       # the state of the relation the texts give for the year
    disputed: int = 0
    notable: list[YearEvent] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["score"] = round(self.score, 2)
        d["score_a_to_b"], d["score_b_to_a"] = round(self.score_a_to_b, 2), round(self.score_b_to_a, 2)
        return d

    def row(self) -> dict[str, Any]:
        """Flat columns (CSV)."""
        d = self.to_dict()
        d["notable"] = " | ".join(f"{e['label']} ({e['date']})" for e in d["notable"][:MAX_NOTABLE])
        return d


@dataclass
class Phase:
    start: int
    end: int
    kind: str               # cooperative | hostile | mixed | silent
    score: float            # mean yearly score over the phase
    events: int


@dataclass
class Timeline:
    a: str
    b: str
    years: list[DyadYear]
    phases: list[Phase]
    threshold: float
    undated: list[YearEvent] = field(default_factory=list)
    negated: list[YearEvent] = field(default_factory=list)
    codes_a: list[str] = field(default_factory=list)
    codes_b: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "codes_a": self.codes_a, "codes_b": self.codes_b,
                "threshold": round(self.threshold, 3), "years": [y.to_dict() for y in self.years],
                "phases": [asdict(p) for p in self.phases],
                "undated": [asdict(e) for e in self.undated], "negated": [asdict(e) for e in self.negated]}


# -- the field tables --------------------------------------------------------------------------
EVENT = Table("events", (
    Field("id", STRING), Field("doc", STRING), Field("lang", STRING), Field("evidence", STRING),
    Field("kind", STRING), Field("plover", STRING), Field("cameo", STRING), Field("quad_class", INT),
    Field("goldstein", FLOAT), Field("source", STRINGS), Field("target", STRINGS),
    Field("source_text", STRINGS), Field("target_text", STRINGS), Field("date", STRING),
    Field("date_text", STRING), Field("negated", BOOL), Field("confidence", FLOAT),
    Field("label", STRING), Field("trigger", STRING), Field("date_source", STRING),
    Field("sentence", INT), Field("cluster", STRING), Field("against", STRINGS), Field("mode", STRING),
    Field("doc_date", STRING), Field("doc_source", STRING), Field("doc_url", STRING),
    Field("location", STRING), Field("location_id", STRING), Field("geonames_id", INT),
    Field("location_country", STRING), Field("latitude", FLOAT), Field("longitude", FLOAT),
    Field("location_feature", STRING), Field("location_province", STRING),
    Field("location_text", STRING), Field("location_span", SPAN),
    Field("span", SPAN),
    # the years the date may fall in, for queries by year (None: open or undated)
    Field("year_from", INT, record=False), Field("year_to", INT, record=False),
), csv_first=("id", "doc", "lang", "kind", "plover", "cameo", "quad_class", "goldstein", "source",
              "target", "date", "negated", "confidence", "label", "evidence", "span",
              "source_text", "target_text", "date_text"))

FACT = Table("facts", (
    Field("id", STRING), Field("doc", STRING), Field("lang", STRING), Field("evidence", STRING),
    Field("subject", STRING), Field("predicate", STRING), Field("object", STRING),
    Field("date", STRING), Field("span", SPAN),
))

CLUSTER = Table("clusters", (
    Field("id", STRING, key=True), Field("kind", STRING), Field("plover", STRING),
    Field("quad_class", INT), Field("goldstein", FLOAT), Field("source", STRINGS),
    Field("target", STRINGS), Field("date", STRING), Field("year_from", INT), Field("year_to", INT),
    Field("negated", BOOL), Field("label", STRING), Field("members", STRINGS),
    Field("docs", STRINGS), Field("langs", STRINGS), Field("disputed", STRINGS),
    Field("sources", JSON), Field("against", STRINGS),
))

DOCUMENT = Table("documents", (
    Field("id", STRING, key=True), Field("path", STRING), Field("lang", STRING),
    Field("sha256", STRING), Field("text", STRING, record=False), Field("n_chars", INT),
    Field("n_events", INT), Field("n_facts", INT),
    Field("stored_at", TIMESTAMP, record=False),
    Field("date", STRING), Field("title", STRING), Field("url", STRING), Field("source", STRING),
))

DISAGREEMENT = Table("disagreements", (
    Field("cluster", STRING), Field("attribute", STRING), Field("values", JSON),
    # the cluster's, joined when read
    Field("label", STRING, stored=False), Field("kind", STRING, stored=False),
    Field("date", STRING, stored=False),
))

TABLES = {t.name: t for t in (EVENT, FACT, CLUSTER, DOCUMENT, DISAGREEMENT)}
RECORDS = {"events": Event, "facts": Fact, "clusters": Cluster, "documents": StoredDocument,
           "disagreements": Disagreement}
