"""Dating the events of a sentence once their own clause has been read.

The events stage gives each event the date of its own clause, or a date of its sentence no
other event claims (:mod:`.build`). What is left is done here, in this order:

1. a change of leader is dated by the leader's term in the knowledge base (its end for a
   removal, its start for a succession); a state's founding or end, a state joining or
   leaving an organisation, by the dates of the knowledge base;
2. "after X" / "après X": an undated event just after the date of the event X of the same
   sentence, when X is dated by the knowledge base (``Y/Y+1``, the guidelines' reading);
3. an act of a leader: a date wider than the leader's term is narrowed to the part inside the
   term ("during the Cold War, Nixon visited China"); an undated act takes the narrative time
   when that falls inside the term, else the term itself;
4. events told in one sentence share its time frame;
5. the narrative time: the latest date the text gave before in the paragraph, at lower
   confidence (lower still when told in the present of a past story; "on or before" it,
   ``../D``, when told in the past perfect); else the time the paragraph before ended in;
   else, for an opening told before the text gives any date, the first date it gives after;
6. in a news report (a document dated to the day), an event still without a date takes the
   day of publication when told in the present (or, where the language says so, the present
   perfect), ``D/..`` when told in the future, else ``../D`` (on or before the day it was
   reported), with ``date_source`` "document" (docs/time.md).

The narrative time moves with the events' dates; dates in parentheses give the span of a
named thing ("the occupation (1979–1989)") and do not move it.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ...kb import KnowledgeBase
from ...records import Event, TimeMention
from ...timex.tagger import parenthetical
from ...timex.values import bounds, day_of, first_year
from ..syntax import Syntax
from .lexicon import Lexicon

_OWN = ("clause", "knowledge", "relative")
LEADER_GAP_YEARS = 50   # a bare surname whose term lies this far from the story is a namesake (a century off: "Suarez" in 1880)


class EventDater:
    def __init__(self, lang: str, kb: KnowledgeBase, lex: Lexicon, syn: Syntax) -> None:
        self.lang = lang
        self.kb = kb
        self.lex = lex
        self.syn = syn

    # -- one sentence ------------------------------------------------------------------
    def date(self, built: list[tuple], ref: str | None, present_narrative: bool = False,
             written: int | None = None, carried: str | None = None) -> None:
        """Complete the dates of one sentence's events (``built``: event, sources, targets,
        trigger) given the narrative time ``ref``; ``present_narrative``: the document tells
        its story in the present (a historical present), so a present is not a standing fact."""
        self._leader_changes(built, ref)
        self._known_facts(built, ref)
        self._after_known(built)
        self._leader_acts(built, ref, written, carried)
        mates = [ev for ev, *_ in built if ev.date and ev.date_source in _OWN]
        for ev, _src, _tgt, trig in built:
            if ev.date is None and mates:
                ev.date, ev.date_source = mates[0].date, "sentence"
            elif ev.date is None and ref is not None and self.narrative_tense(trig.tok, present_narrative):
                ev.date, ev.date_source = ref, "narrative"
                ev.confidence = round(max(ev.confidence - 0.15, 0.3), 2)
            elif ev.date is None and ref is not None:
                # told before the story's time ("had threatened"): on or before it; told in the
                # present in a past narrative: most often the story's time still
                ev.date = f"../{ref}" if self.before_reference(trig.tok) and "/" not in ref else ref
                ev.date_source = "narrative"
                ev.confidence = round(max(ev.confidence - 0.25, 0.3), 2)

    def carry(self, built: list[tuple], carried: str | None) -> None:
        """Events still undated at the start of a paragraph take the time the paragraph before
        ended in, at low confidence (a new paragraph most often goes on with the story)."""
        if carried is None:
            return
        for ev, *_ in built:
            if ev.date is None:
                ev.date, ev.date_source = carried, "narrative"
                ev.confidence = round(max(ev.confidence - 0.25, 0.3), 2)

    @staticmethod
    def from_next(events: list[Event], times: list[TimeMention]) -> None:
        """Events told before the text gives any date take the first date it gives after
        them, at the lowest confidence (an opening that sets the scene, then dates it)."""
        for ev in events:
            if ev.date is not None:
                continue
            nxt = next((t for t in times if t.start >= ev.span[1] and not t.relative), None)
            if nxt is not None:
                ev.date, ev.date_source = nxt.edtf, "narrative"
                ev.confidence = round(max(ev.confidence - 0.3, 0.3), 2)

    @staticmethod
    def before_writing(events: list[Event], doc_date: str | None) -> None:
        """Events that nothing in the text dates, in a document whose date is known (a
        book's year, an undated excerpt's edition): on or before that date, at the lowest
        confidence (``date_source`` "document")."""
        if not doc_date:
            return
        for ev in events:
            if ev.date is None:
                ev.date, ev.date_source = f"../{doc_date}", "document"
                ev.confidence = round(max(ev.confidence - 0.3, 0.3), 2)

    def document_day(self, built: list[tuple], doc_date: str | None) -> None:
        """Events of a news report with no date of their own: dated from the report's day."""
        doc_date = day_of(doc_date)
        if doc_date is None:
            return
        for ev, _src, _tgt, trig in built:
            if ev.date is not None:
                continue
            tense = self.tense(trig.tok)
            if tense == "present" or (tense == "perfect" and self.lex.perfect_is_today):
                ev.date = doc_date
            elif tense == "future":
                ev.date = f"{doc_date}/.."
            else:
                ev.date = f"../{doc_date}"
            ev.date_source = "document"
            ev.confidence = round(max(ev.confidence - 0.1, 0.3), 2)

    def tense(self, tok: Token) -> str:
        """present | perfect | future | past of the verb that tells an event (its governing
        verb for a noun); "past" when nothing says otherwise."""
        verb = tok
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return "past"
        aux = self.syn.children(verb, "auxiliaries")
        if any(a.lemma_.lower() in self.lex.future_aux for a in aux) or "Fut" in verb.morph.get("Tense"):
            return "future"
        finite = [a for a in aux if a.morph.get("VerbForm") == ["Fin"]] or \
            ([verb] if verb.morph.get("VerbForm") == ["Fin"] else [])
        if not finite:
            return "past"
        if finite[0].morph.get("Tense") != ["Pres"]:
            return "past"
        if any(a.lemma_.lower() in self.lex.perfect_aux for a in aux) and verb.morph.get("VerbForm") == ["Part"]:
            return "perfect"
        return "present"

    @staticmethod
    def new_paragraph(text: str, start: int) -> bool:
        """Whether a sentence starting at ``start`` opens a paragraph (a line break before it)."""
        k = start - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        return k >= 0 and text[k] == "\n"

    def present_narrative(self, doc) -> bool:
        """Whether a document tells its story in the present: more finite main verbs in the
        present than in the past."""
        pres = past = 0
        for t in doc:
            if self.syn.has(t, "root") and t.pos_ in ("VERB", "AUX") and t.morph.get("VerbForm") == ["Fin"]:
                tense = t.morph.get("Tense")
                pres += tense == ["Pres"]
                past += bool(set(tense) & {"Past", "Imp"})
        return pres > past

    def before_reference(self, tok: Token) -> bool:
        """Whether the event is told in the past perfect ("had opposed", "avait soutenu")."""
        verb = _telling_verb(tok)
        if verb.pos_ not in ("VERB", "AUX") or verb.morph.get("VerbForm") != ["Part"]:
            return False
        return any(a.lemma_.lower() in self.lex.perfect_aux and a.morph.get("VerbForm") == ["Fin"]
                   and set(a.morph.get("Tense")) & {"Past", "Imp"}
                   for a in self.syn.children(verb, "auxiliaries"))

    def narrative_tense(self, tok: Token, present_narrative: bool = False) -> bool:
        """Whether the event is told in the narrative's past: not a past perfect ("had
        opposed": before the narrative's time) and, unless the document narrates in the
        present, not a present ("affirms": no time at all)."""
        verb = _telling_verb(tok)
        if verb.pos_ not in ("VERB", "AUX"):
            return True          # a noun phrase with no verb of its own: nothing says otherwise
        aux = self.syn.children(verb, "auxiliaries")
        if self.before_reference(tok):
            return False         # "had opposed", "avait soutenu": before the reference time
        if not present_narrative and not aux and verb.morph.get("VerbForm") == ["Fin"] \
                and verb.morph.get("Tense") == ["Pres"]:
            return False         # a plain present: a standing fact, not this time
        return True

    def next_reference(self, ref: str | None, built: list[tuple], sent: Span,
                       times: list[TimeMention], text: str) -> str | None:
        """The narrative time after this sentence: its last event date of its own, else its
        last time expression, else unchanged. Parenthesised dates do not move it. ``text``:
        the document's text (``Doc.text`` rebuilds it at every call)."""
        own = [ev for ev, *_ in built if ev.date and ev.date_source in ("clause", "sentence") + _OWN
               and not (ev.date_source in ("clause", "sentence") and self._parenthetical_date(ev, times, text))]
        if own:
            # the last told, dates read in the text before dates from knowledge
            return max(own, key=lambda ev: (ev.date_source in ("clause", "sentence"), ev.span[1], ev.span[0])).date
        in_sent = [t for t in times if sent.start <= t.tok_start < sent.end
                   and not parenthetical(text, t.start, t.end)]
        return in_sent[-1].edtf if in_sent else ref

    @staticmethod
    def _parenthetical_date(ev: Event, times: list[TimeMention], text: str) -> bool:
        if not ev.date_text:
            return False
        for t in times:
            if t.edtf == ev.date and t.text == ev.date_text and ev.span[0] <= t.start < ev.span[1] + 80:
                return parenthetical(text, t.start, t.end)
        return False

    # -- knowledge -------------------------------------------------------------------------
    def terms(self, arg):
        m = arg.mention
        if m.type != "person" or not m.person:
            return []
        if len(m.text.split()) == 1 and len(set(m.candidates)) > 1:
            return []   # a bare surname of leaders of several states ("Suarez"): whose term?
        return self.kb.leader_terms(m.person, self.lang)

    def _leader_changes(self, built: list[tuple], ref: str | None) -> None:
        ref_year = first_year(ref)
        for ev, src, tgt, trig in built:
            if ev.kind != "LEADER_CHANGE" or ev.date_source == "clause":
                continue
            leaving = trig.tok.lemma_.lower() in self.lex.leave_office
            people = [a for a in src + tgt if self.terms(a)]
            if not leaving:
                after = [a for a in people if a.mention.tok_start > trig.tok.i]
                people = after or people
            for a in people:
                terms = self.terms(a)
                best = min(terms, key=lambda t: abs((first_year(t.end if leaving else t.start) or 0) - (ref_year or 0)))
                value = best.end if leaving else best.start
                if value:
                    ev.date, ev.date_text, ev.date_source = str(value), None, "knowledge"
                    break

    def _known_facts(self, built: list[tuple], ref: str | None) -> None:
        """A state's founding or end, a state joining or leaving an organisation, told with no
        date of their own: the dates of the knowledge base."""
        ref_year = first_year(ref)
        for ev, _src, _tgt, trig in built:
            # undated, or dated only by a date of the sentence while it stands in an "after X"
            # phrase (that date is the main clause's, later than X)
            if ev.negated or not (ev.date is None or (ev.date_source == "sentence" and self.after(trig.tok))):
                continue
            value = None
            if ev.kind == "STATE_CHANGE" and not ev.target:
                states = [c for c in ev.source if self.kb.is_state(c)]
                if len(states) == 1:
                    founded, dissolved = self.kb.state_dates(states[0])
                    value = dissolved if trig.tok.lemma_.lower() in self.lex.state_end else founded
            elif ev.kind in ("JOIN_ALLIANCE", "LEAVE_ALLIANCE") and len(ev.source) == 1 and len(ev.target) == 1:
                periods = self.kb.memberships(ev.target[0], ev.source[0])
                ends = [p[0] if ev.kind == "JOIN_ALLIANCE" else p[1] for p in periods]
                ends = [e for e in ends if e]
                if ends:
                    value = min(ends, key=lambda e: abs(first_year(e) - (ref_year or first_year(e))))
            if value:
                ev.date, ev.date_text, ev.date_source = value, None, "knowledge"

    def _after_known(self, built: list[tuple]) -> None:
        for ev, _src, _tgt, _trig in built:
            if ev.date_source in ("clause", "knowledge"):
                continue
            for other, _s, _t, otrig in built:
                if other is ev or other.date_source != "knowledge":
                    continue
                if self.after(otrig.tok):
                    y = first_year(other.date)
                    ev.date, ev.date_text, ev.date_source = f"{y}/{y + 1}", None, "relative"
                    break

    def _leader_acts(self, built: list[tuple], ref: str | None, written: int | None = None,
                     carried: str | None = None) -> None:
        """An act of a leader with no date of its own: the leader's term (``written``: the
        year the document was written; a term that begins after it is a namesake's; the time
        ``carried`` over a paragraph break chooses among several terms)."""
        for ev, src, _tgt, _trig in built:
            if ev.date_source in ("knowledge", "relative"):
                continue
            for a in src:
                terms = [t for t in self.terms(a)
                         if written is None or (first_year(t.start) or written) <= written]
                if not terms:
                    continue
                if ev.date_source in ("clause", "sentence"):
                    clipped = _clip(ev.date, terms)
                    if clipped:
                        ev.date, ev.date_source = clipped, "knowledge"
                    if ev.date_source == "clause" or clipped or \
                            any(t.covers(first_year(ev.date)) for t in terms):
                        break
                    # a date of the sentence outside the leader's years is not the act's
                if ref is not None and any(_inside(ref, t) for t in terms):
                    break   # the narrative time falls in the term: step 5 gives it
                year = first_year(ref or carried)
                covering = [t for t in terms if t.covers(year)]
                t = covering[0] if covering else min(
                    terms, key=lambda t: abs((first_year(t.start) or 0) - (year or 0)))
                if not covering and year is not None and len(a.mention.text.split()) == 1 \
                        and _years_from(t, year) > LEADER_GAP_YEARS:
                    break   # a bare surname's namesake far from the story's time ("Suarez" in 1880)
                ev.date, ev.date_text, ev.date_source = f"{t.start}/{t.end or '..'}", None, "knowledge"
                break

    def after(self, tok: Token) -> bool:
        """Whether the trigger stands inside an 'after X' phrase ('after Nasser's
        removal', 'après l'invasion'): a preposition of its own or of a phrase it heads."""
        cur = tok
        for _ in range(3):
            if any(self.syn.has(c, "marker") and c.lower_ in self.lex.after_words for c in cur.children):
                return True
            if self.syn.has(cur, "prep_object") and cur.head.lower_ in self.lex.after_words:
                return True
            if cur.head.i == cur.i or cur.pos_ in ("VERB", "AUX"):
                return False
            cur = cur.head
        return False


