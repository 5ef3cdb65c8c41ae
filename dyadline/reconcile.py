"""Reconciliation: event mentions of any documents and languages that report the same
real-world event become one :class:`~dyadline.model.Cluster`, and where their sources disagree
(on the date, the actors, the kind, or whether it happened) a
:class:`~dyadline.model.Disagreement` says so, with the words of each source.

Only language-independent evidence is compared: the kind's PLOVER family, the actor codes, the
dates as calendar intervals. Two mentions are *compatible* when

- their kinds share a PLOVER family;
- their participants agree: for a directed kind the sources overlap (or one side names none)
  and so do the targets; for a symmetric kind one side's participants are among the other's;
- their dates overlap, or, for an act that happens once between the same parties (joining an
  alliance, establishing relations, a state's founding: ``once`` in ``data/kinds.json``), lie
  within ``ONCE_YEARS`` of each other: the sources then disagree on the date;
- two mentions of one document also have the same kind and overlapping dates (a document that
  gives two dates tells of two events).

Mentions are blocked by kind family and pair of participants, sorted by date inside a block and
compared only within a window of years, so the work grows as n log n, not n². Clusters grow by
complete linkage (a mention joins a cluster only if compatible with all its members), strongest
pairs first, so a chain of near dates cannot join two incompatible reports. A cluster's id is a
hash of its members' ids: the same input gives the same ids.
"""
from __future__ import annotations

import bisect
import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from .kinds import get as get_kind, kinds
from .records import Cluster, Disagreement, Event, SourceRef
from .timex.values import bounds, contains, gap_years, overlaps, width_days, year_bounds

ONCE_YEARS = 10.0       # how far apart two reports of a once-only act may date it
WINDOW_YEARS = 2.0      # how far apart other reports may start and still be compared


@dataclass
class Reconciliation:
    clusters: list[Cluster] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    assignment: dict[str, str] = field(default_factory=dict)   # event id -> cluster id


@dataclass
class _M:
    """An event mention as reconciliation sees it."""

    ev: Event
    family: str
    src: frozenset[str]
    tgt: frozenset[str]
    directed: bool
    once: bool
    start: float            # first year (inf when undated), for sorting

    @property
    def parts(self) -> frozenset[str]:
        return self.src | self.tgt


def _mention(ev: Event) -> _M:
    k = get_kind(ev.kind)
    b = bounds(ev.date)
    start = math.inf if not b or b[0] is None else b[0].year + (b[0].timetuple().tm_yday - 1) / 366
    return _M(ev, k.family, frozenset(ev.source), frozenset(ev.target), k.directed, k.once, start)


def _actors_agree(a: _M, b: _M) -> bool:
    if a.directed and b.directed:
        src_ok = not a.src or not b.src or bool(a.src & b.src)
        tgt_ok = not a.tgt or not b.tgt or bool(a.tgt & b.tgt)
        return src_ok and tgt_ok and bool(a.parts & b.parts)
    pa, pb = a.parts, b.parts
    return bool(pa & pb) and (pa <= pb or pb <= pa or len(pa & pb) >= 2)


def compatible(a: _M, b: _M) -> bool:
    if a.family != b.family or not _actors_agree(a, b):
        return False
    da, db = a.ev.date, b.ev.date
    same_doc = a.ev.doc == b.ev.doc
    if a.ev.kind != b.ev.kind and not _same_time(da, db):
        return False    # two kinds of one family are one event only at one precise time
    if da and db:
        if overlaps(da, db):
            return not same_doc or a.ev.kind == b.ev.kind
        if same_doc or not (a.once and b.once and a.ev.kind == b.ev.kind):
            return False
        return gap_years(da, db) <= ONCE_YEARS
    if same_doc:
        return False
    return a.ev.kind == b.ev.kind      # an undated report joins a report of the same kind


def _same_time(da: str | None, db: str | None) -> bool:
    """Two dates of at most a year each, one within the other."""
    if not da or not db or width_days(da) > 366 or width_days(db) > 366:
        return False
    return overlaps(da, db) and (contains(da, db) or contains(db, da))


def _strength(a: _M, b: _M) -> tuple:
    """Pairs merged first: same kind, same participants, overlapping dates, other documents."""
    return (a.ev.kind == b.ev.kind, a.src == b.src and a.tgt == b.tgt,
            bool(a.ev.date and b.ev.date and overlaps(a.ev.date, b.ev.date)), a.ev.doc != b.ev.doc)


