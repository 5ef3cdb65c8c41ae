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
from ..timex.values import first_year as _year

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
    periods: tuple[tuple[int | None, int | None], ...] = ()   # years of existence
    cow_periods: tuple[tuple[int, str, int, int | None], ...] = ()  # (ccode, abbr, start, end)
    coded_as: str | None = None    # a state with no ISO code: the ISO state that continues it
    iso2: str | None = None        # ISO 3166-1 alpha-2, for states that have one

    def exists_in(self, year: int | None) -> bool:
        return self.period_start(year) is not False

    def period_start(self, year: int | None):
        """The first year of the period of existence holding ``year`` (None when open or
        unknown), or False when the actor did not exist that year."""
        if year is None:
            return None
        for s, e in self.periods or ((self.start, self.end),):
            if (s is None or year >= s) and (e is None or year <= e):
                return s
        return False

    def cow_at(self, year: int | None) -> tuple[int, str] | None:
        """The Correlates of War state number and abbreviation in ``year`` (the latest
        membership when no year is given)."""
        best = None
        for num, abbr, s, e in self.cow_periods:
            if year is None or (s <= year and (e is None or year <= e)):
                best = (num, abbr)
        if best is None and year is not None and self.cow_periods:
            return None
        return best


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
    via: str       # name | adjective | demonym | capital | seat | prefix | acronym | person
    start: int | None = None   # years in which the words mean this code (None: whenever it exists)
    end: int | None = None

    @property
    def place(self) -> bool:
        """A capital or a seat of government stands for the state only in its own years."""
        return self.via in ("capital", "seat")


# the offices whose holders share a bare surname with its other holders ("Johnson": Lyndon B.
# Johnson as well as Boris Johnson); a premier of a presidential state does not
NAMESAKE_OFFICES = frozenset({"head_of_state", "head_of_party", "military_ruler"})

