#!/usr/bin/env python3
"""Mutation fuzzer of the text-to-events path: how many inputs it survives, and what breaks it.

Seeds are sentences of synthetic documents (``dyadline.testing.synth``, English and French) -- one
sentence to a paragraph -- and infobox tables; each input is a seed after a few mutations:
character and byte flips, insertions of odd unicode (control characters, zero-width, bidi marks,
emoji, combining marks, other scripts), deletions, duplicated spans, swapped sentences,
truncation, very long tokens, changed digits and years, pipes and line breaks (Markdown tables),
HTML tags, case changes, splices of other seeds, names and dates of the knowledge base. Each
input is read with ``read_text`` (the language identified; when it is refused as another
language, read again with the seed's language, as ``--lang`` does) and the documents are
annotated in batches by ``Pipeline.run_items`` in ``--workers`` processes, one Pipeline each.

A crash is an exception other than a DyadlineError (reading, parsing or a stage; run_items turns
those into "internal error" records, which are re-run alone for the traceback), a worker that
dies or hangs, or a broken invariant: an event or fact outside the text, its evidence not the
text at its span, its date not EDTF (``edtf.parse_edtf``), a table cell not the text at its
offsets. Each crashing input is saved in ``--crashes`` (JSON with the traceback, and the text
alone), up to ``--keep`` per distinct crash, and the run goes on. Refusals (a DyadlineError
while reading or in a stage) are counted apart.

    python benchmarks/fuzz.py [--inputs 100000] [--workers 2] [--batch 64] [--seed 0]
                              [--crashes DIR] [--keep 20] [--minimize] [--json]
    python benchmarks/fuzz.py --show 1234 [--seed 0]      # the input 1234 of a run, and its mutations
    python benchmarks/fuzz.py --replay DIR/crash.json     # run a saved input again, alone

Input ``i`` of seed ``s`` is the same text whatever the number of workers or batch size, so a
crash is also reproduced by ``--show i``. ``--minimize`` shrinks one input of each distinct crash
(deleting pieces while the same crash happens, in this process: with the code as it is at
the end of the run) and saves it as ``<crash>-min.txt``. With
``--json`` the output ends with one JSON line: inputs tried, crashes, distinct crashes, inputs per
second, seconds, read rejections, and one row per distinct crash.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing as mp
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dyadline.lang import available_languages
from dyadline.errors import DyadlineError, LanguageError
from dyadline.records import Document, Skipped
from dyadline.testing.invariants import invariants

MAX_LEN = 5000              # characters; mutations that grow a text past it are cut
LANGS = tuple(available_languages())
READ_LIMIT = 10.0           # seconds for read_text on one input: more is a hang
DOC_LIMIT = 30.0            # seconds for the stages on one document alone
BATCH_LIMIT = 120.0         # seconds for one run_items batch (then each input alone)

# -- seeds -------------------------------------------------------------------------------------

INFOBOX = {
    "en": ("Chile–Peru relations\n| Chile | Peru |\n|---|---|\n| Diplomatic mission | |\n"
           "| Embassy of Chile, Lima | Embassy of Peru, Santiago |\n| Envoy | |\n"
           "| Ambassador: Juan Pérez (first) Ana Soto (last) | Ambassador: Luis Vega (first) |\n"
           "Chile and Peru signed a treaty in 1929."),
    "fr": ("Relations entre le Pakistan et l'Union soviétique\n| Pakistan | Union soviétique |\n|---|---|\n"
           "| Mission diplomatique | |\n| Ambassade du Pakistan, Moscou | Ambassade de l'Union soviétique, Islamabad |\n"
           "| Envoyé | |\n| Ambassadeur : Shuaib Qureshi (premier) Abdul Sattar (dernier) | Ambassadeur : Ivan Bakulin (premier) |\n"
           "Le Pakistan a rejoint le CENTO en 1955."),
}
FIXED = {
    "en": ["France signed a treaty with Algeria in 1962.",
           "In March 1979 Egypt and Israel signed a peace treaty in Washington.",
           "The Soviet Union invaded Afghanistan in December 1979. Two years later, Pakistan protested.",
           "India and Pakistan did not sign the agreement in 1972.",
           "Between 1980 and 1988 Iraq fought a war against Iran."],
    "fr": ["La France a signé un traité avec l'Algérie en 1962.",
           "En mars 1979, l'Égypte et Israël ont signé un traité de paix à Washington.",
           "L'Union soviétique a envahi l'Afghanistan en décembre 1979. Deux ans plus tard, le Pakistan a protesté.",
           "L'Inde et le Pakistan n'ont pas signé l'accord en 1972.",
           "De 1980 à 1988, l'Irak a mené une guerre contre l'Iran."],
}
DATE_WORDS = {
    "en": ["in 1962", "in March 1963", "on 5 June 1967", "on June 5, 1967", "two years later", "the next year",
           "in the early 1960s", "in the 1970s", "between 1950 and 1955", "from 1980 to 1988", "since 1991",
           "in the spring of 1956", "during the Cold War", "after the Six-Day War", "in 19th century", "in AD 1000",
           "in 2101", "in 999", "in 10000", "the previous month", "three days earlier", "circa 1950", "1950–53"],
    "fr": ["en 1962", "en mars 1963", "le 5 juin 1967", "deux ans plus tard", "l'année suivante",
           "au début des années 1960", "dans les années 1970", "entre 1950 et 1955", "de 1980 à 1988",
           "depuis 1991", "au printemps 1956", "pendant la guerre froide", "après la guerre des Six Jours",
           "au XIXe siècle", "en l'an 1000", "en 2101", "en 999", "le 1er janvier 1960", "vers 1950", "1950-1953"],
}
EVENT_WORDS = {
    "en": ["signed a treaty with", "invaded", "visited", "did not visit", "threatened", "joined", "left",
           "broke off relations with", "mediated between", "imposed sanctions on", "recognised", "attacked",
           "and", "with", "against", "not", "never", "said", "denied that", "was succeeded by", "successor"],
    "fr": ["a signé un traité avec", "a envahi", "a visité", "n'a pas visité", "a menacé", "a rejoint", "a quitté",
           "a rompu ses relations avec", "a servi de médiateur entre", "a imposé des sanctions à", "a reconnu",
           "a attaqué", "et", "avec", "contre", "ne", "pas", "jamais", "a déclaré", "a nié", "a succédé à"],
}


@dataclass
class Corpus:
    """What inputs are made of: per language, paragraphs as lists of sentences, and words to
    insert (names of the knowledge base, dates, event words)."""

    paragraphs: dict[str, list[list[str]]] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)


_SENTENCE_END = re.compile(r"(?<=[.!?»])\s+(?=[A-ZÀ-ÖØ-Þ«\"'])")


def build_corpus(n_docs: int = 120, seed: int = 0) -> Corpus:
    from dyadline.kb import default_kb
    from dyadline.testing.synth import generate
    corpus = Corpus()
    kb = default_kb()
    for lang in LANGS:
        paras: list[list[str]] = []
        for _doc_id, text in generate(n_docs, lang, seed=seed, words=250):
            for block in re.split(r"\n\s*\n", text):
                sentences = [s for s in _SENTENCE_END.split(block.strip()) if s]
                if sentences:
                    paras.append(sentences)
        paras += [[s] for s in FIXED[lang]] + [[INFOBOX[lang]]]
        corpus.paragraphs[lang] = paras
        forms = sorted({f.text for f in kb.surface_forms(lang)})
        names = random.Random(seed).sample(forms, min(1500, len(forms)))
        corpus.words[lang] = names + DATE_WORDS[lang] * 10 + EVENT_WORDS[lang] * 10
    return corpus


# -- mutations ---------------------------------------------------------------------------------

CONTROL = [chr(c) for c in list(range(0x01, 0x20)) + list(range(0x7f, 0xa0))] + ["\x00"]
INVISIBLE = list("\u00ad\u034f\u061c\u115f\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
                 "\u2028\u2029\ufff9\ufffa\ufffb\ufffc\ufffd\ufffe\uffff")
BIDI = list("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
EMOJI = ["\U0001f600", "\U0001f1eb\U0001f1f7", "\U0001f1fa\U0001f1f8", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
         "\U0001f44d\U0001f3fd", "\u2764\ufe0f", "\U0001f3f3\ufe0f\u200d\U0001f308", "\U000e0067\U000e0062",
         "\U0001f9d1\u200d\U0001f680", "#\ufe0f\u20e3"]
COMBINING = [chr(c) for c in range(0x300, 0x370)] + ["\u0489", "\u20dd", "\u1dc0", "\ufe20"]
SCRIPTS = ["مصر", "الاتحاد السوفيتي", "Египет", "Советский Союз", "埃及", "苏联", "エジプト", "이집트",
           "מצרים", "Αίγυπτος", "मिस्र", "ᐃᓄᒃᑎᑐᑦ", "𝔉𝔯𝔞𝔫𝔠𝔢", "Ｆｒａｎｃｅ", "ﬁ", "ǅ", "İ", "ß", "ŉ"]
SPACES = ["\u00a0", "\u2009", "\u200a", "\u3000", "\u2002", "\u202f", "\t", "  ", "\u1680", "\u205f"]
PUNCT = list(".,;:!?()[]{}«»“”‘’'\"-–—…/\\*_#@&%$^~`+=<>") + ["...", "--", "''", "``", " .", ". .", "?!"]
SURROGATES = ["\ud800", "\udfff", "\udc80"]   # lone: a str can hold them (JSON "\ud800")
HTML = ["<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<b>", "</b>", "<i>", "<a href=\"x\">", "</a>",
        "<span class=x>", "</span>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<th>", "<li>",
        "<ul>", "<h1>", "</h1>", "<pre>", "</pre>", "<script>alert(1)</script>", "<style>p{}</style>",
        "<!--", "-->", "<!-- c -->", "&amp;", "&lt;", "&#160;", "&#0;", "&#x202e;", "&#xD800;", "&#1114112;",
        "&nbsp;", "&eacute;", "<", ">", "</", "<![CDATA[x]]>", "<?xml version='1.0'?>", "<img src=x>",
        "<td colspan=\"999999\">", "<noscript>", "<template>", "<svg>"]
HTML_PAGES = ["<!doctype html><html><head><title>t</title></head><body><p>", "<html><body>", "<body>",
              "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">"]
NUMBERS = ["0", "1", "7", "31", "32", "99", "100", "999", "1000", "1500", "1815", "1816", "1899", "1900", "1945",
           "1949", "1950", "1962", "1989", "1991", "1999", "2000", "2020", "2024", "2099", "2100", "2101", "9999",
           "10000", "19999", "123456789", "99999999999999999999", "-1962", "+1962", "1962.5", "1,962", "1 962",
           "01", "00", "0000", "1962–1963", "1962-63", "1962/63", "1960s", "60s", "'62", "19th", "1er", "XIX",
           "MCMLXII", "١٩٦٢", "１９６２", "²", "½", "1962年"]


def _pos(rng: random.Random, text: str) -> int:
    return rng.randint(0, len(text))


def _span(rng: random.Random, text: str, most: int = 40) -> tuple[int, int]:
    if not text:
        return 0, 0
    i = rng.randrange(len(text))
    return i, min(len(text), i + rng.randint(1, most))


def _odd(rng: random.Random) -> str:
    pool = rng.choice([CONTROL, INVISIBLE, BIDI, EMOJI, COMBINING, SCRIPTS, SPACES, PUNCT])
    s = rng.choice(pool)
    if rng.random() < 0.003:
        s = rng.choice(SURROGATES)
    return s


def m_flip_char(rng, text, corpus, lang):
    if not text:
        return _odd(rng)
    i = rng.randrange(len(text))
    c = rng.choice([_odd(rng), chr(rng.randint(0x20, 0x2FFF)), chr(rng.randint(0x10000, 0x10FFFF)),
                    chr(ord(text[i]) ^ (1 << rng.randrange(8)))])
    if 0xD800 <= ord(c[0]) <= 0xDFFF and len(c) == 1 and rng.random() > 0.01:
        c = "\ufffd"
    return text[:i] + c + text[i + 1:]


def m_flip_byte(rng, text, corpus, lang):
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for _ in range(rng.randint(1, 4)):
        if not data:
            break
        i = rng.randrange(len(data))
        data[i] = data[i] ^ (1 << rng.randrange(8)) if rng.random() < 0.7 else rng.randrange(256)
    return data.decode("utf-8", "replace")


def m_insert_unicode(rng, text, corpus, lang):
    for _ in range(rng.randint(1, 6)):
        i = _pos(rng, text)
        text = text[:i] + _odd(rng) * (rng.randint(1, 12) if rng.random() < 0.2 else 1) + text[i:]
    return text


def m_delete(rng, text, corpus, lang):
    i, j = _span(rng, text, max(1, len(text) // 3))
    return text[:i] + text[j:]


def m_duplicate(rng, text, corpus, lang):
    i, j = _span(rng, text, 60)
    piece = text[i:j] * (rng.randint(2, 30) if rng.random() < 0.3 else 1)
    k = _pos(rng, text)
    return text[:k] + piece + text[k:]


def m_swap_sentences(rng, text, corpus, lang):
    parts = _SENTENCE_END.split(text)
    if len(parts) < 2:
        parts = text.split(" ")
        if len(parts) < 2:
            return text[::-1]
        a, b = rng.sample(range(len(parts)), 2)
        parts[a], parts[b] = parts[b], parts[a]
        return " ".join(parts)
    if rng.random() < 0.5:
        rng.shuffle(parts)
    else:
        a, b = rng.sample(range(len(parts)), 2)
        parts[a], parts[b] = parts[b], parts[a]
    return rng.choice([" ", "\n", "\n\n", ""]).join(parts)


def m_truncate(rng, text, corpus, lang):
    i = _pos(rng, text)
    return text[:i] if rng.random() < 0.7 else text[i:]


def m_long_token(rng, text, corpus, lang):
    n = rng.choice([40, 60, 100, 200, 500, 1000, 3000])
    kind = rng.randrange(7)
    if kind == 0:
        tok = rng.choice("aAéxZ") * n
    elif kind == 1:
        tok = "".join(rng.choice("0123456789") for _ in range(n))
    elif kind == 2:
        tok = (rng.choice(corpus.words[lang]).replace(" ", "") * n)[:n]
    elif kind == 3:
        tok = "-".join(rng.choice(corpus.words[lang]) for _ in range(n // 10))[:n]
    elif kind == 4:
        tok = "https://example.org/" + "a/" * (n // 2)
    elif kind == 5:
        tok = ("e" + "\u0301" * 50) * (n // 51 + 1)
    else:
        tok = " ".join([rng.choice(corpus.words[lang])] * (n // 8))   # a name repeated
    i = _pos(rng, text)
    return text[:i] + " " + tok + " " + text[i:]


_DIGITS = re.compile(r"\d+")


def m_digits(rng, text, corpus, lang):
    runs = list(_DIGITS.finditer(text))
    if not runs or rng.random() < 0.2:
        i = _pos(rng, text)
        return text[:i] + rng.choice([" ", ""]) + rng.choice(NUMBERS + [str(rng.randint(1000, 2100))]) + text[i:]
    m = rng.choice(runs)
    if rng.random() < 0.5:
        new = rng.choice(NUMBERS)
    elif rng.random() < 0.5:
        new = str(rng.randint(0, 3000))
    else:
        d = list(m.group())
        d[rng.randrange(len(d))] = str(rng.randrange(10))
        new = "".join(d)
    return text[:m.start()] + new + text[m.end():]


def m_table(rng, text, corpus, lang):
    kind = rng.randrange(6)
    if kind == 0:                            # pipes here and there
        for _ in range(rng.randint(1, 8)):
            i = _pos(rng, text)
            text = text[:i] + rng.choice(["|", " | ", "||", "\\|"]) + text[i:]
        return text
    if kind == 1:                            # line breaks
        for _ in range(rng.randint(1, 5)):
            i = _pos(rng, text)
            text = text[:i] + rng.choice(["\n", "\n\n", "\r\n", "\r", "\n|", "|\n"]) + text[i:]
        return text
    if kind == 2:                            # sentences become the rows of a table
        parts = [p for p in _SENTENCE_END.split(text) if p] or [text]
        width = rng.randint(1, 4)
        rows = ["| " + " | ".join(parts[k:k + width]) + " |" for k in range(0, len(parts), width)]
        if rng.random() < 0.6:
            rows.insert(rng.randint(0, len(rows)), "|" + "---|" * width)
        return "\n".join(rows)
    if kind == 3:                            # each word a cell
        words = text.split(" ")
        return "|" + "|".join(words) + "|"
    if kind == 4:                            # a table row or separator inserted on its own line
        row = rng.choice(["|---|---|", "| a | b |", "| | |", "|", "||", "|:--|--:|", "| Embassy of France, Algiers | |",
                          "| Ambassador: X (first) Y (last) | Ambassador: Z (first) |", "| Pakistan | Soviet Union |"])
        i = _pos(rng, text)
        return text[:i] + "\n" + row + "\n" + text[i:]
    return text + "\n" + corpus.paragraphs[lang][-1][0]      # the infobox after the text


def m_html(rng, text, corpus, lang):
    if rng.random() < 0.15:
        return rng.choice(HTML_PAGES) + text + rng.choice(["", "</p></body></html>", "</body>"])
    if rng.random() < 0.2:                   # dense markup: the reader takes it for HTML
        parts = _SENTENCE_END.split(text)
        return "".join(f"<p>{p}</p>" if rng.random() < 0.8 else f"<div><b>{p}</b></div>" for p in parts)
    for _ in range(rng.randint(1, 6)):
        i = _pos(rng, text)
        text = text[:i] + rng.choice(HTML) + text[i:]
    return text


def m_case(rng, text, corpus, lang):
    i, j = _span(rng, text, 80)
    f = rng.choice([str.upper, str.lower, str.swapcase, str.title, str.casefold])
    return text[:i] + f(text[i:j]) + text[j:]


def m_splice(rng, text, corpus, lang):
    other = rng.choice(LANGS) if rng.random() < 0.3 else lang
    para = rng.choice(corpus.paragraphs[other])
    piece = " ".join(para[:rng.randint(1, 2)])
    if rng.random() < 0.5:
        i, j = _span(rng, piece, 80)
        piece = piece[i:j]
    k = _pos(rng, text)
    return text[:k] + rng.choice([" ", "\n", "", "\n\n"]) + piece + " " + text[k:]


def m_dictionary(rng, text, corpus, lang):
    word = rng.choice(corpus.words[lang])
    spaces = [m.start() for m in re.finditer(r" ", text)]
    if spaces and rng.random() < 0.5:        # replace a word
        i = rng.choice(spaces)
        j = text.find(" ", i + 1)
        j = len(text) if j < 0 else j
        return text[:i + 1] + word + text[j:]
    k = rng.choice(spaces) if spaces else _pos(rng, text)
    return text[:k] + " " + word + " " + text[k:]


def m_spaces(rng, text, corpus, lang):
    out = []
    for c in text:
        out.append(rng.choice(SPACES) if c == " " and rng.random() < 0.3 else c)
    return "".join(out)


def m_punct(rng, text, corpus, lang):
    for _ in range(rng.randint(1, 5)):
        i = _pos(rng, text)
        text = text[:i] + rng.choice(PUNCT) + text[i:]
    return text


MUTATIONS = [(m_flip_char, 6), (m_flip_byte, 4), (m_insert_unicode, 8), (m_delete, 5), (m_duplicate, 4),
             (m_swap_sentences, 3), (m_truncate, 2), (m_long_token, 2), (m_digits, 7), (m_table, 6),
             (m_html, 5), (m_case, 3), (m_splice, 4), (m_dictionary, 8), (m_spaces, 2), (m_punct, 4)]
_FUNCS = [f for f, _ in MUTATIONS]
_WEIGHTS = [w for _, w in MUTATIONS]


def make_input(corpus: Corpus, seed: int, index: int) -> tuple[str, str, list[str]]:
    """Input ``index``: (text, language of its seed, names of the mutations applied)."""
    rng = random.Random(f"dyadline-fuzz:{seed}:{index}")
    lang = LANGS[index % 2]
    para = rng.choice(corpus.paragraphs[lang])
    k = rng.randint(1, min(len(para), 3 if rng.random() < 0.85 else 8))
    start = rng.randint(0, len(para) - k)
    text = " ".join(para[start:start + k])
    ops = []
    n = 1
    while n < 8 and rng.random() < 0.55:
        n += 1
    for _ in range(n):
        f = rng.choices(_FUNCS, _WEIGHTS)[0]
        text = f(rng, text, corpus, lang)[:MAX_LEN]
        ops.append(f.__name__[2:])
    return text, lang, ops


# -- checking ----------------------------------------------------------------------------------

class InputTimeout(BaseException):
    """An input took longer than its time limit (a BaseException: run_items does not catch it)."""


def _alarm(signum, frame):
    raise InputTimeout("no result within the time limit: a hang or a blow-up")


@contextmanager
def time_limit(seconds: float):
    """Raise InputTimeout in this (main) thread after ``seconds``."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _where(tb) -> str:
    """The innermost frame in dyadline (else the innermost frame) of a traceback."""
    frames = traceback.extract_tb(tb)
    ours = [f for f in frames if f"{os.sep}dyadline{os.sep}" in f.filename]
    f = (ours or frames)[-1] if (ours or frames) else None
    if f is None:
        return "?"
    path = f.filename.split(f"{os.sep}dyadline{os.sep}", 1)[-1]
    return f"{path}:{f.lineno} in {f.name}"


