"""Participants from context, for an event whose clause does not name them all.

The parse gives the participants it can see (:mod:`.arguments`); real text often leaves one
of them to the reader: "Denmark refused" (refused whom? the party of the demand just told),
"the Austrian army was crushed by the Prussian at Sadowa" (the parse attaches the actors to
nouns the trigger does not govern), a headline with no verb. What is missing is taken, in
this order, from:

1. the sentence: the nearest actor before the trigger for a missing source, the nearest
   after it (else before it) for a missing target, never an actor already taking part;
   a noun the parse gave no participant at all stays without (measured on the dev split:
   filling those from the sentence costs more precision than it gains recall); a verb the
   parse gave none (the parse failed around it) takes both when there is an actor on
   each side of it;
2. the events just told (``DISCOURSE_SENTENCES`` sentences back): the counterpart of the
   latest event that the known participant took part in ("X demanded ... Y refused": Y's
   refusal targets X); for a missing target only, else the last actor the sentence before
   named (an unnamed actor, "the president", is not guessed from the sentence before).

An event completed this way has a lower confidence; one still incomplete is dropped.
"""
from __future__ import annotations

from spacy.tokens import Span

from ...kinds import get as get_kind
from ...records import ActorMention, Event
from .arguments import Arg
from .triggers import Trigger

DISCOURSE_SENTENCES = 1      # how far back a missing participant is looked for
CONTEXT_PENALTY = 0.15       # confidence lost by a participant taken from context
MAX_DISTANCE = 25            # tokens between the trigger and an actor of its sentence
TOPIC_SENTENCES = 3          # how far back an agentless passive looks for the body that speaks


class ContextFiller:
    """Completes events from their sentence and the events before. Built once per language."""

    def __init__(self, builder) -> None:
        self.builder = builder      # the :class:`~.build.EventBuilder` (codes, labels)

    @staticmethod
    def needs(ev: Event) -> tuple[bool, bool, bool]:
        """(needs a source, needs a target, may take it from the events before). A kind that
        needs its target (or a pair) must have it; an act that may lack a target ("France
        mobilised") takes one only from its own sentence."""
        K = get_kind(ev.kind)
        if not K.directed:
            few = len(set(ev.source) | set(ev.target)) < 2
            return (few and not ev.source and not K.source_optional,
                    few and bool(ev.source) and K.needs == "pair", K.needs == "pair")
        return (not ev.source and not K.source_optional, not ev.target, K.needs == "target")

    def fill(self, ev: Event, trig: Trigger, sent: Span, mentions: list[ActorMention],
             year: int | None, earlier: list[Event]) -> bool:
        """Fill what ``ev`` lacks; True when something was added."""
        need_source, need_target, discourse = self.needs(ev)
        bare = not (ev.source or ev.target)
        if bare and trig.via in ("verb", "frame") and trig.tok.pos_ in ("VERB", "AUX", "ADV"):
            # a verb the parse gave no participant at all: the parse failed around it (a
            # tense the parser knows badly, a headline); the actors of its sentence stand in
            need_source, need_target = True, True
        elif not (need_source or need_target) or bare:
            return False    # a noun the parse gave no participant at all is not an event
        added = False
        taken = set(ev.source) | set(ev.target)
        # in a passive, the words that name its subject name no other ("both parties were
        # called on": the pair is the target, not also the source)
        used = {(m.tok_start, m.tok_end) for m in mentions if m.code in taken}
        passive = self._passive(trig)
        cands = [m for m in mentions if sent.start <= m.tok_start < sent.end and m.via != "stance"
                 and abs(m.tok_start - trig.tok.i) <= MAX_DISTANCE
                 and not (m.tok_start <= trig.tok.i < m.tok_end)
                 and not (passive and (m.tok_start, m.tok_end) in used)]
        before = sorted((m for m in cands if m.tok_end <= trig.tok.i), key=lambda m: -m.tok_start)
        after = sorted((m for m in cands if m.tok_start > trig.tok.i), key=lambda m: m.tok_start)
        if bare and not (before and after):
            return False    # an actor on each side, or the roles are a guess
        if need_source:
            code = self._first(before, year, taken)
            if code is not None:
                ev.source = [code]
                taken.add(code)
                added = True
        if need_target or (need_source and not ev.source):
            code = self._first(after, year, taken) or self._first(before, year, taken)
            if code is not None:
                if need_target or ev.source:
                    ev.target = [code]
                else:
                    ev.source = [code]
                taken.add(code)
                added = True
        need_source, need_target, _ = self.needs(ev)
        if need_source and ev.target and passive:
            added |= self._topic_source(ev, sent, mentions, year)
            need_source, need_target, _ = self.needs(ev)
        if discourse and (need_source or need_target) and (ev.source or ev.target):
            added |= self._from_discourse(ev, earlier, need_source, need_target) or (
                need_target and self._from_previous_sentence(ev, sent, mentions, year, need_source, need_target))
        if added:
            ev.confidence = round(max(ev.confidence - CONTEXT_PENALTY, 0.3), 2)
        return added

    def _passive(self, trig: Trigger) -> bool:
        return trig.via in ("verb", "frame") and self.builder.syn.subjects(trig.tok)[1]

    def _topic_source(self, ev: Event, sent: Span, mentions: list[ActorMention], year: int | None) -> bool:
        """'Both parties were called on to commit to a ceasefire': a passive with no agent,
        after sentences whose subject is the body that speaks, is that body's act: the latest
        actor a sentence before this one (up to ``TOPIC_SENTENCES``) had as its subject."""
        doc, syn = sent.doc, self.builder.syn
        start = sent.start
        for _ in range(TOPIC_SENTENCES):
            if start == 0:
                return False
            prev = doc[start - 1].sent
            subjects = [m for m in mentions if prev.start <= m.tok_start < prev.end
                        and syn.has(doc[m.tok_end - 1], "any_subject")]
            code = self._first(sorted(subjects, key=lambda m: -m.tok_start), year,
                               set(ev.source) | set(ev.target))
            if code is not None:
                ev.source = [code]
                return True
            start = prev.start
        return False

    def _first(self, mentions: list[ActorMention], year: int | None, taken: set[str]) -> str | None:
        for m in mentions:
            codes = self.builder.codes([Arg(m, "source", 1, None)], year)
            if codes and codes[0] not in taken:
                return codes[0]
        return None

    def _from_previous_sentence(self, ev: Event, sent: Span, mentions: list[ActorMention],
                                year: int | None, need_source: bool, need_target: bool) -> bool:
        """The last actor the sentence before named, other than the event's own."""
        if sent.start == 0:
            return False
        prev = sent.doc[sent.start - 1].sent
        named = sorted((m for m in mentions if prev.start <= m.tok_start < prev.end and m.via != "stance"),
                       key=lambda m: -m.tok_start)
        code = self._first(named, year, set(ev.source) | set(ev.target))
        if code is None:
            return False
        if need_target:
            ev.target = [code]
        else:
            ev.source = [code]
        return True

    @staticmethod
    def _from_discourse(ev: Event, earlier: list[Event], need_source: bool, need_target: bool) -> bool:
        known = set(ev.source) | set(ev.target)
        for prior in reversed(earlier):
            if ev.sentence - prior.sentence > DISCOURSE_SENTENCES or prior is ev:
                continue
            if prior.span[0] >= ev.span[0]:
                continue
            parties = list(prior.source) + list(prior.target)
            if not known & set(parties):
                continue
            other = [c for c in parties if c not in known]
            if not other:
                continue
            if need_target:
                ev.target = other[:1]
            elif need_source:
                ev.source = other[:1]
            return True
        return False
