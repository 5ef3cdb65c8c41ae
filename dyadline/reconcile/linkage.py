"""Complete linkage inside one unit of blocks, in one sweep.

Dated mentions are taken from the most precise to the least (then by start, then id); each
joins the best cluster it is compatible with, or starts one. A cluster is found through an
index per block and kind, sorted by the first day of the cluster's first (most precise) member:
a cluster compatible with a mention has that day within the mention's span widened by the
mention's width (and by :data:`~.mentions.ONCE_YEARS` for a once-only act), so each mention
looks at a bounded window of dates, never at the whole block; at most :data:`MAX_CANDIDATES`
clusters nearest the mention's date are examined.

A mention joins a cluster only if compatible with every member (complete linkage), but the
check is against the cluster's distinct (kind, actors, date) signatures and its members from
the mention's own document, not every member: members differing only in their document give
the same answer. Among the clusters it may join, a mention takes the one of the same kind only,
naming the same actors, whose dates all overlap its own, with the most members, nearest in
date (in that order).

Undated mentions come last. One whose document is dated (a news report) joins the best
cluster of its kind it is compatible with among those that begin in the :data:`NEWS_DAYS`
before the document's date. The rule is a property of news, not of a test set: a report that
tells of an act without dating it tells of a recent one (yesterday's talks, this week's
strikes: the date is the publication's), and a month bounds "recent" generously while keeping
the acts of other months out. (The synthetic mentions of ``dyadline.testing.mentions`` publish
reports within a month of the event, so their figures favour this rule; the cross-document
figures on real texts are the check that it holds.) Such a report is blocked by its
document's year, so one published in early January does not find an event of late December:
its blocks would otherwise tie every year of a busy pair into one unit. Otherwise, it joins the dated
cluster of its kind when that cluster is the only one of its kind in its blocks it is
compatible with; when there are several, which one it reports is unknowable and it stays
alone; when there is none, undated reports of one kind from different documents are one event.
"""
from __future__ import annotations

import bisect

from .mentions import ONCE_DAYS, SAME_TIME_DAYS, Mention, compatible, overlap

MAX_CANDIDATES = 64     # clusters examined per mention, the nearest in date
MAX_UNDATED_SCAN = 256  # clusters examined for an undated mention before it counts as ambiguous
NEWS_DAYS = 31          # an undated report in a dated document: of an event begun this recently


class _Cluster:
    __slots__ = ("id", "members", "kinds", "sigs", "docs", "keys", "anchor", "center", "dated")

    def __init__(self, cid: int, m: Mention) -> None:
        self.id, self.members, self.kinds = cid, [], set()
        self.sigs: dict[tuple, Mention] = {}
        self.docs: dict[str, list[Mention]] = {}
        self.keys: set[str] = set()
        self.anchor, self.center, self.dated = m.lo, m.center, m.dated

    def add(self, m: Mention) -> None:
        self.members.append(m)
        self.kinds.add(m.kind)
        self.sigs.setdefault((m.kind, m.src, m.tgt, m.lo, m.hi, m.dated), m)
        self.docs.setdefault(m.doc, []).append(m)
        self.keys.update(m.keys)


def _score(m: Mention, c: _Cluster) -> tuple | None:
    """None when ``m`` may not join ``c``; else how well it fits (larger is better)."""
    same_actors = all_overlap = False
    all_overlap = True
    for rep in c.sigs.values():
        if not compatible(m, rep, same_doc=False):
            return None
        same_actors = same_actors or (rep.src == m.src and rep.tgt == m.tgt)
        if m.dated and rep.dated and not overlap(m, rep):
            all_overlap = False
    for x in c.docs.get(m.doc, ()):
        if not compatible(m, x, same_doc=True):
            return None
    return (c.kinds == {m.kind}, same_actors, all_overlap, len(c.members),
            -abs(c.center - m.center), -c.id)


def _best(m: Mention, cids, clusters: list[_Cluster]) -> _Cluster | None:
    """The cluster among ``cids`` that ``m`` fits best (each looked at once), None if none."""
    best, best_score, seen = None, None, set()
    for cid in cids:
        if cid in seen:
            continue
        seen.add(cid)
        s = _score(m, clusters[cid])
        if s is not None and (best_score is None or s > best_score):
            best, best_score = clusters[cid], s
    return best