def exception_crash(stage: str, exc: BaseException) -> dict:
    where = _where(exc.__traceback__)
    # a time-out stops a loop anywhere in it: the file is its signature, not the line
    key = where.split(":")[0] if isinstance(exc, InputTimeout) else where
    return {"stage": stage, "type": type(exc).__name__, "message": str(exc)[:500], "where": where,
            "traceback": "".join(traceback.format_exception(exc))[-6000:],
            "signature": f"{stage} | {type(exc).__name__} | {key}"}


def invariant_crash(name: str, key: str, message: str) -> dict:
    return {"stage": "invariant", "type": name, "message": message[:500], "where": key, "traceback": "",
            "signature": f"invariant | {name} | {key}"}


def read_input(text: str, lang: str, doc_id: str):
    """(document or None, outcome, crash or None): read as the CLI does -- the language
    identified, and when refused as another one, given (``--lang``)."""
    from dyadline.pipeline.read import read_text
    try:
        with time_limit(READ_LIMIT):
            return read_text(text, doc_id=doc_id), "read", None
    except LanguageError:
        pass
    except DyadlineError as e:
        return None, f"rejected {type(e).__name__}", None
    except (Exception, InputTimeout) as e:
        return None, "crash", exception_crash("read", e)
    try:
        with time_limit(READ_LIMIT):
            return read_text(text, doc_id=doc_id, lang=lang), "lang forced", None
    except DyadlineError as e:
        return None, f"rejected {type(e).__name__}", None
    except (Exception, InputTimeout) as e:
        return None, "crash", exception_crash("read", e)


