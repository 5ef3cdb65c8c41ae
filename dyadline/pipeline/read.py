"""Reading: files, folders and standard input become :class:`Document` objects.

Each document gets a stable id (its file name, or a content hash for text without a file),
its language (identified automatically), and its Markdown pipe tables. Bytes that are not UTF-8
are decoded with the encoding ``charset-normalizer`` finds when it is confident, else refused;
HTML pages (``.html``, or any file that is one) and Markdown files become plain text
(:mod:`dyadline.markup`); control and zero-width characters are removed and the text is put in
Unicode NFC. JSON Lines (``.jsonl``, ``.ndjson``) and Parquet files hold one document per
record (``text``, and optionally ``id``, ``lang``, ``date``, ``title``, ``url``, ``source``
under their usual names, :data:`~dyadline.pipeline.metadata.FIELDS`). A document's date, title,
url and source come from those fields, else from the page's HTML metadata, else from a news
dateline (:mod:`dyadline.pipeline.metadata`). Unreadable input raises :class:`ReadError` or :class:`LanguageError` naming the
file and the reason; :func:`read_paths` turns those into :class:`Skipped` records so a batch
goes on.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from functools import lru_cache

import charset_normalizer
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from .. import lang as langdata
from ..errors import LanguageError, ReadError
from ..records import Document, Skipped, TableCell, TextTable
from .markup import html_to_text, looks_like_html, markdown_to_text
from .metadata import DatelineReader, Metadata, field, from_html, from_record

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".parquet")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".parquet")
MAX_BYTES = 20_000_000         # larger inputs are refused (a dump to split, not a document)
MAX_MESS = 0.1                 # charset-normalizer's "chaos" above which a decoding is not trusted
MIXED_SHARE = 0.2              # a second language with this share of the prose is reported
# Removed from the text: C0/C1 controls except tab and line breaks, zero-width characters,
# the soft hyphen, bidirectional marks, the BOM; line separators become line breaks.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f"
                        "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_SEPARATORS = re.compile("\r\n?|[\u2028\u2029\x85]")
_MAGIC = ((b"%PDF-", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
          (b"{\\rtf", "an RTF document"), (b"\x7fELF", "a program"))
_TABLE_LINE = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(langdata.identification_candidates())
    return ident


def identify_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, over the text without tables)."""
    prose = _TABLE_LINE.sub(" ", text)
    lang, _score = _identifier().classify(prose[:20000])
    return lang


def parse_tables(text: str) -> list[TextTable]:
    """Markdown pipe tables: consecutive lines that start and end with '|'."""
    tables: list[TextTable] = []
    rows: list[tuple[TableCell, ...]] = []
    start = end = -1
    for m in _TABLE_LINE.finditer(text):
        if rows and m.start() != end + 1:
            tables.append(TextTable(start, end, tuple(rows)))
            rows = []
        if not rows:
            start = m.start()
        end = m.end()
        row = _cells(text, m.start(), m.end())
        if row and not all(_SEPARATOR_CELL.match(c.text) for c in row):
            rows.append(row)
    if rows:
        tables.append(TextTable(start, end, tuple(rows)))
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


def clean_text(text: str) -> str:
    """Line breaks unified, invisible and control characters removed, lone surrogates
    replaced by U+FFFD, Unicode NFC."""
    text = _LINE_SEPARATORS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)     # a lone surrogate (from a str, never from bytes)
    return unicodedata.normalize("NFC", text)


def _language(text: str, name: str) -> str:
    """The language of the prose; a document with a second language over MIXED_SHARE of its
    paragraphs (by characters) is read in the main one, with a warning."""
    paragraphs = [p for p in re.split(r"\n\s*\n", _TABLE_LINE.sub(" ", text)) if len(p.strip()) >= 80]
    if len(paragraphs) < 2:
        return identify_language(text)
    shares: dict[str, int] = {}
    for p in paragraphs[:200]:
        lang = identify_language(p)
        shares[lang] = shares.get(lang, 0) + len(p)
    total = sum(shares.values())
    ranked = sorted(shares.items(), key=lambda kv: -kv[1])
    main = ranked[0][0]
    others = [(k, v / total) for k, v in ranked[1:] if v / total >= MIXED_SHARE]
    if others:
        log.warning("%s: mixed languages (%s); read as '%s'", name,
                    ", ".join(f"{k} {v:.0%}" for k, v in [(main, ranked[0][1] / total)] + others), main)
    return main


@lru_cache(maxsize=8)
def _dateline_reader(lang: str) -> DatelineReader:
    return DatelineReader(lang)


