"""Actors stage: mentions of states, organisations, groups and people, resolved to codes.

Knowledge comes from the knowledge base (:mod:`dyadline.kb`) and the per-language
``actors.json`` (titles, anaphora words). Matching is done with spaCy PhraseMatchers built
once per language; resolution in context adds:

- people introduced with a title and a nationality ("Brazilian president X", "le président
  russe X", "Chile's foreign minister X") and their later short names ("Sadat" is the most
  recent Sadat named before it);
- groups: a nationality next to a group noun ("Angolan rebels" -> AGO-REB, "l'armée
  nigériane" -> NGA);
- combining forms inside compounds ("franco-allemandes", "Sino-Japanese");
- "both countries" / "les deux pays" as the last two states named, and possessive or
  subject pronouns as the most salient actor before them.
"""
from __future__ import annotations

import bisect

import logging
from collections import defaultdict

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .. import lang as langdata
from ..kb import NAMESAKE_OFFICES, KnowledgeBase, SurfaceForm
from ..kb.places import default_gazetteer
from ..kb.resolve import Resolver, fold
from ..records import ActorMention, Document
from ..timex.values import first_year as _year
from .syntax import Syntax

log = logging.getLogger(__name__)

_DASHES = {"-", "–", "—", "‑"}
_SUFFIX_ROLES = ("opp", "reb")   # title roles that give a group code (PAK-OPP); others the state
# ranking of mention sources when spans tie in length
_VIA_RANK = {"person": 0, "name": 1, "acronym": 2, "demonym": 3, "capital": 4, "adjective": 5,
             "prefix": 6}


SUBJECT_CHAIN_SENTENCES = 1   # how far back a subject pronoun looks for the subject it continues