def run_alone(pipe, text: str, lang: str, doc_id: str) -> tuple[str, list[dict], Document | None]:
    """One input through the whole path, exceptions not caught by run_items: (outcome,
    crashes, annotated document)."""
    doc, outcome, crash = read_input(text, lang, doc_id)
    if crash:
        return "crash", [crash], None
    if doc is None:
        return outcome, [], None
    bad = [invariant_crash(*x) for x in invariants(doc, records=False)]
    try:
        with time_limit(DOC_LIMIT):
            (out,) = list(pipe.process([doc]))
    except DyadlineError as e:
        return f"stage refused ({type(e).__name__})", bad, None
    except (Exception, InputTimeout) as e:
        return "crash", bad + [exception_crash("pipeline", e)], None
    bad += [invariant_crash(*x) for x in invariants(out, tables=False)]
    return ("crash" if bad else "ok"), bad, out


# -- workers -----------------------------------------------------------------------------------

_WORKER: dict = {}


def _quiet() -> None:
    logging.disable(logging.CRITICAL)      # run_items logs every internal error in full


def _init_worker(corpus: Corpus, seed: int) -> None:
    _quiet()
    from dyadline.pipeline import Pipeline
    from dyadline.pipeline.workers import one_thread_each
    one_thread_each()
    pipe = Pipeline()
    for lang in LANGS:
        pipe.stages(lang)                  # models and lexicons loaded before the first batch
    _WORKER.update(pipe=pipe, corpus=corpus, seed=seed)