def _blocks(ms: list[_M]) -> dict[tuple, list[int]]:
    """Mentions by kind family and pair of participants (by the one participant when only one
    is named)."""
    out: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(ms):
        parts = sorted(m.parts) or [""]
        keys = {(m.family, p, q) for p, q in combinations(parts, 2)} if len(parts) > 1 else {(m.family, parts[0], "")}
        for key in keys:
            out[key].append(i)
    return out


def _single_pairs(ms: list[_M]) -> set[tuple[int, int]]:
    """A mention that names one participant ('the 1998 war' of one side) is compared with the
    mentions of that participant within the window of years, whatever their other side."""
    by_code: dict[tuple[str, str], list[tuple[float, int]]] = defaultdict(list)
    for i, m in enumerate(ms):
        for c in m.parts:
            by_code[(m.family, c)].append((m.start, i))
    for lst in by_code.values():
        lst.sort()
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(ms):
        if len(m.parts) != 1:
            continue
        (code,) = m.parts
        lst = by_code[(m.family, code)]
        reach = ONCE_YEARS if m.once else WINDOW_YEARS
        if m.start == math.inf:
            cands = [j for _s, j in lst]
        else:
            lo = bisect.bisect_left(lst, (m.start - reach - 30, -1))   # long intervals start early
            hi = bisect.bisect_right(lst, (_end_year(m) + reach, len(ms)))
            cands = [j for _s, j in lst[lo:hi]]
        for j in cands:
            if j != i:
                pairs.add((i, j) if i < j else (j, i))
    return pairs


def _candidate_pairs(ms: list[_M]) -> set[tuple[int, int]]:
    pairs: set[tuple[int, int]] = _single_pairs(ms)
    for idx in _blocks(ms).values():
        idx.sort(key=lambda i: ms[i].start)
        dated = [i for i in idx if ms[i].start != math.inf]
        undated = [i for i in idx if ms[i].start == math.inf]
        for pos, i in enumerate(dated):
            reach = ONCE_YEARS if ms[i].once else WINDOW_YEARS
            hi_i = _end_year(ms[i])
            for j in dated[pos + 1:]:
                if ms[j].start - max(hi_i, ms[i].start) > reach:
                    break
                pairs.add((i, j) if i < j else (j, i))
        # undated reports are compared with every report of the block (blocks are small)
        for i in undated:
            for j in idx:
                if j != i:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def _end_year(m: _M) -> float:
    b = bounds(m.ev.date)
    if not b or b[1] is None:
        return m.start if b is None or b[0] is None else float("inf")
    return b[1].year + 1.0


def reconcile(events: Iterable[Event], name=None) -> Reconciliation:
    """Group event mentions into real-world events and find where their sources disagree.
    ``name`` turns an actor code into a display name for labels (default: the code)."""
    evs = sorted(events, key=lambda e: e.id)
    ms = [_mention(e) for e in evs]
    pairs = [p for p in _candidate_pairs(ms) if compatible(ms[p[0]], ms[p[1]])]
    pairs.sort(key=lambda p: (_strength(ms[p[0]], ms[p[1]]), -p[0], -p[1]), reverse=True)
    owner = list(range(len(ms)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ms))}
    ok = {p for p in pairs}
    for i, j in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        # complete linkage: every member of one cluster compatible with every member of the other
        if all(((a, b) if a < b else (b, a)) in ok for a in members[ci] for b in members[cj]):
            keep, drop = (ci, cj) if len(members[ci]) >= len(members[cj]) else (cj, ci)
            for k in members[drop]:
                owner[k] = keep
            members[keep].extend(members.pop(drop))
    out = Reconciliation()
    for group in sorted(members.values(), key=lambda g: min(evs[k].id for k in g)):
        cl, dis = _cluster([ms[k] for k in group], name or (lambda c: c))
        out.clusters.append(cl)
        out.disagreements.extend(dis)
        for k in group:
            out.assignment[evs[k].id] = cl.id
    out.clusters.sort(key=lambda c: (_first_day(c.date), c.id))
    return out


def _first_day(date: str | None) -> str:
    b = bounds(date)
    return b[0].isoformat() if b and b[0] else "9999"


def _ref(e: Event) -> SourceRef:
    return SourceRef(doc=e.doc, lang=e.lang, event=e.id, evidence=e.evidence,
                     span=tuple(e.span), sentence=e.sentence)


