"""The surface forms of states and titles in one language, by the rules of ``grammar`` in
``lang/<lang>/synth.json``: articles and their elision, contractions with prepositions ("de le"
-> "du"), gender and number agreement, the phrase for "the X president", rewrites of the
rendered sentence ("a" -> "an"). A language without agreement (``"agreement": false``) has one
form of each adjective and no articles on state names but those its data lists."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ... import lang as langdata


@dataclass
class StateForms:
    name: str
    np: str                        # with its article
    adjectives: tuple | None       # (m, f, mp, fp) with agreement, (adj,) without; None: none known
    plural: bool = False
    feminine: bool = False
    en: str | None = None          # the "in the country" form, with agreement


class Grammar:
    """One language's rules (``grammar`` of its synth.json)."""

    def __init__(self, g: dict) -> None:
        self.g = g
        self.agreement = bool(g["agreement"])
        self.vowels = g.get("vowels", "")
        self.rewrites = [(re.compile(p), r) for p, r in g.get("rewrites", [])]

    def starts_with_vowel(self, word: str) -> bool:
        return word[:1] in self.vowels or word.startswith(tuple(self.g.get("mute_h", ())))

    def with_preposition(self, prep: str, np: str) -> str:
        """'de' + 'le Pakistan' = 'du Pakistan'; 'de' + 'Israël' = "d'Israël"."""
        rule = self.g["prepositions"][prep]
        for art, rep in rule.get("contract", []):
            if np.startswith(art):
                return rep + np[len(art):]
        if np.startswith(tuple(rule.get("keep", ()))):
            return rule["plain"] + np
        elided = rule.get("elided")
        return (elided if elided and self.starts_with_vowel(np) else rule["plain"]) + np

    def elide(self, article: str, word: str) -> str:
        e = self.g.get("elision")
        if e and article in e["articles"] and word[:1] in self.vowels:
            return e["elided"] + word
        return f"{article} {word}" if article else word

    def rewrite(self, sentence: str) -> str:
        for rx, rep in self.rewrites:
            sentence = rx.sub(rep, sentence)
        return sentence

    def adjectives(self, adjs: list[str]) -> tuple | None:
        """(m, f, mp, fp) from a state's adjective list, None when the forms are not there."""
        if not adjs:
            return None
        a = self.g["adjective"]
        m = adjs[0]
        have = set(adjs)
        if m.endswith(a["feminine_same"]):
            f = m
        else:
            f = next((c for c in [m + s for s in a["feminine_suffixes"]]
                      + [m[:-len(old)] + new for old, new in a["feminine_replace"]] if c in have), None)
            if f is None:
                return None
        plural = a["plural"]
        mp = m if m.endswith(tuple(a["plural_invariant"])) else m + plural
        fp = f if f.endswith(plural) else f + plural
        return (m, f, mp, fp)


class Lexicon:
    """Names, adjectives, capitals of states and names of organisations in one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.t = langdata.load(lang, "synth")
        self.grammar = Grammar(self.t["grammar"])
        self.states = langdata.load(lang, "states")
        self._cache: dict = {}

    def state(self, code: str, year: int) -> StateForms:
        key = (code, year)
        if key not in self._cache:
            self._cache[key] = self._state(code, year)
        return self._cache[key]

    def _state(self, code: str, year: int) -> StateForms:
        raw = self.states.get(code, {})
        conf = self.t["states"]
        gr = self.grammar
        name = raw["names"][0]
        adjs = list(raw.get("adjectives") or [])
        period = {}
        for p in conf.get("by_period", {}).get(code, []):
            if p.get("from", -10**6) <= year <= p.get("until", 10**6):
                period = p
                break
        name = period.get("name", name)
        if not gr.agreement:
            if "adjective" in period:
                adjs = [period["adjective"]] if period["adjective"] else []
            article = gr.g["definite_article"]
            np = f"{article} {name}" if name in conf.get("definite", ()) else name
            return StateForms(name, np, (adjs[0],) if adjs else None)
        # article, gender, number
        rules = gr.g["articles"]
        forms = tuple(period["adjectives"]) if "adjectives" in period else gr.adjectives(adjs)
        article = period.get("article", conf["articles"].get(code) if code in conf["articles"] else None)
        head = name.split(" ")[0]
        if head.startswith(tuple(rules["compound_prefixes"])):
            head = head.split("-", 1)[1]
        head = head.split("-")[0]
        gender = period.get("gender") or conf.get("gender", {}).get(code)
        masculine_e = conf.get("masculine_e", ())
        fem_end = rules["feminine_ending"]
        if article is None:
            fem = head.endswith(fem_end) and name not in masculine_e and head not in masculine_e
            article = rules["elided"] if head[:1] in gr.vowels else (rules["feminine"] if fem else rules["masculine"])
        if gender is None:
            if article == rules["plural"]:
                gender = "f" if head.endswith(rules["plural_feminine_ending"]) else "m"
            elif article == rules["elided"]:
                gender = "f" if head.endswith(fem_end) and head not in masculine_e else "m"
            else:
                gender = "f" if article == rules["feminine"] else "m"
        np = name if article == "" else (f"{rules['elided']}{name}" if article == rules["elided"] else f"{article} {name}")
        plural = article == rules["plural"]
        en = conf.get("en", {}).get(code) if not period else None
        if en is None:
            en = gr.g["in_country"].get(article, gr.g["in_country"][""]) + name
        return StateForms(name, np, forms, plural, gender == "f", en)

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