def run_task(start: int, count: int) -> dict:
    """Inputs start .. start+count-1: read each, annotate the documents with one run_items,
    check them. Returns counts and crash records."""
    pipe, corpus, seed = _WORKER["pipe"], _WORKER["corpus"], _WORKER["seed"]
    t0 = time.perf_counter()
    counts: Counter = Counter()
    crashes: list[dict] = []
    items = []

    def crash(record: dict, index: int, text: str, lang: str, ops: list[str]) -> None:
        record.update(index=index, seed=seed, lang=lang, mutations=ops, input=text)
        crashes.append(record)

    for i in range(start, start + count):
        text, lang, ops = make_input(corpus, seed, i)
        counts["inputs"] += 1
        doc, outcome, c = read_input(text, lang, f"fuzz-{i}")
        if c:
            crash(c, i, text, lang, ops)
            continue
        counts[outcome] += 1
        if doc is None:
            continue
        for x in invariants(doc, records=False):
            crash(invariant_crash(*x), i, text, lang, ops)
        items.append((i, text, lang, ops, doc))
    items.sort(key=lambda x: x[4].lang)     # the parser takes consecutive documents of one language
    try:
        with time_limit(BATCH_LIMIT):
            out = pipe.run_items([x[4] for x in items])
    except InputTimeout:                    # a slow or stuck input: each alone, with its own limit
        out = []
        for i, text, lang, ops, _doc in items:
            outcome, found, d = run_alone(pipe, text, lang, f"fuzz-{i}")
            for c in found:               # invariants: checked below, as for the others
                if c["stage"] != "invariant":
                    crash(c, i, text, lang, ops)
            out.append(d if d is not None else Skipped(f"fuzz-{i}", "run_items raised"))
        counts["batch timeouts"] += 1
    except Exception:                       # run_items itself failed: each input alone
        out = []
        for i, text, lang, ops, _doc in items:
            doc, _, _ = read_input(text, lang, f"fuzz-{i}")
            try:
                out.append(pipe.run_items([doc])[0])
            except Exception as e:
                crash(exception_crash("run_items", e), i, text, lang, ops)
                out.append(Skipped(doc.id, "run_items raised"))
    for (i, text, lang, ops, _doc), d in zip(items, out):
        if isinstance(d, Skipped):
            if d.reason.startswith("internal error") or "parser failed" in d.reason:
                outcome, found, _ = run_alone(pipe, text, lang, f"fuzz-{i}")
                found = [c for c in found if c["stage"] != "invariant"] or [{
                    "stage": "pipeline", "type": "InternalError", "message": d.reason[:500],
                    "where": "not reproduced alone", "traceback": "",
                    "signature": f"pipeline | InternalError | {d.reason[:80]}"}]
                for c in found:
                    crash(c, i, text, lang, ops)
            elif d.reason == "run_items raised":
                pass
            else:
                counts["stage refused"] += 1
            continue
        counts["annotated"] += 1
        counts["events"] += len(d.events)
        counts["facts"] += len(d.facts)
        for x in invariants(d, tables=False):
            crash(invariant_crash(*x), i, text, lang, ops)
    return {"start": start, "count": count, "counts": dict(counts), "crashes": crashes,
            "seconds": time.perf_counter() - t0}