def read_text(text: str, *, doc_id: str | None = None, path: str | None = None,
              lang: str | None = None, markup: str | None = None,
              meta: Metadata | None = None, default_date: str | None = None) -> Document:
    """A :class:`Document` from a string; the id defaults to a hash of the content.
    ``markup`` is "html" or "markdown" to convert the text first; HTML is also recognised
    by its content. ``meta``: what the input says of the document (record fields); HTML
    metadata and a dateline complete it; ``default_date`` dates a document that gives no
    date of its own (``--doc-date``)."""
    name = path or doc_id or "<text>"
    if "\x00" in text:
        raise ReadError("contains NUL bytes: this is a binary file, not text", path=name)
    meta = meta or Metadata()
    if markup == "markdown":
        text = markdown_to_text(text)
    elif markup == "html" or looks_like_html(text):
        meta = meta.over(from_html(text))
        text = html_to_text(text)
    text = clean_text(text)
    if not text.strip():
        raise ReadError("is empty: there is no text to read", path=name)
    if not re.search(r"[^\W\d_]{2}", text):
        raise ReadError("has no words: there is no text to read", path=name)
    if lang is None:
        lang = _language(text, name)
    supported = langdata.available_languages()
    if lang not in supported:
        raise LanguageError(
            f"is in language '{lang}'; dyadline reads {', '.join(supported)} "
            "(pass --lang to override the identification if it is wrong)", path=name)
    if meta.date is None or meta.source is None:
        meta = meta.over(_dateline_reader(lang).read(text))
    if meta.date is None and default_date:
        meta = replace(meta, date=default_date)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(id=doc_id or sha[:16], text=text, lang=lang, path=path, sha256=sha,
                    tables=parse_tables(text), date=meta.date, title=meta.title, url=meta.url,
                    source=meta.source)


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the encoding charset-normalizer
    detects when it is confident; binary files are refused with what they look like."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"is {what}, not text: convert it to text first", path=name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    best = charset_normalizer.from_bytes(data[:2_000_000]).best()
    if best is None or best.chaos > MAX_MESS:
        if b"\x00" in data[:8192]:
            raise ReadError("contains NUL bytes: this is a binary file, not text", path=name)
        raise ReadError(f"is not valid UTF-8 (byte {utf8_error.start}) and its encoding cannot be "
                        "told with confidence: convert it to UTF-8 first", path=name)
    log.warning("%s: not UTF-8; decoded as %s", name, best.encoding)
    try:
        return data.decode(best.encoding)
    except UnicodeDecodeError as e:   # detected on the first 2 MB, wrong further on
        raise ReadError(f"is not valid UTF-8, nor {best.encoding} (byte {e.start}): convert it to "
                        "UTF-8 first", path=name) from e


def _markup_of(path: str | None) -> str | None:
    suffix = os.path.splitext(path or "")[1].lower()
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}.get(suffix)


def read_bytes(data: bytes, *, doc_id: str | None = None, path: str | None = None,
               lang: str | None = None, default_date: str | None = None) -> Document:
    name = path or doc_id or "<stdin>"
    if len(data) > MAX_BYTES:
        raise ReadError(f"is {len(data):,} bytes; dyadline reads documents up to {MAX_BYTES:,} "
                        "bytes: split it into documents", path=name)
    text = decode(data, name)
    return read_text(text, doc_id=doc_id, path=path, lang=lang, markup=_markup_of(path),
                     default_date=default_date)


def display_path(p: str | os.PathLike) -> str:
    """A path as text that can be printed and stored (undecodable bytes of a file name shown
    as U+FFFD)."""
    return os.fsencode(p).decode("utf-8", "replace")


def read_file(path: str | os.PathLike, *, lang: str | None = None, doc_id: str | None = None,
              default_date: str | None = None) -> Document:
    """Read one file; its id is ``doc_id``, by default the file name."""
    p = Path(path)
    name = display_path(p)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            os.listdir(p)             # a folder given here could not be walked: say why
            raise ReadError("is a folder that could not be walked (a symbolic link loop?)", path=name)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("is not a regular file (a device, socket or pipe)", path=name)
        if st.st_size > MAX_BYTES:
            raise ReadError(f"is {st.st_size:,} bytes; dyadline reads documents up to {MAX_BYTES:,} "
                            "bytes: split it into documents", path=name)
        data = p.read_bytes()
    except OSError as e:
        what = "folder" if p.is_dir() else "file"
        raise ReadError(f"{what} cannot be read ({e.strerror or e})", path=name) from e
    return read_bytes(data, doc_id=doc_id or display_path(p.name), path=name, lang=lang,
                      default_date=default_date)


def expand_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files as given, and the readable files under folders (sorted, recursive, following
    symbolic links once). A folder that cannot be listed, and a link back into a folder being
    walked (a loop), are yielded themselves, so that reading them reports why."""
    for p, _doc_id in _expand_with_ids(paths):
        yield p


def _expand_with_ids(paths) -> Iterator[tuple[Path, str]]:
    """(path, document id): a file given by itself is known by its name, a file found in a
    folder by its path under that folder (so that two ``notes.txt`` in different folders
    stay two documents)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                rel = f.relative_to(p).as_posix() if f != p else p.name
                yield f, display_path(rel)
        else:
            yield p, display_path(p.name)


