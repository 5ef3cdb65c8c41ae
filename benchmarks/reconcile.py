#!/usr/bin/env python3
"""Reconciliation at scale, on synthetic mentions shaped like real event data
(``dyadline.testing.mentions``: pairs from a power law, realistic kinds, 15 % undated,
multi-year intervals, events reported by several documents in two languages with some dates
disagreeing), with the truth of which event each mention reports.

    python benchmarks/reconcile.py dense [--sizes 10000 30000 100000]
    python benchmarks/reconcile.py mixed [--sizes 10000 100000 1000000] [--incremental 0.01]
    python benchmarks/reconcile.py legacy [--mentions 100000]

``dense``: one pair of states, ``reconcile()`` in memory. ``mixed``: the mentions are written
into a DuckDB store and ``reconcile_store`` runs a full pass; with ``--incremental`` a share of
new documents is then added and reconciled incrementally, and a full pass checks that the
clusters are the same. ``legacy``: the former benchmark's mentions (random pairs among the
states, no undated mention). Every row gives the time, the mentions per second, peak memory
(the process's maximum resident set) and pairwise precision and recall of same-event
decisions; the series should grow as n log n (``per_n_log_n``: seconds / (n log2 n) x 1e6).
"""
from __future__ import annotations

import argparse
import math
import random
import resource
import tempfile
import time
from pathlib import Path

from dyadline.kinds import kinds
from dyadline.records import Event
from dyadline.reconcile import reconcile
from dyadline.testing.mentions import generate, truth_scores

from report import report  # benchmarks/report.py


def peak_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def row(name: str, n: int, secs: float, assignment, truth) -> dict:
    p, r = truth_scores(assignment, truth)
    return {"set": name, "mentions": n, "real_events": len(set(truth.values())),
            "clusters": len(set(assignment.values())), "seconds": round(secs, 2),
            "mentions_per_s": round(n / secs), "per_n_log_n": round(secs / (n * math.log2(n)) * 1e6, 3),
            "peak_mb": peak_mb(), "pair_precision": round(p, 4), "pair_recall": round(r, 4)}


def dense(sizes: list[int], seed: int) -> list[dict]:
    rows = []
    for n in sizes:
        pairs = list(generate(n, seed, dense=True))
        truth = {e.id: t for e, t in pairs}
        events = [e for e, _ in pairs]
        del pairs
        t0 = time.perf_counter()
        rec = reconcile(events)
        rows.append(row("dense", n, time.perf_counter() - t0, rec.assignment, truth))
        del events, rec
    return rows


def legacy(n_mentions: int, seed: int) -> list[dict]:
    """The former benchmark's set: random pairs among the states, one to four reports."""
    from dyadline.kb import default_kb
    rng = random.Random(seed)
    kb = default_kb()
    states = sorted(c for c, a in kb.actors.items() if a.type == "state" and (a.end is None or a.end >= 1950))
    orgs = sorted(c for c, a in kb.actors.items() if a.type == "org")
    ks = kinds()
    names = sorted(ks)
    truth, events, real = {}, [], 0
    while len(events) < n_mentions:
        real += 1
        kind = rng.choice(names)
        K = ks[kind]
        a, b = rng.sample(states, 2)
        target = [rng.choice(orgs)] if kind in ("JOIN_ALLIANCE", "LEAVE_ALLIANCE") else [b]
        year, month = rng.randint(1946, 2020), rng.randint(1, 12)
        for r in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
            if K.once and rng.random() < 0.15:
                date = str(year + rng.choice((-4, -2, 2, 4)))
            else:
                date = rng.choice((f"{year}-{month:02d}", str(year), f"{year}-{month:02d}"))
            doc = f"doc{rng.randrange(n_mentions // 3 + 1)}.txt"
            start = rng.randrange(0, 50_000)
            ev = Event(doc=doc, lang=rng.choice(("en", "fr")), evidence=f"e{real}.{r}", span=(start, start + 60),
                       kind=kind, plover=K.plover, cameo=K.cameo, quad_class=K.quad_class,
                       goldstein=K.goldstein, source=[a], target=target, source_text=[a],
                       target_text=list(target), date=date, date_text=date, negated=False,
                       confidence=0.8, label="", sentence=r, id=f"ev{real}_{r}")
            truth[ev.id] = real
            events.append(ev)
    events = events[:n_mentions]
    truth = {e.id: truth[e.id] for e in events}
    t0 = time.perf_counter()
    rec = reconcile(events)
    return [row("legacy", len(events), time.perf_counter() - t0, rec.assignment, truth)]