def _cluster(group: list[_M], name) -> tuple[Cluster, list[Disagreement]]:
    evs = sorted((m.ev for m in group), key=lambda e: (e.doc, e.span[0], e.id))
    cid = "cl_" + hashlib.sha1(",".join(sorted(e.id for e in evs)).encode()).hexdigest()[:16]
    weight = Counter()
    for e in evs:
        weight[e.kind] += 1 + e.confidence / 10
    kind = max(weight, key=lambda k: (weight[k], k))
    K = get_kind(kind)
    sources, targets = _majority([(tuple(e.source), tuple(e.target)) for e in evs])
    date_groups = _date_groups(evs)
    date = max(date_groups, key=lambda g: (len(g[1]), -width_days(g[0])))[0] if date_groups else None
    negated = Counter(e.negated for e in evs).most_common(1)[0][0]
    label = K.label.format(source=" and ".join(name(c) for c in sources) or "—",
                           target=" and ".join(name(c) for c in targets) or "—")
    disagreements = []
    if len(date_groups) > 1:
        disagreements.append(Disagreement(cid, "date", [(d, [_ref(e) for e in es]) for d, es in date_groups]))
    sides = ("source", "target") if K.directed else ("participants",)
    for attr in sides:
        sets = _conflicting_sets(evs, attr)
        if sets:
            disagreements.append(Disagreement(cid, attr, [(list(s), [_ref(e) for e in es]) for s, es in sets]))
    for attr, key in (("kind", lambda e: e.kind), ("negated", lambda e: e.negated)):
        values = defaultdict(list)
        for e in evs:
            values[key(e)].append(e)
        if len(values) > 1:
            disagreements.append(Disagreement(cid, attr, [(v, [_ref(e) for e in es]) for v, es in values.items()]))
    year_from, year_to = year_bounds(date)
    cl = Cluster(id=cid, kind=kind, source=list(sources), target=list(targets), date=date,
                 negated=negated, label=label, members=[e.id for e in evs],
                 sources=[_ref(e) for e in evs], disputed=[d.attribute for d in disagreements],
                 against=sorted({c for e in evs for c in e.against}),
                 plover=K.plover, quad_class=K.quad_class, goldstein=K.goldstein,
                 year_from=year_from, year_to=year_to)
    return cl, disagreements


def _majority(values: list[tuple[tuple[str, ...], tuple[str, ...]]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The (sources, targets) most reports give (ties: the one naming most actors)."""
    c = Counter(values)
    return max(c, key=lambda v: (c[v], len(v[0]) + len(v[1]), v))


def _date_groups(evs: list[Event]) -> list[tuple[str, list[Event]]]:
    """Dated reports grouped by compatible dates; each group with its most precise date that
    all its reports allow (a difference of precision alone is not a disagreement)."""
    dated = sorted((e for e in evs if e.date and bounds(e.date)), key=lambda e: width_days(e.date))
    groups: list[tuple[str, list[Event]]] = []
    for e in dated:
        for gi, (value, members) in enumerate(groups):
            if all(overlaps(e.date, m.date) for m in members):
                members.append(e)      # wider than the group's first (most precise) date
                break
        else:
            groups.append((e.date, [e]))
    return sorted(groups, key=lambda g: _first_day(g[0]))


def _conflicting_sets(evs: list[Event], attr: str) -> list[tuple[tuple[str, ...], list[Event]]]:
    """Actor sets of one side that contradict each other (neither contains the other); naming
    fewer actors than another report is not a contradiction."""
    by_set: dict[frozenset, list[Event]] = defaultdict(list)
    for e in evs:
        s = frozenset(e.source) | frozenset(e.target) if attr == "participants" else frozenset(getattr(e, attr))
        if s:
            by_set[s].append(e)
    sets = list(by_set)
    conflict = any(not (a <= b or b <= a) for a, b in combinations(sets, 2))
    if not conflict:
        return []
    return [(tuple(sorted(s)), by_set[s]) for s in sorted(sets, key=sorted)]


def reconcile_store(store, kb=None) -> Reconciliation:
    """Reconcile every event of a :class:`~dyadline.store.Store` and store the clusters, the
    disagreements and the events' cluster ids."""
    from .kb import default_kb
    kb = kb or default_kb()
    rec = reconcile(store.events(), name=kb.name)
    store.save_reconciliation(rec)
    return rec


__all__ = ["Reconciliation", "reconcile", "reconcile_store", "compatible", "ONCE_YEARS", "kinds"]
