"""Events stage: triggers from the per-language lexicon, participants from the dependency
parse, dates from the time mentions, one :class:`Event` per actor pair and action.

Who acts and who is acted upon come from syntax (subject, object, oblique, passive agent,
possessor, adjective), never from word order. Coordination gives separate events ("joined
SEATO in 1954 and CENTO in 1955" is two, each with its own date).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import lang as langdata
from ..kb import KnowledgeBase
from ..kinds import get as get_kind
from ..model import ActorMention, Document, Event, TimeMention
from .dating import EventDater
from .events_build import SentenceTriggers, build_events, first_year, pick_code
from .lexicon import Frame, build_lexicon
from .syntax import Syntax

log = logging.getLogger(__name__)

# kinds whose two parties make a "relation" a later sentence can refer to
_RELATIONAL = ("ESTABLISH_RELATIONS", "NORMALIZE", "DETERIORATE", "AGREE", "NEGOTIATE", "VISIT",
               "ARMED_CONFLICT", "COOPERATE", "INVADE", "THREATEN")


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
    direct: bool = True        # the actor heads the phrase (not found inside it)


class EventExtractor:
    name = "events"

    def __init__(self, lang: str, kb: KnowledgeBase, nlp) -> None:
        self.lang = lang
        self.kb = kb
        self.lex = build_lexicon(lang, nlp)
        self.syn = Syntax(lang)
        self.comitative = frozenset(langdata.load(lang, "events").get("coactor_preps", []))
        self._normalize_nouns = {n for n, ks in self.lex.nouns.items() if "NORMALIZE" in ks}
        self.dater = EventDater(lang, kb, self.lex)

    # ------------------------------------------------------------------------------
    def __call__(self, document: Document) -> Document:
        doc: Doc = document.spacy_doc
        by_tok: dict[int, list[ActorMention]] = {}
        for m in document.mentions:
            for i in range(m.tok_start, m.tok_end):
                by_tok.setdefault(i, []).append(m)
        times = [t for t in document.times if t.edtf]
        events: list[Event] = []
        ref: str | None = None          # the narrative's reference date
        previous: list[tuple] = []
        multiword = self.lex.multiword(doc)   # once per document, not per sentence
        present = self.dater.present_narrative(doc)
        for si, sent in enumerate(doc.sents):
            if self.dater.new_paragraph(document.text, sent.start_char):
                ref = None      # the narrative time does not carry over a paragraph break
            triggers = self._triggers(sent, [m for m in multiword if sent.start <= m[1] < sent.end])
            triggers = SentenceTriggers(triggers, sent, times)
            trig_toks = {i for t in triggers for i in t.toks}
            noun_heads = frozenset(t.tok.i for t in triggers if t.via == "noun")
            built: list[tuple] = []
            for trig in triggers:
                if self._skip(trig, trig_toks):
                    continue
                args = self._args(trig, by_tok, noun_heads)
                for ev, src, tgt in build_events(self, document, doc, sent, si, trig, triggers,
                                                 args, times):
                    built.append((ev, src, tgt, trig))
            self.dater.date(built, ref, present)
            self._conflict_targets(built, previous)
            self._antecedent_participants(built, events)
            for ev, src, tgt, _trig in built:
                self._recode(ev, src, tgt)
            ref = self.dater.next_reference(ref, built, sent, times, document.text)
            previous = built
            events.extend(ev for ev, *_ in built if self._complete(ev))
        document.events = _dedupe(events)
        return document

    def _recode(self, ev: Event, src: list[Arg], tgt: list[Arg]) -> None:
        """Words whose code depends on the date ("Moscow": the Soviet Union until 1991, then
        Russia) are resolved again once the event's date is final."""
        year = first_year(ev.date)
        if year is None or not any(len(a.mention.candidates) > 1 for a in src + tgt):
            return
        for args, attr in ((src, "source"), (tgt, "target")):
            if not args:
                continue
            codes = []
            for a in args:
                c = pick_code(self.kb, a.mention, year)
                if c is not None and c not in codes:
                    codes.append(c)
            if len(codes) == len(getattr(ev, attr)):
                setattr(ev, attr, codes)
        self._relabel(ev)

    def _relabel(self, ev: Event) -> None:
        ev.label = get_kind(ev.kind).label.format(
            source=" and ".join(self.kb.name(c) for c in ev.source) or "—",
            target=" and ".join(self.kb.name(c) for c in ev.target) or "—")

    def _conflict_targets(self, built: list[tuple], previous: list[tuple]) -> None:
        """Neutrality or mediation with no one named: the sides of the war just mentioned."""
        wars = [ev for ev, *_ in built + previous if ev.kind == "ARMED_CONFLICT"]
        for ev, src, tgt, trig in built:
            if ev.kind in ("NEUTRAL", "MEDIATE") and not ev.target and wars:
                war = wars[0]
                ev.target = [c for c in war.source + war.target if c not in ev.source]
                self._relabel(ev)

    def _antecedent_participants(self, built: list[tuple], earlier: list[Event]) -> None:
        """'Relations deteriorated', 'the brief détente came to an end': a relation named
        without its parties is the one of the latest event between two parties the document
        reported (for a détente: the latest normalisation)."""
        for ev, src, tgt, trig in built:
            if ev.source or ev.target or trig.frame is None or not trig.frame.subjects:
                continue
            noun = trig.frame_tok.lemma_.lower() if trig.frame_tok is not None else ""
            kinds = ("NORMALIZE", "ESTABLISH_RELATIONS") if noun in self._normalize_nouns else _RELATIONAL
            prior = [e for e in earlier + [b[0] for b in built if b[0] is not ev]
                     if e.kind in kinds and len(set(e.source) | set(e.target)) >= 2
                     and e.span[0] < ev.span[0]]
            if prior:
                ev.source, ev.target = list(prior[-1].source), list(prior[-1].target)
                self._relabel(ev)

    def _complete(self, ev: Event) -> bool:
        needs = get_kind(ev.kind).needs
        if needs == "target":
            return bool(ev.target)
        if needs == "pair":
            return len(set(ev.source) | set(ev.target)) >= 2
        return bool(ev.source or ev.target)

    # -- triggers -------------------------------------------------------------------
    def _triggers(self, sent: Span, multiword: list | None = None) -> list[Trigger]:
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
        if multiword is None:
            multiword = [(k, s + sent.start, e + sent.start) for k, s, e in lex.multiword(doc[sent.start:sent.end])]
        for key_id, s, e in multiword:
            span = doc[s:e]
            if any(i in consumed for i in range(s, e)):
                continue
            kind = doc.vocab.strings[key_id].split("|")[0]
            if kind != "NONE":
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
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if trig.via == "noun" and self.syn.has(first, "object") and first.head.i in trig_toks:
            return True
        # allegations are not events
        cur = tok
        for _ in range(4):
            if cur.lemma_.lower() in lex.hedges or any(
                    c.lemma_.lower() in lex.hedges and c.dep_ in ("advmod",) for c in cur.children):
                return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
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
                     depth: int = 3, barrier: frozenset[int] = frozenset()) -> tuple[list[ActorMention], Token | None]:
        """Mentions naming the phrase headed by tok: the head itself, else the nearest in its
        subtree, not crossing coordination, clauses or another event's phrase. Modifiers of
        the head ("le premier ministre indien") come before its prepositional phrases ("à
        Moscou"), which are searched only when the head has no actor of its own."""
        if tok.i in by_tok:
            return by_tok[tok.i], tok
        for through_pp in (False, True):
            found, anchor = self._search(tok, by_tok, depth, barrier, through_pp)
            if found:
                return found, anchor
        return [], None

    def _search(self, tok: Token, by_tok, depth: int, barrier: frozenset[int], through_pp: bool):
        frontier = [tok]
        if tok.pos_ == "PRON":  # "ce qui était alors le Pakistan oriental"
            frontier += [c for c in tok.children if c.dep_ in ("relcl", "acl:relcl")]
        for _ in range(depth):
            nxt = []
            found: list[ActorMention] = []
            anchor = None
            for t in frontier:
                for c in t.children:
                    if c.dep_ in ("conj", "cc", "relcl", "acl:relcl", "acl", "punct", "advcl", "ccomp") \
                            and not (t.pos_ == "PRON" and c.dep_ in ("relcl", "acl:relcl")):
                        continue
                    if c.i in barrier:
                        continue   # actors inside another event's phrase are that event's
                    if not through_pp and (c.dep_ in self.syn.cfg.get("prep", ()) or
                                           (c.dep_ not in ("appos", "flat:name") and self.syn.prep_of(c))):
                        continue
                    if c.i in by_tok:
                        found.extend(m for m in by_tok[c.i] if m not in found)
                        anchor = anchor or c
                        if c.dep_ in ("amod", "compound", "nmod", "poss"):
                            # "Indian and Chinese troops": coordinated modifiers
                            for cc in c.conjuncts:
                                found.extend(m for m in by_tok.get(cc.i, []) if m not in found)
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

    def _misattached_subject(self, verb: Token) -> Token | None:
        """'V1 O1 and S2, ..., V2 O2': parsers often attach S2 as a conjunct of O1 and leave
        V2 without a subject. An actor conjunct of the head verb's object standing before V2
        is V2's subject."""
        if verb.dep_ != "conj":
            return None
        for obj in self.syn.objects(verb.head):
            for c in obj.children:
                if c.dep_ == "conj" and c.i < verb.i and c.pos_ == "PROPN":
                    return c
        return None

    def _subjects_of(self, verb: Token) -> tuple[list[Token], bool]:
        subs, passive = self.syn.subjects(verb)
        if not subs:
            stray = self._misattached_subject(verb)
            if stray is not None:
                return [stray], False
        cur = verb
        hops = 0
        while not subs and hops < 3:
            hops += 1
            head = cur.head
            if head.i == cur.i:
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

    def _args(self, trig: Trigger, by_tok, barrier: frozenset[int] = frozenset()) -> list[Arg]:
        syn, spec = self.syn, self.lex.kinds[trig.kind]
        tok = trig.tok
        args: list[Arg] = []
        barrier = barrier - set(trig.toks)

        def add(toks: list[Token], role: str, group: int) -> None:
            for t in toks:
                ms, anchor = self._mentions_at(t, by_tok, barrier=barrier)
                for m in ms:
                    if m.via == "stance":
                        continue
                    if m.via == "pronoun" and role == "target" and anchor is not None and anchor != t:
                        continue   # "retirer leurs troupes": the possessor is the actor itself
                    direct = anchor == t or (anchor is not None and anchor.dep_ == "appos" and anchor.head == t)
                    args.append(Arg(m, role, group, anchor or t, direct=direct))

        if trig.via in ("verb", "frame", "weak") or (trig.via == "adj" and tok.pos_ != "NOUN"):
            verb = tok
            if trig.via == "adj" and tok.dep_ in ("acomp", "attr", "xcomp", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
                verb = tok.head
            subs, passive = self._subjects_of(verb)
            if not subs:
                subs = self._bare_preverbal(verb, by_tok)
            if trig.frame is not None and trig.frame_tok is not None and trig.frame_tok in subs:
                # "relations of X with Y improved": participants hang on the subject noun
                subs = [s for s in subs if s != trig.frame_tok]
                self._noun_args(trig.frame_tok, spec.noun_roles, by_tok, args, add)
            add(subs, "target" if passive else "source", 1)
            for sub in subs:  # "Pakistan, with Turkey and Iran, joined": co-actors
                if sub.i in by_tok:
                    for prep, n in syn.preps(sub):
                        if prep in self.comitative:
                            add([n], "target" if passive else "source", 1)
            objs = syn.objects(verb) + syn.children(verb, "indirect_object")
            strays = set()
            for c in verb.children:
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                    stray = self._misattached_subject(c)
                    if stray is not None:
                        strays.add(stray.i)
            objs = [o for o in objs if o.i not in strays]
            objs += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                     and c.i in by_tok]
            if trig.frame_tok is not None:
                objs = [o for o in objs if o != trig.frame_tok]
                if trig.frame_tok not in subs:
                    self._noun_args(trig.frame_tok, spec.noun_roles, by_tok, args, add, only_targets=True)
            if trig.via != "weak":
                add(objs, "target", 2)
            # "aided the nationalists and India against Pakistan": the phrase hangs on an object
            for o in objs:
                for x in [o] + list(o.conjuncts):
                    for prep, n in syn.preps(x):
                        if spec.roles.get(prep) == "against":
                            add([n], "against", 4)
            for prep, n in syn.preps(verb):
                role = spec.roles.get(prep)
                if prep in ("by", "par"):
                    role = "source" if passive else None
                if role and n != trig.frame_tok:
                    add([n], role, 3 if role == "target" else 1)
            if not any(a.role == "target" for a in args):
                # "refused to recognise X's claims": the target is in the complement
                for x in verb.children:
                    if syn.has(x, "clausal_complement"):
                        add(syn.objects(x), "target", 2)
        else:
            self._noun_args(tok, spec.noun_roles, by_tok, args, add)
            if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i in by_tok \
                    and tok.head.i > tok.i:
                add([tok.head], "source", 1)   # "Khan's successor Yahya Khan"
            gov = syn.governor_verb(tok)
            if gov is not None and self._light_use(tok, gov):
                subs, passive = self._subjects_of(gov)
                if not subs:
                    subs = self._bare_preverbal(gov, by_tok)
                has_source = any(a.role == "source" and a.mention.via != "pronoun" for a in args)
                if subs and not has_source:
                    args[:] = [a for a in args if not (a.role == "source" and a.mention.via == "pronoun")]
                    add(subs, "target" if passive and trig.kind == "KILL" else "source", 1)
                # targets hang on the verb or on the noun between ("a joué un rôle de
                # médiation dans le conflit": 'dans le conflit' modifies 'rôle')
                holders, cur = [gov], tok.head
                while cur.i != gov.i and cur.head.i != cur.i:
                    holders.append(cur)
                    cur = cur.head
                for holder in holders:
                    for prep, n in syn.preps(holder):
                        role = spec.noun_roles.get(prep)
                        if role == "target" and n.i != tok.i and not any(a.anchor == n for a in args):
                            add([n], role, 3)
            elif gov is not None and syn.has(tok, "subject"):
                # "The 1960 incident was a flashpoint in X-Y relations": the attribute
                for c in gov.children:
                    if c.dep_ in ("attr", "xcomp:pred") or (c.pos_ == "NOUN" and c != tok and c.dep_ == "ROOT"):
                        self._noun_args(c, {**spec.noun_roles, "in": "target", "dans": "target"}, by_tok, args, add)
        return args

    def _light_use(self, noun: Token, gov: Token) -> bool:
        """Whether a noun trigger takes its actor from the verb it depends on: it is that
        verb's object ("expressed concern") or a noun modifier of the object ("played a role of
        mediation"), or a direct argument of a light verb ("procédé à des essais")."""
        if noun.head.i == gov.i and gov.lemma_.lower() in self.lex.light_verbs:
            return True
        if noun.head.dep_ in self.syn.cfg.get("prep", ()) and noun.head.head.i == gov.i \
                and gov.lemma_.lower() in self.lex.light_verbs:
            return True
        cur = noun
        while cur.head.i != cur.i and cur.head.i != gov.i:
            if cur.dep_ not in ("nmod", "pobj", "prep", "conj"):
                return False
            cur = cur.head
        return cur.head.i == gov.i and self.syn.has(cur, "object")

    def _bare_preverbal(self, verb: Token, by_tok) -> list[Token]:
        """When the parser finds no subject: an actor noun before the verb with no
        preposition of its own (parsers mislabel 'le Pakistan - avec ... - a rejoint')."""
        for c in verb.children:
            if c.i < verb.i and c.i in by_tok and c.pos_ in ("PROPN", "NOUN") \
                    and not any(g.dep_ in ("case", "mark") for g in c.children) \
                    and c.dep_ not in ("prep", "pobj", "agent") and self.syn.prep_of(c) is None:
                return self.syn.conjuncts(c)
        return []

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
                if role == "source":
                    # "la visite du premier ministre indien à Moscou": the destination is often
                    # attached to the visitor rather than to the visit
                    for p2, n2 in self.syn.preps(n):
                        if roles.get(p2) == "target" and p2 not in ("de", "of"):
                            add([n2], "target", 3)
        for c in noun.children:
            if self.syn.has(c, "appos") and c.i in by_tok:
                add([c], "source", 1)
            elif c.dep_ in ("acl", "prep") and roles.get(c.lower_) == "target":
                # "inquiétude concernant les achats", "concern about X"
                add(self.syn.objects(c) + [g for g in c.children if g.dep_ == "pobj"], "target", 3)

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