def _years_from(term, year: int) -> int:
    """How many years a leader's term lies from a year (0 when it covers it)."""
    start, end = first_year(term.start), first_year(term.end) if term.end else None
    if start is not None and year < start:
        return start - year
    if end is not None and year > end:
        return year - end
    return 0


def _term_value(t) -> str:
    return f"{t.start}/{t.end or '..'}"


def _inside(value: str, term) -> bool:
    """Whether an EDTF value lies within a term of office."""
    b, tb = bounds(value), bounds(_term_value(term))
    if not b or not tb or b[0] is None or b[1] is None:
        return False
    return (tb[0] is None or tb[0] <= b[0]) and (tb[1] is None or b[1] <= tb[1])


def _clip(value: str | None, terms) -> str | None:
    """A date wider than the leader's term narrowed to the term: the overlap of the date
    with the one term it overlaps (None when it does not need or allow narrowing)."""
    b = bounds(value)
    if not b or b[0] is None or b[1] is None or (b[1] - b[0]).days < 366:
        return None
    hits = []
    for t in terms:
        tb = bounds(_term_value(t))
        if not tb or tb[0] is None:
            continue
        if (tb[1] is None or b[0] <= tb[1]) and tb[0] <= b[1]:
            hits.append(t)
    if len(hits) != 1:
        return None
    t = hits[0]
    tb = bounds(_term_value(t))
    if tb[0] <= b[0] and (tb[1] is not None and b[1] <= tb[1]):
        return None   # already inside the term
    lo = value.split("/")[0] if tb[0] <= b[0] else str(t.start)
    hi = value.split("/")[-1] if (tb[1] is None or b[1] <= tb[1]) else str(t.end)
    if "/" not in value:   # a decade, a century: keep the side given by the term only
        lo = str(t.start) if tb[0] > b[0] else str(b[0].year)
        hi = str(t.end) if tb[1] is not None and b[1] > tb[1] else str(b[1].year)
    out = f"{lo}/{hi}" if lo != hi else lo
    return out if bounds(out) else None


def _telling_verb(tok: Token) -> Token:
    """The verb that tells an event: the trigger itself, else the verb a noun trigger hangs
    on (up to three steps up); a token with no verb above it comes back as it is."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb
