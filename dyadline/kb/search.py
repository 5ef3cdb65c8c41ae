"""Searching the knowledge base by name, in every language at once: the actor picker of the
web page and the ``/api/actors`` endpoint. Accents and case are ignored; a code matches itself;
names that start with the query rank before names that contain it."""
from __future__ import annotations

from functools import lru_cache

from ..lang import available_languages
from . import default_kb
from .resolve import fold


@lru_cache(maxsize=1)
def _index() -> list[tuple[str, str, str, str, str]]:
    """(folded name, name, code, kind, key) for states, organisations and leaders; the key is
    the code, or the person's id."""
    kb = default_kb()
    rows = []
    for lang in available_languages():
        for f in kb.surface_forms(lang):
            if f.type == "state" and f.via in ("name", "demonym", "adjective"):
                rows.append((fold(f.text), f.text, f.code, "state", f.code))
            elif f.type == "org" and f.via in ("name", "acronym"):
                rows.append((fold(f.text), f.text, f.code, "igo", f.code))
        for t in kb.terms:
            for n in t.names.get(lang, ()):
                rows.append((fold(n), n, t.code, "person", t.id))
    return sorted(set(rows))


def search_actors(query: str, kind: str | None = None, limit: int = 20) -> list[dict]:
    """Actors whose code or one of whose names matches ``query``: one row per code (and per
    person), best matches first."""
    kb = default_kb()
    q = fold(query.strip())
    if not q:
        return [{"code": r["code"], "name": r["name"], "kind": r["kind"], "matched": r["name"]}
                for r in kb.listing("state")[:limit]] if kind in (None, "state") else []
    hits: dict[tuple[str, str], tuple[int, str, str]] = {}
    code = query.strip().upper()
    actor = kb.actor(code)
    if actor is not None and (kind is None or kind == ("state" if actor.type == "state" else "igo")):
        hits[(code, "state" if actor.type == "state" else "igo")] = (0, actor.name, code)
    for folded, name, c, k, ident in _index():
        if kind is not None and k != kind:
            continue
        if folded.startswith(q):
            rank = 1
        elif any(w.startswith(q) for w in folded.split()):
            rank = 2
        elif q in folded:
            rank = 3
        else:
            continue
        key = (ident, k)
        if key not in hits or rank < hits[key][0]:
            hits[key] = (rank, name, c)
    ordered = sorted(hits.items(), key=lambda kv: (kv[1][0], len(kv[1][1]), kv[1][1]))
    out = []
    for (key, k), (_rank, matched, c) in ordered[:limit]:
        out.append({"code": c, "name": kb.name(c) if k != "person" else matched, "kind": k,
                    "matched": matched})
    return out