# -- the run -----------------------------------------------------------------------------------

class Report:
    def __init__(self, folder: Path, keep: int) -> None:
        self.folder = folder
        self.keep = keep
        self.counts: Counter = Counter()
        self.crashes = 0
        self.crashed_inputs: set[int] = set()
        self.by_sig: dict[str, dict] = {}
        self.slowest = (0.0, -1)

    def add(self, result: dict) -> None:
        self.counts.update(result["counts"])
        if result["seconds"] > self.slowest[0]:
            self.slowest = (result["seconds"], result["start"])
        for c in result["crashes"]:
            self.add_crash(c)

    def add_crash(self, c: dict) -> None:
        self.crashes += 1
        self.crashed_inputs.add(c["index"])
        sig = c["signature"]
        row = self.by_sig.get(sig)
        if row is None:
            row = self.by_sig[sig] = {"signature": sig, "stage": c["stage"], "type": c["type"],
                                      "where": c["where"], "message": c["message"], "count": 0,
                                      "example_index": c["index"], "example_lang": c["lang"],
                                      "files": [], "shortest": None}
        row["count"] += 1
        if len(row["files"]) < self.keep:
            self.folder.mkdir(parents=True, exist_ok=True)
            h = hashlib.sha1(sig.encode("utf-8")).hexdigest()[:10]
            base = self.folder / f"{h}-{c['index']}"
            base.with_suffix(".json").write_text(json.dumps(c, ensure_ascii=True, indent=1), encoding="ascii")
            base.with_suffix(".txt").write_text(c["input"], encoding="utf-8", errors="surrogatepass")
            row["files"].append(str(base.with_suffix(".json")))
            if row["shortest"] is None or len(c["input"]) < row["shortest"][0]:
                row["shortest"] = (len(c["input"]), str(base.with_suffix(".json")))


