"""Invariants every read or annotated document must hold, shared by the fuzzer
(``benchmarks/fuzz.py``) and the property tests: its table cells and records lie in its text
and are the text at their offsets, and every date is EDTF."""
from __future__ import annotations

import re
from functools import lru_cache

from ..records import Document

# Forms the edtf library always reads (checked: it takes any day 01-28 of any month, and an
# interval without looking at the order of its ends). Anything else goes to the library, which
# takes some 10 ms a value (pyparsing), hence this shortcut and the cache.
_YMD = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1\d|2[0-8]))?)?"
_FAST_EDTF = re.compile(rf"{_YMD}[?~%]?|{_YMD}/{_YMD}")


@lru_cache(maxsize=200_000)
def edtf_error(value: str) -> str | None:
    """None when ``value`` is EDTF for the edtf library (``parse_edtf``), else why not."""
    if _FAST_EDTF.fullmatch(value):
        return None
    from edtf import parse_edtf
    try:
        parse_edtf(value)
    except Exception as e:               # the library raises its own errors, and others
        return f"{type(e).__name__}: {e}"[:200]
    return None


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value)[:40]


def invariants(doc: Document, *, tables: bool = True, records: bool = True) -> list[tuple[str, str, str]]:
    """Broken invariants of a read or annotated document: (name, what for the signature,
    message). ``tables``: the cells of its tables; ``records``: its events and facts."""
    text, n = doc.text, len(doc.text)
    out = []
    for t in doc.tables if tables else ():
        for row in t.rows:
            for c in row:
                if not (0 <= c.start <= c.end <= n) or text[c.start:c.end] != c.text:
                    out.append(("table cell != text[offsets]", "",
                                f"cell {c.text!r} at {c.start}:{c.end}, text there {text[c.start:c.end]!r}"))
    for what, found in (("event", doc.events), ("fact", doc.facts)) if records else ():
        for r in found:
            s, e = r.span
            label = getattr(r, "kind", None) or getattr(r, "predicate", "")
            if not (0 <= s <= e <= n):
                out.append((f"{what} outside the text", label, f"{label} span {r.span}, text length {n}"))
            elif text[s:e] != r.evidence:
                out.append((f"{what} evidence != text[span]", label,
                            f"{label} span {r.span}: evidence {r.evidence[:120]!r}, text {text[s:e][:120]!r}"))
            if r.date is not None:
                why = edtf_error(r.date) if isinstance(r.date, str) else f"not a string: {type(r.date).__name__}"
                if why:
                    out.append((f"{what} date not EDTF", _shape(str(r.date)), f"{label} date {r.date!r}: {why}"))
    return out
