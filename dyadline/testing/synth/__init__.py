"""Synthetic documents about the relations of two states, in English and French, for benchmarks.

Each document takes two states that existed together (years of the knowledge base), a start year
between 1950 and 2015, and tells a chronological story of about ``words`` words in paragraphs:
visits, treaties, alliances, aid, threats, wars, mediations, coups, changes of leader... written
from the templates of ``lang/<lang>/synth.json``. Names, adjectives, capitals, leaders and
organisations come from the knowledge base and the language's lexicons, valid in the year each
sentence speaks of; dates move forward, in absolute forms ("in March 1963") or relative to the
previous one ("two years later"), so the document has a chronology of its own. The stories are
fictional (real names, invented events): they are for measuring speed and robustness, not facts.

    from dyadline.testing.synth import generate, write_corpus
    for doc_id, text in generate(10, "fr", seed=1):
        ...
    write_corpus("corpus/", 1000, fmt="jsonl")

The same seed gives the same documents; document ``i`` has the same pair of states and start year
in every language.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from ... import lang as langdata
from ...kb import default_kb
from ...kinds import kinds as _kinds

FIRST_YEAR, LAST_START, LAST_YEAR = 1950, 2015, 2020
FORMATS = ("txt", "jsonl", "parquet")

# Which office makes "the leader" of a state, in order of preference (default: DEFAULT_OFFICES).
DEFAULT_OFFICES = ("military_ruler", "head_of_state", "head_of_government")
PARLIAMENTARY = ("head_of_government", "military_ruler", "head_of_state")
PARTY = ("head_of_party", "military_ruler", "head_of_state", "head_of_government")
LEADER_OFFICES = {
    **{c: PARLIAMENTARY for c in ("AUS", "CAN", "GBR", "IND", "ISR", "ITA", "JPN", "DEU", "ESP", "THA",
                                  "NPL", "LKA", "TUR", "BGD", "PAK", "GEO", "UKR")},
    **{c: PARTY for c in ("SUN", "CHN", "VNM", "PRK", "DDR", "POL", "CUB", "YUG", "AFG", "ETH", "MMR")},
}
TITLE_BY_TERM = {"pahlavi_mohammad_reza": "shah", "khomeini_ruhollah": "supreme_leader",
                 "khamenei_ali": "supreme_leader"}
# Terms of office held by women (for the agreement of titles and participles).
FEMALE = frozenset("""
peron_isabel fernandez_de_kirchner_cristina ruiz_cerutti_susana malcorra_susana gillard_julia
bishop_julie payne_marise wong_penny khaleda_zia hasina_sheikh rousseff_dilma soong_ching_ling
bergmann_pohl_sabine merkel_angela von_der_leyen_ursula kramp_karrenbauer_annegret
lambrecht_christine sahle_work_zewde cresson_edith alliot_marie_michele borne_elisabeth
colonna_catherine goulard_sylvie parly_florence vautrin_catherine elizabeth_ii thatcher_margaret
may_theresa beckett_margaret truss_liz mordaunt_penny burjanadze_nino zourabichvili_salome
beruchashvili_tamar megawati_sukarnoputri marsudi_retno gandhi_indira patil_pratibha
murmu_droupadi swaraj_sushma sitharaman_nirmala meir_golda livni_tzipi meloni_giorgia
bonino_emma mogherini_federica pinotti_roberta agnelli_susanna trenta_elisabetta tanaka_makiko
kawaguchi_yoriko inada_tomomi takaichi_sanae park_geun_hye kang_kyung_wha bandaranaike_sirimavo
kumaratunga_chandrika sheinbaum_claudia green_rosario ruiz_massieu_claudia espinosa_patricia
bhandari_bidhya_devi deuba_arzu_rana bhutto_benazir khar_hina_rabbani aquino_corazon
arroyo_gloria lazaro_theresa suchocka_hanna szydlo_beata fotyga_anna yingluck_shinawatra
paetongtarn_shinawatra ciller_tansu tsai_ing_wen tymoshenko_yulia svyrydenko_yulia
albright_madeleine rice_condoleezza clinton_hillary campbell_kim macdonald_flora
mcdougall_barbara freeland_chrystia joly_melanie palacio_ana jimenez_trinidad
gonzalez_laya_arancha cospedal_maria_dolores robles_margarita mohamed_amina mangoush_najla
aung_san_suu_kyi okonjo_iweala_ngozi dlamini_zuma_nkosazana nkoana_mashabane_maite
sisulu_lindiwe pandor_naledi mapisa_nqakula_nosiviwe
""".split())
# Organisations: anyone may join the global ones; a state leaves only what the knowledge base says
# it belonged to; regional organisations mediate and serve as forums for their members.
GLOBAL_ORGS = ("UN", "IMF", "WORLD_BANK", "GATT", "WTO", "UNESCO", "IAEA")
REGIONAL = ("OAU", "AU", "ARAB_LEAGUE", "OAS", "ASEAN", "OIC", "COMMONWEALTH", "ECOWAS", "SADC", "GCC",
            "EC", "EU", "COUNCIL_OF_EUROPE", "SAARC", "AMU", "EAC", "NATO", "WARSAW_PACT")
FORUMS = ("UN", "UNSC", "UNGA")     # and the regional organisations the state belongs to
MEDIATORS = ("UN",)                 # and the regional organisations both states belong to

ONCE = ("ESTABLISH_RELATIONS", "STATE_CHANGE", "COUP")   # at most once in a document
_SLOT = re.compile(r"\{([A-Z_0-9]+)\}")
_AN = re.compile(r"\b([Aa]) (?=[AEIO]|Uzb)")
_VOWELS = "aeiouyàâäéèêëîïôöûüœAEIOUÀÂÄÉÈÊËÎÏÔÖÛÜŒ"
_MUTE_H = ("Haïti",)          # names in h that elide (d'Haïti, but de Hongrie)


class _Missing(Exception):
    """A slot of a template cannot be filled (no leader that year, no adjective...)."""


# -- data --------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def templates(lang: str) -> dict:
    """The synthetic-document templates of a language (``lang/<lang>/synth.json``)."""
    return langdata.load(lang, "synth")


def template_counts(lang: str) -> dict[str, int]:
    """Number of sentence templates per kind (FILLER for sentences without an event)."""
    out: dict[str, int] = {}
    for t in templates(lang)["sentences"]:
        out[t["kind"]] = out.get(t["kind"], 0) + 1
    return out


def _year(value) -> int | None:
    return None if value is None else int(str(value)[:4])


def _ym(value, default_month: int) -> tuple[int, int] | None:
    if value is None:
        return None
    s = str(value)
    return int(s[:4]), int(s[5:7]) if len(s) >= 7 else default_month


@dataclass(frozen=True)
class _World:
    """What the generator needs from the knowledge base, built once."""

    pool: tuple[str, ...]            # state codes usable as the pair
    with_leaders: tuple[str, ...]    # those with leaders' terms
    terms: dict                      # code -> office -> [Term] sorted by start
    related: tuple                   # pairs that took part in the same named war, crisis or treaty
    years: dict                      # code -> the years (FIRST_YEAR..LAST_YEAR) it existed


@lru_cache(maxsize=1)
def _world() -> _World:
    kb = default_kb()
    names = {lang: langdata.load(lang, "states") for lang in ("en", "fr")}
    pool = []
    for code, a in sorted(kb.actors.items()):
        if a.type != "state" or not a.cow_periods:
            continue
        if not all(names[lang].get(code, {}).get("names") for lang in names):
            continue
        if any(a.exists_in(y) for y in range(FIRST_YEAR, LAST_START + 1)):
            pool.append(code)
    terms: dict = {}
    for t in kb.terms:
        terms.setdefault(t.code, {}).setdefault(t.office, []).append(t)
    for offices in terms.values():
        for lst in offices.values():
            lst.sort(key=lambda t: str(t.start or ""))
    pool_set = set(pool)
    related = set()
    for e in kb.named_events():
        parts = [p for p in e.get("participants") or () if p in pool_set]
        if (_year(e.get("start")) or 0) >= 1945 and 2 <= len(parts) <= 4:
            related.update((a, b) for a in parts for b in parts if a < b)
    years = {c: frozenset(y for y in range(FIRST_YEAR, LAST_YEAR + 1) if kb.actors[c].exists_in(y)) for c in pool}
    return _World(tuple(pool), tuple(c for c in pool if c in terms), terms, tuple(sorted(related)), years)


# -- the chronology ----------------------------------------------------------------------

@dataclass
class _When:
    text: str
    year: int
    pos: int
    month: int | None
    end: int | None = None     # last year of an interval


class _Clock:
    """The narrative time of a document: a year, how far into it (0..12), the month when known."""

    def __init__(self, data: dict, year: int, last: int, rng: random.Random, p_step: float = 0.5):
        self.d, self.year, self.last, self.rng = data, year, last, rng
        self.p_step = p_step       # chance that a dated sentence moves to a later year
        self.pos, self.month, self.anchored = 0, None, False

    def _n(self, n: int) -> str:
        return self.d["numbers"].get(str(n), str(n))

    def _absolute(self, year: int, after: int) -> _When | None:
        """A date in ``year`` later in the year than ``after`` (a position 0..12)."""
        d, rng = self.d, self.rng
        choices = [("year", 45), ("month", 25), ("day", 10), ("season", 10), ("part", 10)]
        for _ in range(6):
            kind = rng.choices([c for c, _ in choices], [w for _, w in choices])[0]
            if kind == "year":
                if after == 0 or year != self.year:
                    return _When(rng.choice(d["year"]).replace("{YEAR}", str(year)), year, 0, None)
                continue
            if kind in ("month", "day"):
                if after >= 12:
                    continue
                m = rng.randint(after + 1, 12)
                text = rng.choice(d[kind]).replace("{MONTH}", d["months"][m - 1])
                day = rng.randint(1, 28)
                text = text.replace("{DAY}", d["first_day"] if day == 1 else str(day))
                return _When(text.replace("{YEAR}", str(year)), year, m, m)
            group = d["seasons"] if kind == "season" else d["parts"]
            options = [g for g in group if g["pos"] > after]
            if options:
                g = rng.choice(options)
                return _When(rng.choice(g["forms"]).replace("{YEAR}", str(year)), year, g["pos"], None)
        if after == 0 or year != self.year:
            return _When(d["year"][0].replace("{YEAR}", str(year)), year, 0, None)
        return None

    def propose(self, absolute: bool) -> _When:
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
                    return _When(text, self.year, self.month + n, self.month + n)
                return _When(rng.choice(d["same_year"]), self.year, self.pos, self.month)
            when = self._absolute(self.year, max(self.pos, self.month or 0))
            if when is not None:
                return when
            if self.anchored:
                return _When(rng.choice(d["same_year"]), self.year, self.pos, self.month)
            return _When(d["year"][0].replace("{YEAR}", str(self.year)), self.year, self.pos, self.month)
        year = self.year + step
        if absolute or rng.random() < 0.55:
            return self._absolute(year, 0)
        if step == 1:
            return _When(rng.choice(d["next_year"]), year, 0, None)
        return _When(rng.choice(d["years_later"]).replace("{N}", self._n(step)), year, 0, None)

    def propose_span(self) -> _When | None:
        """An interval of years from now on, or None when the story has no room left."""
        rng, d = self.rng, self.d
        if self.last - self.year < 2:
            return None
        if self.anchored and rng.random() < 0.35:
            n = rng.randint(2, min(4, self.last - self.year))
            text = rng.choice(d["span_next"]).replace("{N}", self._n(n))
            return _When(text, self.year + 1, 12, None, end=self.year + n)
        y1 = self.year + rng.choice((0, 1)) if self.pos < 6 else self.year + 1
        y2 = min(self.last, y1 + rng.randint(1, 3))
        text = rng.choice(d["span"]).replace("{YEAR2}", str(y2)).replace("{YEAR}", str(y1))
        return _When(text, y1, 12, None, end=y2)

    def commit(self, when: _When) -> None:
        self.year = when.end or when.year
        self.pos, self.month = when.pos, when.month
        self.anchored = True


# -- surface forms -------------------------------------------------------------------------

def _fr_de(np: str) -> str:
    for art, rep in (("le ", "du "), ("les ", "des "), ("Le ", "du "), ("Les ", "des ")):
        if np.startswith(art):
            return rep + np[len(art):]
    if np.startswith(("la ", "l'", "La ", "L'")):
        return "de " + np
    return ("d'" if np[:1] in _VOWELS or np.startswith(_MUTE_H) else "de ") + np


def _fr_a(np: str) -> str:
    for art, rep in (("le ", "au "), ("les ", "aux "), ("Le ", "au "), ("Les ", "aux ")):
        if np.startswith(art):
            return rep + np[len(art):]
    return "à " + np


def _fr_elide(article: str, word: str) -> str:
    if article in ("le", "la") and word[:1] in _VOWELS:
        return "l'" + word
    return f"{article} {word}" if article else word


@dataclass
class _StateForms:
    name: str
    np: str                        # with its article
    adjectives: tuple | None       # (m, f, mp, fp) in French, (adj,) in English; None: none known
    plural: bool = False
    feminine: bool = False
    en: str | None = None          # French "in the country" form


class _Lexicon:
    """Names, adjectives, capitals of states and names of organisations in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.t = templates(lang)
        self.states = langdata.load(lang, "states")
        self._cache: dict = {}

    def state(self, code: str, year: int) -> _StateForms:
        key = (code, year)
        if key not in self._cache:
            self._cache[key] = self._state(code, year)
        return self._cache[key]

    def _state(self, code: str, year: int) -> _StateForms:
        raw = self.states.get(code, {})
        conf = self.t["states"]
        name = raw["names"][0]
        adjs = list(raw.get("adjectives") or [])
        period = {}
        for p in conf.get("by_period", {}).get(code, []):
            if p.get("from", -10**6) <= year <= p.get("until", 10**6):
                period = p
                break
        name = period.get("name", name)
        if self.lang == "en":
            if "adjective" in period:
                adjs = [period["adjective"]] if period["adjective"] else []
            np = f"the {name}" if name in conf.get("definite", ()) else name
            return _StateForms(name, np, (adjs[0],) if adjs else None)
        # French: article, gender, number
        if "adjectives" in period:
            forms = tuple(period["adjectives"])
        else:
            forms = _fr_adjectives(adjs)
        article = period.get("article", conf["articles"].get(code) if code in conf["articles"] else None)
        head = name.split(" ")[0]
        if head.startswith(("Nord-", "Sud-")):
            head = head.split("-", 1)[1]
        head = head.split("-")[0]
        gender = period.get("gender") or conf.get("gender", {}).get(code)
        if article is None:
            fem = head.endswith("e") and name not in conf.get("masculine_e", ()) and head not in conf.get("masculine_e", ())
            article = "l'" if head[:1] in _VOWELS else ("la" if fem else "le")
        if gender is None:
            if article == "les":
                gender = "f" if head.endswith("es") else "m"
            elif article == "l'":
                gender = "f" if head.endswith("e") and head not in conf.get("masculine_e", ()) else "m"
            else:
                gender = "f" if article == "la" else "m"
        np = name if article == "" else (f"l'{name}" if article == "l'" else f"{article} {name}")
        plural = article == "les"
        en = conf.get("en", {}).get(code) if not period else None
        if en is None:
            if article == "les":
                en = "aux " + name
            elif article == "le":
                en = "au " + name
            elif article in ("la", "l'"):
                en = "en " + name
            else:
                en = "à " + name
        return _StateForms(name, np, forms, plural, gender == "f", en)

    def capital(self, code: str, year: int) -> str | None:
        raw = self.states.get(code, {})
        for c in raw.get("capitals", []):
            if isinstance(c, str):
                return c
            if (c.get("start") is None or c["start"] <= year) and (c.get("end") is None or year <= c["end"]):
                return c["text"]
        return None

    def org(self, code: str) -> str | None:
        return self.t["orgs"].get(code)