def _pool(workers: int, corpus: Corpus, seed: int) -> ProcessPoolExecutor:
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                               initargs=(corpus, seed))


def _kill(pool: ProcessPoolExecutor) -> None:
    for p in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            p.kill()
        except Exception:
            pass
    pool.shutdown(wait=False, cancel_futures=True)


def _isolate(tasks: list[tuple[int, int]], corpus: Corpus, seed: int, report: Report, hang: float, log) -> None:
    """Inputs of batches during which a worker died or hung: one at a time in a fresh worker,
    to find the inputs that do it."""
    pool = None
    for start, count in tasks:
        for i in range(start, start + count):
            if pool is None:
                pool = _pool(1, corpus, seed)
            fut = pool.submit(run_task, i, 1)
            done, _ = wait([fut], timeout=hang + 60)
            kind = None
            if not done:
                kind = "Hang"
            else:
                try:
                    report.add(fut.result())
                    continue
                except BrokenProcessPool:
                    kind = "WorkerDied"
            _kill(pool)
            pool = None
            text, lang, ops = make_input(corpus, seed, i)
            log(f"input {i}: {kind}")
            report.counts["inputs"] += 1
            report.add_crash({"stage": "worker", "type": kind, "message": f"the worker {kind.lower()} on this input",
                              "where": "worker process", "traceback": "", "signature": f"worker | {kind}",
                              "index": i, "seed": seed, "lang": lang, "mutations": ops, "input": text})
    if pool is not None:
        pool.shutdown()


