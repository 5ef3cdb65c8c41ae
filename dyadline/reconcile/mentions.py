"""An event mention as reconciliation sees it (kind family, actor sets, the date as whole days),
the compatibility rules of :mod:`dyadline.reconcile`, and the blocks a mention belongs to."""
from __future__ import annotations

import math
from itertools import combinations

from ..kinds import get as get_kind
from ..records import Event
from ..timex.values import bounds

ONCE_YEARS = 10.0       # how far apart two reports of a once-only act may date it
ONCE_DAYS = ONCE_YEARS * 365.25
SAME_TIME_DAYS = 366    # kinds of one family are one event only at a time this precise
PERIOD_YEARS = 1        # mentions are compared only within a period of this many years
OPEN = 10 ** 7          # an open end of a date, in days (day numbers of dates are below 10**6)


REPORT_FIELDS = ("id", "doc", "lang", "evidence", "span", "sentence", "kind", "source", "target",
                 "against", "date", "doc_date", "negated", "confidence")    # and its blocks, from a store


class Report:
    """The fields of an event that reconciliation reads (:data:`REPORT_FIELDS`): what a store
    run loads instead of whole :class:`~dyadline.records.Event` records (a fifth of the memory
    and of the reading time). Anything with these attributes can be reconciled."""

    __slots__ = REPORT_FIELDS

    def __init__(self, *values) -> None:
        for k, v in zip(REPORT_FIELDS, values):
            setattr(self, k, v)


class Mention:
    """An event mention: its kind's family, its participants and its date as a closed interval
    of day numbers (``lo``, ``hi``; open ends at ±:data:`OPEN`); ``dated`` is False for a mention
    without a date (or whose date is not EDTF)."""

    __slots__ = ("ev", "kind", "family", "src", "tgt", "parts", "directed", "once", "doc", "lo",
                 "hi", "width", "dated", "keys", "published")

    def __init__(self, ev: Event | Report, keys: list[str] | None = None) -> None:
        k = get_kind(ev.kind)
        self.ev, self.kind, self.family = ev, ev.kind, k.family
        self.src, self.tgt = frozenset(ev.source), frozenset(ev.target)
        self.parts = self.src | self.tgt
        self.directed, self.once, self.doc = k.directed, k.once, ev.doc
        b = bounds(ev.date)
        if b is None or (b[0] is None and b[1] is None):
            self.dated, self.lo, self.hi, self.width = False, 0, 0, math.inf
        else:
            self.dated = True
            self.lo = b[0].toordinal() if b[0] else -OPEN
            self.hi = b[1].toordinal() if b[1] else OPEN
            self.width = self.hi - self.lo + 1
        pb = bounds(ev.doc_date) if not self.dated else None
        self.published = pb[1].toordinal() if pb and pb[1] else None   # an undated report's document date
        # its blocks (given when known: a store keeps them)
        self.keys = keys or block_keys(self.family, self.parts, periods(self.once, b, pb))

    @property
    def center(self) -> float:
        return (self.lo + self.hi) / 2


def periods(once: bool, b, published) -> list[str]:
    """The periods of a mention's blocks: the spans of :data:`PERIOD_YEARS` years its date
    begins and ends in ("1990"; an interval over several periods is in its first and its last,
    which links them), that of its document's date for an undated report, "*" for a once-only
    act (compared over any span of years) and "?" for an undated report of an undated
    document.

    Periods are what make a run incremental: a new report of a busy pair redoes that pair's
    year, not its decades. Their price is at the turn of a year: two reports of one event
    dated 31 December and 1 January (a source a day off) are in different blocks and are not
    compared (about 1 % of day-precise reports; widening a report's periods across the turn
    would tie all the years of a busy pair into one unit)."""
    if once:
        return ["*"]
    for x in (b, published):
        if x and (x[0] or x[1]):
            ys = sorted({y - y % PERIOD_YEARS for y in ((x[0] or x[1]).year, (x[1] or x[0]).year)})
            return [str(y) for y in ys]
    return ["?"]


def block_keys(family: str, parts, pers: list[str] = ["?"]) -> list[str]:  # noqa: B006
    """The blocks of a mention: its kind family with each pair of its participants and its
    period ("ASSAULT|ERI|ETH|199"), or with its one participant ("ASSAULT|ERI||199") or none
    ("ASSAULT|||199"). Only mentions that share a block are compared."""
    ps = sorted(parts)
    pairs = [(a, b) for a, b in combinations(ps, 2)] if len(ps) > 1 else [(ps[0] if ps else "", "")]
    return [f"{family}|{a}|{b}|{per}" for per in pers for a, b in pairs]


def event_blocks(kind: str, source, target, date: str | None, doc_date: str | None = None) -> list[str]:
    """:func:`block_keys` of an event given by its kind, actor codes and dates."""
    k = get_kind(kind)
    b = bounds(date)
    if b is not None and b[0] is None and b[1] is None:
        b = None
    return block_keys(k.family, set(source) | set(target), periods(k.once, b, bounds(doc_date) if b is None else None))


def actors_agree(a: Mention, b: Mention) -> bool:
    if a.directed and b.directed:
        src_ok = not a.src or not b.src or bool(a.src & b.src)
        tgt_ok = not a.tgt or not b.tgt or bool(a.tgt & b.tgt)
        return src_ok and tgt_ok and bool(a.parts & b.parts)
    pa, pb = a.parts, b.parts
    return bool(pa & pb) and (pa <= pb or pb <= pa or len(pa & pb) >= 2)


def overlap(a: Mention, b: Mention) -> bool:
    return a.lo <= b.hi and b.lo <= a.hi


def same_time(a: Mention, b: Mention) -> bool:
    """Two dates of at most a year each, one within the other."""
    if not (a.dated and b.dated) or a.width > SAME_TIME_DAYS or b.width > SAME_TIME_DAYS:
        return False
    return (a.lo <= b.lo and b.hi <= a.hi) or (b.lo <= a.lo and a.hi <= b.hi)


def compatible(a: Mention, b: Mention, same_doc: bool | None = None) -> bool:
    """Whether two mentions may report one event (the rules of :mod:`dyadline.reconcile`).
    ``same_doc`` overrides the comparison of their documents."""
    if a.family != b.family or not actors_agree(a, b):
        return False
    if same_doc is None:
        same_doc = a.doc == b.doc
    if a.kind != b.kind and not same_time(a, b):
        return False    # two kinds of one family are one event only at one precise time
    if a.dated and b.dated:
        if overlap(a, b):
            return not same_doc or a.kind == b.kind
        if same_doc or not (a.once and b.once and a.kind == b.kind):
            return False
        gap = b.lo - a.hi if a.hi < b.lo else a.lo - b.hi
        return gap <= ONCE_DAYS
    if same_doc:
        return False
    return a.kind == b.kind      # an undated report may join a report of the same kind
