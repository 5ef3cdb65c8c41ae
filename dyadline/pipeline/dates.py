"""Dates stage: time expressions of the document, normalised to EDTF and anchored in the
narrative (relative expressions resolved against the latest date the text gave before them)
and, in news, on the document's date (deictic expressions: "yesterday", "on Friday").

The grammar is per language (``lang/<lang>/dates.json``), compiled by
:class:`dyadline.timex.tagger.TimeTagger`; named events and periods ("the Korean War", "la crise
de Suez") come from the knowledge base.
"""
from __future__ import annotations

from ..kb import KnowledgeBase
from ..records import Document, TimeMention
from ..timex.tagger import TimeTagger
from .metadata import DatelineReader
from .parse import prose_text


class DateAnnotator:
    name = "dates"

    def __init__(self, lang: str, kb: KnowledgeBase) -> None:
        self.tagger = TimeTagger(lang, named=kb.named_index(lang))
        self.dateline = DatelineReader(lang, self.tagger)

    def __call__(self, document: Document) -> Document:
        doc = document.spacy_doc
        text = prose_text(document)
        found = self.tagger.tag_narrative(text, document.sentences, doc_date=document.date)
        line = self.dateline.span(text) if document.date else None
        out = []
        for t in found:
            if line is not None and line[0] <= t.start < line[1]:
                continue     # the dateline's date is the document's, not a time of the story
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            out.append(TimeMention(start=t.start, end=t.end, text=t.text, edtf=t.edtf,
                                   type=t.type, relative=t.relative, rule=t.rule,
                                   anchor=t.anchor, tok_start=span.start, tok_end=span.end))
        document.times = out
        return document
