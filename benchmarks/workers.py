#!/usr/bin/env python3
"""Documents per second with 1 and 2 worker processes (``--workers``), and peak memory per
worker, on synthetic documents (``dyadline.testing.synth``), per language; the speed-up is the figure
that matters. Both arms run with the same thread settings: one numerical-library thread per
worker (``one_thread_each``, what each worker process of ``--workers 2`` sets), the one-worker
arm in this process.

    python benchmarks/workers.py [--docs 150] [--words 400] [--json]
"""
from __future__ import annotations

import argparse
import os
import resource
import time

from dyadline.lang import available_languages
from dyadline.pipeline import Pipeline
from dyadline.pipeline.read import read_text
from dyadline.pipeline.workers import one_thread_each
from dyadline.testing.synth import generate

from report import report  # benchmarks/report.py


def measure(lang: str, n_docs: int, words: int) -> dict:
    texts = list(generate(n_docs, lang, seed=1, words=words))
    row = {"lang": lang, "docs": len(texts), "cores": os.cpu_count()}
    events = {}
    for n in (1, 2):
        pipe = Pipeline()
        pipe.stages(lang)
        list(pipe.process([read_text(t, doc_id=i, lang=lang) for i, t in texts[:4]], n_process=n))  # warm-up
        docs = [read_text(t, doc_id=i, lang=lang) for i, t in texts]
        t0 = time.perf_counter()
        events[n] = sum(len(d.events) for d in pipe.process(docs, batch_size=16, n_process=n))
        row[f"docs_per_s_{n}"] = round(len(texts) / (time.perf_counter() - t0), 2)
        # peak resident memory of one worker: this process with 1, the largest child with 2
        who = resource.RUSAGE_SELF if n == 1 else resource.RUSAGE_CHILDREN
        row[f"peak_mb_per_worker_{n}"] = round(resource.getrusage(who).ru_maxrss / 1024)
    row["speedup"] = round(row["docs_per_s_2"] / row["docs_per_s_1"], 2)
    row["same_events"] = events[1] == events[2]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--lang", action="append", choices=available_languages())
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    one_thread_each()          # the one-worker arm as limited as each worker of the two
    rows = [measure(lang, a.docs, a.words) for lang in (a.lang or available_languages())]
    report(rows, lambda r: (
        f"{r['lang']}: {r['docs']} docs | 1 worker {r['docs_per_s_1']} docs/s, 2 workers "
        f"{r['docs_per_s_2']} docs/s, speed-up {r['speedup']} | peak MB per worker "
        f"{r['peak_mb_per_worker_1']}/{r['peak_mb_per_worker_2']} | same event count: {r['same_events']} "
        f"| {r['cores']} cores"), a.json)


if __name__ == "__main__":
    main()
