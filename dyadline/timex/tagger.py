"""Temporal tagger: time expressions in a text, normalised to EDTF.

The grammar is per language, in ``lang/<lang>/dates.json``: word lists (months, seasons,
numbers, units, qualifiers) and regular-expression patterns that name a *builder*; the
builders below turn a match into EDTF, the same way for every language. A third language is a
new data file.

Relative expressions need an anchor. Anaphoric ones ("a month later", "l'année suivante",
"the next day", "le 14 juillet" without a year) take the narrative's time:
:meth:`TimeTagger.tag_narrative` supplies it from the text itself, moving the reference time as
the narrative moves, and falls back on the document's date. Deictic ones ("yesterday", "on
Friday", "il y a trois jours", "last month") take the document's date only (``doc_date``: a
news report's day of publication). The conventions are in ``docs/time.md``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from edtf import parse_edtf

from .. import lang as langdata
from ..records import TimeExpr
from .named import NamedEventIndex
from .values import day_of, first_year

_YEAR = r"(?<![\d.,/])(?:1[5-9]\d\d|20\d\d)(?![\d]|[.,]\d)"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
# early/mid/late parts: months of a year, years of a decade
_PART_OF_YEAR = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "h1": (1, 6), "h2": (7, 12),
                 "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
_PART_OF_DECADE = {"early": (0, 3), "mid": (4, 6), "late": (7, 9), "h1": (0, 4), "h2": (5, 9)}
_PART_OF_CENTURY = {"early": (0, 33), "mid": (34, 66), "late": (67, 99), "h1": (0, 49), "h2": (50, 99)}
# the first month of each EDTF season (21 spring ... 24 winter), northern hemisphere
_SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}


def _alt(words) -> str:
    """A regex alternation of literal words, longest first (so 'sept.' beats 'sept')."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_SIMPLE = re.compile(r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-2[1-4])?~?|\d{3}X|\d{2}XX)$")


@lru_cache(maxsize=8192)
def _valid(value: str | None) -> bool:
    """Whether the value is valid EDTF: the forms the builders make are checked by a
    pattern (and real days by the calendar), anything else by the edtf library's parser."""
    if not value:
        return False
    parts = value.split("/")
    simple = all(p == ".." or _SIMPLE.match(p) for p in parts) and parts != ["..", ".."]
    if len(parts) == 2 and "X" in value:
        simple = False   # unspecified digits inside intervals: let the library decide
    if len(parts) <= 2 and simple:
        for p in parts:
            if len(p) == 10:
                y, m, d = int(p[:4]), int(p[5:7]), int(p[8:10])
                if d > calendar.monthrange(y, m)[1]:
                    return False
        if len(parts) == 2 and ".." not in parts and parts[0][:4].isdigit() and parts[1][:4].isdigit() \
                and parts[0][:4] > parts[1][:4]:
            return False
        return True
    try:
        parse_edtf(value)
        return True
    except Exception:  # the edtf parser raises several kinds of errors
        return False


