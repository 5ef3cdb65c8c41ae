"""Reading: files, folders and standard input become :class:`Document` objects.

Each document gets a stable id (its file name, or a content hash for text without a file),
its language (identified automatically), and its Markdown pipe tables. Unreadable input
raises :class:`ReadError` or :class:`LanguageError` naming the file; :func:`read_paths`
turns those into :class:`Skipped` records so a batch goes on.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .errors import LanguageError, ReadError
from .model import Document, Skipped, Table, TableCell

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("en", "fr")
SUFFIXES = (".txt", ".md")
_TABLE_LINE = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")


# Languages the identifier chooses among: the major written languages. Leaving out py3langid's
# smaller classes (Nigerian Pidgin, Luxembourgish, ...) keeps short English or French sentences
# from being taken for a close relative, while a German or Urdu text is still recognised.
CANDIDATE_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "sl", "ar", "fa", "ur",
    "hi", "bn", "zh", "ja", "ko", "tr", "el", "he", "sv", "da", "no", "fi", "hu", "ro", "bg", "sr",
    "hr", "id", "ms", "vi", "th", "sw", "ca", "lt", "lv", "et", "ta", "te", "ml", "mr", "ne", "ps", "am")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CANDIDATE_LANGUAGES))
    return ident


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, over the text without tables)."""
    prose = _TABLE_LINE.sub(" ", text)
    lang, _score = _identifier().classify(prose[:20000])
    return lang


def parse_tables(text: str) -> list[Table]:
    """Markdown pipe tables: consecutive lines that start and end with '|'."""
    tables: list[Table] = []
    rows: list[tuple[TableCell, ...]] = []
    start = end = -1
    for m in _TABLE_LINE.finditer(text):
        if rows and m.start() != end + 1:
            tables.append(Table(start, end, tuple(rows)))
            rows = []
        if not rows:
            start = m.start()
        end = m.end()
        row = _cells(text, m.start(), m.end())
        if row and not all(_SEPARATOR_CELL.match(c.text) for c in row):
            rows.append(row)
    if rows:
        tables.append(Table(start, end, tuple(rows)))
    return tables


def _cells(text: str, start: int, end: int) -> tuple[TableCell, ...]:
    line = text[start:end]
    first = line.index("|")
    last = line.rindex("|")
    cells = []
    pos = first + 1
    for part in line[first + 1:last].split("|"):
        lead = len(part) - len(part.lstrip())
        content = part.strip()
        s = start + pos + lead
        cells.append(TableCell(content, s, s + len(content)))
        pos += len(part) + 1
    return tuple(cells)


def read_text(text: str, *, doc_id: str | None = None, path: str | None = None,
              lang: str | None = None) -> Document:
    """A :class:`Document` from a string; the id defaults to a hash of the content."""
    name = path or doc_id or "<text>"
    if "\x00" in text:
        raise ReadError("contains NUL bytes: this is a binary file, not text", path=name)
    if not text.strip():
        raise ReadError("is empty: there is no text to read", path=name)
    if lang is None:
        lang = identify_language(text)
    if lang not in SUPPORTED_LANGUAGES:
        raise LanguageError(
            f"is in language '{lang}'; dyadline reads {', '.join(SUPPORTED_LANGUAGES)} "
            "(pass --lang to override the identification if it is wrong)", path=name)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(id=doc_id or sha[:16], text=text, lang=lang, path=path, sha256=sha,
                    tables=parse_tables(text))


def read_bytes(data: bytes, *, doc_id: str | None = None, path: str | None = None,
               lang: str | None = None) -> Document:
    name = path or doc_id or "<stdin>"
    if b"\x00" in data[:8192]:
        raise ReadError("contains NUL bytes: this is a binary file, not text", path=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ReadError(f"is not valid UTF-8 (byte {e.start}): convert it to UTF-8 first",
                        path=name) from e
    return read_text(text, doc_id=doc_id, path=path, lang=lang)


def read_file(path: str | os.PathLike, *, lang: str | None = None) -> Document:
    """Read one file; its id is the file name."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(f"cannot be read ({e.strerror or e})", path=str(p)) from e
    return read_bytes(data, doc_id=p.name, path=str(p), lang=lang)


def expand_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files as given, and the .txt/.md files under folders (sorted, recursive)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for f in sorted(files):
                    if f.lower().endswith(SUFFIXES):
                        yield Path(root) / f
        else:
            yield p


def read_paths(paths: Iterable[str | os.PathLike], *, lang: str | None = None,
               stdin=None) -> Iterator[Document | Skipped]:
    """Documents from files and folders ('-' is standard input, read from ``stdin``, a binary
    stream); unreadable ones come out as :class:`Skipped`."""
    for raw in paths:
        if str(raw) == "-":
            if stdin is None:
                yield Skipped("<stdin>", "'-' given but no standard input stream")
                continue
            try:
                yield read_bytes(stdin.read(), lang=lang)
            except (ReadError, LanguageError) as e:
                log.warning("%s", e)
                yield Skipped("<stdin>", str(e))
            continue
        for p in expand_paths([raw]):
            try:
                yield read_file(p, lang=lang)
            except (ReadError, LanguageError) as e:
                log.warning("%s", e)
                yield Skipped(str(p), str(e))


def sample_paths() -> list[Path]:
    """The sample corpus bundled with the package."""
    folder = Path(__file__).parent / "data" / "samples"
    return sorted(folder.glob("*.txt"))