def fuzz(a, log) -> dict:
    corpus = build_corpus(seed=a.seed)
    folder = Path(a.crashes) if a.crashes else Path(tempfile.mkdtemp(prefix="dyadline-")) / "fuzz-crashes"
    report = Report(folder, a.keep)
    tasks = [(s, min(a.batch, a.inputs - s)) for s in range(0, a.inputs, a.batch)]
    log(f"fuzzing {a.inputs} inputs in batches of {a.batch} with {a.workers} worker(s); crashes to {folder}")
    t_load = time.perf_counter()
    pool = _pool(a.workers, corpus, a.seed)
    pending: dict = {}
    suspects: list[tuple[int, int]] = []
    next_task = 0
    t0 = None
    last_log = time.perf_counter()
    while next_task < len(tasks) or pending:
        while next_task < len(tasks) and len(pending) < 2 * a.workers:
            pending[pool.submit(run_task, *tasks[next_task])] = tasks[next_task]
            next_task += 1
        done, _ = wait(pending, timeout=a.hang_timeout + (120 if t0 is None else 0), return_when=FIRST_COMPLETED)
        if not done:                              # no batch finished for a long time: a hang
            log(f"no batch done in {a.hang_timeout:.0f} s; isolating {len(pending)} batch(es)")
            suspects += list(pending.values())
            pending.clear()
            _kill(pool)
            pool = _pool(a.workers, corpus, a.seed)
            continue
        broken = False
        for f in done:
            task = pending.pop(f)
            try:
                result = f.result()
            except BrokenProcessPool as e:
                if t0 is None:                    # never started: models missing, out of memory...
                    _kill(pool)
                    raise SystemExit(f"the worker processes could not start or died at once ({e}); "
                                     "try: python benchmarks/fuzz.py --inputs 64 --workers 1") from e
                broken = True
                suspects.append(task)
                continue
            if t0 is None:                        # the clock starts with the first batch done
                t0 = time.perf_counter() - result["seconds"]
                log(f"workers ready in {time.perf_counter() - t_load - result['seconds']:.1f} s")
            report.add(result)
        if broken:
            log(f"a worker died; isolating {len(pending) + 1} batch(es)")
            suspects += list(pending.values())
            pending.clear()
            _kill(pool)
            pool = _pool(a.workers, corpus, a.seed)
        if time.perf_counter() - last_log >= a.progress:
            last_log = time.perf_counter()
            n = report.counts["inputs"]
            rate = n / max(1e-9, time.perf_counter() - (t0 or last_log))
            log(f"[{100 * n / a.inputs:5.1f}%] {n} inputs, {report.crashes} crashes "
                f"({len(report.by_sig)} distinct), {rate:.1f} inputs/s, "
                f"ETA {(a.inputs - n) / max(rate, 1e-9) / 60:.1f} min")
    pool.shutdown()
    elapsed = time.perf_counter() - (t0 or t_load)
    isolating = 0.0
    if suspects:
        t_iso = time.perf_counter()
        _isolate(suspects, corpus, a.seed, report, a.hang_timeout, log)
        isolating = time.perf_counter() - t_iso
        elapsed = time.perf_counter() - (t0 or t_load)
    c = report.counts
    summary = {
        "inputs": c["inputs"], "crashes": report.crashes, "crashed_inputs": len(report.crashed_inputs),
        "distinct_crashes": len(report.by_sig),
        "inputs_per_s": round(c["inputs"] / elapsed, 1), "seconds": round(elapsed, 1),
        "model_load_seconds": round(time.perf_counter() - t_load - elapsed, 1) if t0 else None,
        "workers": a.workers, "nproc": os.cpu_count(), "batch": a.batch, "seed": a.seed,
        "read_rejected": sum(v for k, v in c.items() if k.startswith("rejected")),
        "read_rejected_by": {k.split(" ", 1)[1]: v for k, v in c.items() if k.startswith("rejected")},
        "lang_forced": c["lang forced"], "stage_refused": c["stage refused"], "annotated": c["annotated"],
        "events": c["events"], "facts": c["facts"],
        "slowest_batch_s": round(report.slowest[0], 2), "slowest_batch_start": report.slowest[1],
        "batch_timeouts": c["batch timeouts"], "isolation_seconds": round(isolating, 1),
        "crashes_dir": str(folder),
        "distinct": sorted(({k: v for k, v in row.items() if k != "files"} | {"file": row["files"][0]}
                            for row in report.by_sig.values()), key=lambda r: -r["count"]),
    }
    if a.minimize and report.by_sig:
        minimize_all(summary, log)
    return summary


# -- minimizing, replaying ---------------------------------------------------------------------

def _signatures(pipe, text: str, lang: str) -> set[str]:
    _, found, _ = run_alone(pipe, text, lang, "fuzz-min")
    return {c["signature"] for c in found}


