"""Events stage: triggers from the per-language lexicon, participants from the dependency
parse, dates from the time mentions, one :class:`Event` per actor pair and action.

Who acts and who is acted upon come from syntax (subject, object, oblique, passive agent,
possessor, adjective), never from word order. Coordination gives separate events ("joined
SEATO in 1954 and CENTO in 1955" is two, each with its own date).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..kb import KnowledgeBase
from ..kinds import get as get_kind
from ..model import ActorMention, Document, Event, TimeMention
from .lexicon import Frame, build_lexicon
from .events_build import build_events
from .syntax import Syntax

log = logging.getLogger(__name__)


@dataclass
class Trigger:
    tok: Token                 # the head token
    kind: str
    via: str                   # verb | noun | adj | frame
    toks: tuple[int, ...]      # all tokens of the trigger (multiword, frame object)
    frame: Frame | None = None
    frame_tok: Token | None = None   # the object/subject noun of a frame


@dataclass
class Arg:
    mention: ActorMention
    role: str                  # source | target
    group: int                 # coordination group: args of one group make separate events
    anchor: Token              # the token through which it was found
    extra_toks: list[int] = field(default_factory=list)


class EventExtractor:
    name = "events"

    def __init__(self, lang: str, kb: KnowledgeBase, nlp) -> None:
        self.lang = lang
        self.kb = kb
        self.lex = build_lexicon(lang, nlp)
        self.syn = Syntax(lang)

    # ------------------------------------------------------------------------------
    def __call__(self, document: Document) -> Document:
        doc: Doc = document.spacy_doc
        by_tok: dict[int, list[ActorMention]] = {}
        for m in document.mentions:
            for i in range(m.tok_start, m.tok_end):
                by_tok.setdefault(i, []).append(m)
        times = [t for t in document.times if t.edtf]
        events: list[Event] = []
        for si, sent in enumerate(doc.sents):
            triggers = self._triggers(sent)
            trig_toks = {i for t in triggers for i in t.toks}
            for trig in triggers:
                if self._skip(trig, trig_toks):
                    continue
                events.extend(self._events(document, doc, sent, si, trig, triggers, by_tok, times))
        document.events = _dedupe(events)
        return document

    # -- triggers -------------------------------------------------------------------
    def _triggers(self, sent: Span) -> list[Trigger]:
        lex = self.lex
        out: list[Trigger] = []
        consumed: set[int] = set()
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "ADJ", "AUX") and lemma in lex.frames:
                for fr in lex.frames[lemma]:
                    hit = self._frame_match(tok, fr)
                    if hit is not None:
                        out.append(Trigger(tok, fr.kind, "frame", (tok.i, hit.i), fr, hit))
                        consumed.update((tok.i, hit.i))
                        break
        doc = sent.doc
        for key_id, s, e in lex.multiword(doc[sent.start:sent.end]):
            s, e = s + sent.start, e + sent.start
            span = doc[s:e]
            if any(i in consumed for i in range(s, e)):
                continue
            kind = doc.vocab.strings[key_id].split("|")[0]
            out.append(Trigger(span.root, kind, "noun", tuple(range(s, e))))
            consumed.update(range(s, e))
        for tok in sent:
            if tok.i in consumed:
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB":
                for kind in lex.verbs.get(lemma, ()):
                    out.append(Trigger(tok, kind, "verb", (tok.i,)))
                for kind in lex.weak_verbs.get(lemma, ()):
                    out.append(Trigger(tok, kind, "weak", (tok.i,)))
            elif tok.pos_ in ("NOUN", "PROPN"):
                for kind in lex.nouns.get(lemma, ()) or lex.nouns.get(tok.lower_, ()):
                    out.append(Trigger(tok, kind, "noun", (tok.i,)))
            elif tok.pos_ == "ADJ":
                for kind in lex.adjectives.get(lemma, ()):
                    out.append(Trigger(tok, kind, "adj", (tok.i,)))
        return out

    def _frame_match(self, verb: Token, fr: Frame) -> Token | None:
        syn = self.syn
        if fr.objects:
            for o in syn.objects(verb) + syn.children(verb, "oblique"):
                cands = [o] + [c for c in o.children if c.dep_ in ("nmod", "prep", "pobj")]
                for c in cands:
                    if c.lemma_.lower() in fr.objects or c.lower_ in fr.objects:
                        if fr.object_mods and not self._has_mod(o, fr.object_mods):
                            continue
                        return c
                    for g in c.children:
                        if g.dep_ == "pobj" and g.lemma_.lower() in fr.objects:
                            if fr.object_mods and not self._has_mod(o, fr.object_mods):
                                continue
                            return g
        if fr.prep_objects:
            for _prep, n in syn.preps(verb):
                if n.lemma_.lower() in fr.prep_objects:
                    return n
        if fr.subjects:
            subs, _ = syn.subjects(verb)
            for s in subs:
                if s.lemma_.lower() in fr.subjects or s.lower_ in fr.subjects:
                    return s
        if fr.attributes:
            for c in verb.children:
                if c.lemma_.lower() in fr.attributes and c.pos_ == "ADJ":
                    return c
        return None

    @staticmethod
    def _has_mod(noun: Token, mods: frozenset[str]) -> bool:
        toks = [noun] + list(noun.children) + [g for c in noun.children for g in c.children]
        return any(t.lemma_.lower() in mods or t.lower_ in mods for t in toks)

    def _skip(self, trig: Trigger, trig_toks: set[int]) -> bool:
        tok = trig.tok
        lex = self.lex
        # a noun trigger that is the object of a verb trigger is that event's content
        if trig.via == "noun" and self.syn.has(tok, "object") and tok.head.i in trig_toks:
            return True
        if trig.via == "noun" and tok.dep_ in ("pobj",) and tok.head.head.i in trig_toks \
                and tok.head.lower_ in ("of",):
            return True
        # purpose clauses: "pour discuter", "in order to"
        if trig.via in ("verb", "frame", "weak"):
            for c in tok.children:
                if c.dep_ in ("mark", "case") and c.lower_ in lex.purpose:
                    return True
            if tok.dep_ in ("advcl",) and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) \
                    and any(c.lower_ in ("order",) for c in tok.subtree):
                return True
            # the content of an invitation, offer or threat did not happen
            if self.syn.has(tok, "clausal_complement") and tok.head.i in trig_toks \
                    and tok.head.lemma_.lower() not in lex.object_control:
                return True
        return False

    # -- participants ----------------------------------------------------------------
    def _mentions_at(self, tok: Token, by_tok: dict[int, list[ActorMention]],
                     depth: int = 3) -> tuple[list[ActorMention], Token | None]:
        """Mentions naming the phrase headed by tok (the head itself, else the nearest in its
        subtree, not crossing coordination or clauses)."""
        if tok.i in by_tok:
            return by_tok[tok.i], tok
        frontier = [tok]
        for _ in range(depth):
            nxt = []
            found: list[ActorMention] = []
            anchor = None
            for t in frontier:
                for c in t.children:
                    if c.dep_ in ("conj", "cc", "relcl", "acl:relcl", "punct", "advcl", "ccomp"):
                        continue
                    if c.i in by_tok:
                        found.extend(m for m in by_tok[c.i] if m not in found)
                        anchor = anchor or c
                    nxt.append(c)
            if found:
                return found, anchor
            frontier = nxt
        return [], None

    def _resolve_rel(self, tok: Token) -> Token:
        """A relative pronoun subject stands for the noun its clause modifies."""
        if tok.pos_ == "PRON" and (tok.morph.get("PronType") == ["Rel"] or tok.tag_ in ("WDT", "WP")):
            clause = tok.head
            if self.syn.has(clause, "relative_clause"):
                return clause.head
        return tok

    def _subjects_of(self, verb: Token) -> tuple[list[Token], bool]:
        subs, passive = self.syn.subjects(verb)
        cur = verb
        hops = 0
        while not subs and hops < 3:
            hops += 1
            head = cur.head
            if head is cur:
                break
            if cur.dep_ == "conj":
                subs, passive = self.syn.subjects(head)
            elif self.syn.has(cur, "clausal_complement"):
                if head.lemma_.lower() in self.lex.object_control:
                    objs = self.syn.objects(head) + self.syn.children(head, "indirect_object")
                    objs += [n for p, n in self.syn.preps(head) if p in ("à", "to")]
                    subs, passive = objs, False
                else:
                    subs, passive = self.syn.subjects(head)
            elif cur.dep_ in ("relcl", "acl:relcl", "acl"):
                subs, passive = [head], cur.dep_ == "acl" and cur.tag_ == "VBN"
            else:
                break
            cur = head
        return [self._resolve_rel(s) for s in subs], passive

    def _args(self, trig: Trigger, by_tok) -> list[Arg]:
        syn, spec = self.syn, self.lex.kinds[trig.kind]
        tok = trig.tok
        args: list[Arg] = []

        def add(toks: list[Token], role: str, group: int) -> None:
            for t in toks:
                ms, anchor = self._mentions_at(t, by_tok)
                for m in ms:
                    if m.via == "stance":
                        continue
                    args.append(Arg(m, role, group, anchor or t))

        if trig.via in ("verb", "frame", "weak") or (trig.via == "adj" and tok.pos_ != "NOUN"):
            verb = tok
            if trig.via == "adj" and tok.dep_ in ("acomp", "attr", "xcomp", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
                verb = tok.head
            subs, passive = self._subjects_of(verb)
            if trig.frame is not None and trig.frame_tok is not None and trig.frame_tok in subs:
                # "relations of X with Y improved": participants hang on the subject noun
                subs = [s for s in subs if s is not trig.frame_tok]
                self._noun_args(trig.frame_tok, spec.noun_roles, by_tok, args, add)
            add(subs, "target" if passive else "source", 1)
            objs = syn.objects(verb) + syn.children(verb, "indirect_object")
            if trig.frame_tok is not None:
                objs = [o for o in objs if o is not trig.frame_tok]
                if trig.frame_tok not in subs:
                    self._noun_args(trig.frame_tok, spec.noun_roles, by_tok, args, add, only_targets=True)
            if trig.via != "weak":
                add(objs, "target", 2)
            for prep, n in syn.preps(verb):
                role = spec.roles.get(prep)
                if prep == "by" and passive:
                    role = "source"
                if role and n is not trig.frame_tok:
                    add([n], role, 3 if role == "target" else 1)
        else:
            self._noun_args(tok, spec.noun_roles, by_tok, args, add)
            if not any(a.role == "source" for a in args):
                gov = syn.governor_verb(tok)
                if gov is not None and tok.dep_ not in ("nsubj", "nsubj:pass", "nsubjpass"):
                    subs, passive = self._subjects_of(gov)
                    add(subs, "target" if passive and trig.kind == "KILL" else "source", 1)
                elif gov is not None and tok.dep_ in ("nsubj",):
                    # "The 1960 incident was a flashpoint in X-Y relations": the attribute
                    for c in gov.children:
                        if c.dep_ in ("attr", "xcomp:pred") or (c.pos_ == "NOUN" and c is not tok and c.dep_ == "ROOT"):
                            self._noun_args(c, {**spec.noun_roles, "in": "target", "dans": "target"}, by_tok, args, add)
        return args

    def _noun_args(self, noun: Token, roles: dict[str, str], by_tok, args: list[Arg], add,
                   only_targets: bool = False) -> None:
        for kind, c in self.syn.modifiers(noun):
            role = roles.get(kind)
            if role and not (only_targets and role == "source"):
                add([c], role, 1 if role == "source" else 2)
        for prep, n in self.syn.preps(noun):
            role = roles.get(prep)
            if role and not (only_targets and role == "source"):
                add([n], role, 1 if role == "source" else 3)
        for c in noun.children:
            if self.syn.has(c, "appos") and c.i in by_tok:
                add([c], "source", 1)

    # -- events --------------------------------------------------------------------
    def _events(self, document: Document, doc: Doc, sent: Span, si: int, trig: Trigger,
                triggers: list[Trigger], by_tok, times: list[TimeMention]) -> list[Event]:
        args = self._args(trig, by_tok)
        return build_events(self, document, doc, sent, si, trig, triggers, args, times)


def _dedupe(events: list[Event]) -> list[Event]:
    seen: dict[tuple, Event] = {}
    for e in events:
        key = (e.sentence, e.kind, tuple(e.source), tuple(e.target), e.date)
        if key not in seen or e.confidence > seen[key].confidence:
            seen[key] = e
    return sorted(seen.values(), key=lambda e: (e.span[0], e.kind))