def _fr_adjectives(adjs: list[str]) -> tuple | None:
    """(m, f, mp, fp) from the French adjective list of a state, None when the forms are not there."""
    if not adjs:
        return None
    m = adjs[0]
    have = set(adjs)
    if m.endswith("e"):
        f = m
    else:
        f = next((c for c in (m + "e", m + "ne", m + "le", m[:-1] + "que") if c in have), None)
        if f is None:
            return None
    mp = m if m.endswith(("s", "x")) else m + "s"
    fp = f if f.endswith("s") else f + "s"
    return (m, f, mp, fp)


# -- one document ----------------------------------------------------------------------------

class _Doc:
    def __init__(self, lex: _Lexicon, pair: tuple[str, str], start: int, last: int,
                 rng: random.Random, words: int):
        self.lex, self.t, self.lang = lex, lex.t, lex.lang
        self.pair, self.rng, self.words = pair, rng, words
        span = min(last - start, _span_wanted(words))
        dated = max(1.0, words / 17 * 0.8)
        self.clock = _Clock(self.t["dates"], start, last, rng, min(0.85, max(0.1, span / (dated * 1.4))))
        self.kb = default_kb()
        self.world = _world()
        self.used: dict[int, int] = {}
        self.kind_used: dict[str, int] = {}
        self.once: set = set()
        self.openers: set = set()
        self.last_kind, self.last_roles = "", {}
        self._pending_once = None
        kinds = _kinds()
        self.tone = {t["kind"]: ("neutral" if t["kind"] == "FILLER" or kinds[t["kind"]].goldstein == 0
                                 else "coop" if kinds[t["kind"]].goldstein > 0 else "hostile")
                     for t in self.t["sentences"]}

    # .. slots ...............................................................................
    def _leader_terms(self, code: str, year: int, month: int):
        offices = self.world.terms.get(code, {})
        for office in LEADER_OFFICES.get(code, DEFAULT_OFFICES):
            best = None
            for t in offices.get(office, ()):
                s, e = _ym(t.start, 1), _ym(t.end, 12)
                if s is None or s > (year, month) or (e is not None and e < (year, month)):
                    continue
                best = t
            if best is not None:
                return best
        return None

    def _fm(self, code: str, year: int, month: int):
        for t in self.world.terms.get(code, {}).get("foreign_minister", ()):
            s, e = _ym(t.start, 1), _ym(t.end, 12)
            if s is not None and s <= (year, month) and (e is None or e >= (year, month)):
                return t
        return None

    def _new_leader(self, code: str, year: int):
        """(new term, previous term in that office or None) when a leader took office in ``year``."""
        offices = self.world.terms.get(code, {})
        for office in LEADER_OFFICES.get(code, DEFAULT_OFFICES):
            lst = offices.get(office, ())
            for i, t in enumerate(lst):
                if _year(t.start) == year:
                    prev = next((p for p in reversed(lst[:i]) if _year(p.end) == year and p.id != t.id), None)
                    return t, prev
        return None

    def _person(self, term) -> str:
        names = term.names.get(self.lang) or term.names.get("en") or [term.id]
        titles = tuple(w.lower() for w in self.t["name_titles"])
        for n in names:
            first = n.split(" ")[0].lower()
            if n[:1].isupper() and first not in titles:
                return n
        return names[0]

    def _title_key(self, term) -> str:
        if term.id in TITLE_BY_TERM:
            return TITLE_BY_TERM[term.id]
        if term.office == "head_of_state":
            for n in term.names.get("en", ()):
                w = n.split(" ")[0]
                if w in ("King", "Queen"):
                    return "king"
                if w in ("Emperor", "Empress"):
                    return "emperor"
        return term.office

    def _title(self, term, code: str) -> tuple[str, str, bool]:
        """(title, suffix, feminine) of a leader's office."""
        spec = self.t["titles"].get(self._title_key(term)) or self.t["titles"]["head_of_state"]
        fem = term.id in FEMALE
        by_code = spec.get(code) or spec
        title = by_code.get("f" if fem else "m") or by_code["m"]
        return title, spec.get("suffix", ""), fem

    def _the_title(self, term, code: str, year: int) -> str:
        title, suffix, fem = self._title(term, code)
        forms = self.lex.state(code, year)
        if self.lang == "en":
            if forms.adjectives:
                return f"the {forms.adjectives[0]} {title}"
            return f"the {title} of {forms.np}"
        article = "la" if fem else "le"
        if forms.adjectives:
            adj = forms.adjectives[1 if fem else 0]
            out = f"{_fr_elide(article, title)} {adj}"
            return f"{out} {suffix}" if suffix else out
        out = _fr_elide(article, title) + (f" {suffix}" if suffix else "")
        return f"{out} {_fr_de(forms.np)}"

    def _org_join(self, code: str, year: int) -> str:
        kb, rng = self.kb, self.rng
        exact, later, free = [], [], []
        for org in self.t["orgs"]:
            if org.startswith("_") or (code, "JOIN", org) in self.once:
                continue
            a = kb.actors.get(org)
            if a is None or (a.start and a.start > year) or (a.end and a.end < year):
                continue
            periods = kb.memberships(org, code)
            if periods:
                if any(_year(j) == year for j, _ in periods):
                    exact.append(org)
                elif any((_year(j) or 0) > year for j, _ in periods):
                    later.append(org)
            elif org in GLOBAL_ORGS:
                free.append(org)
        for group, p in ((exact, 1.0), (later, 0.5), (free, 1.0)):
            if group and rng.random() < p:
                org = rng.choice(group)
                self._pending_once = (code, "JOIN", org)
                return org
        raise _Missing("ORG_JOIN")

    def _org_member(self, code: str, year: int) -> str:
        kb, rng = self.kb, self.rng
        exact, member = [], []
        for org in self.t["orgs"]:
            if org.startswith("_") or (code, "LEAVE", org) in self.once:
                continue
            a = kb.actors.get(org)
            if a is None or (a.start and a.start > year) or (a.end and a.end < year):
                continue
            for j, left in kb.memberships(org, code):
                if (_year(j) or 0) <= year and (left is None or _year(left) >= year):
                    (exact if _year(left) == year else member).append(org)
        if exact:
            org = rng.choice(exact)
        elif member and rng.random() < 0.5:
            org = rng.choice(member)
        else:
            raise _Missing("ORG_MEMBER")
        self._pending_once = (code, "LEAVE", org)
        return org

    def _org_common(self, codes: Iterable[str], year: int, base: tuple[str, ...]) -> str:
        kb = self.kb
        out = [o for o in base if (kb.actors[o].start or 0) <= year]
        for org in REGIONAL:
            if org in out or org not in self.t["orgs"]:
                continue
            a = kb.actors.get(org)
            if a is None or (a.start and a.start > year) or (a.end and a.end < year):
                continue
            if all(any((_year(j) or 0) <= year and (l is None or _year(l) >= year)
                       for j, l in kb.memberships(org, c)) for c in codes):
                out.append(org)
        return self.rng.choice(out)

    def _third(self, year: int) -> str:
        world = self.world
        pool = world.with_leaders if self.rng.random() < 0.6 else world.pool
        for _ in range(50):
            c = self.rng.choice(pool)
            if c not in self.pair and self.kb.actors[c].exists_in(year):
                return c
        raise _Missing("C")

    def _value(self, slot: str, roles: dict, year: int, month: int) -> str:
        lang, lex = self.lang, self.lex
        if slot.startswith(("DE_", "AU_")):
            inner = self._value(slot[3:], roles, year, month)
            return _fr_de(inner) if slot.startswith("DE_") else _fr_a(inner)
        if slot == "AMOUNT":
            n = self.rng.choice(self.t["amount_numbers"])
            return self.rng.choice(self.t["amounts"]).replace("{N}", str(n))
        if slot.startswith("ORG_"):
            a = roles["A"]
            if slot == "ORG_JOIN":
                code = self._org_join(a, year)
            elif slot == "ORG_MEMBER":
                code = self._org_member(a, year)
            elif slot == "ORG_FORUM":
                code = self._org_common([a], year, FORUMS)
            elif slot == "ORG_MED":
                code = self._org_common([roles["A"], roles["B"]], year, MEDIATORS)
            else:
                raise _Missing(slot)
            text = lex.org(code)
            if text is None:
                raise _Missing(slot)
            return text
        m = re.fullmatch(r"(.*?)_?([ABC])(_F|_MP|_FP)?", slot)
        if not m:
            raise _Missing(slot)
        what, role, agr = m.group(1), m.group(2), m.group(3) or ""
        if role == "C" and "C" not in roles:
            roles["C"] = self._third(year)
        code = roles[role]
        forms = lex.state(code, year)
        if what == "":
            return forms.np
        if what == "NAME":
            return forms.name
        if what == "ADJ":
            if not forms.adjectives:
                raise _Missing(slot)
            if lang == "en":
                return forms.adjectives[0]
            return forms.adjectives[{"": 0, "_F": 1, "_MP": 2, "_FP": 3}[agr]]
        if what == "CAPITAL":
            cap = lex.capital(code, year)
            if not cap:
                raise _Missing(slot)
            return cap
        if what == "EN":
            return forms.en
        if what == "AUX":
            return "ont" if forms.plural else "a"
        if what == "EST":
            return "sont" if forms.plural else "est"
        if what == "E":
            return ("e" if forms.feminine else "") + ("s" if forms.plural else "")
        if what in ("SON", "SA", "SES"):
            return ("leurs" if what == "SES" else "leur") if forms.plural else what.lower()
        if what in ("LEADER", "THE_TITLE", "TITLE"):
            term = self._leader_terms(code, year, month)
            if term is None:
                raise _Missing(slot)
            if what == "LEADER":
                return self._person(term)
            if what == "TITLE":
                return self._title(term, code)[0]
            return self._the_title(term, code, year)
        if what in ("FM", "THE_FM"):
            term = self._fm(code, year, month)
            if term is None:
                raise _Missing(slot)
            return self._person(term) if what == "FM" else self._the_title(term, code, year)
        if what in ("NEW_LEADER", "OLD_LEADER", "NEW_TITLE", "E_NEW"):
            change = self._new_leader(code, year)
            if change is None:
                raise _Missing(slot)
            new, old = change
            if what == "NEW_LEADER":
                return self._person(new)
            if what == "OLD_LEADER":
                if old is None:
                    raise _Missing(slot)
                return self._person(old)
            if what == "E_NEW":
                return "e" if new.id in FEMALE else ""
            return self._title(new, code)[0]
        raise _Missing(slot)

    def _render(self, text: str, roles: dict, year: int, month: int, date: str | None) -> str:
        def fill(m: re.Match) -> str:
            slot = m.group(1)
            if slot in ("DATE", "PERIOD"):
                return date or ""
            return self._value(slot, roles, year, month)
        out = _SLOT.sub(fill, text)
        if self.lang == "en":
            out = _AN.sub(r"\1n ", out)
        return out[:1].upper() + out[1:]

    def _requires(self, tpl: dict, roles: dict, year: int) -> bool:
        for req in tpl.get("requires", ()):
            what, _, role = req.partition(":")
            if what == "founded":
                a = self.kb.actors[roles[role]]
                if a.period_start(year) != year:
                    return False
        return True

    # .. sentences, paragraphs, document ......................................................
    def sentence(self, tone: str, first_in_paragraph: bool, filler: bool = False) -> str:
        rng, clock = self.rng, self.clock
        sentences = self.t["sentences"]
        weights = []
        for i, tpl in enumerate(sentences):
            k = tpl["kind"]
            if (k == "FILLER") != filler:
                weights.append(0.0)
                continue
            if k in ONCE and k in self.once:
                weights.append(0.0)
                continue
            w = float(tpl.get("weight", 1))
            t = self.tone[k]
            if tone == "coop":
                w *= {"coop": 3, "hostile": 0.3, "neutral": 1}[t]
            elif tone == "hostile":
                w *= {"coop": 0.5, "hostile": 3, "neutral": 1}[t]
                if k in ("NEGOTIATE", "MEDIATE"):
                    w *= 3
            w /= 4 ** self.used.get(i, 0) * 2 ** self.kind_used.get(k, 0)
            weights.append(w)
        # weighted order without replacement (Efraimidis–Spirakis)
        order = sorted((i for i, w in enumerate(weights) if w > 0),
                       key=lambda i: rng.random() ** (1 / weights[i]), reverse=True)
        point = span = None
        for i in order:
            tpl = sentences[i]
            text = tpl["text"]
            roles = {"A": self.pair[0], "B": self.pair[1]} if rng.random() < 0.5 else \
                {"A": self.pair[1], "B": self.pair[0]}
            when = None
            if "{DATE}" in text:
                point = point or clock.propose(first_in_paragraph and rng.random() < 0.8)
                when = point
            elif "{PERIOD}" in text:
                span = span or clock.propose_span()
                if span is None:
                    continue
                when = span
            year = when.year if when else clock.year
            month = (when.month if when else clock.month) or max(1, min(12, (when.pos if when else clock.pos) or 6))
            if not self._requires(tpl, roles, year):
                continue
            self._pending_once = None
            try:
                out = self._render(text, roles, year, month, when.text if when else None)
            except _Missing:
                continue
            if when is not None:
                clock.commit(when)
            self.used[i] = self.used.get(i, 0) + 1
            self.kind_used[tpl["kind"]] = self.kind_used.get(tpl["kind"], 0) + 1
            if tpl["kind"] in ONCE:
                self.once.add(tpl["kind"])
            if self._pending_once:
                self.once.add(self._pending_once)
            self.last_kind, self.last_roles = tpl["kind"], roles
            return out
        return ""

    def plain(self, text: str) -> str:
        roles = {"A": self.pair[0], "B": self.pair[1]} if self.rng.random() < 0.5 else \
            {"A": self.pair[1], "B": self.pair[0]}
        try:
            return self._render(text, roles, self.clock.year, self.clock.month or 6, None)
        except _Missing:
            return ""

    def text(self) -> str:
        """The document; ``self.spans`` then holds (start, end, kind, roles) of its sentences."""
        rng = self.rng
        title = self.plain(rng.choice(self.t["document_titles"]))
        paragraphs: list[list[tuple[str, str, dict]]] = []
        count = len(title.split())
        tone = rng.choice(("coop", "hostile", "mixed"))
        empty = 0
        while count < self.words - 8 and empty < 3:
            sentences: list[tuple[str, str, dict]] = []
            if paragraphs and rng.random() < 0.45:
                left = [o for o in self.t["paragraph_openers"] if o not in self.openers]
                tpl = rng.choice(left) if left else ""
                opener = self.plain(tpl) if tpl else ""
                self.openers.add(tpl)
                if opener:
                    sentences.append((opener, "OPENER", {}))
                    count += len(opener.split())
            n, made = rng.randint(3, 6), 0
            for _ in range(n + 5):
                if made >= n or count >= self.words - 8:
                    break
                filler = made > 0 and rng.random() < 0.15
                out = self.sentence(tone, made == 0, filler=filler)
                made += not filler
                if out:
                    sentences.append((out, self.last_kind, self.last_roles))
                    count += len(out.split())
            empty = 0 if any(k not in ("OPENER", "FILLER") for _, k, _ in sentences) else empty + 1
            if sentences:
                paragraphs.append(sentences)
            tone = rng.choices(("coop", "hostile", "mixed"),
                               {"coop": (4, 2, 3), "hostile": (3, 3, 3), "mixed": (3, 3, 3)}[tone])[0]
        out, self.spans = title + "\n\n", []
        for p in paragraphs:
            for j, (sent, kind, roles) in enumerate(p):
                if j:
                    out += " "
                self.spans.append((len(out), len(out) + len(sent), kind, roles))
                out += sent
            out += "\n\n"
        return out.rstrip("\n") + "\n"