def _walk(folder: Path, seen: frozenset = frozenset()) -> Iterator[Path]:
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:
            log.warning("%s: symbolic link loop, not followed", display_path(folder))
            yield folder
            return
        seen = seen | {key}
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        log.warning("%s: folder cannot be read (%s)", display_path(folder), e.strerror or e)
        yield folder
        return
    for e in entries:
        path = Path(e.path)
        try:
            is_dir = e.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            yield from _walk(path, seen)
        elif e.name.lower().endswith(SUFFIXES):
            yield path            # a dangling link or a link loop is reported by read_file


def read_paths(paths: Iterable[str | os.PathLike], *, lang: str | None = None,
               stdin=None, skip_hashes: frozenset[str] | set[str] = frozenset(),
               doc_date: str | None = None) -> Iterator[Document | Skipped]:
    """Documents from files and folders ('-' is standard input, read from ``stdin``, a binary
    stream); unreadable ones come out as :class:`Skipped`, and so do documents whose content
    hash is in ``skip_hashes`` (marked ``stored``). ``doc_date`` dates the documents that give
    no date of their own."""
    for item in _read_paths(paths, lang, stdin, doc_date):
        if skip_hashes and isinstance(item, Document) and item.sha256 in skip_hashes:
            yield Skipped(item.path or item.id, "already stored (same content)", stored=True)
        else:
            yield item


def _read_paths(paths, lang, stdin, doc_date=None) -> Iterator[Document | Skipped]:
    for raw in paths:
        if str(raw) == "-":
            if stdin is None:
                yield Skipped("<stdin>", "'-' given but no standard input stream")
                continue
            try:
                yield read_bytes(stdin.read(MAX_BYTES + 1), lang=lang, default_date=doc_date)
            except (ReadError, LanguageError) as e:
                log.warning("%s", e)
                yield Skipped("<stdin>", str(e))
            continue
        for p, doc_id in _expand_with_ids([raw]):
            if p.name.lower().endswith(RECORD_SUFFIXES) and p.is_file():
                yield from read_records(p, lang=lang, default_date=doc_date)
                continue
            try:
                yield read_file(p, lang=lang, doc_id=doc_id, default_date=doc_date)   # a folder here: one the walk could not enter
            except (ReadError, LanguageError) as e:
                log.warning("%s", e)
                yield Skipped(display_path(p), str(e))


def _json_lines(path: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(place, record, problem) for each non-blank line of a JSON Lines file."""
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            where = f"{display_path(path)}:{n}"
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError) as e:
                yield where, None, f"is not a JSON object ({e})"
                continue
            if not isinstance(rec, dict):
                yield where, None, "is not a JSON object"
                continue
            yield where, rec, None


def _parquet_rows(path: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    import pyarrow.parquet as pq
    try:
        table = pq.ParquetFile(path)
    except Exception as e:   # pyarrow raises several kinds of errors for a bad file
        raise ReadError(f"is not a Parquet file that can be read ({e})", path=display_path(path)) from e
    n = 0
    for batch in table.iter_batches(batch_size=256):
        for rec in batch.to_pylist():
            n += 1
            yield f"{display_path(path)}:{n}", rec, None


def read_records(path: str | os.PathLike, *, lang: str | None = None,
                 default_date: str | None = None) -> Iterator[Document | Skipped]:
    """The documents of a JSON Lines or Parquet file, one per record; a record that cannot be
    read is skipped with its file and line named, and the others go on."""
    p = Path(path)
    rows = _parquet_rows(p) if p.name.lower().endswith(".parquet") else _json_lines(p)
    try:
        for n, (where, rec, problem) in enumerate(rows, 1):
            if problem is None:
                text = field(rec, "text")
                if not isinstance(text, str):
                    problem = "has no text (a 'text' field, or 'body', 'content')"
            if problem is not None:
                log.warning("%s: %s", where, problem)
                yield Skipped(where, problem)
                continue
            doc_id = field(rec, "id")
            doc_id = str(doc_id) if doc_id is not None else f"{display_path(p.name)}:{n}"
            try:
                meta = from_record(rec, where)
                rec_lang = field(rec, "lang")
                yield read_text(text, doc_id=doc_id, path=where, lang=lang or (str(rec_lang) if rec_lang else None),
                                meta=meta, default_date=default_date)
            except (ReadError, LanguageError) as e:
                log.warning("%s", e)
                yield Skipped(where, str(e))
    except OSError as e:
        err = ReadError(f"file cannot be read ({e.strerror or e})", path=display_path(p))
        log.warning("%s", err)
        yield Skipped(display_path(p), str(err))
    except ReadError as e:
        log.warning("%s", e)
        yield Skipped(display_path(p), str(e))


def sample_paths() -> list[Path]:
    """The sample corpus bundled with the package."""
    folder = Path(__file__).resolve().parent.parent / "data" / "samples"
    return sorted(folder.glob("*.txt"))