@dataclass(frozen=True)
class _Point:
    """A reference point: year, with month and day when known."""

    year: int
    month: int | None = None
    day: int | None = None

    def edtf(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _point(value: str, end: bool) -> _Point | None:
    """The start (or end) of an EDTF value as a point."""
    parts = value.split("/")
    part = parts[-1] if end else parts[0]
    if part in ("", ".."):
        part = parts[0] if end else parts[-1]
    m = re.match(r"(\d{3}[\dX])(?:-(\d{2}))?(?:-(\d{2}))?", part)
    if not m:
        return None
    ys = m.group(1)
    year = int(ys.replace("X", "9" if end else "0"))
    month = int(m.group(2)) if m.group(2) else None
    if month is not None and month > 12:       # a season: keep the year
        return _Point(year)
    day = int(m.group(3)) if m.group(3) else None
    return _Point(year, month, day)


class TimeTagger:
    """Finds time expressions and normalises them to EDTF. Build once per language."""

    def __init__(self, lang: str, named: NamedEventIndex | None = None) -> None:
        g = langdata.require(lang, "dates")
        self.lang = lang
        self.months = {k.lower(): v for k, v in g["months"].items()}
        self.seasons = {k.lower(): v for k, v in g["seasons"].items()}
        self.numbers = {k.lower(): v for k, v in g["numbers"].items()}
        self.units = {k.lower(): v for k, v in g["units"].items()}
        self.quals = {k.lower(): v for k, v in g["qualifiers"].items()}
        self.decade_words = {k.lower(): v for k, v in g.get("decade_words", {}).items()}
        self.ordinals = {k.lower(): v for k, v in g.get("ordinal_words", {}).items()}
        self.weekdays = {k.lower(): v for k, v in g["weekdays"].items()}
        self.deictic = {_norm(k): v for k, v in g["deictic_days"].items()}
        self.anaphoric = {_norm(k): v for k, v in g["anaphoric_days"].items()}
        self.rquals = {k.lower(): v for k, v in g["relative_quals"].items()}
        self.part_words = {k.lower(): v for k, v in g["part_words"].items()}
        self.future = re.compile("|".join(f"(?:{rx})" for rx in g["future_markers"]), re.I)
        self.next_week = g["next_weekday"] == "next_week"   # "next Friday": next week's (en)
        subs = {"MONTH": _alt(self.months), "SEASON": _alt(self.seasons), "NUM": _alt(self.numbers),
                "UNIT": _alt(self.units), "QUAL": _alt(self.quals), "YEAR": _YEAR,
                "DECWORD": _alt(self.decade_words) or "(?!)", "ORD": _alt(self.ordinals) or "(?!)",
                "WEEKDAY": _alt(self.weekdays), "DEICTIC": _phrases(g["deictic_days"]),
                "ANAPHORIC": _phrases(g["anaphoric_days"])}
        self.patterns = []
        for p in g["patterns"]:
            rx = p["regex"]
            for k, v in subs.items():
                rx = rx.replace("{" + k + "}", f"(?:{v})")
            self.patterns.append((p["name"], p["build"], re.compile(rf"(?<!\w)(?:{rx})(?!\w)", re.I)))
        self.ranges = [(r["name"], re.compile(rf"(?<!\w)(?:{r['before']})\s*$", re.I) if r["before"] else None,
                        re.compile(rf"\s*(?:{r['between']})\s*", re.I)) for r in g["ranges"]]
        open_articles = _alt(g["open_articles"])
        self.open_after = re.compile(rf"(?:^|\W)({_alt(g['open_after'])})\s+(?:(?:{open_articles})\s*)?$", re.I)
        self.open_before = re.compile(rf"(?:^|\W)({_alt(g['open_before'])})\s+(?:(?:{open_articles})\s*)?$", re.I)
        self.approx = re.compile(rf"(?:^|\W)({_alt(g['approx'])})\s+$", re.I)
        self.uncertain = re.compile(rf"(?:^|\W)({_alt(g.get('uncertain', []))})\s+$", re.I) \
            if g.get("uncertain") else None
        self.uncertain_after = re.compile(rf"\s*(?:{_alt(g.get('uncertain_after', []))})", re.I) \
            if g.get("uncertain_after") else None
        self.blockers = re.compile(rf"\s*(?:{_alt(g['year_blockers'])})\b", re.I)
        self.named = named
        articles = _alt(g.get("articles", []))
        self.named_quals = [(key, re.compile(rf"(?:^|\W)({_alt(g[key])})\s+(?:(?:{articles})\s*)?$", re.I))
                            for key in ("named_after", "named_since", "named_before", "named_until",
                                        "named_start", "named_end")
                            if g.get(key)]
        self.article_gap = re.compile(rf"\s*(?:(?:{articles})\s*)?", re.I)
        self.preblockers = re.compile(rf"(?:^|\W)(?:{_alt(g.get('year_preblockers', []))})\s*$", re.I) \
            if g.get("year_preblockers") else None

    # -- finding ------------------------------------------------------------------
    def _atoms(self, text: str):
        found = []
        for order, (name, build, rx) in enumerate(self.patterns):
            for m in rx.finditer(text):
                if build == "year" and m.group(0).strip().isdigit() and self._not_a_year(text, m):
                    continue   # "2000 soldiers", "Resolution 1973" are numbers
                found.append((m.start(), m.end(), order, name, build, m))
        if self.named is not None:
            for nm in self.named.find(text):
                found.append((nm.start, nm.end, -1, "named_event", "named", nm))
        found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
        taken = bytearray(len(text) + 1)      # the characters already in a longer atom
        out = []
        for f in found:
            if f[1] > f[0] and taken.find(1, f[0], f[1]) != -1:
                continue
            taken[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
            out.append(f)
        return sorted(out, key=lambda f: f[0])

    def _not_a_year(self, text: str, m) -> bool:
        if self.blockers.match(text, m.end()):
            return True
        return bool(self.preblockers and self.preblockers.search(text, max(0, m.start() - 20), m.start()))

    def tag(self, text: str, anchor: str | None = None, doc_date: str | None = None) -> list[TimeExpr]:
        """Time expressions of ``text``, non-overlapping, in order; relative ones resolved
        against ``anchor`` (an EDTF value: the narrative's time) and ``doc_date`` (the
        document's date) when given, else left with edtf None."""
        try:
            return self._tag(text, anchor, narrative=False, doc_date=doc_date)
        except Exception:  # a tagger must never break the pipeline on odd text
            return []

    def tag_narrative(self, text: str, sentences: list[tuple[int, int]] | None = None,
                      anchor: str | None = None, doc_date: str | None = None) -> list[TimeExpr]:
        """Like :meth:`tag`, but each anaphoric expression is resolved against the latest
        date the text gave before it (the reference time moves with the narrative), else
        against ``doc_date``; deictic ones always against ``doc_date``."""
        try:
            return self._tag(text, anchor, narrative=True, doc_date=doc_date, sentences=sentences)
        except Exception:
            return []

    def _looks_back(self, text: str, x: TimeExpr, ref: str | None) -> bool:
        """Whether ``x`` is a look back from the story's time: "since 1906" told when the
        story is in 1914 starts an open interval before the reference time, which stays."""
        if ref is None or self.open_after is None or x.relative:
            return False
        if not self.open_after.search(text[max(0, x.start - 30):x.start]):
            return False
        new, now = first_year(x.edtf), first_year(ref)
        return new is not None and now is not None and new < now

    def _future(self, text: str, start: int, sentences: list[tuple[int, int]] | None) -> bool:
        """Whether the sentence around ``start`` speaks of the future (a marker of the
        language's ``future_markers``)."""
        lo, hi = None, None
        for a, b in sentences or ():
            if a <= start < b:
                lo, hi = a, b
                break
        if lo is None:
            cut = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
            lo = cut + 1
            nxt = [i for i in (text.find(". ", start), text.find("\n", start)) if i != -1]
            hi = min(nxt) if nxt else len(text)
        return bool(self.future.search(text, lo, hi))

    def _tag(self, text: str, anchor: str | None, narrative: bool, doc_date: str | None = None,
             sentences: list[tuple[int, int]] | None = None) -> list[TimeExpr]:
        exprs: list[TimeExpr] = []
        ref = anchor
        last_build = None
        # the document's date anchors only when it is a day (a news report's): a book's year
        # of publication says nothing of the days it tells
        day = day_of(doc_date)
        doc = _point(day, end=False) if day else None
        for s, e, _order, name, build, m in self._atoms(text):
            if build == "named":
                x = self._named(text, s, e, m.event, exprs[-1] if exprs else None, last_build)
                if x.start < e and exprs and x.start == exprs[-1].start:
                    exprs[-1] = x           # "two years after the Korean War": one expression
                else:
                    exprs.append(x)
                last_build = None
                if narrative and not parenthetical(text, x.start, x.end):
                    ref = x.edtf
                continue
            last_build = (build, m)
            if build in _NEWS_BUILDS:
                future = build in _TENSED and self._future(text, s, sentences)
                edtf, typ, relative, used, source = self._build_news(build, m, ref, doc, future)
                if edtf is not None and not _valid(edtf):
                    edtf = None
                exprs.append(TimeExpr(s, e, text[s:e], edtf, typ, relative,
                                      f"{name}@{source}" if source else name, used))
                if narrative and edtf:
                    ref = edtf
                continue
            base = ref if ref is not None else (doc.edtf() if doc is not None else None)
            edtf, typ, relative = self._build(build, m, base)
            if edtf is not None and not _valid(edtf):
                edtf = None
            rule = f"{name}@document" if relative and ref is None and base is not None else name
            exprs.append(TimeExpr(s, e, text[s:e], edtf, typ, relative, rule,
                                  base if relative else None))
            exprs = self._combine(text, exprs)
            if (narrative and exprs[-1].edtf and not parenthetical(text, exprs[-1].start, exprs[-1].end)
                    and not self._looks_back(text, exprs[-1], ref)):
                ref = exprs[-1].edtf   # a date in parentheses gives a span, not the story's time
        return [self._qualify(text, x) for x in exprs]

    # -- combining ------------------------------------------------------------------
    def _combine(self, text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
        """'from A to B', 'between A and B', 'A–B' become one interval."""
        if len(exprs) < 2:
            return exprs
        a, b = exprs[-2], exprs[-1]
        if a.relative or b.relative or not a.edtf or not b.edtf or "/" in a.edtf or "/" in b.edtf:
            return exprs
        gap = text[a.end:b.start]
        for name, before, between in self.ranges:
            if not between.fullmatch(gap):
                continue
            start = a.start
            if before is not None:
                m = before.search(text, 0, a.start)
                if not m:
                    continue
                start = m.start()
            lo, hi = _point(a.edtf, end=False), _point(b.edtf, end=True)
            if lo is None or hi is None or (lo.year, lo.month or 0) > (hi.year, hi.month or 13):
                continue
            value = f"{a.edtf}/{b.edtf}"
            if not _valid(value):
                continue
            return exprs[:-2] + [TimeExpr(start, b.end, text[start:b.end], value, "interval",
                                          False, f"{name}({a.rule},{b.rule})")]
        return exprs

    def _named(self, text: str, s: int, e: int, event, prev: TimeExpr | None, prev_build) -> TimeExpr:
        """A named event as a time expression: its own dates, or "two years after X", or
        "after X" (just after: the guidelines' reading), "since X", "before X", "until X"."""
        if prev is not None and prev.relative and prev_build and prev_build[0] in ("offset", "offset_back") \
                and self.article_gap.fullmatch(text, prev.end, s):
            build, m = prev_build
            base = event.start if build == "offset_back" else (event.end or event.start)
            value, _typ, _rel = self._build(build, m, base)
            if value and _valid(value):
                return TimeExpr(prev.start, e, text[prev.start:e], value, "relative", False,
                                f"{prev.rule}+named:{event.id}", event.value)
        head = text[max(0, s - 40):s]
        for key, rx in self.named_quals:
            m = rx.search(head)
            if not m:
                continue
            first, last = event.start, event.end
            if key == "named_after":
                value = f"{last}/{int(last[:4]) + 1}" if last else f"{first}/.."
            elif key == "named_since":
                value = f"{last or first}/.."
            elif key == "named_before":
                value = f"{int(first[:4]) - 1}/{first}"
            elif key == "named_until":
                value = f"../{last}" if last else None
            elif key == "named_start":
                value = first
            else:
                value = last
            if value and _valid(value):
                start = s - len(head) + m.start(1)
                return TimeExpr(start, e, text[start:e], value, "named_event", False,
                                f"named:{event.id}+{key}", event.value)
        return TimeExpr(s, e, text[s:e], event.value, "named_event", False, f"named:{event.id}")

    def _qualify(self, text: str, x: TimeExpr) -> TimeExpr:
        """'since 1991' -> 1991/..; 'until 1947' -> ../1947; 'around 1950' -> 1950~."""
        if not x.edtf or x.relative or "/" in x.edtf or x.type == "named_event":
            return x
        if self.uncertain_after is not None:
            m = self.uncertain_after.match(text, x.end)
            if m and _valid(x.edtf + "?"):
                return replace(x, end=m.end(), text=text[x.start:m.end()], edtf=x.edtf + "?",
                               rule=f"{x.rule}+(?)")
        head = text[max(0, x.start - 30):x.start]
        for rx, make, typ in ((self.open_after, lambda v: f"{v}/..", "open_interval"),
                              (self.open_before, lambda v: f"../{v}", "open_interval"),
                              (self.approx, lambda v: f"{v}~", x.type),
                              (self.uncertain, lambda v: f"{v}?", x.type)):
            if rx is None:
                continue
            m = rx.search(head)
            if m and x.rule == "year" and head[m.end(1):].strip():
                continue   # "after the 1977 coup": a year with an article names a thing
            if m:
                value = make(x.edtf)
                if typ == x.type and ("X" in x.edtf or x.type in ("season",)):
                    continue   # approximate decades and seasons are left as they are
                if _valid(value):
                    start = x.start - len(head) + m.start(1)
                    return replace(x, start=start, text=text[start:x.end], edtf=value, type=typ,
                                   rule=f"{x.rule}+{m.group(1).lower()}")
        return x

    # -- builders -------------------------------------------------------------------------
    def _num(self, m) -> int:
        raw = m.group("num").lower()
        return int(raw) if raw.isdigit() else self.numbers.get(raw, 1)

    def _unit(self, m) -> str:
        g = m.groupdict()
        raw = next((v for k, v in sorted(g.items()) if k.startswith("unit") and v), "year").lower()
        return self.units.get(raw, "year")

    def _qual(self, g: dict) -> str | None:
        return self.quals.get((g.get("qual") or "").lower().strip())

    def _build(self, build: str, m, ref: str | None):
        g = m.groupdict()
        if build == "year":
            y = int(g["year"])
            part = _PART_OF_YEAR.get(self._qual(g))
            if part:
                return f"{y}-{part[0]:02d}/{y}-{part[1]:02d}", "interval", False
            return f"{y:04d}", "date", False
        if build == "month":
            return f"{int(g['year']):04d}-{self.months[g['month'].lower()]:02d}", "date", False
        if build == "day":
            y, d = int(g["year"]), int(g["day"])
            mo = int(g["mnum"]) if g.get("mnum") else self.months[g["month"].lower()]
            return _day(y, mo, d), "date", False
        if build == "day_range":   # "12-15 May 1990", "du 28 février au 3 mars 1990"
            y, mo = int(g["year"]), self.months[g["month"].lower()]
            mo1 = self.months[g["month1"].lower()] if g.get("month1") else mo
            lo, hi = _day(y, mo1, int(g["day1"])), _day(y, mo, int(g["day"]))
            return (f"{lo}/{hi}" if lo and hi and lo < hi else None), "interval", False
        if build == "month_range":   # "from March to June 1999": the first month takes the year
            y = int(g["year"])
            mo1, mo = self.months[g["month1"].lower()], self.months[g["month"].lower()]
            if mo1 >= mo:
                return None, "interval", False
            return f"{y:04d}-{mo1:02d}/{y:04d}-{mo:02d}", "interval", False
        if build == "short_range":   # "1979-89", "1979/80"
            y = int(g["year"])
            y2 = y // 100 * 100 + int(g["year2"])
            return (f"{y}/{y2}" if y2 > y else None), "interval", False
        if build == "season":
            return f"{int(g['year']):04d}-{self.seasons[g['season'].lower()]}", "season", False
        if build == "decade":
            if g.get("decword"):
                start = self.decade_words[re.sub(r"\s+", " ", g["decword"].lower())]
            else:
                raw = g.get("decade") or g["decade2"]
                start = int(raw) if len(raw) == 4 else 1900 + int(raw)
            part = _PART_OF_DECADE.get(self._qual(g))
            if part:
                return f"{start + part[0]}/{start + part[1]}", "interval", False
            return f"{start // 10:03d}X", "decade", False
        if build == "century":
            if g.get("roman"):
                n = _roman(g["roman"])
            elif g.get("ordword"):
                n = self.ordinals[re.sub(r"\s+", " ", g["ordword"].lower())]
            else:
                n = int(g["century"])
            if not 1 <= n <= 21:
                return None, "century", False
            qual = self._qual(g)
            first = (n - 1) * 100
            if qual == "turn":
                return f"{first:04d}~", "date", False
            part = _PART_OF_CENTURY.get(qual)
            if part:
                return f"{first + part[0]:04d}/{first + part[1]:04d}", "interval", False
            return f"{n - 1:02d}XX", "century", False
        # relative expressions
        if ref is None:
            return None, "relative", True
        end = _point(ref, end=True)
        if end is None:
            return None, "relative", True
        if build == "anchor":
            return ref, "relative", True
        if build == "since_anchor":
            return f"{end.edtf()}/..", "open_interval", True
        if build == "next_season":   # the first such season after the reference time
            season = self.seasons[(g.get("season") or g["season2"]).lower()]
            year = end.year + (1 if end.month is None or end.month >= _SEASON_START[season] else 0)
            return f"{year:04d}-{season}", "season", True
        if build == "same":
            unit = self._unit(m)
            p = _Point(end.year, end.month if unit == "month" else None)
            return p.edtf(), "relative", True
        if build in ("offset", "offset_back", "next", "previous"):
            n = self._num(m) if "num" in g and g["num"] else 1
            if build in ("offset_back", "previous"):
                n = -n
            unit = self._unit(m)
            if unit == "decade" and build in ("next", "previous"):
                return f"{(end.year // 10 + n):03d}X", "relative", True
            return _shift(end, n, unit).edtf(), "relative", True
        if build == "following_span":
            n = self._num(m)
            unit = self._unit(m)
            first, last = _shift(end, 1, unit), _shift(end, n, unit)
            return f"{first.edtf()}/{last.edtf()}", "duration_relative", True
        return None, "relative", True


    # -- time relative to the document's date -----------------------------------------------
    def _build_news(self, build: str, m, ref: str | None, doc: _Point | None, future: bool):
        """(edtf, type, relative, anchor value, anchor source) of an expression anchored on
        the document's date (deictic) or on the narrative, else the document (anaphoric)."""
        g = m.groupdict()
        if build in ("day_month", "month_only", "anaphoric"):
            base, source = (_point(ref, end=True), "narrative") if ref else (doc, "document")
            if base is None:
                return None, "relative", True, None, None
            used = ref if source == "narrative" else doc.edtf()
            if build == "anaphoric":
                off = self.anaphoric.get(_norm(g["anaphoric"]))
                if off is None:
                    return None, "relative", True, used, source
                if base.day is None:
                    return base.edtf(), "relative", True, used, source
                return _shift(base, off, "day").edtf(), "relative", True, used, source
            month = self.months[g["month"].lower()]
            day = int(g["day"]) if build == "day_month" else None
            return _without_year(base, month, day, future, source == "document"), "date", True, used, source
        if doc is None and build == "period" and ref and self.rquals.get(g["rqual"].lower()) == "this":
            doc, source = _point(ref, end=True), "narrative"     # "cette année" in a history
            if doc is None:
                return None, "relative", True, None, None
            used = ref
        elif doc is None:
            return None, "relative", True, None, None
        else:
            used, source = doc.edtf(), "document"
        day_known = doc.day is not None
        if build == "deictic":
            off = self.deictic.get(_norm(g["deictic"]))
            if off is None or not day_known:
                return None, "relative", True, used, source
            return _shift(doc, off, "day").edtf(), "date", True, used, source
        if build == "weekday":
            if not day_known:
                return None, "relative", True, used, source
            wd = self.weekdays[g["weekday"].lower()]
            qual = self.rquals.get((g.get("rqual") or "").lower())
            if qual == "next" and self.next_week:
                qual = "next_week"
            return _weekday(doc, wd, qual, future).edtf(), "date", True, used, source
        if build == "ago":
            n = self._num(m)
            unit = self._unit(m)
            if unit in ("day", "week") and not day_known:
                return None, "relative", True, used, source
            p = _shift(doc, -n, unit)
            if unit == "month":
                p = _Point(p.year, p.month)
            return p.edtf(), "date", True, used, source
        if build == "period":
            qual = self.rquals.get(g["rqual"].lower())
            n = {"last": -1, "next": 1}.get(qual, 0)
            unit = self.units.get(g["unit"].lower(), g["unit"].lower())
            if unit == "week":
                if not day_known:
                    return None, "relative", True, used, source
                monday = dt.date(doc.year, doc.month, doc.day) - dt.timedelta(days=dt.date(
                    doc.year, doc.month, doc.day).weekday()) + dt.timedelta(days=7 * n)
                sunday = monday + dt.timedelta(days=6)
                return f"{monday.isoformat()}/{sunday.isoformat()}", "interval", True, used, source
            if unit == "month":
                if doc.month is None:
                    return None, "relative", True, used, source
                return _shift(_Point(doc.year, doc.month), n, "month").edtf(), "date", True, used, source
            return _Point(doc.year + n).edtf(), "date", True, used, source
        if build == "period_season":
            qual = self.rquals.get(g["rqual"].lower())
            season = self.seasons[g["season"].lower()]
            return _season(doc, season, qual), "season", True, used, source
        if build == "part_of_current":      # "en début d'année": a part, as "début 1962"
            part = self.part_words.get(g["part"].lower())
            unit = self.units.get(g["unit"].lower(), g["unit"].lower())
            if unit == "month":
                return (f"{doc.year:04d}-{doc.month:02d}" if doc.month else None), "date", True, used, source
            lo, hi = _PART_OF_YEAR[part]
            return f"{doc.year:04d}-{lo:02d}/{doc.year:04d}-{hi:02d}", "interval", True, used, source
        if build == "part_current":
            part = self.part_words.get(g["part"].lower())
            unit = self.units.get(g["unit"].lower(), g["unit"].lower())
            if not day_known:
                return None, "relative", True, used, source
            today = dt.date(doc.year, doc.month, doc.day)
            if unit == "week":
                first = today - dt.timedelta(days=today.weekday())
                last = first + dt.timedelta(days=6)
            elif unit == "month":
                first = today.replace(day=1)
                last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
            else:
                first, last = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
            lo, hi = (first, today) if part == "early" else (today, last)
            return f"{lo.isoformat()}/{hi.isoformat()}", "interval", True, used, source
        return None, "relative", True, used, source


_NEWS_BUILDS = frozenset({"deictic", "anaphoric", "weekday", "ago", "period", "period_season",
                          "part_current", "part_of_current", "day_month", "month_only"})
_TENSED = frozenset({"weekday", "day_month", "month_only"})   # whose value depends on the tense


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()


def _phrases(words) -> str:
    """A regex alternation of phrases whose spaces match any run of white space."""
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in
                    sorted(set(words), key=lambda w: (-len(w), w)))


def _weekday(doc: _Point, wd: int, qual: str | None, future: bool) -> _Point:
    """The day named by a weekday from the document's day (docs/time.md)."""
    today = dt.date(doc.year, doc.month, doc.day)
    back = (today.weekday() - wd) % 7          # days back to the latest such day on or before
    ahead = (wd - today.weekday()) % 7         # days ahead to the first on or after
    if qual == "last":
        day = today - dt.timedelta(days=back or 7)
    elif qual == "next":
        day = today + dt.timedelta(days=ahead or 7)
    elif qual == "next_week":       # that day of the week after this one (Monday to Sunday)
        day = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7 + wd)
    elif qual == "this":
        day = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=wd)
    elif future:
        day = today + dt.timedelta(days=ahead)
    else:
        day = today - dt.timedelta(days=back)
    return _Point(day.year, day.month, day.day)


def _season(doc: _Point, season: int, qual: str | None) -> str:
    """last / this / next season from the document's date. A season belongs to the year it
    starts in (winter starts in December); "this" season is the one of the date's calendar
    year (winter in January or February: the one under way)."""
    order = (21, 22, 23, 24)
    month = doc.month or 6
    cur_year = doc.year - 1 if month in (1, 2) else doc.year
    current = {12: 24, 1: 24, 2: 24, 3: 21, 4: 21, 5: 21, 6: 22, 7: 22, 8: 22}.get(month, 23)
    cur = cur_year * 4 + order.index(current)
    if qual == "this":
        year = doc.year - 1 if season == 24 and month in (1, 2) else doc.year
        return f"{year:04d}-{season}"
    occurrences = [y * 4 + order.index(season) for y in range(doc.year - 2, doc.year + 2)]
    if qual == "next":
        pos = min(o for o in occurrences if o > cur)
    else:
        pos = max(o for o in occurrences if o < cur)
    return f"{pos // 4:04d}-{season}"


def _without_year(base: _Point, month: int, day: int | None, future: bool, news: bool) -> str | None:
    """A day or month written without a year, placed by the anchor: the anchor's year; from a
    document's date, the year before when a past report would put it more than 30 days (a
    month: any month) after the date, the year after when a future one would put it before."""
    year = base.year
    if base.month is not None and news:
        if day is not None:
            cand = _day(year, month, day)
            if cand is None:
                return None
            when = dt.date.fromisoformat(cand)
            ref = dt.date(base.year, base.month, base.day or 1)
            if future and when < ref:
                year += 1
            elif not future and (when - ref).days > 30:
                year -= 1
        else:
            if future and month < base.month:
                year += 1
            elif not future and month > base.month:
                year -= 1
    elif base.month is not None and day is not None:
        # in a narrative: the year that puts the day nearest the narrative's time
        ref = dt.date(base.year, base.month, base.day or 1)
        best = None
        for y in (year - 1, year, year + 1):
            cand = _day(y, month, day)
            if cand is None:
                continue
            dist = abs((dt.date.fromisoformat(cand) - ref).days)
            if best is None or dist < best[0]:
                best = (dist, y)
        if best is None:
            return None
        year = best[1]
    if day is None:
        return f"{year:04d}-{month:02d}"
    return _day(year, month, day)


