"""Property tests of the readers, against their contract only: any bytes (``read_bytes``) or any
string (``read_text``) gives either a :class:`Document` -- its text a ``str``, its language en or
fr, the offsets of its table cells indexing into its text -- or a ``DyadlineError``; never
another exception. Inputs: arbitrary bytes, binary and other encodings, text with control,
zero-width, bidirectional, combining and surrogate characters, HTML, and Markdown pipe tables."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadline.errors import DyadlineError
from dyadline.lang import available_languages
from dyadline.testing.invariants import invariants
from dyadline.records import Document
from dyadline.pipeline.read import read_bytes, read_text

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

EN = ["France signed a treaty with Algeria in 1962.",
      "In March 1979 Egypt and Israel signed a peace treaty in Washington.",
      "The Soviet Union invaded Afghanistan in December 1979.",
      "Pakistan joined CENTO in 1955 and later left it."]
FR = ["La France a signé un traité avec l'Algérie en 1962.",
      "En mars 1979, l'Égypte et Israël ont signé un traité de paix à Washington.",
      "L'Union soviétique a envahi l'Afghanistan en décembre 1979.",
      "Le Pakistan a rejoint le CENTO en 1955."]

# Characters that readers must survive: C0/C1 controls (NUL included), zero-width and joiners,
# bidirectional marks and embeddings, BOM, line and paragraph separators, combining marks,
# non-characters, emoji with their modifiers; and, apart, lone surrogates (a str can hold them:
# JSON "\ud800" decodes to one).
ODD = (
    [chr(c) for c in range(0x00, 0x20)] + [chr(c) for c in range(0x7f, 0xa0)]
    + list("\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b"
           "\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
           "\ufff9\ufffa\ufffb\ufffc\ufffd\ufffe\uffff")
    + [chr(c) for c in range(0x300, 0x370, 7)]
    + ["\U0001f600", "\U0001f1eb\U0001f1f7", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
       "\U0001f44d\U0001f3fd", "\U000e0041", "\U0010ffff"]
)
SURROGATES = [chr(c) for c in (0xd800, 0xdbff, 0xdc00, 0xdfff)]

odd_char = st.sampled_from(ODD)
# Text: mostly ordinary letters, punctuation and whitespace, salted with odd characters.
any_text = st.lists(st.one_of(st.characters(blacklist_categories=("Cs",)), odd_char,
                             st.sampled_from(list("abcdeé ÉLa|\n-–.,'’<>/"))),
                   max_size=400).map("".join)


def words_with_noise(sentences, noise=st.one_of(odd_char, st.text(min_size=1, max_size=5))):
    """Real sentences with odd characters and random text inserted at random places."""
    @st.composite
    def build(draw):
        text = " ".join(draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=4)))
        for _ in range(draw(st.integers(0, 8))):
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(noise) + text[pos:]
        return text
    return build()


def check(result_or_error) -> None:
    """The contract: a well-formed Document (or the caller caught a DyadlineError)."""
    doc = result_or_error
    assert isinstance(doc, Document)
    assert isinstance(doc.text, str)
    assert doc.lang in available_languages()
    for table in doc.tables:
        assert 0 <= table.start <= table.end <= len(doc.text)
    broken = invariants(doc, records=False)
    assert not broken, broken


def read_bytes_or_error(data: bytes, **kw) -> None:
    try:
        doc = read_bytes(data, **kw)
    except DyadlineError:
        return
    check(doc)


def read_text_or_error(text: str, **kw) -> None:
    try:
        doc = read_text(text, **kw)
    except DyadlineError:
        return
    check(doc)


# -- bytes -----------------------------------------------------------------------------------

@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([None, "en", "fr", "de"]),
       st.sampled_from([None, "x.txt", "x.md", "x.html", "x.HTM", "noext"]))
def test_arbitrary_bytes_give_a_document_or_a_dyadline_error(data, lang, path):
    read_bytes_or_error(data, doc_id="b", path=path, lang=lang)


MAGIC = [b"%PDF-1.4\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"\x1f\x8b",
         b"\xd0\xcf\x11\xe0", b"{\\rtf1", b"\x7fELF", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]


@SETTINGS
@given(st.sampled_from(MAGIC), st.binary(max_size=500), st.sampled_from(EN + FR))
def test_binary_headers_and_byte_order_marks(magic, tail, sentence):
    read_bytes_or_error(magic + tail, doc_id="b")
    read_bytes_or_error(magic + sentence.encode("utf-8") + tail, doc_id="b")


@SETTINGS
@given(words_with_noise(EN + FR),
       st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be",
                        "utf-32", "mac_roman", "cp850", "iso8859_15"]),
       st.sampled_from([None, "x.txt", "x.md", "x.html"]))
def test_text_in_other_encodings(text, encoding, path):
    data = text.encode(encoding, errors="replace")
    read_bytes_or_error(data, doc_id="e", path=path)


@SETTINGS
@given(words_with_noise(EN + FR),
       st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6))
def test_utf8_text_with_flipped_bytes(text, flips):
    data = bytearray(text.encode("utf-8"))
    for pos, value in flips:
        if data:
            data[pos % len(data)] = value
    read_bytes_or_error(bytes(data), doc_id="f", path="f.txt")


# -- text ------------------------------------------------------------------------------------

@SETTINGS
@given(any_text, st.sampled_from([None, "en", "fr", "xx"]))
def test_arbitrary_text_gives_a_document_or_a_dyadline_error(text, lang):
    read_text_or_error(text, doc_id="t", lang=lang)


@SETTINGS
@given(words_with_noise(EN + FR), st.sampled_from([None, "en", "fr"]))
def test_sentences_with_control_and_zero_width_characters(text, lang):
    read_text_or_error(text, doc_id="t", lang=lang)


@SETTINGS
@given(st.lists(st.sampled_from(ODD), min_size=1, max_size=60))
def test_only_odd_characters(chars):
    read_text_or_error("".join(chars), doc_id="t")
    read_text_or_error("".join(chars), doc_id="t", lang="en")


# A str can hold a lone surrogate (from JSON "\ud800", or a file name decoded with
# surrogateescape); read_text once failed hashing such a text (UnicodeEncodeError).
@settings(max_examples=50, deadline=None)
@given(words_with_noise(EN + FR, noise=st.sampled_from(SURROGATES)).filter(
    lambda t: any(s in t for s in SURROGATES)), st.sampled_from([None, "en", "fr"]))
def test_sentences_with_lone_surrogates(text, lang):
    read_text_or_error(text, doc_id="t", lang=lang)


HTML_BITS = ["<!doctype html>", "<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<br>", "<b>",
             "</i>", "<table>", "<tr>", "<td>", "</td>", "<th>", "</table>", "<script>x=1</script>",
             "<style>p{}</style>", "<!--", "-->", "&amp;", "&#0;", "&#xD800;", "&#x110000;", "&nbsp;",
             "<a href='x'>", "</a>", "<pre>", "</pre>", "<", ">", "<li>", "<h1>", "<td colspan=99999>"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(HTML_BITS), st.sampled_from(EN + FR), odd_char),
                min_size=1, max_size=30), st.sampled_from([None, "en", "fr"]))
def test_html_fragments_and_pages(parts, lang):
    text = "".join(parts)
    read_text_or_error(text, doc_id="h", lang=lang)
    read_bytes_or_error(text.encode("utf-8"), doc_id="h", path="h.html", lang=lang)


# -- Markdown tables -------------------------------------------------------------------------

cell_text = st.one_of(
    st.sampled_from(["Pakistan", "Soviet Union", "Chile", "Pérou", "Embassy of Chile, Lima",
                     "Ambassador: Juan Pérez (first) Ana Soto (last)", "Envoy", "", " ", "---", ":--:",
                     "1962", "*bold*", "`code`", "[link](http://x)", "a\\|b"]),
    st.lists(st.one_of(st.characters(blacklist_categories=("Cs",)), odd_char), max_size=12).map("".join))


@st.composite
def markdown_table(draw):
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(cell_text, min_size=width, max_size=width), min_size=1, max_size=6))
    lines = []
    for i, row in enumerate(rows):
        lead = draw(st.sampled_from(["", " ", "\t", "  "]))
        trail = draw(st.sampled_from(["", " ", "\t", "|"]))
        lines.append(lead + "|" + "|".join(row) + "|" + trail)
        if i == 0 and draw(st.booleans()):
            lines.append("|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:", "-"]))
                                        for _ in range(width)) + "|")
    sep = draw(st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\n\n"]))
    return sep.join(lines)


@SETTINGS
@given(st.lists(st.one_of(markdown_table(), st.sampled_from(EN + FR)), min_size=1, max_size=5),
       st.sampled_from(["\n", "\n\n", " ", "\r\n"]), st.sampled_from([None, "en", "fr"]))
def test_text_with_markdown_tables(blocks, joiner, lang):
    text = joiner.join(blocks)
    read_text_or_error(text, doc_id="m", lang=lang)
    read_bytes_or_error(text.encode("utf-8"), doc_id="m", path="m.md", lang=lang)
    read_bytes_or_error(text.encode("utf-8"), doc_id="m", path="m.txt", lang=lang)


@SETTINGS
@given(st.lists(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèÉ ", min_size=1, max_size=10)
                         .map(str.strip).filter(bool), min_size=2, max_size=4),
                min_size=1, max_size=5))
def test_a_plain_table_is_found_with_its_cells(rows):
    """A well-formed pipe table of plain words, after an English sentence: read as text it is
    a table of the document, and every one of its words is the text of a cell."""
    table = "\n".join("| " + " | ".join(r) + " |" for r in rows)
    doc = read_text(EN[0] + "\n" + table + "\n" + EN[1], doc_id="p", lang="en")
    check(doc)
    assert doc.tables
    cells = {c.text for t in doc.tables for row in t.rows for c in row}
    assert {w for r in rows for w in r} <= cells
