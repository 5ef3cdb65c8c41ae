"""The per-language spaCy pipelines: loaded once per :class:`Parsers` object, streamed with
``nlp.pipe``.

Table lines are blanked (same length, so offsets stay those of the document) and every line
break starts a sentence, so a title line or a table never runs into the prose.
"""
from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language

from .. import lang as langdata
from ..errors import ModelError
from ..records import Document

log = logging.getLogger(__name__)

_NEWLINE_COMPONENT = "dyadline_sentence_bounds"
_FINAL = {".", "!", "?", "…"}
_CLOSERS = {'"', "»", "”", "'", ")"}


@Language.component(_NEWLINE_COMPONENT)
def _sentence_bounds(doc):
    """Sentence starts set before the parser, which respects them: a line break, or
    sentence-final punctuation (possibly closed by a quote) before a capital or digit. The
    parser alone splits at dashes and merges lines (a title, a table row) into prose."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            continue
        if tok.is_space:
            tok.is_sent_start = False
            continue
        end = prev
        if prev.text in _CLOSERS and prev.i > 0:
            end = doc[prev.i - 1]
        starts = tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text[:1] in "«\"“("
        tok.is_sent_start = bool(end.text in _FINAL and prev.whitespace_ and starts)
    return doc


def prose_text(document: Document) -> str:
    """The text the parser sees: tables replaced by spaces, same length."""
    if not document.tables:
        return document.text
    chars = list(document.text)
    for t in document.tables:
        for i in range(t.start, t.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


class Parsers:
    """Holds one spaCy pipeline per language, loaded on first use."""

    def __init__(self, models: dict[str, str] | None = None):
        self._override = dict(models or {})
        self._loaded: dict[str, Language] = {}

    def model_name(self, lang: str) -> str:
        return self._override.get(lang) or langdata.require(lang, "config")["model"]

    def _missing(self, lang: str) -> ModelError:
        name = self.model_name(lang)
        package = langdata.require(lang, "config")["model_package"]
        return ModelError(f"the spaCy pipeline '{name}' for language '{lang}' is not installed; "
                          f"install it with: pip install {package}")

    def check(self, langs: Iterable[str] | None = None) -> None:
        """Raise :class:`ModelError` (naming the package and the command that installs it)
        unless the pipeline of each language is installed; default: every language dyadline
        reads. The packages are imported, not loaded: this is what a run checks before it
        reads anything."""
        for lang in langs if langs is not None else langdata.available_languages():
            if lang in self._loaded:
                continue
            try:
                importlib.import_module(self.model_name(lang))
            except ImportError as e:
                raise self._missing(lang) from e

    def get(self, lang: str) -> Language:
        if lang not in self._loaded:
            name = self.model_name(lang)
            try:
                module = importlib.import_module(name)
                nlp = module.load()
            except ImportError as e:
                raise self._missing(lang) from e
            disable = langdata.require(lang, "config")["disable"]
            for comp in disable:
                if comp in nlp.pipe_names:
                    nlp.disable_pipe(comp)
            first = "parser" if "parser" in nlp.pipe_names else None
            if first:
                nlp.add_pipe(_NEWLINE_COMPONENT, before=first)
            log.info("loaded spaCy pipeline %s for %s", name, lang)
            self._loaded[lang] = nlp
        return self._loaded[lang]

    def pipe(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Document]:
        """Parse documents, in input order, grouping consecutive ones of the same language."""
        group: list[Document] = []
        for d in documents:
            if len(d.text) > PIECE:
                yield from self._pipe_group(group, batch_size) if group else ()
                group = []
                yield self.pipe_long(d)
                continue
            if group and d.lang != group[0].lang:
                yield from self._pipe_group(group, batch_size)
                group = []
            group.append(d)
            if len(group) >= batch_size * 4:
                yield from self._pipe_group(group, batch_size)
                group = []
        if group:
            yield from self._pipe_group(group, batch_size)

    def _pipe_group(self, group: list[Document], batch_size: int) -> Iterator[Document]:
        nlp = self.get(group[0].lang)
        texts = ((prose_text(d), d) for d in group)
        for sdoc, d in nlp.pipe(texts, as_tuples=True, batch_size=batch_size):
            d.spacy_doc = sdoc
            yield d

    def pipe_long(self, document: Document) -> Document:
        """Parse a document longer than PIECE characters in pieces cut at line breaks (else
        sentence ends, else spaces) and join them: the parser's memory stays that of a piece
        and spaCy's length limit does not apply."""
        from spacy.tokens import Doc
        nlp = self.get(document.lang)
        pieces = split_pieces(prose_text(document), PIECE)
        docs = list(nlp.pipe(pieces, batch_size=4))
        document.spacy_doc = Doc.from_docs(docs, ensure_whitespace=False)
        return document


WORD = re.compile(r"\w+")
PIECE = 100_000          # characters parsed at once; longer documents are parsed in pieces


def split_pieces(text: str, size: int) -> list[str]:
    """Consecutive pieces of ``text`` (joined, they give it back) of at most ``size``
    characters, cut after a line break, else after a sentence end, else after a space."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = window.rfind("\n") + 1
        if cut < size // 2:
            m = None
            for m in re.finditer(r"[.!?…][»”\"')]?\s", window):
                pass
            cut = m.end() if m and m.end() >= size // 2 else window.rfind(" ") + 1
        if cut < size // 2:
            cut = size
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def count_words(text: str) -> int:
    return len(WORD.findall(text))