class ActorRecognizer:
    """Finds actor mentions in a parsed :class:`Document` and sets ``document.mentions``."""

    name = "actors"

    def __init__(self, lang: str, kb: KnowledgeBase, nlp) -> None:
        self.lang = lang
        self.kb = kb
        self.resolver = Resolver(kb, lang)
        self.syn = Syntax(lang)
        data = langdata.require(lang, "actors")
        config = langdata.require(lang, "config")
        self.person_labels = set(config["person_labels"])
        self.name_labels = set(config["name_labels"])
        self.forms: dict[str, list[SurfaceForm]] = defaultdict(list)
        self.parts: dict[str, list[SurfaceForm]] = defaultdict(list)
        self.prefix_stems: dict[str, list[SurfaceForm]] = defaultdict(list)
        exact, lower = [], []
        for f in kb.surface_forms(lang):
            if not f.text.strip():
                continue
            if f.via == "prefix":
                self.prefix_stems[f.text.lower()].append(f)
                self.parts[f.text.lower()].append(f)
                continue
            for text in {f.text, _unaccented_capitals(f.text)}:
                # capitals are often written without their accent ("Etats-Unis", "Ethiopie")
                key = ("L|" if self._case_insensitive(f) else "E|") + text
                key = key.lower() if key.startswith("L|") else key
                if f not in self.forms[key]:
                    self.forms[key].append(f)
                (lower if key.startswith("L|") else exact).append(key)
            if f.type == "person" and len(f.text.split()) > 1:
                # a full name with its surname in capitals ("Emmanuel MACRON", "HUN Sen")
                key = "L|" + f.text.lower()
                if f not in self.forms[key]:
                    self.forms[key].append(f)
                lower.append(key)
            elif f.type == "person" and len(f.text) >= 4 and not f.text.isupper():
                key = "E|" + f.text.upper()      # a surname alone in capitals ("le président MACRON")
                if f not in self.forms[key]:
                    self.forms[key].append(f)
                exact.append(key)
            if f.type == "state" and f.via in ("adjective", "name", "demonym"):
                self.parts[f.text.lower()].append(f)
        self._add_surname_namesakes()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        for matcher, keys in ((self.exact, exact), (self.lower, lower)):
            keys = sorted(set(keys))
            for key, doc in zip(keys, nlp.tokenizer.pipe(k[2:] for k in keys)):
                matcher.add(key, [doc])
        # groups: role nouns, and title words
        self.group_role: dict[str, str] = {}
        self.groups = PhraseMatcher(nlp.vocab, attr="LOWER")
        for role, nouns in kb.group_roles(lang).items():
            for n in nouns:
                self.group_role[n.lower()] = role
            self.groups.add("G|" + role, list(nlp.tokenizer.pipe(nouns)))
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.title_role: dict[str, str] = {}
        for role, words in data["titles"].items():
            self.titles.add("T|" + role, list(nlp.tokenizer.pipe(words)))
        self.pairs = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.pairs.add("PAIR", list(nlp.tokenizer.pipe(data["pair_anaphora"])))
        self.pronouns = {w.lower() for w in data["pronouns"]}
        self.stance = {w.lower() for w in data["stance_prefixes"]}
        self.comitative = {w.lower() for w in data["comitative_preps"]}
        self.group_preps = {w.lower() for w in data["group_preps"]}

    def _case_insensitive(self, f: SurfaceForm) -> bool:
        # French adjectives are lowercase but capitalised at a sentence start
        return f.via == "adjective" and f.text[:1].islower()

    # ------------------------------------------------------------------------------
    def __call__(self, document: Document) -> Document:
        doc: Doc = document.spacy_doc
        spans = self._gazetteer(doc)
        spans += self._compounds(doc, spans)
        titled = self._titled_people(doc, spans)
        spans += titled
        written = _year(document.date)
        if written is not None:
            # a document cannot name a leader whose terms all began after it was written
            spans = [m for m in spans if not _only_after(m, written)]
        chosen = _select(spans)
        chosen = self._groups(doc, chosen)
        chosen = self._short_names(doc, chosen)
        chosen += self._org_short_names(doc, chosen)
        chosen += self._pairs(doc, chosen)
        chosen += self._pronouns(doc, chosen)
        chosen.sort(key=lambda m: (m.start, m.end))
        document.mentions = chosen
        return document

    def _add_surname_namesakes(self) -> None:
        """A leader listed under a bare surname ("Johnson" for Boris Johnson) shares it with
        every leader of that surname (Lyndon B. Johnson): the words get all their terms, and
        the event's date chooses among them. Short words are left alone: the last word of a
        name written family name first is a given name ("Sun Wen")."""
        for key, forms in self.forms.items():
            word = key[2:]
            if " " in word or len(word) < 4 or not any(f.type == "person" for f in forms):
                continue
            for terms in self.resolver.surnames.get(fold(word), {}).values():
                if not any(t.office in NAMESAKE_OFFICES for t in terms):
                    continue   # a premier of a presidential state is not "Obama"
                for t in terms:
                    f = SurfaceForm(word, t.code, "person", "person", _year(t.start), _year(t.end))
                    if f not in forms:
                        forms.append(f)

    def _mention(self, doc: Doc, start: int, end: int, forms: list[SurfaceForm],
                 via: str | None = None, person: str | None = None) -> ActorMention:
        span = doc[start:end]
        codes, spans = _candidates(forms)
        return ActorMention(start=span.start_char, end=span.end_char, text=span.text,
                            code=codes[0], type=forms[0].type, via=via or forms[0].via,
                            tok_start=start, tok_end=end, person=person, candidates=codes,
                            spans=spans)

    def _gazetteer(self, doc: Doc) -> list[ActorMention]:
        out = []
        for matcher in (self.exact, self.lower):
            for key_id, s, e in matcher(doc):
                key = doc.vocab.strings[key_id]
                forms = self.forms[key]
                if s > 1 and doc[s - 1].text in _DASHES and doc[s - 2].lower_ in self.stance:
                    continue  # "anti-American" is a stance, not an actor
                persons = [f for f in forms if f.type == "person"]
                if persons:
                    out.append(self._mention(doc, s, e, persons, person=doc[s:e].text))
                else:
                    out.append(self._mention(doc, s, e, forms))
        return out

    def _compounds(self, doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
        """Combining forms: 'franco - allemandes' (split tokens) and 'sino-japonais'."""
        covered = {i for m in found for i in range(m.tok_start, m.tok_end)}
        out = []
        for tok in doc:
            if tok.i in covered:
                continue
            low = tok.lower_
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if low in self.prefix_stems and nxt is not None and nxt.text in _DASHES:
                out.append(self._mention(doc, tok.i, tok.i + 1, self.prefix_stems[low]))
                continue
            if "-" in tok.text and len(tok.text) > 3:
                pos = 0
                for part in tok.text.split("-"):
                    forms = self.parts.get(part.lower())
                    if forms and part.lower() not in self.stance:
                        start = tok.idx + pos
                        codes, spans = _candidates(forms)
                        out.append(ActorMention(start=start, end=start + len(part), text=part,
                                                code=codes[0], type="state", via=forms[0].via,
                                                tok_start=tok.i, tok_end=tok.i + 1,
                                                candidates=codes, spans=spans))
                    pos += len(part) + 1
        return out

    def _titled_people(self, doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
        """People the parser recognises, resolved through a nearby title and nationality."""
        covered = {i for m in found if m.type == "person" for i in range(m.tok_start, m.tok_end)}
        states_at = {}
        for m in found:
            if m.type == "state":
                for i in range(m.tok_start, m.tok_end):
                    states_at[i] = m
        title_toks: dict[int, str] = {}   # token -> role of the longest title covering it
        for key, s, e in sorted(self.titles(doc), key=lambda m: m[2] - m[1]):
            for i in range(s, e):
                title_toks[i] = doc.vocab.strings[key][2:]
        out = []
        gazetteer = {i for m in found for i in range(m.tok_start, m.tok_end)}
        for tok in doc:   # a proper noun the parser left outside any entity
            if tok.pos_ == "PROPN" and not tok.ent_type_ and len(tok.text) >= 6 \
                    and tok.i not in gazetteer and tok.text[:1].isupper():
                known = self._known_person(doc[tok.i:tok.i + 1], cutoff=90.0)
                if known is not None:
                    out.append(known)
        for ent in doc.ents:
            if ent.label_ not in self.person_labels:
                # a name the parser did not take for a person may still be a leader's,
                # spelled another way (the small English model tags "Chruschtschow" GPE)
                if ent.label_ in self.name_labels and not any(i in gazetteer for i in range(ent.start, ent.end)):
                    known = self._known_person(ent, cutoff=90.0)
                    if known is not None:
                        out.append(known)
                continue
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            if ent.end - ent.start == 1 and len(ent.text) < 3:
                continue
            state, role = self._title_state(doc, ent, title_toks, states_at)
            if state is None:
                if any(ent.text in (p.person or p.text).split() for p in found
                       if p.type == "person" and p.tok_start < ent.start):
                    continue   # a short name of someone named before: see _short_names
                known = self._known_person(ent)
                if known is not None:
                    out.append(known)
                continue
            if state is not None:
                suffix = f"-{role.upper()}" if role in _SUFFIX_ROLES else ""
                out.append(ActorMention(start=ent.start_char, end=ent.end_char, text=ent.text,
                                        code=state.code + suffix, type="person", via="person",
                                        tok_start=ent.start, tok_end=ent.end, person=ent.text,
                                        candidates=tuple(c + suffix for c in state.candidates),
                                        spans=state.spans))
        return out

    def _known_person(self, ent: Span, cutoff: float = 88.0) -> ActorMention | None:
        """A leader of the knowledge base under a spelling no list has (Chruschtschow,
        Zulfiqar) or by a surname shared only within one state: matched by the resolver."""
        match = self.resolver.person(ent.text, None, cutoff=cutoff)
        if match is not None and not match.exact and ent.label_ not in self.person_labels \
                and len(ent) > 1:
            return None
        if match is not None and not match.exact and default_gazetteer().lookup(ent.text) is not None:
            return None    # "Venetia" is the region, not a misspelt "Venetiaan"
        if match is None:
            return None
        terms = sorted(match.terms, key=lambda t: (t.end is not None, str(t.start)))
        return ActorMention(start=ent.start_char, end=ent.end_char, text=ent.text,
                            code=terms[0].code, type="person", via="person",
                            tok_start=ent.start, tok_end=ent.end,
                            person=match.name if match.id else ent.text,
                            candidates=tuple(t.code for t in terms),
                            spans=tuple((_year(t.start), _year(t.end)) for t in terms))

    def _title_state(self, doc: Doc, ent: Span, title_toks: dict[int, str],
                     states_at: dict[int, ActorMention]) -> tuple[ActorMention | None, str | None]:
        """The state and role of a person from a title and nationality beside the name."""
        sent = ent.sent
        # left: "[the] Brazilian president X", "le président russe X", "Chile's PM X"
        window, has_title, role = [], False, None
        for i in range(ent.start - 1, max(sent.start, ent.start - 9) - 1, -1):
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX") or tok.text in (";", ":", "(", ")"):
                break
            if tok.ent_type_ in self.person_labels and i not in title_toks:
                break
            if i in title_toks:
                has_title = True
                role = role or title_toks[i]
            window.append(i)
        if has_title:
            for i in window:
                if i in states_at and states_at[i].via in ("adjective", "name", "demonym"):
                    return states_at[i], role
        # right: "X, the Kenyan foreign minister,"
        if ent.end < sent.end and doc[ent.end].text == ",":
            has_title, cand, role = False, None, None
            for i in range(ent.end + 1, min(sent.end, ent.end + 7)):
                tok = doc[i]
                if tok.pos_ in ("VERB", "AUX") or tok.text in (",", ";", ")"):
                    break
                if i in title_toks:
                    has_title = True
                    role = role or title_toks[i]
                if cand is None and i in states_at and states_at[i].via in ("adjective", "name"):
                    cand = states_at[i]
            if has_title and cand is not None:
                return cand, role
        return None, None

    def _groups(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """A state word syntactically tied to a group noun becomes the group's actor."""
        by_tok = {}
        for m in chosen:
            if m.type == "state":
                for i in range(m.tok_start, m.tok_end):
                    by_tok[i] = m
        replaced: dict[int, ActorMention] = {}
        extra: list[ActorMention] = []
        for key_id, s, e in self.groups(doc):
            role = doc.vocab.strings[key_id][2:]
            noun = doc[s:e].root
            states: list[ActorMention] = []
            for child in noun.children:
                cases = [g.lower_ for g in self.syn.children(child, "case")]
                if cases and not set(cases) & self.group_preps:
                    continue   # "réfugiés vers le Tchad" is not a Chadian group
                if child.i in by_tok and self.syn.has(child, "group_modifier"):
                    if not cases and child.pos_ in ("PROPN", "NOUN") and \
                            not (by_tok[child.i].tok_end == s or by_tok[child.i].tok_start == e):
                        continue   # a name with no preposition, away from the noun: a misparse
                    states.append(by_tok[child.i])
                    # "Kenyan and Ugandan troops": coordinated nationalities
                    states.extend(by_tok[c.i] for c in child.conjuncts if c.i in by_tok)
                elif self.syn.has(child, "prep") and child.lower_ in self.group_preps:
                    states.extend(by_tok[g.i] for g in child.children if g.i in by_tok)
            if not states:
                for i in (s - 1, e):
                    if i in by_tok and 0 <= i < len(doc) and doc[i].head.i in range(s, e):
                        states.append(by_tok[i])
            for state in list({id(m): m for m in states}.values()):
                organ = role in ("GOV", "MIL", "COP", "SPY")
                code = state.code if organ else f"{state.code}-{role}"
                cands = tuple(c if organ else f"{c}-{role}" for c in state.candidates)
                lo, hi = min(s, state.tok_start), max(e, state.tok_end)
                span = doc[lo:hi]
                m = ActorMention(start=span.start_char, end=span.end_char, text=span.text, code=code,
                                 type="group" if "-" in code else "state", via="group",
                                 tok_start=lo, tok_end=hi, candidates=cands, spans=state.spans)
                if id(state) in replaced:
                    extra.append(m)
                else:
                    replaced[id(state)] = m
        out = [replaced.get(id(m), m) for m in chosen] + extra
        return list({(m.start, m.end, m.code): m for m in out}.values())

    def _short_names(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """'Sadat' after 'Anwar Sadat': the most recent person whose name contains it."""
        # a person named earlier beats a capital of the same spelling ("Lagos" after "Ricardo
        # Lagos"); other gazetteer matches stand
        capitals = {m.tok_start: m for m in chosen if m.via == "capital" and m.tok_end - m.tok_start == 1}
        covered = {i for m in chosen if m.via != "capital" for i in range(m.tok_start, m.tok_end)}
        people = sorted((m for m in chosen if m.type == "person"), key=lambda m: m.tok_start)
        extra = []
        dropped: list[ActorMention] = []
        for tok in doc:
            if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            best = None
            for p in people:
                if p.tok_start >= tok.i:
                    break
                parts = (p.person or p.text).replace("-", " ").split()
                if tok.text in parts and len(parts) > 1:
                    best = p
            if best is not None:
                if tok.i in capitals:
                    dropped.append(capitals[tok.i])
                extra.append(ActorMention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text,
                                          code=best.code, type="person", via="surname",
                                          tok_start=tok.i, tok_end=tok.i + 1, person=best.person,
                                          candidates=best.candidates, spans=best.spans))
                people.append(extra[-1])
                people.sort(key=lambda m: m.tok_start)
        return [m for m in chosen if not any(m is d for d in dropped)] + extra

    def _org_short_names(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """'the Council' after 'the Security Council', 'l'Union' after 'l'Union européenne':
        the capitalised head noun of an organisation's name, with an article, names the
        organisation last named that way."""
        heads: dict[str, list[ActorMention]] = {}
        for m in chosen:
            if m.type == "org" and m.tok_end - m.tok_start >= 2:
                root = doc[m.tok_start:m.tok_end].root
                if root.text[:1].isupper() and root.pos_ in ("NOUN", "PROPN") and len(root.text) >= 4:
                    heads.setdefault(root.lower_, []).append(m)
        if not heads:
            return []
        covered = {i for m in chosen for i in range(m.tok_start, m.tok_end)}
        out = []
        for tok in doc:
            named = heads.get(tok.lower_)
            if not named or tok.i in covered or not tok.text[:1].isupper() or tok.i == 0:
                continue
            if doc[tok.i - 1].pos_ != "DET" and not any(c.pos_ == "DET" for c in tok.children):
                continue
            after = doc[tok.i + 1:tok.i + 4]
            if len(after) and after[0].pos_ == "ADP" and any(
                    t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME") for t in after[1:]):
                continue       # "the Council of Europe": another body's name
            before = [m for m in named if m.tok_end <= tok.i]
            if not before:
                continue
            m = before[-1]
            out.append(ActorMention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text,
                                    code=m.code, type=m.type, via="short_name", tok_start=tok.i,
                                    tok_end=tok.i + 1, candidates=m.candidates, spans=m.spans))
        return out

    def _pairs(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """'both countries': the two states most salient just before (subjects first, then the
        most recent), within the last few sentences."""
        out = []
        states = sorted((m for m in chosen if m.type in ("state", "person") and "-" not in m.code),
                        key=lambda m: m.tok_start)
        for _k, s, e in _longest(self.pairs(doc)):
            window_start = s
            sent = doc[s].sent
            for _ in range(2):
                if sent.start == 0:
                    break
                sent = doc[sent.start - 1].sent
                window_start = sent.start
            pool = [m for m in states if window_start <= m.tok_start and m.tok_end <= s]
            # subjects first, then actors named otherwise, capitals last (often just a place)
            ranked = sorted(pool, key=lambda m: (not self._is_subject(doc[m.tok_end - 1]),
                                                 m.via == "capital", -m.tok_start))
            seen: list[ActorMention] = []
            for m in ranked:
                if all(m.code != x.code for x in seen):
                    seen.append(m)
                if len(seen) == 2:
                    break
            if len(seen) == 2:
                span = doc[s:e]
                for m in sorted(seen, key=lambda m: m.tok_start):
                    out.append(ActorMention(start=span.start_char, end=span.end_char, text=span.text,
                                            code=m.code, type="state", via="anaphora",
                                            tok_start=s, tok_end=e, candidates=m.candidates, spans=m.spans))
        return out

    def _pronouns(self, doc: Doc, chosen: list[ActorMention]) -> list[ActorMention]:
        """Possessive and subject pronouns: the most salient actor before them. A subject
        pronoun ("It demanded", "Il exige") continues the latest subject actor of the last
        few sentences (a pronoun resolved before counts, so a chain of "It ..." holds); other
        pronouns, and a subject one with no subject actor before it, the latest actor of this
        sentence and the one before that is not in a comitative phrase."""
        out: list[ActorMention] = []
        cands = sorted((m for m in chosen if m.type in ("state", "person", "group", "org")),
                       key=lambda m: m.tok_start)
        for tok in doc:
            if tok.lower_ not in self.pronouns:
                continue
            if not self.syn.has(tok, "pronoun_slot"):
                continue
            sent_start = tok.sent.start
            prev_sent_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
            m = None
            if self._is_subject(tok):
                far = sent_start
                for _ in range(SUBJECT_CHAIN_SENTENCES):
                    if far == 0:
                        break
                    far = doc[far - 1].sent.start
                subjects = [c for c in cands + out if far <= c.tok_start < tok.i
                            and self._is_subject(doc[c.tok_end - 1])]
                if subjects:
                    m = max(subjects, key=lambda c: c.tok_start)
            if m is None:
                pool = [c for c in cands if prev_sent_start <= c.tok_start < tok.i]
                if not pool:
                    continue
                salient = [c for c in pool if not self._comitative(doc[c.tok_end - 1])]
                m = (salient or pool)[-1]
            out.append(ActorMention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text,
                                    code=m.code, type=m.type, via="pronoun", tok_start=tok.i,
                                    tok_end=tok.i + 1, person=m.person, candidates=m.candidates, spans=m.spans))
        return out

    def _comitative(self, tok: Token) -> bool:
        for child in self.syn.children(tok, "case"):
            if child.lower_ in self.comitative:
                return True
        return self.syn.has(tok, "prep_noun") and tok.head.lower_ in self.comitative

    def _is_subject(self, tok: Token) -> bool:
        """The token heads a subject, or is part of one (a modifier or conjunct of it)."""
        for _ in range(3):
            if self.syn.has(tok, "any_subject"):
                return True
            if not self.syn.has(tok, "subject_part"):
                return False
            tok = tok.head
        return False


def _only_after(m: ActorMention, year: int) -> bool:
    """Whether a person mention's every term of office starts after ``year``."""
    if m.type != "person" or not m.spans:
        return False
    starts = [a for a, _b in m.spans]
    return all(a is not None and a > year for a in starts)


def _unaccented_capitals(text: str) -> str:
    """The text with the accents of its capital letters removed ("Éthiopie": "Ethiopie")."""
    import unicodedata
    out = []
    for c in text:
        if c.isupper() and not c.isascii():
            base = unicodedata.normalize("NFD", c)[0]
            out.append(base if base.isascii() else c)
        else:
            out.append(c)
    return "".join(out)


def _candidates(forms: list[SurfaceForm]):
    """Codes and their years for words matching ``forms``: undated or open-ended first (the
    code when the date is unknown), repeated when the words mean a code in two periods."""
    seen, out = set(), []
    for f in sorted(forms, key=lambda f: (f.end is not None, f.start is not None)):
        if (f.code, f.start, f.end) not in seen:
            seen.add((f.code, f.start, f.end))
            out.append(f)
    return tuple(f.code for f in out), tuple((f.start, f.end) for f in out)


def _longest(matches):
    """Non-overlapping (key, start, end) matches, longest first."""
    out, taken = [], set()
    for key, s, e in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
        if not taken & set(range(s, e)):
            out.append((key, s, e))
            taken.update(range(s, e))
    return sorted(out, key=lambda m: m[1])


def _select(mentions: list[ActorMention]) -> list[ActorMention]:
    """Non-overlapping mentions, longest first (ties: people, then names, then adjectives)."""
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), _VIA_RANK.get(m.via, 9), m.start))
    starts: list[int] = []       # the taken spans, which never overlap, sorted by start
    ends: list[int] = []
    out = []
    for m in ordered:
        i = bisect.bisect_left(starts, m.end)     # spans starting before m ends: the last may overlap
        if i and ends[i - 1] > m.start:
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        out.append(m)
    return out
