"""The actor knowledge base: states, international organisations, non-state groups, leaders.

Language-independent facts live in ``kb/data/*.json`` (codes, years, successions, terms of
office); surface forms live per language in ``lang/<lang>/{states,orgs,groups,named_groups}.json``
and in the per-language name lists of ``leaders/<CODE>.json`` (one file per state). Sources: ``kb/data/SOURCES*.md``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import lang as langdata
from ..errors import DataError

DATA_DIR = Path(__file__).parent / "data"


def _load(name: str):
    path = DATA_DIR / name
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError as e:
        raise DataError("knowledge-base file is missing; reinstall dyadline", path=str(path)) from e
    except json.JSONDecodeError as e:
        raise DataError(f"is not valid JSON (line {e.lineno}): {e.msg}", path=str(path)) from e


def _year(value) -> int | None:
    if value is None:
        return None
    return int(str(value)[:4])


@dataclass(frozen=True)
class Actor:
    code: str
    name: str
    type: str                  # state | org | group
    start: int | None = None
    end: int | None = None
    cow: int | None = None
    cow_abbr: str | None = None
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()

    def exists_in(self, year: int | None) -> bool:
        if year is None:
            return True
        if self.start is not None and year < self.start:
            return False
        if self.end is not None and year > self.end:
            return False
        return True


@dataclass(frozen=True)
class Term:
    """One term of office of a leader."""

    id: str
    code: str
    office: str
    start: str | None
    end: str | None
    names: dict = field(default_factory=dict, hash=False, compare=False)

    def covers(self, year: int | None) -> bool:
        if year is None:
            return True
        s, e = _year(self.start), _year(self.end)
        return (s is None or year >= s - 1) and (e is None or year <= e + 1)


@dataclass(frozen=True)
class SurfaceForm:
    text: str
    code: str
    type: str      # state | org | group | person
    via: str       # name | adjective | demonym | capital | prefix | acronym | person


class KnowledgeBase:
    """Read-only view of the knowledge-base files. Build it once with :func:`default_kb`."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        for s in _load("states.json"):
            self.actors[s["code"]] = Actor(
                code=s["code"], name=s["name"], type="state", start=s.get("start"),
                end=s.get("end"), cow=s.get("cow"), cow_abbr=s.get("cow_abbr"),
                predecessors=tuple(s.get("predecessors") or ()),
                successors=tuple(s.get("successors") or ()))
        for o in _load("orgs.json"):
            self.actors[o["code"]] = Actor(
                code=o["code"], name=o["name"], type="org", start=o.get("start"),
                end=o.get("end"), predecessors=tuple(o.get("predecessors") or ()),
                successors=tuple(o.get("successors") or ()))
        self.terms: list[Term] = [
            Term(id=t["id"], code=t["code"], office=t["office"], start=t.get("start"),
                 end=t.get("end"), names=t.get("names", {}))
            for path in sorted((DATA_DIR / "leaders").glob("*.json"))
            for t in _load(f"leaders/{path.name}")]
        self._term_index: dict[str, dict[str, list[Term]]] = {}

    # -- lookups --------------------------------------------------------------------
    def actor(self, code: str) -> Actor | None:
        return self.actors.get(code.split("-")[0] if code not in self.actors else code)

    def name(self, code: str) -> str:
        base, _, role = code.partition("-")
        a = self.actors.get(code) or self.actors.get(base)
        if a is None:
            return code
        return f"{a.name} ({role})" if role and code not in self.actors else a.name

    def is_state(self, code: str) -> bool:
        a = self.actors.get(code.split("-")[0])
        return a is not None and a.type == "state"

    def pick(self, codes: tuple[str, ...] | list[str], year: int | None) -> str:
        """Among codes a word can mean (Moscow: SUN or RUS), the one that existed in ``year``;
        without a year, the first listed."""
        if len(codes) == 1 or year is None:
            return codes[0]
        for c in codes:
            a = self.actors.get(c.split("-")[0])
            if a is not None and a.exists_in(year):
                return c
        return codes[0]

    def leader_terms(self, name: str, lang: str) -> list[Term]:
        """Periods in office of the person called ``name``: the terms of all their offices,
        merged where they overlap or follow each other (a general who becomes president)."""
        index = self._term_index.get(lang)
        if index is None:
            index = {}
            for t in self.terms:
                for n in t.names.get(lang, ()):
                    index.setdefault(n, []).append(t)
            self._term_index[lang] = index
        return _merged_terms(tuple(index.get(name, ())))

    # -- surface forms per language --------------------------------------------------
    def surface_forms(self, lang: str) -> list[SurfaceForm]:
        return list(_surface_forms(self, lang))

    def group_roles(self, lang: str) -> dict[str, list[str]]:
        raw = langdata.load(lang, "groups")
        return {k: v for k, v in raw.items() if not k.startswith("_")}


def _merged_terms(terms: tuple[Term, ...]) -> list[Term]:
    out: list[Term] = []
    for t in sorted(terms, key=lambda t: (t.id, str(t.start))):
        last = out[-1] if out else None
        if last and last.id == t.id and (last.end is None or str(t.start) <= str(last.end)[:7]
                                         or (_year(t.start) or 0) - (_year(last.end) or 0) <= 0):
            end = None if last.end is None or t.end is None else max(str(last.end), str(t.end))
            out[-1] = Term(id=last.id, code=last.code, office=last.office, start=last.start,
                           end=end, names=last.names)
        else:
            out.append(t)
    return out


def _surface_forms(kb: KnowledgeBase, lang: str):
    states = langdata.load(lang, "states")
    for code, forms in states.items():
        if code.startswith("_"):
            continue
        for via, key in (("name", "names"), ("adjective", "adjectives"),
                         ("demonym", "demonyms"), ("capital", "capitals")):
            for text in forms.get(key, []):
                yield SurfaceForm(text, code, "state", via)
        for text in forms.get("prefixes", []):
            yield SurfaceForm(text.rstrip("-–"), code, "state", "prefix")
    orgs = langdata.load(lang, "orgs")
    for code, forms in orgs.items():
        if code.startswith("_"):
            continue
        for text in forms.get("names", []):
            yield SurfaceForm(text, code, "org", "name")
        for text in forms.get("acronyms", []):
            yield SurfaceForm(text, code, "org", "acronym")
    named = langdata.load(lang, "named_groups")
    for code, forms in named.items():
        if code.startswith("_"):
            continue
        for text in forms.get("names", []):
            yield SurfaceForm(text, code, "group", "name")
    for t in kb.terms:
        for text in t.names.get(lang, []):
            yield SurfaceForm(text, t.code, "person", "person")


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process (it is read-only)."""
    return KnowledgeBase()
