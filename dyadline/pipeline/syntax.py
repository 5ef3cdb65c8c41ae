"""Dependency helpers shared by the actors, events and facts stages.

Dependency labels differ by language (ClearNLP-style for English, Universal Dependencies
for French); each language's ``config.json`` groups its labels by role (``syntax``), and
:class:`Syntax` answers role questions ("the subjects of this verb", "its prepositional
arguments") the same way for every language. No stage names a dependency label: it asks
:meth:`Syntax.has` with a role.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .. import lang as langdata
from ..errors import DataError

# the roles the stages ask about; every language's config.json gives each its labels
ROLES = (
    "subject", "passive_subject", "object", "indirect_object", "attribute", "prep", "prep_object",
    "agent", "oblique", "noun_modifier", "possessive", "case", "clausal_complement",
    "relative_clause", "conj", "appos", "negation", "passive_aux", "root", "coordinator",
    "punctuation", "adverbial_modifier", "adverbial_clause", "adjectival_modifier",
    "noun_dependent", "clausal_modifier", "auxiliary", "auxiliaries", "marker", "prep_noun",
    "relcl", "object_extension", "search_barrier", "name_part", "nominal_modifier",
    "predicative", "modifier", "nominal_chain", "prepositional",
    "noun_complement_head", "clause_boundary", "complement", "negator_slot", "group_modifier",
    "pronoun_slot", "any_subject", "subject_part", "classifier", "determiner",
)


class Syntax:
    def __init__(self, lang: str) -> None:
        config = langdata.require(lang, "config")
        cfg = config["syntax"]
        missing = [r for r in ROLES if r not in cfg]
        if missing:
            raise DataError(f"the key 'syntax' lacks the role(s) {', '.join(missing)}: give each "
                            "the dependency labels of this language's parser (possibly [])",
                            path=str(langdata.LANG_DIR / lang / "config.json"))
        self.cfg = {k: frozenset(v) for k, v in cfg.items() if not k.startswith("_")}
        events = langdata.require(lang, "events")
        self.unaccusative = set(events["unaccusative_verbs"])
        self.prep_lemmas = dict(config["preposition_lemmas"])
        self.agent_prep = config["agent_preposition"]

    def labels(self, role: str) -> frozenset[str]:
        return self.cfg[role]

    def has(self, tok: Token, role: str) -> bool:
        return tok.dep_ in self.cfg[role]

    def children(self, tok: Token, role: str) -> list[Token]:
        labels = self.cfg[role]
        return [c for c in tok.children if c.dep_ in labels]

    def conjuncts(self, tok: Token) -> list[Token]:
        """The token and the tokens coordinated with it (following conj links down)."""
        conj = self.cfg["conj"]
        out, todo = [], [tok]
        while todo:
            t = todo.pop(0)
            out.append(t)
            nominal = tok.pos_ in ("PROPN", "NOUN")
            todo.extend(c for c in t.children if c.dep_ in conj and (
                c.pos_ == tok.pos_ or (nominal and c.pos_ in ("PROPN", "NOUN"))))
        return out

    def is_passive(self, verb: Token) -> bool:
        if any(c.dep_ in self.cfg["passive_aux"] for c in verb.children):
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
        """The preposition that introduces a nominal (UD: its case child; ClearNLP: its prep
        head; the agent of a passive: the language's agent preposition)."""
        cases = [c for c in tok.children if c.dep_ in self.cfg["case"] and c.pos_ == "ADP"]
        if cases:
            words = " ".join(c.lower_ for c in cases)
            last = cases[-1].lower_
            return self.prep_lemmas.get(words, self.prep_lemmas.get(last, last))
        if tok.dep_ in self.cfg["prep_object"] and tok.head.dep_ in self.cfg["prep"] | self.cfg["agent"]:
            return self.agent_prep if tok.head.dep_ in self.cfg["agent"] else tok.head.lower_
        return None

    def preps(self, tok: Token) -> Iterator[tuple[str, Token]]:
        """(preposition, nominal) pairs attached to a verb or noun, with coordination."""
        prep, agent, pobj = self.cfg["prep"], self.cfg["agent"], self.cfg["prep_object"]
        for c in tok.children:
            if c.dep_ in agent and not pobj:
                # Universal Dependencies: the agent is the nominal itself ("par l'Autriche")
                for q in self.conjuncts(c):
                    yield self.agent_prep, q
            elif c.dep_ in prep or c.dep_ in agent:
                word = self.agent_prep if c.dep_ in agent else c.lower_
                for p in c.children:
                    if p.dep_ in pobj:
                        for q in self.conjuncts(p):
                            yield word, q
            elif c.dep_ in self.cfg["oblique"] or c.dep_ in self.cfg["noun_dependent"]:
                word = self.prep_of(c)
                if word:
                    for q in self.conjuncts(c):
                        yield word, q

    def modifiers(self, noun: Token) -> Iterator[tuple[str, Token]]:
        """(kind, token) for a noun's possessive ("poss") and adjectival ("amod") or compound
        ("compound") modifiers: the keys of ``noun_roles`` in events.json."""
        for c in noun.children:
            if c.dep_ in self.cfg["possessive"] or (c.morph.get("Poss") == ["Yes"]):
                yield "poss", c
            elif c.dep_ in self.cfg["noun_modifier"]:
                yield ("amod" if c.dep_ in self.cfg["adjectival_modifier"] else "compound"), c

    def governor_verb(self, tok: Token) -> Token | None:
        """The verb a nominal depends on (through objects, obliques and noun modifiers)."""
        cur = tok
        for _ in range(4):
            if cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX") or (cur.pos_ == "ADJ" and self.has(cur, "root")):
                return cur
        return None
