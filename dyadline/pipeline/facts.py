"""Facts stage: table and infobox rows and fact sentences become :class:`Fact` records.

- Infobox tables ("| Pakistan | Soviet Union |" header, then rows): embassy cells
  ("Embassy of X, City") give ``X embassy_in <state of City>``; envoy cells
  ("Ambassador: A (first) B (last)") give ``<column state> first_ambassador A`` and
  ``A ambassador_to <other column state>`` (the column is the sending state, as in the
  usual bilateral-relations infobox).
- Sentences: alliance joins give ``member_of``; "X's successor Y" and "A was succeeded by B"
  give ``successor_of``.
"""
from __future__ import annotations

import re

from .. import lang as langdata
from ..kb import KnowledgeBase
from ..model import Document, Fact, Table, TableCell
from .events_build import first_year


class FactExtractor:
    name = "facts"

    def __init__(self, lang: str, kb: KnowledgeBase) -> None:
        self.lang = lang
        self.kb = kb
        raw = langdata.load(lang, "facts")
        self.embassy = [re.compile(p) for p in raw["embassy"]]
        self.envoy_label = re.compile(
            r"^\s*(?:%s)\s*:?\s*" % "|".join(re.escape(w) for w in raw["envoy_labels"]), re.I)
        self.envoy_item = re.compile(raw["envoy_item"])
        self.first = {w.lower() for w in raw["first"]}
        self.last = {w.lower() for w in raw["last"]}
        self.successor_nouns = set(raw["successor_nouns"])
        self.succeed_verbs = set(raw["succeed_verbs"])
        self.member_kinds = set(raw["member_kinds"])
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
        document.facts = list({(f.subject, f.predicate, f.object, f.span): f for f in facts}.values())
        return document

    # -- tables ------------------------------------------------------------------------
    def lookup(self, text: str) -> str | None:
        t = re.sub(r"^(the|la|le|les|l')\s*", "", text.strip(), flags=re.I).strip(" .")
        return self.names.get(t.lower())

    def _table(self, document: Document, table: Table) -> list[Fact]:
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
            if ev.kind == "STATE_CHANGE" and any(
                    w in ev.trigger.lower() for w in self.succeed_verbs | {"succeed"}):
                for s in ev.source:
                    for t in ev.target:
                        # "A was succeeded by B" and "B succeeded A" both have B as source
                        out.append(Fact(doc=document.id, evidence=ev.evidence, span=ev.span,
                                        subject=s, predicate="successor_of", object=t,
                                        date=ev.date, lang=document.lang))
        return out

    def _successors(self, document: Document) -> list[Fact]:
        """'Khan's successor Yahya Khan': the appositive person succeeds the possessor."""
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
                after = [people[tok.head.i]]      # "Khan's successor Yahya Khan"
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


__all__ = ["FactExtractor", "first_year"]
