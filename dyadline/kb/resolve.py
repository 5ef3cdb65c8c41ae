"""Resolve a mention to an actor code at a date, and say why.

``Resolver(kb, lang).lookup("Khrouchtchev", date="1960")`` tries, in order:

1. the surface forms of the knowledge base (names, adjectives, demonyms, capitals and seats
   of government with their years, organisations, leaders), exactly and then ignoring case,
   accents and a leading article; words that mean different codes in different years
   ("Moscow", "Russia", "Republic of China") take the one right at the date;
2. a title and a nationality around a name ("le président russe Vladimir Poutine", "the
   Afghan rebel commander X"): the state, with the role suffix of the title (-OPP, -REB);
3. people by fuzzy matching of their name (rapidfuzz) on spelling skeletons
   (``kb/data/transliteration.json``), so that Chruschtschow finds Khrushchev;
4. otherwise no code.

The same resolver serves the CLI (``dyadline actors lookup``) and the actors stage, which
uses :meth:`Resolver.person` for people the parser finds but no list names.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .. import lang as langdata
from ..timex.values import first_year
from . import DATA_DIR, NAMESAKE_OFFICES, KnowledgeBase, SurfaceForm, Term, _load, default_kb

KIND = {"state": "state", "org": "igo", "group": "group", "person": "person"}
_TOKEN = re.compile(r"\w+['’]|\w+(?:[-‑]\w+)*\.?|[^\w\s]")
_SUFFIX_ROLES = {"opp": "OPP", "reb": "REB"}
_ROLE_NAMES = {"gov": "government", "mil": "military", "opp": "opposition", "reb": "rebel"}


@dataclass(frozen=True)
class Resolution:
    """What a mention resolves to, and why."""

    mention: str
    lang: str
    date: str | None
    code: str | None
    name: str | None = None
    kind: str | None = None      # state | igo | group | person
    why: str = ""
    person: str | None = None    # the person's usual full name, for people
    role: str | None = None      # government | military | opposition | rebel
    via: str | None = None       # name | adjective | demonym | capital | seat | prefix | acronym | person | title | fuzzy
    score: float | None = None   # fuzzy-match score (0-100) when the match was fuzzy
    candidates: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        d = asdict(self)
        d["candidates"] = list(self.candidates)
        return d


@dataclass(frozen=True)
class PersonMatch:
    id: str
    name: str
    terms: tuple[Term, ...]
    score: float
    exact: bool


def fold(text: str) -> str:
    """Lowercase without accents, apostrophes unified, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern, str], ...]:
    with open(DATA_DIR / "transliteration.json", encoding="utf-8") as f:
        return tuple((re.compile(a), b) for a, b in json.load(f)["rules"])


def skeleton(text: str) -> str:
    """A spelling skeleton of a name: accents folded and romanisation conventions unified."""
    s = re.sub(r"[^a-z\s-]", "", fold(text))
    for rx, repl in _rules():
        s = rx.sub(repl, s)
    return " ".join(s.split())


LEADING_OFFICES = frozenset({"head_of_state", "head_of_government", "head_of_party", "military_ruler"})


PERSON_MEMO = 50_000        # names remembered by a resolver before it starts afresh
SURNAME_MARGIN = 3          # years around a term in which a derived surname still names its holder


