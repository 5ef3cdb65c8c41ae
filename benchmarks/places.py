#!/usr/bin/env python3
"""The gazetteer: load time and memory, lookup time, and accuracy on the place case sets.

    python benchmarks/places.py [--lookups 20000] [--json]

Prints the time and the memory (peak resident set growth, and Python allocations) to load
the gazetteer (GeoNames cities of 15,000+ inhabitants, countries, our regions), the mean time
of a lookup over names drawn from the gazetteer and from the case sets, and the accuracy on
tests/kb/places_cases_<lang>.jsonl (written by a helper who had not seen the implementation),
overall and per category. With --json, ends with one JSON line per measure.
"""
from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lookups", type=int, default=20000)
    ap.add_argument("--no-cases", action="store_true", help="Skip the case sets (no parsing).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from dyadline.kb import default_kb
    from dyadline.kb.places import Gazetteer
    kb = default_kb()
    before = rss_mb()
    t0 = time.perf_counter()
    gaz = Gazetteer(kb)
    load_s = time.perf_counter() - t0
    grown = rss_mb() - before
    del gaz
    tracemalloc.start()             # a second build, traced (tracing slows it: not timed)
    gaz = Gazetteer(kb)
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"load: {load_s:.3f} s, {len(gaz):,} places, {len(gaz.names()):,} names; "
          f"peak RSS +{grown:.0f} MB, Python allocations peak {peak / 2**20:.0f} MB")

    rng = random.Random(7)
    keys = gaz.names()
    names = [rng.choice(keys) for _ in range(args.lookups)]
    misses = [n + "qx" for n in names[: args.lookups // 10]]
    t0 = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    hit_us = (time.perf_counter() - t0) / len(names) * 1e6
    t0 = time.perf_counter()
    for n in misses:
        gaz.lookup(n)
    miss_us = (time.perf_counter() - t0) / max(1, len(misses)) * 1e6
    print(f"lookup: {hit_us:.1f} µs per known name (ranked), {miss_us:.1f} µs per unknown name")
    rows = [{"measure": "load", "seconds": round(load_s, 3), "rss_mb": round(grown, 1),
             "alloc_peak_mb": round(peak / 2**20, 1), "places": len(gaz)},
            {"measure": "lookup", "us_known": round(hit_us, 2), "us_unknown": round(miss_us, 2)}]

    if not args.no_cases:
        from dyadline.evaluate.places import load_cases, run_cases, summary
        from dyadline.pipeline import Pipeline
        pipe = Pipeline()
        for lang in ("en", "fr"):
            path = ROOT / "tests" / "kb" / f"places_cases_{lang}.jsonl"
            if not path.exists():
                continue
            results = run_cases(load_cases(path), lang, pipe, gaz)
            s = summary(results)
            cats = ", ".join(f"{k.split(':', 1)[1]} {v['accuracy']:.2f} ({v['cases']})"
                             for k, v in s.items() if k.startswith("category:"))
            print(f"cases {lang}: {s['all']['accuracy']:.3f} of {s['all']['cases']} — {cats}")
            rows.append({"measure": f"cases_{lang}", **s["all"],
                         "categories": {k.split(":", 1)[1]: v["accuracy"] for k, v in s.items() if ":" in k}})
    if args.json:
        import json
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    main()
