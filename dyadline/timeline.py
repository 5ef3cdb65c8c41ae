"""The timeline of a dyad: what happened between two actors year by year, how cooperative or
hostile each year was, and the phases of their relation.

Input: the reconciled events (clusters) of the store, so that an event told by three sources
counts once. Output: one row per year in the usual dyad-year shape (keyed by ISO codes and
Correlates of War numbers, undirected counts and both directions), and the phases.

- **Counting.** An event belongs to the dyad when one side is among its sources and the other
  among its targets (either way; for symmetric kinds, among its participants). Help given
  against the other side ("aided India against Pakistan": the event's ``against``) counts as a
  conflictual act towards it: half the Goldstein weight, negative, in the conflict lanes. Groups with a
  role suffix (``AFG-REB``) are not their state. An event dated by an interval counts in
  every year it covers (an open interval only in its first year); negated events (the text
  says they did not happen) and undated events are listed apart.
- **Net cooperation score** of a year: the sum of the Goldstein weights (-10 most hostile,
  +10 most cooperative, ``data/kinds.json``) of its events, an event spread over several years
  weighing 1/n in each.
- **Phases** come from the scores, not from hand-set periods: each year with events is
  *cooperative* when its score is at least +θ, *hostile* when at most -θ, else *mixed*; θ is a
  quarter of the median absolute score of the years with events (so it scales with how much
  the sources tell). A year without events takes the state of the relation the texts give for
  it ("relations remained strained": ``relations_hostile`` facts), else it is *silent*; a silent gap shorter than
  ``SILENT_GAP`` years between two years of the same class belongs to their phase. Runs of
  one class make a phase.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from .kb import KnowledgeBase, default_kb
from .timex.values import bounds

SILENT_GAP = 3          # silent years between two years of one class that do not break a phase
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


def side_codes(code: str, kb: KnowledgeBase, with_predecessors: bool) -> set[str]:
    """The codes that stand for one side: the code, and with ``with_predecessors`` the states
    it succeeded, transitively (Russia: the Soviet Union)."""
    out, todo = {code.upper()}, [code.upper()]
    while with_predecessors and todo:
        a = kb.actor(todo.pop())
        for p in (a.predecessors if a else ()):
            if p not in out:
                out.add(p)
                todo.append(p)
    return out


def from_store(store, a: str, b: str, *, kb: KnowledgeBase | None = None,
               with_predecessors: bool = False, year_from: int | None = None,
               year_to: int | None = None, notable: int = 20) -> Timeline:
    """The timeline of (a, b) from a store, counted in the database (see
    :mod:`dyadline.timeline_sql`); each year keeps its ``notable`` weightiest events."""
    from .timeline_sql import timeline_from_store
    return timeline_from_store(store, a, b, kb=kb or default_kb(), with_predecessors=with_predecessors,
                               year_from=year_from, year_to=year_to, notable=notable)


def _direction(c: dict, A: set[str], B: set[str]) -> str | None:
    src, tgt = set(c["source"] or []), set(c["target"] or [])
    from .kinds import get as get_kind
    if not get_kind(c["kind"]).directed:
        parts = src | tgt
        return "a-b" if parts & A and parts & B else None
    if src & A and tgt & B:
        return "a>b"
    if src & B and tgt & A:
        return "b>a"
    return None


def _against(c: dict, A: set[str], B: set[str]) -> str | None:
    src, against = set(c["source"] or []), set(c.get("against") or [])
    if src & A and against & B:
        return "a>b"
    if src & B and against & A:
        return "b>a"
    return None


def _years(date: str | None) -> tuple[int, int] | None:
    b = bounds(date)
    if not b or (b[0] is None and b[1] is None):
        return None
    lo = b[0].year if b[0] else b[1].year
    hi = b[1].year if b[1] else lo
    return lo, hi


def _stored_years(lo: int | None, hi: int | None) -> tuple[int, int] | None:
    """The years of a stored cluster (``year_from``/``year_to``, None for an open end), read
    as :func:`_years` reads a date: one open end is the other."""
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else hi), (hi if hi is not None else lo)


def build(clusters: list[dict], a: str, b: str, *, kb: KnowledgeBase | None = None,
          with_predecessors: bool = False, year_from: int | None = None,
          year_to: int | None = None, facts: list[dict] | None = None) -> Timeline:
    """The timeline of the dyad (a, b) from reconciled events (``Store.clusters()`` rows) and,
    for years without events, the states of the relation the texts give (``relations_*``
    facts: "relations remained strained")."""
    kb = kb or default_kb()
    A, B = side_codes(a, kb, with_predecessors), side_codes(b, kb, with_predecessors)
    per_year: dict[int, list[tuple[YearEvent, float]]] = defaultdict(list)
    tl = Timeline(a.upper(), b.upper(), [], [], 0.0, codes_a=sorted(A), codes_b=sorted(B))
    for c in clusters:
        direction = _direction(c, A, B)
        goldstein, quad, label = c["goldstein"], c["quad_class"], c["label"]
        if direction is None:
            direction = _against(c, A, B)
            if direction is None:
                continue
            # help given to one side against the other is a hostile act towards the other
            goldstein, quad = -abs(goldstein) / 2, 3 if quad <= 1 else 4
            label = f"{label}, against {', '.join(c['against'])}"
        ye = YearEvent(cluster=c["id"], label=label, kind=c["kind"], date=c["date"],
                       goldstein=goldstein, quad_class=quad, direction=direction,
                       disputed=list(c.get("disputed") or []),
                       sources=[{"doc": s["doc"], "lang": s["lang"], "evidence": s["evidence"]}
                                for s in c.get("sources") or []])
        if c.get("negated"):
            tl.negated.append(ye)
            continue
        span = _years(c["date"]) if "year_from" not in c else _stored_years(c["year_from"], c["year_to"])
        if span is None:
            tl.undated.append(ye)
            continue
        lo, hi = span
        years = [y for y in range(lo, hi + 1)
                 if (year_from is None or y >= year_from) and (year_to is None or y <= year_to)]
        for y in years:
            per_year[y].append((ye, 1.0 / (hi - lo + 1)))
    rows: dict[int, DyadYear] = {}
    for y, items in per_year.items():
        row = rows[y] = DyadYear(y, a.upper(), b.upper(), None, None)
        for ye, w in items:
            row.events += 1
            if 1 <= ye.quad_class <= 4:
                setattr(row, f"q{ye.quad_class}", getattr(row, f"q{ye.quad_class}") + 1)
            row.score += ye.goldstein * w
            if ye.direction in ("a>b", "a-b"):
                row.a_to_b += 1
                row.score_a_to_b += ye.goldstein * w
            if ye.direction in ("b>a", "a-b"):
                row.b_to_a += 1
                row.score_b_to_a += ye.goldstein * w
            row.disputed += bool(ye.disputed)
        row.notable = [ye for ye, _w in sorted(items, key=lambda p: (-abs(p[0].goldstein * p[1]), p[0].label))]
    return finish(tl, rows, _stated(facts or [], A, B), kb, year_from, year_to)


def finish(tl: Timeline, rows: dict[int, DyadYear], stated: list[tuple[int, int | None, str]],
           kb: KnowledgeBase, year_from: int | None, year_to: int | None) -> Timeline:
    """Complete a timeline from the dyad-years that have events: every year of the range
    (those without events take the stated state of the relation), COW codes, phases."""
    if not rows and not stated:
        return tl
    A, B = set(tl.codes_a), set(tl.codes_b)
    known = list(rows) + [lo for lo, _hi, _v in stated]
    first = year_from if year_from is not None else min(known)
    last = year_to if year_to is not None else max(known)
    for y in range(first, last + 1):
        row = rows.get(y) or DyadYear(y, tl.a, tl.b, None, None)
        row.cow_a, row.cow_b = _cow(kb, A, y), _cow(kb, B, y)
        # sums of weights such as 1/3 depend on the order of addition in their last bits:
        # rounded, a year on the threshold is classed the same however it was counted
        row.score, row.score_a_to_b, row.score_b_to_a = (
            round(row.score, 9), round(row.score_a_to_b, 9), round(row.score_b_to_a, 9))
        for lo, hi, value in stated:
            if lo <= y <= (hi if hi is not None else last):
                row.stated = value if row.stated in (None, value) else "mixed"
        tl.years.append(row)
    tl.threshold = _threshold(tl.years)
    tl.phases = phases(tl.years, tl.threshold)
    return tl


def _stated(facts: list[dict], A: set[str], B: set[str]) -> list[tuple[int, int | None, str]]:
    """(first year, last year or None when open, state) of the relation states the texts give
    for this dyad."""
    out = []
    for f in facts:
        pred = f.get("predicate") or ""
        if not pred.startswith("relations_"):
            continue
        pair = {f.get("subject"), f.get("object")}
        if not (pair & A and pair & B):
            continue
        b = bounds(f.get("date"))
        if not b or b[0] is None:
            continue
        out.append((b[0].year, b[1].year if b[1] else None, pred.split("_", 1)[1]))
    return out


def _cow(kb: KnowledgeBase, codes: set[str], year: int) -> int | None:
    for c in sorted(codes):
        actor = kb.actor(c)
        if actor is not None and actor.exists_in(year):
            hit = actor.cow_at(year)
            if hit:
                return hit[0]
    return None


def _threshold(years: list[DyadYear]) -> float:
    scores = [abs(y.score) for y in years if y.events]
    if not scores:
        return 0.0
    return max(0.25 * statistics.median(scores), 0.1)


def _classify(y: DyadYear, theta: float) -> str:
    if not y.events:
        return y.stated or "silent"
    if y.score >= theta:
        return "cooperative"
    if y.score <= -theta:
        return "hostile"
    return "mixed"


def phases(years: list[DyadYear], theta: float) -> list[Phase]:
    """Runs of years of one class; short silences inside a run belong to it. Sets each year's
    ``phase``."""
    classes = [_classify(y, theta) for y in years]
    # a silent gap shorter than SILENT_GAP between two years of the same class joins them
    i = 0
    while i < len(classes):
        if classes[i] != "silent":
            i += 1
            continue
        j = i
        while j < len(classes) and classes[j] == "silent":
            j += 1
        if 0 < i and j < len(classes) and j - i < SILENT_GAP and classes[i - 1] == classes[j]:
            classes[i:j] = [classes[j]] * (j - i)
        i = j
    out: list[Phase] = []
    for y, cls in zip(years, classes):
        y.phase = cls
        if out and out[-1].kind == cls and out[-1].end == y.year - 1:
            p = out[-1]
            n = p.end - p.start + 1
            p.score = (p.score * n + y.score) / (n + 1)
            p.end, p.events = y.year, p.events + y.events
        else:
            out.append(Phase(y.year, y.year, cls, y.score, y.events))
    for p in out:
        p.score = round(p.score, 2)
    return out
