#!/usr/bin/env python3
"""Write a synthetic corpus for benchmarks: documents about the relations of two states, in
English and French, of about --words words each (dyadline/synth.py; the stories are fictional).

    python benchmarks/make_corpus.py OUT --docs 1000 [--lang en --lang fr] [--words 400]
                                         [--format txt|jsonl|parquet] [--seed 0]

--docs is per language. txt writes OUT/<id>.txt; jsonl and parquet write one file with the
columns id, text, lang: OUT itself when it ends in .jsonl / .parquet, else OUT/synth.<format>.
The same seed gives the same corpus.
"""
from __future__ import annotations

import argparse
import time

from dyadline.lang import available_languages
from dyadline.testing.synth import FORMATS, corpus_path, write_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="folder (or .jsonl / .parquet file) to write")
    ap.add_argument("--docs", type=int, default=1000, help="documents per language (default 1000)")
    ap.add_argument("--lang", action="append", choices=available_languages(), help="language(s) (default both)")
    ap.add_argument("--words", type=int, default=400, help="about this many words per document (default 400)")
    ap.add_argument("--format", choices=FORMATS, default="txt", help="txt, jsonl or parquet (default txt)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    if a.docs < 0 or a.words < 1:
        ap.error("--docs must be >= 0 and --words >= 1")
    langs = tuple(dict.fromkeys(a.lang or available_languages()))
    t0 = time.perf_counter()
    words = write_corpus(a.out, a.docs, langs=langs, seed=a.seed, words=a.words, fmt=a.format)
    seconds = time.perf_counter() - t0
    n = a.docs * len(langs)
    print(f"{n} documents ({a.docs} per language: {', '.join(langs)}), {words} words, "
          f"{a.format} -> {corpus_path(a.out, a.format)} ({seconds:.1f} s)")


if __name__ == "__main__":
    main()