def cluster_unit(ms: list[Mention]) -> list[list[Mention]]:
    """Group the mentions of one unit (blocks linked by mentions of three or more
    participants) into events."""
    clusters: list[_Cluster] = []
    index: dict[tuple[str, str], list[tuple[int, int]]] = {}   # (block, kind) -> [(anchor, id)]
    kinds_of: dict[str, set[str]] = {}                          # block -> kinds indexed
    registered: dict[int, set[tuple[str, str]]] = {}

    def register(c: _Cluster) -> None:
        done = registered.setdefault(c.id, set())
        for key in c.keys:
            for kind in c.kinds:
                if (key, kind) not in done:
                    done.add((key, kind))
                    bisect.insort(index.setdefault((key, kind), []), (c.anchor, c.id))
                    kinds_of.setdefault(key, set()).add(kind)

    def new(m: Mention) -> _Cluster:
        c = _Cluster(len(clusters), m)
        c.add(m)
        clusters.append(c)
        return c

    dated = sorted((m for m in ms if m.dated), key=lambda m: (m.width, m.lo, m.ev.id))
    def windows(m: Mention):
        for key in m.keys:
            for kind in kinds_of.get(key, ()):
                if kind == m.kind:
                    reach = ONCE_DAYS if m.once else 0
                    lo, hi = m.lo - reach - m.width, m.hi + reach
                elif m.width <= SAME_TIME_DAYS:
                    lo, hi = m.lo - m.width, m.hi
                else:
                    continue
                yield from _window(index[(key, kind)], lo, hi, m.center)

    for m in dated:
        best = _best(m, windows(m), clusters)
        if best is None:
            best = new(m)
        else:
            best.add(m)
        register(best)

    undated_index: dict[tuple[str, str], list[int]] = {}       # clusters of undated reports only
    for m in sorted((m for m in ms if not m.dated), key=lambda m: m.ev.id):
        if m.published is not None:
            best = _best(m, (cid for key in m.keys for cid in _window(
                index.get((key, m.kind), []), m.published - NEWS_DAYS, m.published, m.published)), clusters)
            if best is not None:
                best.add(m)
                register(best)
                continue
        found: list[_Cluster] = []
        scanned = 0
        for key in m.keys:
            for _anchor, cid in index.get((key, m.kind), ()):
                c = clusters[cid]
                if c in found:
                    continue
                scanned += 1
                if _score(m, c) is not None:
                    found.append(c)
                if len(found) > 1 or scanned >= MAX_UNDATED_SCAN:
                    break
            if len(found) > 1 or scanned >= MAX_UNDATED_SCAN:
                break
        if len(found) == 1 and scanned < MAX_UNDATED_SCAN:
            found[0].add(m)
            register(found[0])
            continue
        if found:          # several events it may report: it stays alone
            new(m)
            continue
        best = _best(m, (cid for key in m.keys
                         for cid in undated_index.get((key, m.kind), ())[:MAX_UNDATED_SCAN]), clusters)
        if best is None:
            best = new(m)
        else:
            best.add(m)
        for key in m.keys:
            lst = undated_index.setdefault((key, m.kind), [])
            if best.id not in lst:
                lst.append(best.id)
    return [c.members for c in clusters]


def _window(lst: list[tuple[int, int]], lo: float, hi: float, center: float) -> list[int]:
    """The ids of the entries whose anchor lies in [lo, hi], at most MAX_CANDIDATES of them,
    the nearest to ``center``."""
    i = bisect.bisect_left(lst, (lo, -1))
    j = bisect.bisect_right(lst, (hi, 1 << 62))
    if j - i > MAX_CANDIDATES:
        c = bisect.bisect_left(lst, (center, -1))
        start = min(max(i, c - MAX_CANDIDATES // 2), j - MAX_CANDIDATES)
        i, j = start, start + MAX_CANDIDATES
    return [cid for _a, cid in lst[i:j]]