def minimize(pipe, text: str, lang: str, signature: str, budget: int = 3000) -> str | None:
    """Delete pieces of ``text`` (halves, then smaller, down to single characters) as long as
    the crash with ``signature`` still happens; at most ``budget`` runs. None when the input
    does not crash alone in this process (the code changed since the run, or the crash needs
    the other documents of its batch)."""
    runs = 0

    def fails(t: str) -> bool:
        nonlocal runs
        runs += 1
        return signature in _signatures(pipe, t, lang)

    if not fails(text):
        return None
    size = max(1, len(text) // 2)
    while size >= 1 and runs < budget:
        changed = False
        i = 0
        while i < len(text) and runs < budget:
            candidate = text[:i] + text[i + size:]
            if candidate != text and fails(candidate):
                text, changed = candidate, True
            else:
                i += size
        if not changed:
            size //= 2
    return text


def minimize_all(summary: dict, log) -> None:
    global READ_LIMIT, DOC_LIMIT
    READ_LIMIT, DOC_LIMIT = 2.0, 5.0       # each try of a hanging input costs its time limit
    _quiet()
    from dyadline.pipeline import Pipeline
    pipe = Pipeline()
    for row in summary["distinct"]:
        if row["stage"] == "worker":
            continue
        path = Path(row["shortest"][1]) if row.get("shortest") else Path(row["file"])
        c = json.loads(path.read_text(encoding="ascii"))
        budget = 150 if "InputTimeout" in row["signature"] else 3000
        small = minimize(pipe, c["input"], c["lang"], row["signature"], budget)
        row["reproduced_alone"] = small is not None
        if small is None:
            log(f"not minimized, does not crash alone now: {row['signature']} ({path})")
            continue
        out = path.with_name(path.stem.split("-")[0] + "-min.txt")
        out.write_text(small, encoding="utf-8", errors="surrogatepass")
        row["minimal_input"] = small
        row["minimal_file"] = str(out)
        log(f"minimized {row['signature']}: {len(c['input'])} -> {len(small)} characters")


def replay(path: str) -> None:
    _quiet()
    from dyadline.pipeline import Pipeline
    c = json.loads(Path(path).read_text(encoding="ascii"))
    outcome, found, doc = run_alone(Pipeline(), c["input"], c["lang"], "fuzz-replay")
    print(f"input {c.get('index')} ({c['lang']}, {len(c['input'])} characters): {outcome}")
    print(repr(c["input"][:2000]))
    for x in found:
        print(f"\n{x['signature']}\n{x['message']}\n{x['traceback']}")
    if doc is not None:
        print(f"{len(doc.events)} events, {len(doc.facts)} facts")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", type=int, default=100_000, help="inputs to try (default 100000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    ap.add_argument("--batch", type=int, default=64, help="inputs per run_items batch")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--crashes", default=None, help="folder for crashing inputs (default: fuzz-crashes/ in a temp dir)")
    ap.add_argument("--keep", type=int, default=20, help="inputs saved per distinct crash")
    ap.add_argument("--minimize", action="store_true", help="shrink one input of each distinct crash")
    ap.add_argument("--hang-timeout", type=float, default=90.0,
                    help="seconds without any batch done: a worker is stuck (outside Python code)")
    ap.add_argument("--progress", type=float, default=15.0, help="seconds between progress lines")
    ap.add_argument("--show", type=int, default=None, metavar="INDEX", help="print input INDEX and exit")
    ap.add_argument("--replay", default=None, metavar="FILE", help="run a saved crash (.json) again and exit")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    for stream in (sys.stdout, sys.stderr):   # inputs may hold lone surrogates
        stream.reconfigure(errors="backslashreplace")
    if a.replay:
        replay(a.replay)
        return
    if a.show is not None:
        text, lang, ops = make_input(build_corpus(seed=a.seed), a.seed, a.show)
        print(f"input {a.show} (seed {a.seed}, {lang}; mutations: {', '.join(ops)}):\n{text!r}")
        return
    if a.inputs < 1 or a.workers < 1 or a.batch < 1:
        ap.error("--inputs, --workers and --batch must be at least 1")
    out = sys.stderr if a.json else sys.stdout

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    s = fuzz(a, log)
    print(f"{s['inputs']} inputs in {s['seconds']} s ({s['inputs_per_s']} inputs/s, {s['workers']} workers, "
          f"{s['nproc']} cores; models loaded in {s['model_load_seconds']} s before)", file=out)
    print(f"read: {s['read_rejected']} rejected {s['read_rejected_by']}, {s['lang_forced']} read with the seed's "
          f"language after a LanguageError | stages: {s['annotated']} annotated, {s['stage_refused']} refused | "
          f"{s['events']} events, {s['facts']} facts", file=out)
    print(f"crashes: {s['crashes']} on {s['crashed_inputs']} inputs, {s['distinct_crashes']} distinct "
          f"(saved in {s['crashes_dir']})", file=out)
    for row in s["distinct"]:
        print(f"  {row['count']:>6}  {row['signature']}\n          {row['message'][:200]}\n          e.g. {row['file']}",
              file=out)
        if "minimal_input" in row:
            print(f"          minimal: {row['minimal_input'][:300]!r}", file=out)
        elif row.get("reproduced_alone") is False:
            print("          (does not crash alone now: the code changed since, or it needs its batch)", file=out)
    if a.json:
        print(json.dumps(s, ensure_ascii=True))


if __name__ == "__main__":
    main()