class KnowledgeBase:
    """Read-only view of the knowledge-base files. Build it once with :func:`default_kb`."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        for s in _load("states.json"):
            self.actors[s["code"]] = Actor(
                code=s["code"], name=s["name"], type="state", start=s.get("start"),
                end=s.get("end"), cow=s.get("cow"), cow_abbr=s.get("cow_abbr"),
                predecessors=tuple(s.get("predecessors") or ()),
                successors=tuple(s.get("successors") or ()),
                periods=tuple(tuple(p) for p in s.get("periods") or ()),
                cow_periods=tuple((p["cow"], p["abbr"], p["start"], p["end"])
                                  for p in s.get("cow_periods") or ()),
                coded_as=s.get("coded_as"), iso2=s.get("iso2"))
        for o in _load("orgs.json"):
            self.actors[o["code"]] = Actor(
                code=o["code"], name=o["name"], type="org", start=o.get("start"),
                end=o.get("end"), predecessors=tuple(o.get("predecessors") or ()),
                successors=tuple(o.get("successors") or ()), coded_as=o.get("coded_as"))
        self.terms: list[Term] = [
            Term(id=t["id"], code=t["code"], office=t["office"], start=t.get("start"),
                 end=t.get("end"), names=t.get("names", {}))
            for path in sorted((DATA_DIR / "leaders").glob("*.json"))
            for t in _load(f"leaders/{path.name}")]
        self._term_index: dict[str, dict[str, list[Term]]] = {}
        self._named_events: list[dict] | None = None
        self._state_dates: dict[str, tuple[str | None, str | None]] | None = None
        self._memberships: dict[tuple[str, str], list[tuple[str | None, str | None]]] | None = None
        self._named_index: dict = {}
        self._named_by_id: dict[str, dict] | None = None

    # -- dates of states and memberships ------------------------------------------------
    def state_dates(self, code: str) -> tuple[str | None, str | None]:
        """When the state a code denotes came into being and ended (EDTF, None unknown or
        still there), from kb/data/state_dates.json."""
        if self._state_dates is None:
            self._state_dates = {r["code"]: (r.get("founded"), r.get("dissolved"))
                                 for r in _load("state_dates.json")}
        return self._state_dates.get(code.split("-")[0], (None, None))

    def memberships(self, org: str, member: str) -> list[tuple[str | None, str | None]]:
        """The periods (joined, left) during which ``member`` belonged to ``org``, from
        kb/data/memberships.json."""
        if self._memberships is None:
            self._memberships = {}
            for r in _load("memberships.json"):
                self._memberships.setdefault((r["org"], r["member"]), []).append((r.get("joined"), r.get("left")))
        return self._memberships.get((org, member.split("-")[0]), [])

    # -- named events ------------------------------------------------------------------
    def named_events(self) -> list[dict]:
        """Wars, crises, treaties and periods with their dates (kb/data/named_events.json)."""
        if self._named_events is None:
            self._named_events = _load("named_events.json")
        return self._named_events

    def named_event(self, event_id: str) -> dict | None:
        """One named event by its id."""
        if self._named_by_id is None:
            self._named_by_id = {e["id"]: e for e in self.named_events()}
        return self._named_by_id.get(event_id)

    def named_index(self, lang: str):
        """The names of the named events in ``lang``, for the temporal tagger."""
        from ..timex.named import NamedEvent, NamedEventIndex
        if lang not in self._named_index:
            self._named_index[lang] = NamedEventIndex([
                (NamedEvent(e["id"], e["start"], e.get("end")), e["names"].get(lang, []))
                for e in self.named_events()])
        return self._named_index[lang]

    # -- lookups --------------------------------------------------------------------
    def actor(self, code: str) -> Actor | None:
        return self.actors.get(code.split("-")[0] if code not in self.actors else code)

    def name(self, code: str) -> str:
        base, _, role = code.partition("-")
        a = self.actors.get(code) or self.actors.get(base)
        if a is None:
            return code
        return f"{a.name} ({role})" if role and code not in self.actors else a.name

    def event_code(self, code: str) -> str:
        """The code an event gives an actor (``coded_as`` in the knowledge base): a state with no
        ISO 3166 code that an ISO state continues (Prussia, the Ottoman Empire, Austria-Hungary,
        Joseon Korea, as Correlates of War numbers them) takes the ISO state's code, role suffix
        kept (the guidelines code states by ISO codes); an organ, agency or mission of the United
        Nations takes UN, as a state's agencies take the state's code."""
        base, sep, role = code.partition("-")
        a = self.actors.get(base)
        return (a.coded_as + sep + role) if a is not None and a.coded_as else code

    def is_state(self, code: str) -> bool:
        a = self.actors.get(code.split("-")[0])
        return a is not None and a.type == "state"

    def valid(self, code: str, year: int | None, span: tuple[int | None, int | None] = (None, None)):
        """Whether words valid in ``span`` can mean ``code`` in ``year``: the span holds the
        year and the actor existed then. Returns the year from which that holds (None when
        open), or False."""
        if year is None:
            return None
        s, e = span
        if (s is not None and year < s) or (e is not None and year > e):
            return False
        a = self.actors.get(code.split("-")[0])
        since = a.period_start(year) if a is not None else None
        if since is False:
            return False
        return max((x for x in (s, since) if x is not None), default=None)

    def pick(self, codes, year: int | None, spans=None, strict: bool = False) -> str | None:
        """Among the codes words can mean ("Moscow": RUS to 1922, SUN to 1991, then RUS) the
        one right in ``year``: valid that year, and of several the most recent (South Vietnam
        rather than Vietnam in 1965). ``spans`` gives per code the years the words mean it.
        Without a year, the first listed. When none is valid, the first listed, or None when
        ``strict`` (a former capital is a city, not a government)."""
        if not codes:
            return None
        if year is None:
            return codes[0]
        spans = spans if spans and len(spans) == len(codes) else [(None, None)] * len(codes)
        best, best_since = None, None
        for c, span in zip(codes, spans):
            since = self.valid(c, year, span)
            if since is False:
                continue
            rank = -10**6 if since is None else since
            if best is None or rank > best_since:
                best, best_since = c, rank
        if best is not None:
            return best
        return None if strict else codes[0]

    def leader_terms(self, name: str, lang: str) -> list[Term]:
        """Periods in office of the person called ``name``: the terms of all their offices,
        merged where they overlap or follow each other (a general who becomes president)."""
        index = self._term_index.get(lang)
        if index is None:
            index, surnames = {}, {}
            for t in self.terms:
                for n in t.names.get(lang, ()):
                    index.setdefault(n, []).append(t)
                    words = n.split()
                    if len(words) > 1 and len(words[-1]) >= 4 and t.office in NAMESAKE_OFFICES:
                        surnames.setdefault(words[-1], []).append(t)
            # a bare surname is every leader's of that surname ("Johnson": Lyndon B. as well as
            # Boris): all their terms, the event's date chooses
            for word, ts in surnames.items():
                if word in index:
                    index[word] = list(dict.fromkeys(index[word] + ts))
            self._term_index[lang] = index
        return _merged_terms(tuple(index.get(name, ())))

    def listing(self, kind: str | None = None, year: int | None = None) -> list[dict]:
        """Rows describing the actors of one kind (state | igo | person), those existing or
        in office in ``year`` when given."""
        rows: list[dict] = []
        if kind in (None, "state", "igo"):
            for a in sorted(self.actors.values(), key=lambda a: a.code):
                k = "state" if a.type == "state" else "igo"
                if kind not in (None, k):
                    continue
                if year is not None and (not a.exists_in(year) or (a.start is None and not a.periods)):
                    continue   # with a year, only actors known to exist then
                cow = a.cow_at(year)
                rows.append({"code": a.code, "name": a.name, "kind": k, "start": a.start, "end": a.end,
                             "cow": cow[0] if cow else None, "cow_abbr": cow[1] if cow else None,
                             "predecessors": list(a.predecessors), "successors": list(a.successors)})
        if kind in (None, "person"):
            people: dict[str, list[Term]] = {}
            for t in self.terms:
                if year is None or t.covers(year):
                    people.setdefault(t.id, []).append(t)
            for pid, terms in sorted(people.items()):
                names = terms[0].names.get(langdata.LABEL_LANGUAGE) or [pid]
                rows.append({"code": terms[0].code, "name": names[0], "kind": "person", "id": pid,
                             "offices": [f"{t.code} {t.office} {t.start}–{t.end or ''}" for t in terms]})
        return rows

    # -- surface forms per language --------------------------------------------------
    def surface_forms(self, lang: str) -> list[SurfaceForm]:
        return list(_surface_forms(self, lang))

    def group_roles(self, lang: str) -> dict[str, list[str]]:
        raw = langdata.require(lang, "groups")
        return {k: v for k, v in raw.items() if not k.startswith("_")}


def _merged_terms(terms: tuple[Term, ...]) -> list[Term]:
    out: list[Term] = []
    # a year-only start sorts after a start with a month in the same year, so a merged term
    # keeps the more precise start
    for t in sorted(terms, key=lambda t: (t.id, _year(t.start) or 0, len(str(t.start)) < 7, str(t.start))):
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
    states = langdata.require(lang, "states")
    for code, forms in states.items():
        if code.startswith("_"):
            continue
        for via, key in (("name", "names"), ("adjective", "adjectives"),
                         ("demonym", "demonyms"), ("capital", "capitals"), ("seat", "seats")):
            for item in forms.get(key, []):
                if isinstance(item, str):
                    yield SurfaceForm(item, code, "state", via)
                else:
                    yield SurfaceForm(item["text"], code, "state", via, item.get("start"), item.get("end"))
        for item in forms.get("dated", []):
            yield SurfaceForm(item["text"], code, "state", item["via"], item.get("start"), item.get("end"))
        for text in forms.get("prefixes", []):
            yield SurfaceForm(text.rstrip("-–"), code, "state", "prefix")
    orgs = langdata.require(lang, "orgs")
    for code, forms in orgs.items():
        if code.startswith("_"):
            continue
        for text in forms.get("names", []):
            yield SurfaceForm(text, code, "org", "name")
        for text in forms.get("acronyms", []):
            yield SurfaceForm(text, code, "org", "acronym")
            if len(text) >= 4 and text.isalpha() and text.isupper():
                # the press's title case of a long acronym ("l'Otan", "la Cedeao", "Nato")
                yield SurfaceForm(text.capitalize(), code, "org", "acronym")
    named = langdata.require(lang, "named_groups")
    for code, forms in named.items():
        if code.startswith("_"):
            continue
        for text in forms.get("names", []):
            yield SurfaceForm(text, code, "group", "name")
    for t in kb.terms:
        for text in t.names.get(lang, []):
            yield SurfaceForm(text, t.code, "person", "person", _year(t.start), _year(t.end))


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded once per process (it is read-only)."""
    return KnowledgeBase()