def _span_wanted(words: int) -> int:
    """How many years a document of ``words`` words should cover when it can."""
    return min(40, max(4, words // 30))


def _skeleton(seed: int, i: int, words: int) -> tuple[tuple[str, str], int, int]:
    """The pair of states and the first and last years of document ``i`` (same in every language)."""
    rng = random.Random(f"dyadline-synth:{seed}:{i}")
    world, kb = _world(), default_kb()
    for _ in range(1000):
        if world.related and rng.random() < 0.5:
            a, b = rng.choice(world.related)
            if rng.random() < 0.5:
                a, b = b, a
        else:
            a = rng.choice(world.with_leaders if rng.random() < 0.7 else world.pool)
            b = rng.choice(world.with_leaders if rng.random() < 0.5 else world.pool)
        if a == b or b in kb.actors[a].predecessors + kb.actors[a].successors \
                or a in kb.actors[b].predecessors + kb.actors[b].successors:
            continue                    # not a state and its own predecessor or successor
        both = world.years[a] & world.years[b]
        years = sorted(y for y in both if y <= LAST_START)
        if not years:
            continue
        last: dict[int, int] = {}       # year -> last year of the run of common years holding it
        end = None
        for y in range(LAST_YEAR, FIRST_YEAR - 1, -1):
            end = (end or y) if y in both else None
            if end is not None:
                last[y] = end
        want = min(15, _span_wanted(words))
        roomy = [y for y in years if last[y] - y >= want] or years
        start = rng.choice(roomy)
        founded = [kb.actors[c].period_start(years[0]) for c in (a, b)]
        founded = [y for y in founded if y and y in both and y <= LAST_START and last[y] - y >= min(want, 3)]
        if founded and rng.random() < 0.3:
            start = rng.choice(founded)
        return (a, b), start, last[start]
    raise RuntimeError("no pair of states found")  # pragma: no cover


def generate(n_docs: int, lang: str, seed: int = 0, words: int = 400) -> Iterator[tuple[str, str]]:
    """``n_docs`` synthetic documents in ``lang`` ("en" or "fr"), as (doc_id, text) pairs, each of
    about ``words`` words. Deterministic for a seed."""
    lex = _Lexicon(lang)
    for i in range(n_docs):
        pair, start, last = _skeleton(seed, i, words)
        rng = random.Random(f"dyadline-synth:{seed}:{i}:{lang}")
        doc = _Doc(lex, pair, start, last, rng, max(1, words))
        yield f"synth-{seed}-{lang}-{i:06d}", doc.text()


def corpus_path(folder: str | Path, fmt: str = "txt") -> Path:
    """Where :func:`write_corpus` writes: the folder for txt, else ``folder/synth.<fmt>`` (or the
    path itself when it already ends in ``.jsonl`` / ``.parquet``)."""
    folder = Path(folder)
    if fmt == "txt":
        return folder
    if folder.suffix == f".{fmt}":
        return folder
    return folder / f"synth.{fmt}"


def _rows(n_docs: int, langs: Iterable[str], seed: int, words: int):
    for lang in langs:
        for doc_id, text in generate(n_docs, lang, seed=seed, words=words):
            yield doc_id, text, lang


def write_corpus(folder: str | Path, n_docs: int, langs: Iterable[str] = ("en", "fr"), seed: int = 0,
                 words: int = 400, fmt: str = "txt") -> int:
    """Write ``n_docs`` documents per language: a folder of ``<id>.txt`` files (fmt="txt"), one
    JSON Lines file of {"id", "text", "lang"} ("jsonl") or a Parquet file with those columns
    ("parquet"), at :func:`corpus_path`. Returns the number of words written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    langs = tuple(langs)
    for lang in langs:
        templates(lang)
    path = corpus_path(folder, fmt)
    total = 0
    if fmt == "txt":
        path.mkdir(parents=True, exist_ok=True)
        for doc_id, text, _lang in _rows(n_docs, langs, seed, words):
            (path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            total += len(text.split())
        return total
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for doc_id, text, lang in _rows(n_docs, langs, seed, words):
                f.write(json.dumps({"id": doc_id, "text": text, "lang": lang}, ensure_ascii=False) + "\n")
                total += len(text.split())
        return total
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("lang", pa.string())])
    batch: dict[str, list] = {"id": [], "text": [], "lang": []}
    with pq.ParquetWriter(str(path), schema) as writer:
        for doc_id, text, lang in _rows(n_docs, langs, seed, words):
            batch["id"].append(doc_id)
            batch["text"].append(text)
            batch["lang"].append(lang)
            total += len(text.split())
            if len(batch["id"]) >= 512:
                writer.write_table(pa.table(batch, schema=schema))
                batch = {k: [] for k in batch}
        if batch["id"] or total == 0:
            writer.write_table(pa.table(batch, schema=schema))
    return total
