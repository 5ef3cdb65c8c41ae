"""The timeline of a dyad: what happened between two actors year by year, how cooperative or
hostile each year was, and the phases of their relation.

Input: the reconciled events (clusters) of the store, so that an event told by three sources
counts once. Output: one row per year in the usual dyad-year shape (keyed by ISO codes and
Correlates of War numbers, undirected counts and both directions), and the phases.

- **Counting** (:mod:`.rules`, shared by this module and the database count of the store).
  An event belongs to the dyad when one side is among its sources and the other among its
  targets (either way; for symmetric kinds, among its participants). Help given against the
  other side ("armed Angola against Zaire": the event's ``against``) counts as a conflictual
  act towards it: half the Goldstein weight, negative, in the conflict lanes. Groups with a
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

from ..kb import KnowledgeBase, default_kb
from ..records import Cluster, DyadYear, Fact, Phase, Timeline, YearEvent
from ..timex.values import bounds
from . import rules

SILENT_GAP = 3          # silent years between two years of one class that do not break a phase


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
    """The timeline of (a, b) from a store, counted in the database by :mod:`.rules`; each year
    keeps its ``notable`` weightiest events."""
    kb = kb or default_kb()
    A, B = side_codes(a, kb, with_predecessors), side_codes(b, kb, with_predecessors)
    tl = Timeline(a.upper(), b.upper(), [], [], 0.0, codes_a=sorted(A), codes_b=sorted(B))
    counts = store.dyad_counts(sorted(A), sorted(B), rules.SQL_RULES, year_from=year_from,
                               year_to=year_to, notable=notable)
    rows: dict[int, DyadYear] = {}
    for yr, n, q1, q2, q3, q4, score, ab, s_ab, ba, s_ba, disputed in counts.years:
        rows[yr] = DyadYear(yr, tl.a, tl.b, None, None, events=n, q1=q1, q2=q2, q3=q3, q4=q4,
                            a_to_b=ab, b_to_a=ba, score=score, score_a_to_b=s_ab, score_b_to_a=s_ba,
                            disputed=disputed)

    def event(row) -> YearEvent:
        cid, label, kind, date, g, q, direction, disputed = row
        return YearEvent(cluster=cid, label=label, kind=kind, date=date, goldstein=g, quad_class=q,
                         direction=direction, disputed=list(disputed or []),
                         sources=counts.sources.get(cid, []))

    for yr, *rest in counts.notable:
        rows[yr].notable.append(event(rest))
    for negated, *rest in counts.apart:
        (tl.negated if negated else tl.undated).append(event(rest))
    facts = [Fact(doc="", evidence="", span=(-1, -1), subject=f["subject"], predicate=f["predicate"],
                  object=f["object"], date=f["date"]) for f in counts.facts]
    return finish(tl, rows, _stated(facts, A, B), kb, year_from, year_to)


def build(clusters: list[Cluster], a: str, b: str, *, kb: KnowledgeBase | None = None,
          with_predecessors: bool = False, year_from: int | None = None,
          year_to: int | None = None, facts: list[Fact] | None = None) -> Timeline:
    """The timeline of the dyad (a, b) from reconciled events (``Store.clusters()``) and,
    for years without events, the states of the relation the texts give (``relations_*``
    facts: "relations remained strained")."""
    kb = kb or default_kb()
    A, B = side_codes(a, kb, with_predecessors), side_codes(b, kb, with_predecessors)
    per_year: dict[int, list[tuple[YearEvent, float]]] = defaultdict(list)
    tl = Timeline(a.upper(), b.upper(), [], [], 0.0, codes_a=sorted(A), codes_b=sorted(B))
    for c in clusters:
        direction = rules.direction(c, A, B)
        goldstein, quad, label = c.goldstein, c.quad_class, c.label
        if direction is None:
            direction = rules.against_direction(c, A, B)
            if direction is None:
                continue
            # help given to one side against the other is a hostile act towards the other
            goldstein, quad = rules.against_weight(goldstein, quad)
            label = rules.against_label(label, c.against)
        ye = YearEvent(cluster=c.id, label=label, kind=c.kind, date=c.date,
                       goldstein=goldstein, quad_class=quad, direction=direction,
                       disputed=list(c.disputed or []),
                       sources=[{"doc": s.doc, "lang": s.lang, "evidence": s.evidence}
                                for s in c.sources or []])
        if c.negated:
            tl.negated.append(ye)
            continue
        span = rules.years_of(c)
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


def _stated(facts: list[Fact], A: set[str], B: set[str]) -> list[tuple[int, int | None, str]]:
    """(first year, last year or None when open, state) of the relation states the texts give
    for this dyad."""
    out = []
    for f in facts:
        pred = f.predicate or ""
        if not pred.startswith("relations_"):
            continue
        pair = {f.subject, f.object}
        if not (pair & A and pair & B):
            continue
        b = bounds(f.date)
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
