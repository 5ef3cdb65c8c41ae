"""Facts stage: table and infobox rows and fact sentences become :class:`Fact` records.

- Infobox tables ("| Chile | Peru |" header, then rows): embassy cells
  ("Embassy of X, City") give ``X embassy_in <state of City>``; envoy cells
  ("Ambassador: A (first) B (last)") give ``<column state> first_ambassador A`` and
  ``A ambassador_to <other column state>`` (the column is the sending state, as in the
  usual bilateral-relations infobox).
- Sentences: alliance joins give ``member_of``; "X's successor Y" and "A was succeeded by B"
  give ``successor_of``; "relations remained strained", "les relations franco-algériennes sont
  cordiales" give ``relations_hostile`` / ``relations_cooperative`` / ``relations_mixed``
  between the two states of the relation (named in the phrase, else the last two-party event
  told before), dated by the sentence's time expressions, else by the narrative.
"""
from __future__ import annotations

import re
from itertools import combinations

from .. import lang as langdata
from ..kb import KnowledgeBase
from ..records import Document, Fact, TableCell, TextTable
from ..timex.values import bounds
from .syntax import Syntax


class FactExtractor:
    name = "facts"

    def __init__(self, lang: str, kb: KnowledgeBase) -> None:
        self.lang = lang
        self.kb = kb
        self.syn = Syntax(lang)
        raw = langdata.require(lang, "facts")
        actors = langdata.require(lang, "actors")
        articles = sorted(actors["articles"] + actors["elided_articles"], key=lambda w: (-len(w), w))
        self.article = re.compile(r"^(%s)\s*" % "|".join(re.escape(a) for a in articles), re.I)
        self.negation = frozenset(raw["negation_words"])
        self.adjective_inflection = raw["adjective_inflection"]
        self.embassy = [re.compile(p) for p in raw["embassy"]]
        self.envoy_label = re.compile(
            r"^\s*(?:%s)\s*:?\s*" % "|".join(re.escape(w) for w in raw["envoy_labels"]), re.I)
        self.envoy_item = re.compile(raw["envoy_item"])
        self.first = {w.lower() for w in raw["first"]}
        self.last = {w.lower() for w in raw["last"]}
        self.successor_nouns = set(raw["successor_nouns"])
        self.succeed_verbs = set(raw["succeed_verbs"])
        self.member_kinds = set(raw["member_kinds"])
        self.relation_nouns = set(raw["relation_nouns"])
        self.copulas = set(raw["copulas"])
        self.relation_states = raw["relation_states"]
        self.names: dict[str, str] = {}
        self.capitals: dict[str, list[str]] = {}
        for f in kb.surface_forms(lang):
            if f.type in ("state", "org") and f.via in ("name", "acronym"):
                self.names.setdefault(f.text.lower(), f.code)
            if f.via == "capital":
                self.capitals.setdefault(f.text.lower(), []).append(f.code)

    def __call__(self, document: Document) -> Document:
        facts: list[Fact] = []
        for table in document.tables:
            facts.extend(self._table(document, table))
        facts.extend(self._from_events(document))
        facts.extend(self._successors(document))
        facts.extend(self._relation_states(document))
        document.facts = list({(f.subject, f.predicate, f.object, f.span): f for f in facts}.values())
        return document

    # -- tables ------------------------------------------------------------------------
    def lookup(self, text: str) -> str | None:
        t = self.article.sub("", text.strip()).strip(" .")
        return self.names.get(t.lower())

    def _table(self, document: Document, table: TextTable) -> list[Fact]:
        if not table.rows:
            return []
        header = [self.lookup(c.text) for c in table.rows[0]]
        states = [h for h in header if h]
        out: list[Fact] = []
        for row in table.rows[1:]:
            for col, cell in enumerate(row):
                if not cell.text:
                    continue
                column_state = header[col] if col < len(header) else None
                other = next((s for s in states if s != column_state), None)
                out.extend(self._embassy(document, cell, states))
                out.extend(self._envoys(document, cell, column_state, other))
        return out

    def _embassy(self, document: Document, cell: TableCell, states: list[str]) -> list[Fact]:
        out = []
        for rx in self.embassy:
            for m in rx.finditer(cell.text):
                sender = self.lookup(m.group("sender"))
                city = m.group("city").strip(" .").lower()
                hosts = self.capitals.get(city, [])
                host = next((h for h in hosts if h in states), hosts[0] if hosts else None)
                if sender and host and sender != host:
                    s, e = cell.start + m.start(), cell.start + m.end()
                    out.append(Fact(doc=document.id, evidence=document.text[s:e], span=(s, e),
                                    subject=sender, predicate="embassy_in", object=host,
                                    lang=document.lang))
        return out

    def _envoys(self, document: Document, cell: TableCell, sender: str | None,
                receiver: str | None) -> list[Fact]:
        label = self.envoy_label.match(cell.text)
        if not label or sender is None:
            return []
        out = []
        for m in self.envoy_item.finditer(cell.text, label.end()):
            name, qual = m.group("name").strip(), (m.group("qual") or "").strip().lower()
            s, e = cell.start + m.start(), cell.start + m.end()
            ev = document.text[s:e]
            if receiver:
                out.append(Fact(doc=document.id, evidence=ev, span=(s, e), subject=name,
                                predicate="ambassador_to", object=receiver, lang=document.lang))
            words = set(re.split(r"[\s,;]+", qual)) | {qual}
            if words & self.last:
                out.append(Fact(doc=document.id, evidence=ev, span=(s, e), subject=sender,
                                predicate="last_ambassador", object=name, lang=document.lang))
            elif words & self.first:
                out.append(Fact(doc=document.id, evidence=ev, span=(s, e), subject=sender,
                                predicate="first_ambassador", object=name, lang=document.lang))
        return out

    # -- sentences -----------------------------------------------------------------------
    def _from_events(self, document: Document) -> list[Fact]:
        out = []
        for ev in document.events:
            if ev.kind in self.member_kinds and not ev.negated:
                for s in ev.source:
                    for t in ev.target:
                        out.append(Fact(doc=document.id, evidence=ev.evidence, span=ev.span,
                                        subject=s, predicate="member_of", object=t,
                                        date=ev.date, lang=document.lang))
            if ev.kind == "STATE_CHANGE" and any(w in ev.trigger.lower() for w in self.succeed_verbs):
                for s in ev.source:
                    for t in ev.target:
                        # "A was succeeded by B" and "B succeeded A" both have B as source
                        out.append(Fact(doc=document.id, evidence=ev.evidence, span=ev.span,
                                        subject=s, predicate="successor_of", object=t,
                                        date=ev.date, lang=document.lang))
        return out

    def _successors(self, document: Document) -> list[Fact]:
        """'Nasser's successor Anwar Sadat': the appositive person succeeds the possessor."""
        doc = document.spacy_doc
        people = {i: m for m in document.mentions if m.type == "person"
                  for i in range(m.tok_start, m.tok_end)}
        out = []
        for tok in doc:
            if tok.lemma_.lower() not in self.successor_nouns:
                continue
            before = [people[c.i] for c in tok.children if c.i in people and c.i < tok.i]
            after = [people[c.i] for c in tok.subtree if c.i in people and c.i > tok.i]
            if not after and tok.head.i in people and tok.head.i > tok.i:
                after = [people[tok.head.i]]      # "Nasser's successor Anwar Sadat"
            if not before:
                before = [people[c.i] for c in tok.subtree if c.i in people and c.i < tok.i]
            if before and after:
                a, b = before[0], after[0]
                s = min(a.start, tok.idx)
                e = max(b.end, tok.idx + len(tok.text))
                date = next((ev.date for ev in document.events if ev.kind == "LEADER_CHANGE"
                             and ev.span[0] <= tok.idx < ev.span[1]), None)
                out.append(Fact(doc=document.id, evidence=document.text[s:e], span=(s, e),
                                subject=b.person or b.text, predicate="successor_of",
                                object=a.person or a.text, date=date, lang=document.lang))
        return out


    def _state_of(self, adj) -> str | None:
        """The state of a relation an adjective gives, under its lemma or its form without
        the language's plural and feminine endings (``adjective_inflection``)."""
        low = adj.lower_
        keys = [adj.lemma_.lower(), low] + [low[:-len(e)] for e in self.adjective_inflection["plural"] if low.endswith(e)]
        for key in keys:
            cands = [key] + [key[:-len(e)] for e in self.adjective_inflection["feminine"] if key.endswith(e)]
            for cand in cands:
                if cand in self.relation_states:
                    return self.relation_states[cand]
        return None

    def _relation_states(self, document: Document) -> list[Fact]:
        doc = document.spacy_doc
        states_at: dict[int, list] = {}
        for m in sorted(document.mentions, key=lambda m: m.start):
            if m.type == "state":
                for i in range(m.tok_start, m.tok_end):
                    states_at.setdefault(i, []).append(m)
        out = []
        for tok in doc:
            if tok.lemma_.lower() not in self.relation_nouns or not self.syn.has(tok, "any_subject"):
                continue
            head = tok.head
            if head.pos_ == "ADJ":
                adjs = [head]
            elif head.lemma_.lower() in self.copulas:
                adjs = [c for c in head.children if c.pos_ == "ADJ" and self.syn.has(c, "predicative")]
            else:
                continue
            adjs += [c for a in adjs for c in a.conjuncts if c.pos_ == "ADJ"]
            if any(self.syn.has(c, "negation") or c.lower_ in self.negation for c in list(head.children) + adjs):
                continue
            found = {self._state_of(a) for a in adjs} - {None}
            if not found:
                continue
            state = found.pop() if len(found) == 1 else "mixed"
            pair = self._relation_pair(document, tok, states_at)
            if pair is None:
                continue
            sent = tok.sent
            lo = min([tok.left_edge.idx] + [a.idx for a in adjs])
            hi = max(a.idx + len(a.text) for a in adjs)
            out.append(Fact(doc=document.id, evidence=document.text[lo:hi], span=(lo, hi),
                            subject=pair[0], predicate=f"relations_{state}", object=pair[1],
                            date=self._sentence_time(document, sent), lang=document.lang))
        return out

    def _relation_pair(self, document: Document, noun, states_at) -> tuple[str, str] | None:
        codes: list[str] = []
        for t in noun.subtree:
            for m in states_at.get(t.i, ()):
                if m.code not in codes:
                    codes.append(m.code)
        if len(codes) >= 2:
            return codes[0], codes[1]
        before = [e for e in document.events if e.span[0] < noun.idx and not e.negated
                  and len({c for c in e.source + e.target if self.kb.is_state(c) and "-" not in c}) >= 2]
        # the relation the text has been telling: the pair of states of most events so far
        # (the latest of equals), holding the one state the phrase names, if any
        count: dict[tuple[str, str], list[int]] = {}
        for k, e in enumerate(before):
            states = sorted({c for c in e.source + e.target if self.kb.is_state(c) and "-" not in c})
            for pair in combinations(states, 2):
                if not codes or codes[0] in pair:
                    entry = count.setdefault(pair, [0, 0])
                    entry[0] += 1
                    entry[1] = k
        if not count:
            return None
        best = max(count, key=lambda p: tuple(count[p]))
        return best if not codes or best[0] == codes[0] else (best[1], best[0])

    @staticmethod
    def _sentence_time(document: Document, sent) -> str | None:
        """The span of the sentence's dates (its events' and its time expressions'), else the
        date of the last event told before."""
        values = [t.edtf for t in document.times if t.edtf and sent.start_char <= t.start < sent.end_char]
        values += [e.date for e in document.events if e.date and sent.start_char <= e.span[0] < sent.end_char]
        bs = [bounds(v) for v in values]
        bs = [b for b in bs if b]
        if bs:
            lo = min((b[0] for b in bs if b[0]), default=None)
            his = [b[1] for b in bs]
            hi = None if any(h is None for h in his) else max(his)
            if lo is None:
                return None
            if hi is None:
                return f"{lo.year}/.."
            return str(lo.year) if lo.year == hi.year else f"{lo.year}/{hi.year}"
        earlier = [e.date for e in document.events if e.date and e.span[0] < sent.start_char]
        return earlier[-1] if earlier else None


__all__ = ["FactExtractor"]