def parenthetical(text: str, start: int, end: int, reach: int = 120) -> bool:
    """Whether text[start:end] stands inside parentheses (within ``reach`` characters)."""
    lo = max(0, start - reach)
    depth = 0
    for i in range(start - 1, lo - 1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                close = text.find(")", end, end + reach)
                opening = text.find("(", end, close if close != -1 else end)
                return close != -1 and opening == -1
            depth -= 1
        elif ch in ".\n" and i < start - 1 and text[i + 1:i + 2] in (" ", "\n"):
            return False
    return False


def _day(y: int, mo: int, d: int) -> str | None:
    """An EDTF day, or None when the calendar has no such day."""
    if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _roman(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = _ROMAN.get(ch, 0)
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _shift(p: _Point, n: int, unit: str) -> _Point:
    if unit == "decade":
        return _Point(p.year + 10 * n)
    if unit == "year":
        return _Point(p.year + n)
    if unit == "month":
        if p.month is None:
            return _Point(p.year)
        k = p.year * 12 + p.month - 1 + n
        return _Point(k // 12, k % 12 + 1)
    days = n * (7 if unit == "week" else 1)
    if p.day is None:
        if p.month is None:
            return _Point(p.year)
        return _shift(_Point(p.year, p.month), round(days / 30), "month")
    d = dt.date(p.year, p.month, p.day) + dt.timedelta(days=days)
    return _Point(d.year, d.month, d.day)
