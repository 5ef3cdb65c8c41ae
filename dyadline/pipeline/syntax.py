"""Dependency helpers shared by the events and facts stages.

Dependency labels differ by language (ClearNLP-style for English, Universal Dependencies
for French); each language's ``config.json`` groups its labels by role, and
:class:`Syntax` answers role questions ("the subjects of this verb", "its prepositional
arguments") the same way for every language.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .. import lang as langdata


class Syntax:
    def __init__(self, lang: str) -> None:
        cfg = langdata.load(lang, "config")["syntax"]
        self.cfg = {k: set(v) for k, v in cfg.items() if not k.startswith("_")}
        events = langdata.load(lang, "events")
        self.unaccusative = set(events.get("unaccusative_verbs", []))
        self.prep_lemmas = dict(langdata.load(lang, "config").get("preposition_lemmas", {}))

    def has(self, tok: Token, role: str) -> bool:
        return tok.dep_ in self.cfg.get(role, ())

    def children(self, tok: Token, role: str) -> list[Token]:
        labels = self.cfg.get(role, ())
        return [c for c in tok.children if c.dep_ in labels]

    @staticmethod
    def conjuncts(tok: Token) -> list[Token]:
        """The token and the tokens coordinated with it (following conj links down)."""
        out, todo = [], [tok]
        while todo:
            t = todo.pop(0)
            out.append(t)
            nominal = tok.pos_ in ("PROPN", "NOUN")
            todo.extend(c for c in t.children if c.dep_ == "conj" and (
                c.pos_ == tok.pos_ or (nominal and c.pos_ in ("PROPN", "NOUN"))))
        return out

    def is_passive(self, verb: Token) -> bool:
        if any(c.dep_ in self.cfg.get("passive_aux", ()) for c in verb.children):
            return verb.lemma_.lower() not in self.unaccusative
        return False

    def subjects(self, verb: Token) -> tuple[list[Token], bool]:
        """Subject tokens of a verb (with coordination) and whether they are passive subjects."""
        subs = self.children(verb, "subject")
        passive = False
        psubs = self.children(verb, "passive_subject")
        if psubs:
            subs = subs + psubs
            # French 'être' verbs of motion ("sont entrés") look passive and are not
            passive = self.is_passive(verb) and verb.lemma_.lower() not in self.unaccusative
        out: list[Token] = []
        for s in subs:
            out.extend(self.conjuncts(s))
        return out, passive

    def objects(self, verb: Token) -> list[Token]:
        out: list[Token] = []
        for o in self.children(verb, "object"):
            out.extend(self.conjuncts(o))
        return out

    def prep_of(self, tok: Token) -> str | None:
        """The preposition that introduces a nominal (FR: its case child; EN: its prep head)."""
        cases = [c for c in tok.children if c.dep_ in self.cfg.get("case", ())
                 and c.pos_ == "ADP"]
        if cases:
            words = " ".join(c.lower_ for c in cases)
            last = cases[-1].lower_
            return self.prep_lemmas.get(words, self.prep_lemmas.get(last, last))
        if tok.dep_ in self.cfg.get("prep_object", ()) and tok.head.dep_ in self.cfg.get("prep", ()) | self.cfg.get("agent", ()):
            return "by" if tok.head.dep_ in self.cfg.get("agent", ()) else tok.head.lower_
        return None

    def preps(self, tok: Token) -> Iterator[tuple[str, Token]]:
        """(preposition, nominal) pairs attached to a verb or noun, with coordination."""
        for c in tok.children:
            if c.dep_ in self.cfg.get("prep", ()) or c.dep_ in self.cfg.get("agent", ()):
                word = "by" if c.dep_ in self.cfg.get("agent", ()) else c.lower_
                for p in c.children:
                    if p.dep_ in self.cfg.get("prep_object", ()):
                        for q in self.conjuncts(p):
                            yield word, q
            elif c.dep_ in self.cfg.get("oblique", ()) or c.dep_ == "nmod":
                prep = self.prep_of(c)
                if prep:
                    for q in self.conjuncts(c):
                        yield prep, q
            elif c.dep_ in self.cfg.get("agent", ()):
                for q in self.conjuncts(c):
                    yield "by", q

    def modifiers(self, noun: Token) -> Iterator[tuple[str, Token]]:
        """(role, token) for a noun's possessive and adjectival/compound modifiers."""
        for c in noun.children:
            if c.dep_ in self.cfg.get("possessive", ()) or (c.morph.get("Poss") == ["Yes"]):
                yield "poss", c
            elif c.dep_ in self.cfg.get("noun_modifier", ()):
                yield ("amod" if c.dep_ == "amod" else "compound"), c

    def governor_verb(self, tok: Token) -> Token | None:
        """The verb a nominal depends on (through objects, obliques and noun modifiers)."""
        cur = tok
        for _ in range(4):
            if cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX") or (cur.pos_ == "ADJ" and cur.dep_ == "ROOT"):
                return cur
        return None
