"""Where an event happened: the place mention its words attach to.

A place is an event's location when the parse attaches it to the trigger (or, for a noun
trigger, to the verb that governs it: "held talks in Moscow"), within a few steps and with no
other event's trigger on the way, through a preposition of place ("in", "à", "along", "dans
la région du") or as the object or subject of the act ("visited Hanoi", "Haiphong was
bombed"). A capital used for its government is an actor, not a location. When a kind is
aimed at places (``place_target`` in kinds.json: attacks, threats, invasions, coercion) and
its event has no target, the state that held the place at the event's date is the target
("an air strike on Aden" in 1994: Yemen).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...kb.places import Gazetteer
from ...kinds import get as get_kind
from ...records import Event, PlaceMention
from ...timex.values import first_year
from ..syntax import Syntax

MAX_STEPS = 5


class EventLocator:
    def __init__(self, syn: Syntax, gazetteer: Gazetteer, where_preps: frozenset[str],
                 locative_preps: frozenset[str]) -> None:
        self.syn = syn
        self.gaz = gazetteer
        self.where = where_preps
        self.locative = locative_preps

    def locate(self, ev: Event, trig, sent: Span, places: list[PlaceMention],
               other_triggers: frozenset[int], doc_year: int | None = None) -> PlaceMention | None:
        """Set the event's location (and, for an act aimed at places with no target, its
        target) from the sentence's place mentions; returns the place chosen."""
        doc = sent.doc
        heads = {trig.tok.i}
        if trig.via == "noun" or trig.frame_tok is not None:
            gov = self.syn.governor_verb(trig.tok)
            if gov is not None and gov.i not in other_triggers:
                heads.add(gov.i)      # "held talks in Moscow", not "after X's removal, Khan visited Moscow"
        best, best_rank, best_via_gov = None, None, False
        for p in places:
            if p.stands_for_state or not (sent.start <= p.tok_start < sent.end):
                continue
            if p.preposition is not None and p.preposition not in self.locative:
                continue            # "from Moscow", "of Kashmir"
            root = doc[p.tok_start:p.tok_end].root
            steps = self._steps(root, heads, other_triggers)
            if steps is None:
                continue
            rank = (0 if p.preposition in self.where else 1, steps)
            if best_rank is None or rank < best_rank:
                best, best_rank = p, rank
                best_via_gov = self._steps(root, {trig.tok.i}, other_triggers) is None
        if best is None:
            return None
        ev.set_location(best)
        # the place gives the target only when it hangs on the act's own words and the act has
        # a perpetrator ("Israel bombed bridges in southern Lebanon"), not on a verb that
        # governs it ("civilians were killed by air strikes" in a city of another state)
        if not ev.target and ev.source and not best_via_gov and get_kind(ev.kind).place_target \
                and best.feature != "line":
            state = self.gaz.held_by(self.gaz.place(best.place_id), first_year(ev.date) or doc_year)
            if state and state not in ev.source:
                ev.target = [state]
        return best

    def _steps(self, tok: Token, heads: set[int], other_triggers: frozenset[int]) -> int | None:
        """How many steps up the parse from ``tok`` to one of ``heads`` (None: not there, or
        another event's trigger is on the way)."""
        cur = tok
        for n in range(1, MAX_STEPS + 1):
            if cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.i in heads:
                return n
            if cur.i in other_triggers:
                return None
        return None
