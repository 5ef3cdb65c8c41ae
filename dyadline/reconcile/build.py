"""A cluster's record from its members: the canonical kind, actors and date, the label, and
where the sources disagree."""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from itertools import combinations

from ..kinds import get as get_kind
from ..records import Cluster, Disagreement, Event, SourceRef
from ..timex.values import bounds, overlaps, width_days, year_bounds


def cluster_id(member_ids) -> str:
    """A cluster's id: a hash of its members' ids (the same members, the same id)."""
    return "cl_" + hashlib.sha1(",".join(sorted(member_ids)).encode()).hexdigest()[:16]


def first_day(date: str | None) -> str:
    b = bounds(date)
    return b[0].isoformat() if b and b[0] else "9999"


def _ref(e: Event) -> SourceRef:
    return SourceRef(doc=e.doc, lang=e.lang, event=e.id, evidence=e.evidence,
                     span=tuple(e.span), sentence=e.sentence)


def build_cluster(evs: list[Event], name) -> tuple[Cluster, list[Disagreement]]:
    evs = sorted(evs, key=lambda e: (e.doc, e.span[0], e.id))
    cid = cluster_id(e.id for e in evs)
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
    return sorted(groups, key=lambda g: first_day(g[0]))


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
