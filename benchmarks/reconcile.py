#!/usr/bin/env python3
"""Reconciliation at scale: synthetic event mentions (real-world events reported by one to four
documents, with the dates some reports give coarser, and once-only acts some reports date a few
years off), clustered; prints the time, mentions per second, and how well the synthetic events
were recovered (pairwise precision and recall of same-event decisions).

    python benchmarks/reconcile.py [--mentions 100000] [--seed 1] [--json]

The time should grow about as n log n: compare --mentions 25000, 50000, 100000.
"""
from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from itertools import combinations

from dyadline.kb import default_kb
from dyadline.kinds import kinds
from dyadline.records import Event
from dyadline.reconcile import reconcile

from report import report  # benchmarks/report.py


def synthetic(n_mentions: int, seed: int) -> tuple[list[Event], dict[str, int]]:
    rng = random.Random(seed)
    kb = default_kb()
    states = sorted(c for c, a in kb.actors.items() if a.type == "state" and (a.end is None or a.end >= 1950))
    orgs = sorted(c for c, a in kb.actors.items() if a.type == "org")
    ks = kinds()
    names = sorted(ks)
    truth: dict[str, int] = {}
    events: list[Event] = []
    real = 0
    while len(events) < n_mentions:
        real += 1
        kind = rng.choice(names)
        K = ks[kind]
        a, b = rng.sample(states, 2)
        target = [rng.choice(orgs)] if kind in ("JOIN_ALLIANCE", "LEAVE_ALLIANCE") else [b]
        year = rng.randint(1946, 2020)
        month = rng.randint(1, 12)
        for r in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):
            if K.once and rng.random() < 0.15:
                date = str(year + rng.choice((-4, -2, 2, 4)))       # a source off by years
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
    return events[:n_mentions], truth


def pairwise(assignment: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    by_pred, by_true = defaultdict(list), defaultdict(list)
    for e, c in assignment.items():
        by_pred[c].append(e)
        by_true[truth[e]].append(e)
    pred_pairs = {tuple(sorted(p)) for g in by_pred.values() for p in combinations(g, 2)}
    true_pairs = {tuple(sorted(p)) for g in by_true.values() for p in combinations(g, 2)}
    both = len(pred_pairs & true_pairs)
    return (both / len(pred_pairs) if pred_pairs else 1.0, both / len(true_pairs) if true_pairs else 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    events, truth = synthetic(a.mentions, a.seed)
    t0 = time.perf_counter()
    rec = reconcile(events)
    secs = time.perf_counter() - t0
    p, r = pairwise(rec.assignment, truth)
    row = {"mentions": len(events), "real_events": len(set(truth[e.id] for e in events)),
           "clusters": len(rec.clusters), "disagreements": len(rec.disagreements),
           "seconds": round(secs, 2), "mentions_per_s": round(len(events) / secs),
           "pair_precision": round(p, 4), "pair_recall": round(r, 4)}
    report([row], lambda r: (
        f"{r['mentions']} mentions of {r['real_events']} synthetic events -> {r['clusters']} clusters, "
        f"{r['disagreements']} disagreements in {r['seconds']} s ({r['mentions_per_s']}/s); "
        f"same-event pairs P={r['pair_precision']} R={r['pair_recall']}"), a.json)


if __name__ == "__main__":
    main()
