"""The chronology of a synthetic document: dates that move forward, in absolute forms ("in
March 1963") or relative to the previous one ("two years later")."""
from __future__ import annotations

import random
from dataclasses import dataclass
@dataclass
class When:
    text: str
    year: int
    pos: int
    month: int | None
    end: int | None = None     # last year of an interval


class Clock:
    """The narrative time of a document: a year, how far into it (0..12), the month when known."""

    def __init__(self, data: dict, year: int, last: int, rng: random.Random, p_step: float = 0.5):
        self.d, self.year, self.last, self.rng = data, year, last, rng
        self.p_step = p_step       # chance that a dated sentence moves to a later year
        self.pos, self.month, self.anchored = 0, None, False

    def _n(self, n: int) -> str:
        return self.d["numbers"].get(str(n), str(n))

    def _absolute(self, year: int, after: int) -> When | None:
        """A date in ``year`` later in the year than ``after`` (a position 0..12)."""
        d, rng = self.d, self.rng
        choices = [("year", 45), ("month", 25), ("day", 10), ("season", 10), ("part", 10)]
        for _ in range(6):
            kind = rng.choices([c for c, _ in choices], [w for _, w in choices])[0]
            if kind == "year":
                if after == 0 or year != self.year:
                    return When(rng.choice(d["year"]).replace("{YEAR}", str(year)), year, 0, None)
                continue
            if kind in ("month", "day"):
                if after >= 12:
                    continue
                m = rng.randint(after + 1, 12)
                text = rng.choice(d[kind]).replace("{MONTH}", d["months"][m - 1])
                day = rng.randint(1, 28)
                text = text.replace("{DAY}", d["first_day"] if day == 1 else str(day))
                return When(text.replace("{YEAR}", str(year)), year, m, m)
            group = d["seasons"] if kind == "season" else d["parts"]
            options = [g for g in group if g["pos"] > after]
            if options:
                g = rng.choice(options)
                return When(rng.choice(g["forms"]).replace("{YEAR}", str(year)), year, g["pos"], None)
        if after == 0 or year != self.year:
            return When(d["year"][0].replace("{YEAR}", str(year)), year, 0, None)
        return None

    def propose(self, absolute: bool) -> When:
        """The date of the next dated sentence, at or after the current time."""
        rng, d = self.rng, self.d
        absolute = absolute or not self.anchored
        room = self.last - self.year
        if room <= 0 or (rng.random() > self.p_step and self.pos < 12):
            step = 0
        else:
            step = 1 if room == 1 or rng.random() < 0.75 else rng.randint(2, min(3, room))
        if step == 0:
            if not absolute and rng.random() < 0.25:
                if self.month and self.month <= 10 and rng.random() < 0.5:
                    n = rng.randint(2, min(4, 12 - self.month))
                    text = rng.choice(d["months_later"]).replace("{N}", self._n(n))
                    return When(text, self.year, self.month + n, self.month + n)
                return When(rng.choice(d["same_year"]), self.year, self.pos, self.month)
            when = self._absolute(self.year, max(self.pos, self.month or 0))
            if when is not None:
                return when
            if self.anchored:
                return When(rng.choice(d["same_year"]), self.year, self.pos, self.month)
            return When(d["year"][0].replace("{YEAR}", str(self.year)), self.year, self.pos, self.month)
        year = self.year + step
        if absolute or rng.random() < 0.55:
            return self._absolute(year, 0)
        if step == 1:
            return When(rng.choice(d["next_year"]), year, 0, None)
        return When(rng.choice(d["years_later"]).replace("{N}", self._n(step)), year, 0, None)

    def propose_span(self) -> When | None:
        """An interval of years from now on, or None when the story has no room left."""
        rng, d = self.rng, self.d
        if self.last - self.year < 2:
            return None
        if self.anchored and rng.random() < 0.35:
            n = rng.randint(2, min(4, self.last - self.year))
            text = rng.choice(d["span_next"]).replace("{N}", self._n(n))
            return When(text, self.year + 1, 12, None, end=self.year + n)
        y1 = self.year + rng.choice((0, 1)) if self.pos < 6 else self.year + 1
        y2 = min(self.last, y1 + rng.randint(1, 3))
        text = rng.choice(d["span"]).replace("{YEAR2}", str(y2)).replace("{YEAR}", str(y1))
        return When(text, y1, 12, None, end=y2)

    def commit(self, when: When) -> None:
        self.year = when.end or when.year
        self.pos, self.month = when.pos, when.month
        self.anchored = True


# -- surface forms -------------------------------------------------------------------------
