#!/usr/bin/env python3
"""Spark scaling: the same synthetic corpus (dyadline.testing.synth, English and French mixed) through
``dyadline run --engine spark`` with local[1] and local[2]; the speed-up is the figure that
matters. Start-up (session, Python workers, model loading, writing) is measured as a run on two
documents, and reported as a share of the full run.

    python benchmarks/spark.py [--docs 350] [--words 400] [--json]
    python benchmarks/spark.py --reconcile 200000     # reconciliation on Spark instead

With --reconcile N: N synthetic mentions (dyadline.testing.mentions, the mixed set) reconciled
by ``dyadline.spark.reconcile`` with local[1] and local[2]; the speed-up is reported.

--docs is per language. Needs Java.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from dyadline.spark import run_spark
from dyadline.testing.synth import write_corpus

from report import report  # benchmarks/report.py


def timed(src: Path, out: Path, master: str) -> tuple[float, dict]:
    t0 = time.perf_counter()
    counts = run_spark(str(src), str(out), master=master)
    return time.perf_counter() - t0, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=350, help="documents per language (default 350)")
    ap.add_argument("--words", type=int, default=400)
    ap.add_argument("--json", action="store_true", help="end with one JSON line")
    ap.add_argument("--reconcile", type=int, default=0, help="reconcile this many synthetic mentions instead")
    a = ap.parse_args()
    if a.reconcile:
        return reconcile_bench(a.reconcile, a.json)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big, small = tmp / "big.jsonl", tmp / "small.jsonl"
        write_corpus(big, a.docs, seed=3, words=a.words, fmt="jsonl")
        write_corpus(small, 1, seed=4, words=a.words, fmt="jsonl")
        row: dict = {"docs": 2 * a.docs, "words_per_doc": a.words, "cores": os.cpu_count()}
        for k in (1, 2):
            startup, _ = timed(small, tmp / f"s{k}", f"local[{k}]")
            full, counts = timed(big, tmp / f"o{k}", f"local[{k}]")
            row[f"local{k}_s"] = round(full, 1)
            row[f"local{k}_docs_per_s"] = round(counts["documents"] / full, 2)
            row[f"local{k}_startup_s"] = round(startup, 1)
            row[f"local{k}_startup_share"] = round(startup / full, 3)
            row[f"local{k}_events"] = counts["events"]
        row["speedup"] = round(row["local1_s"] / row["local2_s"], 2)
        row["same_event_count"] = row["local1_events"] == row["local2_events"]
    report([row], lambda r: "\n".join(
        f"local[{k}]: {r['docs']} docs in {r[f'local{k}_s']} s ({r[f'local{k}_docs_per_s']} docs/s), "
        f"start-up {r[f'local{k}_startup_s']} s = {r[f'local{k}_startup_share']:.1%} of the run, "
        f"{r[f'local{k}_events']} events" for k in (1, 2))
        + f"\nspeed-up local[2]/local[1]: {r['speedup']} | {r['cores']} cores", a.json)


def reconcile_bench(n: int, as_json: bool) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq
    from dyadline.spark.reconcile import reconcile_spark
    from dyadline.testing.mentions import generate
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "events").mkdir()
        rows, part = [], 0
        for e, _ in generate(n, 1):
            rows.append(e.row())
            if len(rows) >= 50_000:
                pq.write_table(pa.Table.from_pylist(rows), tmp / "events" / f"p{part}.parquet")
                rows, part = [], part + 1
        if rows:
            pq.write_table(pa.Table.from_pylist(rows), tmp / "events" / f"p{part}.parquet")
        row: dict = {"mentions": n, "cores": os.cpu_count()}
        for k in (1, 2):
            t0 = time.perf_counter()
            counts = reconcile_spark(tmp / "events", tmp / f"out{k}", master=f"local[{k}]")
            row[f"local{k}_s"] = round(time.perf_counter() - t0, 1)
            row[f"local{k}_clusters"] = counts["clusters"]
        row["speedup"] = round(row["local1_s"] / row["local2_s"], 2)
    report([row], lambda r: (f"reconciliation of {r['mentions']} mentions on Spark: local[1] {r['local1_s']} s, "
                             f"local[2] {r['local2_s']} s, speed-up {r['speedup']} | clusters "
                             f"{r['local1_clusters']}/{r['local2_clusters']} | {r['cores']} cores"), as_json)


if __name__ == "__main__":
    main()