def mixed(sizes: list[int], seed: int, incremental: float) -> list[dict]:
    """The mentions are streamed into the store a chunk at a time and the truth is read back
    from their ids in the database: the process holds no list of a million events or dict of
    a million ids, so its peak is the reconciliation's (and DuckDB's)."""
    from dyadline.reconcile import reconcile_store
    from dyadline.store import Store
    from dyadline.testing.mentions import store_truth_scores, write_events
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "r.duckdb") as store:
            write_events(store, generate(n, seed))
            before = peak_mb()
            t0 = time.perf_counter()
            run = reconcile_store(store, full=True)
            secs = time.perf_counter() - t0
            p, r_ = store_truth_scores(store)
            r = {"set": "mixed", "mentions": n, "clusters": run.clusters, "seconds": round(secs, 2),
                 "mentions_per_s": round(n / secs), "per_n_log_n": round(secs / (n * math.log2(n)) * 1e6, 3),
                 "peak_mb": peak_mb(), "peak_before_mb": before, "units": run.units,
                 "pair_precision": round(p, 4), "pair_recall": round(r_, 4)}
            if incremental:
                n_new = max(1, int(n * incremental))
                write_events(store, generate(n_new, seed + 1000, docs_per_mention=0.3, doc_prefix="new"))
                t0 = time.perf_counter()
                inc = reconcile_store(store)
                r["incremental_mentions"] = n_new
                r["incremental_s"] = round(time.perf_counter() - t0, 2)
                r["incremental_share"] = round(r["incremental_s"] / secs, 3)
                r["incremental_units"] = inc.units
                con = store.con
                con.execute("CREATE TEMP TABLE _inc AS SELECT id, cluster FROM events")
                con.execute("CREATE TEMP TABLE _inc_c AS SELECT id, members, date, kind, source, target FROM clusters")
                t0 = time.perf_counter()
                reconcile_store(store, full=True)
                r["full_after_s"] = round(time.perf_counter() - t0, 2)
                r["incremental_share"] = round(r["incremental_s"] / r["full_after_s"], 3)
                diff = con.execute(
                    "SELECT (SELECT count(*) FROM events e JOIN _inc i USING (id) WHERE e.cluster IS DISTINCT FROM i.cluster)"
                    " + (SELECT count(*) FROM (SELECT id, members, date, kind, source, target FROM clusters "
                    "EXCEPT SELECT * FROM _inc_c))"
                    " + (SELECT count(*) FROM (SELECT * FROM _inc_c EXCEPT SELECT id, members, date, kind, source, "
                    "target FROM clusters))").fetchall()[0][0]
                r["incremental_same_as_full"] = diff == 0
                r["peak_mb"] = peak_mb()
            rows.append(r)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=("dense", "mixed", "legacy"))
    ap.add_argument("--sizes", type=int, nargs="+", default=None)
    ap.add_argument("--mentions", type=int, default=100_000, help="legacy: how many mentions")
    ap.add_argument("--incremental", type=float, default=0.0,
                    help="mixed: add this share of new mentions and reconcile incrementally")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.set == "dense":
        rows = dense(a.sizes or [10_000, 30_000, 100_000], a.seed)
    elif a.set == "mixed":
        rows = mixed(a.sizes or [10_000, 100_000, 1_000_000], a.seed, a.incremental)
    else:
        rows = legacy(a.mentions, a.seed)

    def line(r: dict) -> str:
        s = (f"{r['set']}: {r['mentions']} mentions"
             + (f" of {r['real_events']} events" if "real_events" in r else "") + f" -> {r['clusters']} "
             f"clusters in {r['seconds']} s ({r['mentions_per_s']}/s, {r['per_n_log_n']} us per n log2 n), "
             f"peak {r['peak_mb']} MB; same-event pairs P={r['pair_precision']} R={r['pair_recall']}")
        if "incremental_s" in r:
            s += (f"\n  +{r['incremental_mentions']} new mentions: incremental run {r['incremental_s']} s "
                  f"= {r['incremental_share']:.1%} of a full pass ({r['full_after_s']} s) ({r['incremental_units']} of "
                  f"{r['units']} units); same clusters as a full pass: {r['incremental_same_as_full']}")
        return s
    report(rows, line, a.json)


if __name__ == "__main__":
    main()
