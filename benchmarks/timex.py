#!/usr/bin/env python3
"""The temporal tagger: accuracy on its case sets, speed alone, and its share of pipeline time.

    python benchmarks/timex.py [--words 50000] [--json]

Prints, per language:
  - accuracy on tests/timex/cases_<lang>.jsonl and, when present, on the held-out
    tests/timex/holdout_<lang>.jsonl (written by someone who had not seen the tagger's cases)
    and on the news sets tests/timex/news_<lang>.jsonl (expressions with the document's date,
    written by someone who had not seen the tagger), overall and by kind of expression;
  - expressions per second and characters per second of the tagger alone (with the named
    events of the knowledge base), on the bundled samples repeated;
  - the share of the whole pipeline's time (parse included) spent in the dates stage.
With --json, ends with one JSON line per language.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from dyadline.lang import available_languages
from dyadline.kb import default_kb
from dyadline.pipeline.parse import count_words
from dyadline.pipeline import Pipeline
from dyadline.pipeline.read import read_file, read_text, sample_paths
from dyadline.timex import TimeTagger
from dyadline.evaluate.dates import load_cases, run_cases, summary

from report import report  # benchmarks/report.py

TESTS = Path(__file__).resolve().parents[1] / "tests" / "timex"


def texts(lang: str, words: int) -> list[str]:
    base = [d.text for d in (read_file(p) for p in sample_paths()) if d.lang == lang]
    out, total = [], 0
    while total < words:
        t = base[len(out) % len(base)]
        out.append(t)
        total += count_words(t)
    return out


def measure(lang: str, words: int) -> dict:
    kb = default_kb()
    tagger = TimeTagger(lang, named=kb.named_index(lang))
    row: dict = {"lang": lang}
    for name in ("cases", "holdout", "news"):
        path = TESTS / f"{name}_{lang}.jsonl"
        if path.exists():
            rep = summary(run_cases(load_cases(path), lang, TimeTagger(lang)))
            row[f"{name}_accuracy"] = rep["all"]["accuracy"]
            row[f"{name}_n"] = rep["all"]["cases"]
            row[f"{name}_by_kind"] = {k.split(":", 1)[1]: v["accuracy"] for k, v in rep.items() if k != "all"}
    docs = texts(lang, words)
    tagger.tag_narrative(docs[0])           # warm-up
    t0 = time.perf_counter()
    n_expr = sum(len(tagger.tag_narrative(t)) for t in docs)
    secs = time.perf_counter() - t0
    chars = sum(len(t) for t in docs)
    row.update(expressions=n_expr, tagger_s=round(secs, 3),
               expressions_per_s=round(n_expr / secs), chars_per_s=round(chars / secs))
    pipe = Pipeline(kb=kb)
    pipe.stages(lang)
    pdocs = [read_text(t, doc_id=f"{i}.txt", lang=lang) for i, t in enumerate(texts(lang, words))]
    t0 = time.perf_counter()
    for _ in pipe.process(pdocs, batch_size=32):
        pass
    total = time.perf_counter() - t0
    row.update(pipeline_s=round(total, 2), dates_stage_s=round(pipe.timings.get("dates", 0.0), 3),
               dates_share=round(pipe.timings.get("dates", 0.0) / total, 4))
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=50_000, help="words per language (default 50000)")
    ap.add_argument("--lang", action="append", choices=available_languages())
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    rows = [measure(lang, a.words) for lang in (a.lang or available_languages())]
    def line(r: dict) -> str:
        acc = f"cases {r.get('cases_accuracy')} (n={r.get('cases_n')})"
        if "holdout_accuracy" in r:
            acc += f", held-out {r['holdout_accuracy']} (n={r['holdout_n']})"
        if "news_accuracy" in r:
            acc += f", news {r['news_accuracy']} (n={r['news_n']}; by kind: " + ", ".join(
                f"{k} {v}" for k, v in sorted(r["news_by_kind"].items())) + ")"
        return (f"{r['lang']}: {acc} | {r['expressions_per_s']} expressions/s, {r['chars_per_s']} chars/s "
                f"alone | dates stage {r['dates_stage_s']} s of {r['pipeline_s']} s pipeline "
                f"= {100 * r['dates_share']:.1f}%")
    report(rows, line, a.json)


if __name__ == "__main__":
    main()