class Resolver:
    """Resolves mentions of one language; build it once (it indexes the knowledge base)."""

    def __init__(self, kb: KnowledgeBase | None = None, lang: str = langdata.LABEL_LANGUAGE) -> None:
        self.kb = kb or default_kb()
        self.lang = lang
        self._person_memo: dict[tuple, PersonMatch | None] = {}
        data = langdata.require(lang, "actors")
        self.articles = {fold(a) for a in data["articles"]}
        self.elided = tuple(a for a in data["elided_articles"])
        self.possessive = re.compile(r"(\w)(?:%s)\b" % "|".join(re.escape(x) for x in data["possessive_suffixes"])) \
            if data["possessive_suffixes"] else None
        self.particles = frozenset(_load("names.json")["particles"])
        self.titles: dict[str, str] = {}
        for role, words in data["titles"].items():
            for w in words:
                self.titles[fold(w)] = role
        self.exact: dict[str, list[SurfaceForm]] = {}
        self.folded: dict[str, list[SurfaceForm]] = {}
        self.prefixes: dict[str, list[SurfaceForm]] = {}
        for f in self.kb.surface_forms(lang):
            if f.via == "prefix":
                self.prefixes.setdefault(fold(f.text), []).append(f)
                continue
            self.exact.setdefault(f.text.replace("’", "'"), []).append(f)
            self.folded.setdefault(fold(f.text), []).append(f)
        # people: every name of every term, this language's first
        self.people: dict[str, dict[str, list[Term]]] = {}
        for lg in [lang] + [x for x in langdata.available_languages() if x != lang]:
            for t in self.kb.terms:
                for n in t.names.get(lg, ()):
                    self.people.setdefault(fold(n), {}).setdefault(t.id, []).append(t)
        # surnames: the last word of the full names of heads of state, government or party
        # ("Gandhi" for Indira and Rajiv Gandhi); ministers go by their full names or titles
        self.surnames: dict[str, dict[str, list[Term]]] = {}
        for key, ids in self.people.items():
            words = key.split()
            if len(words) > 1 and len(words[-1]) >= 3:
                for pid, terms in ids.items():
                    if any(t.office in LEADING_OFFICES for t in terms):
                        self.surnames.setdefault(words[-1], {}).setdefault(pid, terms)
        self._skeletons: dict[str, set[str]] = {}
        for key, ids in self.people.items():
            if len(key) >= 4:
                self._skeletons.setdefault(skeleton(key), set()).update(ids)
        self._choices = list(self._skeletons)
        self._terms_by_id: dict[str, list[Term]] = {}
        for t in self.kb.terms:
            self._terms_by_id.setdefault(t.id, []).append(t)
        label = langdata.LABEL_LANGUAGE
        self._display = {t.id: (t.names.get(label) or t.names.get(lang) or [t.id])[0] for t in self.kb.terms}

    # ------------------------------------------------------------------------------
    def lookup(self, mention: str, date: str | int | None = None) -> Resolution:
        year = first_year(date)
        date_s = None if date is None else str(date)
        text = " ".join(mention.replace("’", "'").split())
        base = self._strip(text)
        if not base:
            return self._none(mention, date_s, "nothing to resolve")
        if base.endswith(("-", "‑", "–")):
            forms = self.prefixes.get(fold(base.rstrip("-‑–")))
            if forms:
                return self._from_forms(mention, date_s, year, forms, base)
            return self._none(mention, date_s, f"'{base}' is not a combining form of a state")
        forms = (self.exact.get(base) or self.folded.get(fold(base)) or self.exact.get(text)
                 or self.folded.get(fold(text)))   # "Le Caire": the article is part of the name
        if forms:
            return self._from_forms(mention, date_s, year, forms, base)
        titled = self._titled(mention, date_s, year, base)
        if titled is not None:
            return titled
        match = self.person(base, year)
        if match is not None:
            return self._from_person(mention, date_s, year, match)
        return self._none(mention, date_s, f"no state, organisation or person of the knowledge base is called '{base}'")

    def person(self, name: str, year: int | None = None, cutoff: float = 85.0) -> PersonMatch | None:
        """A leader of the knowledge base called ``name``: exactly (accents and case aside),
        or by the closest spelling skeleton when it is close enough and unambiguous. Answers
        are remembered (a text names the same people again and again)."""
        memo = (name, year, cutoff)
        if memo in self._person_memo:
            return self._person_memo[memo]
        if len(self._person_memo) >= PERSON_MEMO:
            self._person_memo.clear()
        found = self._person_memo[memo] = self._person(name, year, cutoff)
        return found

    def _person(self, name: str, year: int | None, cutoff: float) -> PersonMatch | None:
        key = fold(self._strip(name))
        by_id = self.people.get(key)
        if by_id and " " not in key and key in self.surnames:
            # a bare surname is also every head of state's of that surname ("Johnson": Lyndon
            # as well as Boris, who is also listed under it): the year chooses
            by_id = {**{p: ts for p, ts in self.surnames[key].items()
                        if any(t.office in NAMESAKE_OFFICES for t in ts)}, **by_id}
        elif not by_id:
            by_id = self.surnames.get(key)
            if by_id and year is not None:
                # a surname taken from full names only ("Smith" from Ian Smith) names a leader
                # only near the years they were in office
                by_id = {p: ts for p, ts in by_id.items()
                         if any(_distance(t, year) <= SURNAME_MARGIN for t in ts)}
        if by_id:
            pid = self._choose(by_id, year)
            if pid is not None:
                return PersonMatch(pid, self._display[pid], tuple(by_id[pid]), 100.0, True)
            codes = {t.code for terms in by_id.values() for t in terms}
            if len(codes) != 1 and year is not None:
                # several people, but those in office that year all serve one state
                by_id = {p: ts for p, ts in by_id.items() if any(_distance(t, year) == 0 for t in ts)}
                codes = {t.code for ts in by_id.values() for t in ts if _distance(t, year) == 0}
            if len(codes) == 1:   # several people, one state: the state is certain
                people = ", ".join(sorted(self._display[p] for p in by_id))
                terms = tuple(t for ts in by_id.values() for t in ts if t.code in codes)
                return PersonMatch("", f"{name} (one of {people})", terms, 100.0, True)
            return None
        if len(key) < 4 or not self._choices:
            return None
        sk = skeleton(key)
        if not sk:
            return None
        need = cutoff if len(sk) >= 6 else max(cutoff, 95.0)
        hits = process.extract(sk, self._choices, scorer=fuzz.ratio, limit=5, score_cutoff=need)
        if not hits:
            return None
        best = hits[0][1]
        ids: dict[str, list[Term]] = {}
        for choice, score, _ in hits:
            if score < best - 3:
                break
            for pid in self._skeletons[choice]:
                ids[pid] = self._terms_by_id[pid]
        pid = self._choose(ids, year)
        if pid is None:
            return None
        return PersonMatch(pid, self._display[pid], tuple(ids[pid]), best, False)

    # -- helpers --------------------------------------------------------------------
    def _strip(self, text: str) -> str:
        text = text.strip()
        if self.possessive is not None:
            text = self.possessive.sub(r"\1", text)   # Pakistan's
        toks = text.split()
        while toks and fold(toks[0]) in self.articles:
            toks = toks[1:]
        if toks:
            for art in self.elided:       # l'Inde
                if toks[0].lower().startswith(art) and len(toks[0]) > len(art):
                    toks[0] = toks[0][len(art):]
                    break
        return " ".join(toks)

    def _choose(self, by_id: dict[str, list[Term]], year: int | None) -> str | None:
        """Of several people with one name, the one in office at ``year``; None if that
        does not single one out."""
        if len(by_id) == 1:
            return next(iter(by_id))
        if year is None:
            return None
        in_office = [pid for pid, terms in by_id.items() if any(t.covers(year) for t in terms)]
        return in_office[0] if len(in_office) == 1 else None

    def _from_forms(self, mention, date_s, year, forms: list[SurfaceForm], base: str) -> Resolution:
        people = [f for f in forms if f.type == "person"]
        if people:
            match = self.person(base, year)
            if match is not None:
                return self._from_person(mention, date_s, year, match)
            codes = sorted({f.code for f in people})
            return self._none(mention, date_s, f"'{base}' names several people ({', '.join(codes)}); "
                              "give a date or the full name", candidates=tuple(codes))
        ordered = sorted(forms, key=lambda f: (f.end is not None, f.start is not None))
        codes = [f.code for f in ordered]
        spans = [(f.start, f.end) for f in ordered]
        strict = all(f.place for f in ordered)
        code = self.kb.pick(codes, year, spans, strict=strict)
        uniq = tuple(dict.fromkeys(codes))
        if code is None:
            places = "; ".join(f"{self.kb.name(f.code)} {_years(f.start, f.end)}" for f in ordered)
            return self._none(mention, date_s, f"'{base}' is a {ordered[0].via} only in other years "
                              f"({places}); in {year} it is a place, not a government", candidates=uniq)
        chosen = next(f for f in ordered if f.code == code)
        actor = self.kb.actor(code)
        why = f"'{base}' is {_article(chosen.via)} {chosen.via} of {self.kb.name(code)}"
        if chosen.start is not None or chosen.end is not None:
            why += f" {_years(chosen.start, chosen.end)}"
        if len(uniq) > 1:
            others = ", ".join(c for c in uniq if c != code)
            why += f"; in {year} rather than {others}" if year is not None else \
                   f"; without a date the current sense (also {others})"
        elif year is not None and actor is not None and not actor.exists_in(year):
            why += f" (which did not exist in {year})"
        return Resolution(mention, self.lang, date_s, code, self.kb.name(code),
                          KIND.get(chosen.type, chosen.type), why, via=chosen.via, candidates=uniq)

    def _from_person(self, mention, date_s, year, match: PersonMatch, role: str | None = None,
                     why_prefix: str = "") -> Resolution:
        terms = list(match.terms)
        covering = [t for t in terms if year is not None and _distance(t, year) == 0] or \
                   [t for t in terms if year is not None and t.covers(year)]
        if covering:
            t = covering[0]
            when = f"in office as {t.office.replace('_', ' ')} {t.start}–{t.end or 'today'}"
        else:
            t = min(terms, key=lambda t: _distance(t, year)) if year is not None else terms[-1]
            when = (f"not in office in {year}; nearest term {t.office.replace('_', ' ')} "
                    f"{t.start}–{t.end or 'today'}" if year is not None else
                    f"{t.office.replace('_', ' ')} {t.start}–{t.end or 'today'}")
        how = "" if match.exact else f" (spelling matched at {match.score:.0f}/100)"
        why = f"{why_prefix}{match.name} of {self.kb.name(t.code)}, {when}{how}"
        return Resolution(mention, self.lang, date_s, t.code, self.kb.name(t.code), "person", why,
                          person=match.name, role=role or "government",
                          via="person" if match.exact else "fuzzy",
                          score=None if match.exact else round(match.score, 1),
                          candidates=tuple(dict.fromkeys(x.code for x in terms)))

    def _titled(self, mention, date_s, year, base: str) -> Resolution | None:
        """'the Pakistani general Pervez Musharraf', 'le ministre russe des Affaires
        étrangères X', 'X, the Indian prime minister': a title, a nationality and a name."""
        toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(base)]
        n = len(toks)
        if n < 2:
            return None
        # the name: the last run of capitalised words (or the first, before a comma)
        run = _name_run(toks, True, self.particles) or _name_run(toks, False, self.particles)
        role, state, state_form = None, None, None
        used = [False] * n
        # title and nationality words are looked for outside the name, and at its start
        # ("Indian PM Nehru": the run begins with a nationality and a title)
        while run and run[0] < run[1]:
            lo = run[0]
            hit = self._title_or_state(base, toks, lo, run[1], year)
            if hit is None:
                break
            size, r, st, form = hit
            role, state = role or r, state or st
            state_form = state_form or form
            run = (lo + size, run[1])
        name_range = range(*run) if run else range(0)
        i = 0
        while i < n:
            if i in name_range or used[i]:
                i += 1
                continue
            hit = self._title_or_state(base, toks, i, n if not run else (run[0] if i < run[0] else n), year)
            if hit is None:
                i += 1
                continue
            size, r, st, form = hit
            role, state = role or r, state or st
            state_form = state_form or form
            used[i:i + size] = [True] * size
            i += size
        if role is None:
            return None
        name = " ".join(toks[k][0] for k in name_range)
        match = self.person(name, year) if name else None
        if match is not None and role in _SUFFIX_ROLES and state is not None and \
                not any(_distance(t, year) == 0 for t in match.terms if t.code == state):
            match = None   # a future or former leader, here in opposition or in arms
        if match is not None and (state is None or any(t.code == state for t in match.terms)):
            return self._from_person(mention, date_s, year, match, _ROLE_NAMES[role],
                                     why_prefix="title + ")
        if state is None:
            return None
        code = state + (f"-{_SUFFIX_ROLES[role]}" if role in _SUFFIX_ROLES else "")
        who = f"'{name}' " if name else ""
        why = (f"{who}introduced by {_article(_ROLE_NAMES[role])} {_ROLE_NAMES[role]} title and the nationality "
               f"'{state_form}' ({self.kb.name(state)})")
        return Resolution(mention, self.lang, date_s, code, self.kb.name(code), "person" if name else "state",
                          why, person=name or None, role=_ROLE_NAMES[role], via="title",
                          candidates=(code,))

    def _title_or_state(self, base, toks, i, limit, year):
        """The longest title or nationality starting at token ``i``: (size, role, code, words)."""
        for size in range(min(6, limit - i), 0, -1):
            words = base[toks[i][1]:toks[i + size - 1][2]]
            key = fold(words)
            if key in self.titles:
                return size, self.titles[key], None, None
            forms = [f for f in (self.exact.get(words) or self.folded.get(key) or [])
                     if f.type == "state" and f.via in ("adjective", "name", "demonym")]
            if forms:
                ordered = sorted(forms, key=lambda f: (f.end is not None, f.start is not None))
                code = self.kb.pick([f.code for f in ordered], year, [(f.start, f.end) for f in ordered])
                return size, None, code, words
        return None

    def _none(self, mention, date_s, why, candidates=()) -> Resolution:
        return Resolution(mention, self.lang, date_s, None, why=why, candidates=tuple(candidates))


def _name_run(toks, from_end: bool, particles: frozenset[str]):
    """(start, end) token range of the run of capitalised words at the end (or start) of a
    mention, with name particles inside it ('Abd al-Aziz', 'de Gaulle')."""
    n = len(toks)
    idx = range(n - 1, -1, -1) if from_end else range(n)
    run = []
    for k in idx:
        w = toks[k][0]
        if w[:1].isupper() or (run and w.lower() in particles):
            run.append(k)
        elif w in (".",) and run:
            continue
        else:
            break
    while run and toks[run[-1]][0].lower() in particles:
        run.pop()
    if not run:
        return None
    return (min(run), max(run) + 1)


def _years(start, end) -> str:
    if start is None and end is None:
        return ""
    return f"({start or '…'}–{end or 'today'})"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _distance(t: Term, year: int) -> int:
    s = first_year(t.start) if t.start else year
    e = first_year(t.end) if t.end else 10**4
    return 0 if s <= year <= e else min(abs(year - s), abs(year - e))


@lru_cache(maxsize=4)
def resolver(lang: str) -> Resolver:
    """The resolver of the bundled knowledge base for ``lang`` (built once per process)."""
    return Resolver(default_kb(), lang)
