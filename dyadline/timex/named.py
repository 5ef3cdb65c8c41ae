"""Named events and periods as time expressions: "the Korean War", "la crise de Suez",
"the fall of the Berlin Wall" have dates, and texts use them to date other events ("during the
Korean War", "après la crise de Suez", "two years after the Six-Day War").

The names and dates come from the knowledge base (``kb/data/named_events.json``); this module
only finds them in a text, case-insensitively, with dashes and apostrophes unified, on word
boundaries, longest name first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "ʼ": "'"})


def normalise(text: str) -> str:
    """Lower case with dashes and apostrophes unified, the same length as ``text`` (so that
    offsets carry over)."""
    text = text.translate(_DASHES)
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class NamedEvent:
    id: str
    start: str               # EDTF
    end: str | None          # EDTF; None while it goes on

    @property
    def value(self) -> str:
        """The event as one EDTF value: its day, month or year, or the interval it spans."""
        if self.end == self.start:
            return self.start
        return f"{self.start}/{self.end or '..'}"


@dataclass(frozen=True)
class NamedMatch:
    start: int
    end: int
    event: NamedEvent


class NamedEventIndex:
    """Names of events in one language, found in text by their word sequence."""

    def __init__(self, entries: list[tuple[NamedEvent, list[str]]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], NamedEvent]]] = {}
        for event, names in entries:
            for name in names:
                toks = tuple(_TOKEN.findall(normalise(name)))
                if toks:
                    self._by_first.setdefault(toks[0], []).append((toks, event))
        for cands in self._by_first.values():
            cands.sort(key=lambda c: -len(c[0]))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def find(self, text: str) -> list[NamedMatch]:
        norm = normalise(text)
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm)]
        out: list[NamedMatch] = []
        i = 0
        while i < len(toks):
            hit = None
            for names, event in self._by_first.get(toks[i][0], ()):
                n = len(names)
                if i + n <= len(toks) and all(toks[i + k][0] == names[k] for k in range(n)):
                    hit = (n, event)
                    break
            if hit:
                n, event = hit
                out.append(NamedMatch(toks[i][1], toks[i + n - 1][2], event))
                i += n
            else:
                i += 1
        return out
