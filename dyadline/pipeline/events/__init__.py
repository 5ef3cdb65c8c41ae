"""Events stage: triggers from the per-language lexicon, participants from the dependency
parse, dates from the time mentions, one :class:`Event` per actor pair and action.

Who acts and who is acted upon come from syntax (subject, object, oblique, passive agent,
possessor, adjective), never from word order. Coordination gives separate events ("joined
NATO in 1952 and the EEC in 1981" is two, each with its own date).

The stage is :class:`EventExtractor`; its parts, each built once per language from the
language's data: :mod:`.lexicon` (the words), :mod:`.triggers` (which words name an event),
:mod:`.arguments` (who takes part), :mod:`.build` (the event records of a trigger, dated from
its clause), :mod:`.dating` (the dates left to the narrative and the knowledge base).
"""
from __future__ import annotations

import logging

from spacy.tokens import Doc

from ... import lang as langdata
from ...kb import KnowledgeBase
from ...kb.places import default_gazetteer
from ...kinds import get as get_kind
from ...records import ActorMention, Document, Event
from ...timex.values import day_of, first_year
from ..syntax import Syntax
from .arguments import Arg, ArgumentFinder
from .build import EventBuilder, SentenceTriggers, pick_code
from .context import ContextFiller
from .dating import EventDater
from .lexicon import build_lexicon
from .location import EventLocator
from .triggers import FACTIVE_KINDS, IRREALIS_KINDS, TriggerFinder

log = logging.getLogger(__name__)

ANTECEDENT_SENTENCES = 2     # how far back a symmetric act told without parties takes them
# kinds whose two parties make a "relation" a later sentence can refer to
_RELATIONAL = ("ESTABLISH_RELATIONS", "NORMALIZE", "DETERIORATE", "AGREE", "NEGOTIATE", "VISIT",
               "ARMED_CONFLICT", "COOPERATE", "INVADE", "THREATEN", "ATTACK", "MOBILIZE", "SANCTION")


