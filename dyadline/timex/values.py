"""EDTF values as calendar intervals, through the ``edtf`` library: the bounds of a value, its
width (how precise it is), and whether two values can denote the same time.

This module is the only reader of EDTF values in dyadline: every stage that asks "which years
does this date cover", "which year does it start in", "does it overlap that one" asks it here
(the evaluation of dates, the reconciliation of sources, the store's year columns, timelines,
exports, the knowledge base's terms of office).
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from functools import lru_cache

from edtf import parse_edtf


def _day(t) -> dt.date | None:
    """A struct_time-like bound of the edtf library as a date (None for an open end)."""
    if isinstance(t, float) and math.isinf(t):
        return None
    try:
        return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
    except (AttributeError, ValueError, OverflowError):
        return None


_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?~%]?$")
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}   # the edtf library's reading


def _fast_part(part: str, end: bool) -> dt.date | None | bool:
    """Bounds of a plain year, month, season or day (False when not that simple)."""
    m = _PART.match(part)
    if not m:
        return False
    y = int(m.group(1))
    if y < 1:
        return False               # the calendar of dates starts in year 1
    if m.group(2) is None:
        return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
    mo = int(m.group(2))
    if mo in _SEASON_MONTHS and m.group(3) is None:
        first, last = _SEASON_MONTHS[mo]
        return dt.date(y, last, calendar.monthrange(y, last)[1]) if end else dt.date(y, first, 1)
    if not 1 <= mo <= 12:
        return False
    if m.group(3) is None:
        return dt.date(y, mo, calendar.monthrange(y, mo)[1]) if end else dt.date(y, mo, 1)
    try:
        return dt.date(y, mo, int(m.group(3)))
    except ValueError:
        return False


@lru_cache(maxsize=65536)
def bounds(value: str | None) -> tuple[dt.date | None, dt.date | None] | None:
    """First and last day an EDTF value may denote (strict bounds: 'uncertain' and
    'approximate' markers do not widen it). An open end is None. Returns None when the value is
    empty or not EDTF."""
    if not value:
        return None
    parts = value.split("/")
    if len(parts) <= 2:
        lo = None if parts[0] in ("", "..") else _fast_part(parts[0], end=False)
        hi = None if parts[-1] in ("", "..") else _fast_part(parts[-1], end=True)
        if lo is not False and hi is not False and (lo is not None or hi is not None):
            if lo is None or hi is None or lo <= hi:
                return lo, hi
    try:
        e = parse_edtf(value)
    except Exception:  # the edtf parser raises several kinds of errors
        return None
    lo = hi = None
    try:
        lo = _day(e.lower_strict())
    except Exception:
        lo = None
    try:
        hi = _day(e.upper_strict())
    except Exception:
        hi = None
    if "/" in value:
        first, last = value.split("/", 1)
        if first in ("", "..") :
            lo = None
        if last in ("", ".."):
            hi = None
    return lo, hi


def width_days(value: str | None) -> float:
    """How many days the value spans (infinite for an open or unknown value): the smaller,
    the more precise."""
    b = bounds(value)
    if b is None or b[0] is None or b[1] is None:
        return math.inf
    return (b[1] - b[0]).days + 1


def overlaps(a: str | None, b: str | None) -> bool:
    """Whether two EDTF values can denote a common day (open ends reach forever)."""
    ba, bb = bounds(a), bounds(b)
    if ba is None or bb is None:
        return False
    lo_a, hi_a = ba
    lo_b, hi_b = bb
    if hi_a is not None and lo_b is not None and hi_a < lo_b:
        return False
    if hi_b is not None and lo_a is not None and hi_b < lo_a:
        return False
    return True


def year_range(value: str | None) -> tuple[int, int] | None:
    """First and last year of a value (open ends as -9999 and 9999), None when undated."""
    b = bounds(value)
    if b is None:
        return None
    return (b[0].year if b[0] else -9999, b[1].year if b[1] else 9999)


def year_bounds(value: str | None) -> tuple[int | None, int | None]:
    """First and last year a value may fall in; None for an open end, (None, None) when the
    value is empty or not EDTF (the store's ``year_from``/``year_to``)."""
    b = bounds(value)
    if b is None:
        return None, None
    return (b[0].year if b[0] else None), (b[1].year if b[1] else None)


def first_year(value: str | int | None) -> int | None:
    """The year a value starts in (for an interval open at the start, the year it ends in);
    a bare year given as an int is returned as it is. None when undated."""
    if value is None or isinstance(value, int):
        return value
    lo, hi = year_bounds(str(value))
    return lo if lo is not None else hi


def contains(outer: str | None, inner: str | None) -> bool:
    """Whether every day ``inner`` may denote lies within ``outer`` (open ends reach forever)."""
    bo, bi = bounds(outer), bounds(inner)
    if bo is None or bi is None:
        return False
    (lo_o, hi_o), (lo_i, hi_i) = bo, bi
    if lo_o is not None and (lo_i is None or lo_i < lo_o):
        return False
    if hi_o is not None and (hi_i is None or hi_i > hi_o):
        return False
    return True


def gap_years(a: str | None, b: str | None) -> float:
    """Years between two values that do not overlap (0 when they overlap, infinite when one
    is not a date)."""
    ba, bb = bounds(a), bounds(b)
    if ba is None or bb is None:
        return math.inf
    if overlaps(a, b):
        return 0.0
    (lo_a, hi_a), (lo_b, hi_b) = ba, bb
    if hi_a is not None and lo_b is not None and hi_a < lo_b:
        return (lo_b - hi_a).days / 365.25
    if hi_b is not None and lo_a is not None and hi_b < lo_a:
        return (lo_a - hi_b).days / 365.25
    return math.inf


def day_of(value: str | None) -> str | None:
    """The day an EDTF value names, without its qualifiers ("2008-06-13?" -> "2008-06-13"),
    or None when it is not a single day (a news report's day of publication anchors only
    then)."""
    if not value:
        return None
    core = value.rstrip("?~%")
    if len(core) != 10 or "/" in core or "X" in core:
        return None
    try:
        dt.date.fromisoformat(core)
    except ValueError:
        return None
    return core
