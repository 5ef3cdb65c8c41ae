#!/usr/bin/env python3
"""Throughput: words per second of the whole pipeline and of the spaCy parse alone, per
language, on the same text (the bundled samples repeated to a few hundred thousand words).

    python benchmarks/throughput.py [--words 200000] [--json]

The figure that matters is the ratio pipeline_wps / parse_wps: what dyadline adds beside the
parser. With --json, the output ends with one JSON line per language.
"""
from __future__ import annotations

import argparse
import os
import resource
import time

from dyadline.lang import available_languages
from dyadline.pipeline.parse import Parsers, count_words, prose_text
from dyadline.pipeline import Pipeline
from dyadline.pipeline.read import read_file, read_text, sample_paths

from report import report  # benchmarks/report.py


def corpus(lang: str, words: int):
    base = [d for d in (read_file(p) for p in sample_paths()) if d.lang == lang]
    if not base:
        raise SystemExit(f"no bundled sample in {lang}")
    docs, total, i = [], 0, 0
    while total < words:
        src = base[i % len(base)]

        docs.append(read_text(src.text, doc_id=f"{i}_{src.id}", lang=lang))
        total += count_words(src.text)
        i += 1
    return docs, total


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(lang: str, words: int, batch_size: int) -> dict:
    parsers = Parsers()
    pipe = Pipeline(parsers=parsers)
    pipe.stages(lang)                      # load the model and compile lexicons first
    docs, total = corpus(lang, words)
    nlp = parsers.get(lang)
    # warm-up
    list(nlp.pipe([prose_text(d) for d in docs[:4]]))
    t0 = time.perf_counter()
    for _ in nlp.pipe((prose_text(d) for d in docs), batch_size=batch_size):
        pass
    parse_s = time.perf_counter() - t0
    docs, _ = corpus(lang, words)
    t0 = time.perf_counter()
    n_events = 0
    for d in pipe.process(docs, batch_size=batch_size):
        n_events += len(d.events)
    pipe_s = time.perf_counter() - t0
    return {"lang": lang, "words": total, "docs": len(docs), "events": n_events,
            "parse_s": round(parse_s, 2), "pipeline_s": round(pipe_s, 2),
            "parse_wps": round(total / parse_s), "pipeline_wps": round(total / pipe_s),
            "ratio": round(parse_s / pipe_s, 3), "peak_rss_mb": round(peak_rss_mb()),
            # what the pipeline adds beside the parse, per stage (share of pipeline time)
            "stage_share": {k: round(v / pipe_s, 3) for k, v in pipe.timings.items()},
            "cores": os.cpu_count()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=200_000, help="words per language (default 200000)")
    ap.add_argument("--lang", action="append", choices=available_languages(), help="language(s) to measure")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", action="store_true", help="end with one JSON line per language")
    a = ap.parse_args()
    results = [measure(lang, a.words, a.batch_size) for lang in (a.lang or available_languages())]
    report(results, lambda r: (
        f"{r['lang']}: {r['words']} words in {r['docs']} docs, {r['events']} events | "
        f"parse {r['parse_wps']} w/s, pipeline {r['pipeline_wps']} w/s, ratio {r['ratio']:.2f} | "
        f"peak RSS {r['peak_rss_mb']} MB | {r['cores']} cores | stages: "
        + ", ".join(f"{k} {v:.0%}" for k, v in r["stage_share"].items())), a.json)


if __name__ == "__main__":
    main()