class EventExtractor:
    name = "events"

    def __init__(self, lang: str, kb: KnowledgeBase, nlp) -> None:
        self.lang = lang
        self.kb = kb
        self.lex = build_lexicon(lang, nlp)
        self.syn = Syntax(lang)
        comitative = frozenset(langdata.require(lang, "events")["coactor_preps"])
        relative = frozenset(w.lower() for w in langdata.require(lang, "actors")["relative_pronouns"])
        self.triggers = TriggerFinder(self.lex, self.syn)
        self.arguments = ArgumentFinder(self.lex, self.syn, comitative, relative)
        self.builder = EventBuilder(self.lex, self.syn, kb)
        self._normalize_nouns = {n for n, ks in self.lex.nouns.items() if "NORMALIZE" in ks}
        self.dater = EventDater(lang, kb, self.lex, self.syn)
        self.context = ContextFiller(self.builder)
        places = langdata.require(lang, "places")
        self.locator = EventLocator(self.syn, default_gazetteer(), frozenset(places["where_preps"]),
                                    frozenset(places["locative_preps"]))

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
        carried: str | None = None      # the last paragraph's, for what nothing else dates
        previous: list[tuple] = []
        multiword = self.lex.multiword(doc)   # once per document, not per sentence
        present = self.dater.present_narrative(doc)
        for si, sent in enumerate(doc.sents):
            if self.dater.new_paragraph(document.text, sent.start_char):
                carried = ref or carried
                ref = None      # the narrative time does not carry over a paragraph break
            triggers = self.triggers.find(sent, [m for m in multiword if sent.start <= m[1] < sent.end])
            triggers = SentenceTriggers(triggers, sent, times)
            trig_toks = {i for t in triggers for i in t.toks}
            noun_heads = frozenset(t.tok.i for t in triggers if t.via == "noun")
            # (a frame's noun too: what "the right to respond" is a right to did not happen)
            irrealis = frozenset(i for t in triggers if t.kind in IRREALIS_KINDS for i in t.toks)
            factive = frozenset(t.tok.i for t in triggers if t.kind in FACTIVE_KINDS) - \
                frozenset(t.tok.i for t in triggers if t.kind not in FACTIVE_KINDS)
            # the items of a list of demands ("demanded an end to X; the withdrawal of Y") are
            # what is demanded, not events
            listed = {i for t in triggers if t.kind in IRREALIS_KINDS
                      for a, b in self.builder.list_items(sent, t) for i in range(a, b)}
            built: list[tuple] = []
            for trig in triggers:
                if self.triggers.skip(trig, trig_toks, irrealis, factive) or self._in_a_name(trig, by_tok) \
                        or (trig.via == "noun" and trig.tok.i in listed):
                    continue
                args = self.arguments.find(trig, by_tok, noun_heads)
                for ev, src, tgt in self.builder.build(document, doc, sent, si, trig, triggers, args, times):
                    built.append((ev, src, tgt, trig))
            # a news report (dated to the day) does not carry one sentence's time to the next
            news = day_of(document.date) is not None
            self.dater.date(built, None if news else ref, present, first_year(document.date),
                            None if news else carried)
            self.dater.document_day(built, document.date)
            if not news:
                self.dater.carry(built, carried)
            self._conflict_targets(built, previous)
            self._antecedent_participants(built, events)
            for ev, src, tgt, trig in built:
                self._recode(ev, src, tgt)
            heads = [b[3].tok.i for b in built]
            for ev, src, tgt, trig in built:
                had = bool(ev.target)
                self.locator.locate(ev, trig, sent, document.places,
                                    frozenset(h for h in heads if h != trig.tok.i), first_year(document.date))
                if ev.target and not had:
                    self._relabel(ev)
            for ev, src, tgt, trig in built:
                if self._told_whole(ev, built):
                    continue
                if self.context.fill(ev, trig, sent, document.mentions, first_year(ev.date),
                                     events + [b[0] for b in built if self._complete(b[0])]):
                    self._relabel(ev)
            ref = self.dater.next_reference(ref, built, sent, times, document.text)
            previous = built
            events.extend(ev for ev, _s, _t, trig in built if self._complete(ev) and not self._background(ev, trig))
        if day_of(document.date) is None:
            self.dater.from_next(events, times)
            self.dater.before_writing(events, document.date)
        document.events = _dedupe(events)
        for ev in document.events:     # each record says where it was read (a story's date)
            ev.doc_date, ev.doc_source, ev.doc_url = document.date, document.source, document.url
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
        """'Relations deteriorated', 'the brief détente came to an end', 'a treaty was signed',
        'les pourparlers ont repris': a relation or a symmetric act told without its parties
        is the one of the latest event between two parties the document reported (for a
        détente: the latest normalisation); a symmetric act takes it only from the last
        ``ANTECEDENT_SENTENCES`` sentences."""
        for ev, src, tgt, trig in built:
            if ev.source or ev.target:
                continue
            relation = trig.frame is not None and bool(trig.frame.subjects)
            if not relation and get_kind(ev.kind).directed:
                continue
            noun = trig.frame_tok.lemma_.lower() if trig.frame_tok is not None else ""
            kinds = ("NORMALIZE", "ESTABLISH_RELATIONS") if noun in self._normalize_nouns else _RELATIONAL
            prior = [e for e in earlier + [b[0] for b in built if b[0] is not ev]
                     if e.kind in kinds and len(set(e.source) | set(e.target)) >= 2
                     and e.span[0] < ev.span[0]
                     and (relation or ev.sentence - e.sentence <= ANTECEDENT_SENTENCES)]
            if prior:
                ev.source, ev.target = list(prior[-1].source), list(prior[-1].target)
                self._relabel(ev)

    @staticmethod
    def _in_a_name(trig, by_tok: dict[int, list[ActorMention]]) -> bool:
        """A noun trigger inside the name of an actor ("the Central Treaty Organization", "le
        pacte de Bagdad", "the Defence Ministry") names that actor, not an event."""
        return trig.via == "noun" and any(m.type in ("org", "group") and m.tok_end - m.tok_start > 1
                                          for m in by_tok.get(trig.tok.i, ()))

    def _told_whole(self, ev: Event, built: list[tuple]) -> bool:
        """Whether another event of the sentence, of the same kind, already has every
        participant this one has (two triggers of one act: "played a role of mediation")."""
        mine = set(ev.source) | set(ev.target)
        order = [b[0] for b in built]
        at = next(i for i, other in enumerate(order) if other is ev)
        for i, other in enumerate(order):
            theirs = set(other.source) | set(other.target)
            # the same participants twice (two triggers of one act): the first one is told whole
            if other is not ev and other.kind == ev.kind and self._complete(other) and mine <= theirs \
                    and (mine < theirs or i < at):
                return True
        return False

    @staticmethod
    def _background(ev: Event, trig) -> bool:
        """A noun naming a situation ("the tensions", "the crisis", "Italian unification")
        with no date of its own (in its clause, or a news report's day): the story's
        background, not an event it reports."""
        return trig.via == "noun" and get_kind(ev.kind).situation and ev.date_source not in ("clause", "document")

    def _complete(self, ev: Event) -> bool:
        K = get_kind(ev.kind)
        if K.directed and not K.source_optional and not ev.source:
            return False    # "a demand to Iraq", "the threat to Kuwait": no one's
        needs = K.needs
        if needs == "target":
            return bool(ev.target)
        if needs == "pair":
            return len(set(ev.source) | set(ev.target)) >= 2
        return bool(ev.source or ev.target)


def _dedupe(events: list[Event]) -> list[Event]:
    seen: dict[tuple, Event] = {}
    for e in events:
        key = (e.sentence, e.kind, tuple(e.source), tuple(e.target), e.date)
        if key not in seen or e.confidence > seen[key].confidence:
            seen[key] = e
    # an act told by two triggers of a sentence, one of them with fewer participants ("were
    # called" and "were called on"): the fuller one stands for both
    same: dict[tuple, list[Event]] = {}
    for e in seen.values():
        same.setdefault((e.sentence, e.kind, e.date), []).append(e)
    kept = [e for group in same.values() for e in group if not any(
        o is not e and set(e.source) <= set(o.source) and set(e.target) <= set(o.target)
        and set(e.source) | set(e.target) < set(o.source) | set(o.target) for o in group)]
    return sorted(kept, key=lambda e: (e.span[0], e.kind))
