"""The rules by which a reconciled event counts in a dyad's timeline, in one place: the Python
counter (:func:`dyadline.timeline.build`, on clusters in memory) applies them directly and the
database counter (:meth:`dyadline.store.Store.dyad_counts`) receives them as :data:`SQL_RULES`.

- An event belongs to the dyad when one side is among its sources and the other among its
  targets (either way); for a symmetric kind, when both sides are among its participants.
- Help given to one side against the other ("armed Angola against Zaire": the event's
  ``against``) counts as a conflictual act towards the other: :data:`AGAINST_FACTOR` of the
  Goldstein weight, negative, in the conflict lanes (verbal cooperation becomes verbal
  conflict, the rest material conflict).
- An event dated by an interval counts in every year it covers, weighing 1/n in each; an
  interval open at one end counts in the year of its known end only.
"""
from __future__ import annotations

from ..kinds import kinds
from ..records import Cluster
from ..store import CountRules
from ..timex.values import year_bounds

AGAINST_FACTOR = 0.5
AGAINST_VERBAL_MAX = 1          # quad classes up to this (verbal cooperation) ...
AGAINST_VERBAL = 3              # ... count as verbal conflict,
AGAINST_MATERIAL = 4            # the others as material conflict
AGAINST_LABEL = ", against "


def symmetric_kinds() -> tuple[str, ...]:
    return tuple(sorted(k for k, K in kinds().items() if not K.directed))


def direction(c: Cluster, A: set[str], B: set[str]) -> str | None:
    """"a>b", "b>a", "a-b" (a symmetric kind with both sides) or None."""
    src, tgt = set(c.source or []), set(c.target or [])
    if not kinds()[c.kind].directed:
        parts = src | tgt
        return "a-b" if parts & A and parts & B else None
    if src & A and tgt & B:
        return "a>b"
    if src & B and tgt & A:
        return "b>a"
    return None


def against_direction(c: Cluster, A: set[str], B: set[str]) -> str | None:
    src, against = set(c.source or []), set(c.against or [])
    if src & A and against & B:
        return "a>b"
    if src & B and against & A:
        return "b>a"
    return None


def against_weight(goldstein: float, quad_class: int) -> tuple[float, int]:
    """The Goldstein weight and quad class of help given against the other side."""
    return -abs(goldstein) * AGAINST_FACTOR, (AGAINST_VERBAL if quad_class <= AGAINST_VERBAL_MAX else AGAINST_MATERIAL)


def against_label(label: str, against: list[str]) -> str:
    return f"{label}{AGAINST_LABEL}{', '.join(against)}"


def years_of(c: Cluster) -> tuple[int, int] | None:
    """The years an event counts in: the years of its date, an open end being the other end
    (None when undated)."""
    if c.year_from is None and c.year_to is None:
        return date_years(c.date)
    return _closed(c.year_from, c.year_to)


def date_years(date: str | None) -> tuple[int, int] | None:
    """The years a date counts in, an open end being the other end (None when undated)."""
    return _closed(*year_bounds(date))


def _closed(lo: int | None, hi: int | None) -> tuple[int, int] | None:
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else hi), (hi if hi is not None else lo)


SQL_RULES = CountRules(symmetric=symmetric_kinds(), against_factor=AGAINST_FACTOR,
                       against_verbal_max=AGAINST_VERBAL_MAX, against_verbal=AGAINST_VERBAL,
                       against_material=AGAINST_MATERIAL, against_label=AGAINST_LABEL)
