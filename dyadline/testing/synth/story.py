"""One synthetic document: a pair of states, a chronology, and sentences from the templates of
the language, filled with names, leaders and organisations valid in the year each sentence
speaks of."""
from __future__ import annotations

import random
import re
from typing import Iterable, Iterator

from ... import lang as langdata
from ...kb import default_kb
from ...kinds import kinds as _kinds
from .clock import Clock
from .grammar import Lexicon
from .world import (DEFAULT_OFFICES, FEMALE, FIRST_YEAR, FORUMS, GLOBAL_ORGS, LAST_START, LAST_YEAR,
                    LEADER_OFFICES, MEDIATORS, ONCE, REGIONAL, TITLE_BY_TERM, Missing, world, year_month,
                    year_of)

_SLOT = re.compile(r"\{([A-Z_0-9]+)\}")


class Story:
    """One synthetic document about a pair of states."""

    def __init__(self, lex: Lexicon, pair: tuple[str, str], start: int, last: int,
                 rng: random.Random, words: int):
        self.lex, self.t, self.lang, self.grammar = lex, lex.t, lex.lang, lex.grammar
        self.pair, self.rng, self.words = pair, rng, words
        span = min(last - start, _span_wanted(words))
        dated = max(1.0, words / 17 * 0.8)
        self.clock = Clock(self.t["dates"], start, last, rng, min(0.85, max(0.1, span / (dated * 1.4))))
        self.kb = default_kb()
        self.world = world()
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
                s, e = year_month(t.start, 1), year_month(t.end, 12)
                if s is None or s > (year, month) or (e is not None and e < (year, month)):
                    continue
                best = t
            if best is not None:
                return best
        return None

    def _fm(self, code: str, year: int, month: int):
        for t in self.world.terms.get(code, {}).get("foreign_minister", ()):
            s, e = year_month(t.start, 1), year_month(t.end, 12)
            if s is not None and s <= (year, month) and (e is None or e >= (year, month)):
                return t
        return None

    def _new_leader(self, code: str, year: int):
        """(new term, previous term in that office or None) when a leader took office in ``year``."""
        offices = self.world.terms.get(code, {})
        for office in LEADER_OFFICES.get(code, DEFAULT_OFFICES):
            lst = offices.get(office, ())
            for i, t in enumerate(lst):
                if year_of(t.start) == year:
                    prev = next((p for p in reversed(lst[:i]) if year_of(p.end) == year and p.id != t.id), None)
                    return t, prev
        return None

    def _person(self, term) -> str:
        names = term.names.get(self.lang) or term.names.get(langdata.LABEL_LANGUAGE) or [term.id]
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
            title_words = langdata.load(langdata.LABEL_LANGUAGE, "synth")["title_words"]
            for n in term.names.get(langdata.LABEL_LANGUAGE, ()):
                w = n.split(" ")[0]
                if w in title_words:
                    return title_words[w]
        return term.office

    def _title(self, term, code: str) -> tuple[str, str, bool]:
        """(title, suffix, feminine) of a leader's office."""
        spec = self.t["titles"].get(self._title_key(term)) or self.t["titles"]["head_of_state"]
        fem = term.id in FEMALE
        by_code = spec.get(code) or spec
        title = by_code.get("f" if fem else "m") or by_code["m"]
        return title, spec.get("suffix", ""), fem

    def _the_title(self, term, code: str, year: int) -> str:
        """'the Egyptian president', 'le président égyptien', 'the president of the Congo'."""
        title, suffix, fem = self._title(term, code)
        forms = self.lex.state(code, year)
        g = self.grammar
        phrase = g.g["the_title"]
        if forms.adjectives:
            adj = forms.adjectives[1 if fem and len(forms.adjectives) > 1 else 0]
            template = phrase["with_adjective"]
        else:
            adj, template = "", phrase["without"]
        articles = g.g.get("title_articles")
        the_title = g.elide(articles["f" if fem else "m"], title) if articles else title
        return template.format(adj=adj, title=title, np=forms.np, the_title=the_title,
                               suffix=f" {suffix}" if suffix else "",
                               de_np=g.with_preposition("de", forms.np) if "{de_np}" in template else "")

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
                if any(year_of(j) == year for j, _ in periods):
                    exact.append(org)
                elif any((year_of(j) or 0) > year for j, _ in periods):
                    later.append(org)
            elif org in GLOBAL_ORGS:
                free.append(org)
        for group, p in ((exact, 1.0), (later, 0.5), (free, 1.0)):
            if group and rng.random() < p:
                org = rng.choice(group)
                self._pending_once = (code, "JOIN", org)
                return org
        raise Missing("ORG_JOIN")

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
                if (year_of(j) or 0) <= year and (left is None or year_of(left) >= year):
                    (exact if year_of(left) == year else member).append(org)
        if exact:
            org = rng.choice(exact)
        elif member and rng.random() < 0.5:
            org = rng.choice(member)
        else:
            raise Missing("ORG_MEMBER")
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
            if all(any((year_of(j) or 0) <= year and (l is None or year_of(l) >= year)
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
        raise Missing("C")

    def _value(self, slot: str, roles: dict, year: int, month: int) -> str:
        lex, g = self.lex, self.grammar
        for prefix, prep in g.g.get("slot_prepositions", {}).items():
            if slot.startswith(prefix):
                return g.with_preposition(prep, self._value(slot[len(prefix):], roles, year, month))
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
                raise Missing(slot)
            text = lex.org(code)
            if text is None:
                raise Missing(slot)
            return text
        m = re.fullmatch(r"(.*?)_?([ABC])(_F|_MP|_FP)?", slot)
        if not m:
            raise Missing(slot)
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
                raise Missing(slot)
            if not g.agreement:
                return forms.adjectives[0]
            return forms.adjectives[{"": 0, "_F": 1, "_MP": 2, "_FP": 3}[agr]]
        if what == "CAPITAL":
            cap = lex.capital(code, year)
            if not cap:
                raise Missing(slot)
            return cap
        if what == "EN":
            return forms.en
        by_number = g.g.get("by_number", {})
        if what in by_number:
            return by_number[what][1 if forms.plural else 0]
        if what == "E":
            p = g.g["participle"]
            return (p["feminine"] if forms.feminine else "") + (p["plural"] if forms.plural else "")
        if what in ("LEADER", "THE_TITLE", "TITLE"):
            term = self._leader_terms(code, year, month)
            if term is None:
                raise Missing(slot)
            if what == "LEADER":
                return self._person(term)
            if what == "TITLE":
                return self._title(term, code)[0]
            return self._the_title(term, code, year)
        if what in ("FM", "THE_FM"):
            term = self._fm(code, year, month)
            if term is None:
                raise Missing(slot)
            return self._person(term) if what == "FM" else self._the_title(term, code, year)
        if what in ("NEW_LEADER", "OLD_LEADER", "NEW_TITLE", "E_NEW"):
            change = self._new_leader(code, year)
            if change is None:
                raise Missing(slot)
            new, old = change
            if what == "NEW_LEADER":
                return self._person(new)
            if what == "OLD_LEADER":
                if old is None:
                    raise Missing(slot)
                return self._person(old)
            if what == "E_NEW":
                return g.g["participle"]["feminine"] if new.id in FEMALE else ""
            return self._title(new, code)[0]
        raise Missing(slot)

    def _render(self, text: str, roles: dict, year: int, month: int, date: str | None) -> str:
        def fill(m: re.Match) -> str:
            slot = m.group(1)
            if slot in ("DATE", "PERIOD"):
                return date or ""
            return self._value(slot, roles, year, month)
        out = self.grammar.rewrite(_SLOT.sub(fill, text))
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
            except Missing:
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
        except Missing:
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
    w, kb = world(), default_kb()
    for _ in range(1000):
        if w.related and rng.random() < 0.5:
            a, b = rng.choice(w.related)
            if rng.random() < 0.5:
                a, b = b, a
        else:
            a = rng.choice(w.with_leaders if rng.random() < 0.7 else w.pool)
            b = rng.choice(w.with_leaders if rng.random() < 0.5 else w.pool)
        if a == b or b in kb.actors[a].predecessors + kb.actors[a].successors \
                or a in kb.actors[b].predecessors + kb.actors[b].successors:
            continue                    # not a state and its own predecessor or successor
        both = w.years[a] & w.years[b]
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
    lex = Lexicon(lang)
    for i in range(n_docs):
        pair, start, last = _skeleton(seed, i, words)
        rng = random.Random(f"dyadline-synth:{seed}:{i}:{lang}")
        doc = Story(lex, pair, start, last, rng, max(1, words))
        yield f"synth-{seed}-{lang}-{i:06d}", doc.text()
