#!/usr/bin/env python3
"""Store query time for a dyad's timeline as the store grows. By default the store is
realistic: synthetic mentions shaped like real event data (``dyadline.testing.mentions``: pairs
from a power law, the top pair about 20 %, all kinds, dates over 1946-2024, several sources per
event) at 10^4, 10^5 and 10^6 mentions, reconciled (``reconcile_store``), and the densest pair
is queried. ``--simple`` gives the former store instead: clusters of one kind between random
pairs of 200 states, one in fifty FRA-DZA, without sources. Then the timeline of the pair is built
(``timeline.from_store``: counted in the database, only the yearly sums and each year's
weightiest events leave it). For comparison, ``rows_ms`` is the time to bring all the dyad's
clusters into Python (``Store.dyad_clusters``), which the timeline no longer does.

    python benchmarks/store_query.py [--sizes 10000 100000 1000000] [--repeat 5] [--json]

Prints, per size, the median time of the whole timeline query and of the database selection
into Python. The figure that matters is the timeline's, and how it grows with the store.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dyadline.kb import default_kb
from dyadline.store import Store
from dyadline.store.dyads import index_parties
from dyadline.timeline import from_store, side_codes

from report import report  # benchmarks/report.py


def fill(store: Store, n: int, states: list[str]) -> None:
    """n synthetic clusters; one pair in fifty is FRA-DZA so that the queried dyad is busy."""
    con = store.con
    con.execute("DELETE FROM clusters")
    con.execute("CREATE OR REPLACE TEMP TABLE _s AS SELECT unnest(?::VARCHAR[]) AS code, "
                "generate_subscripts(?::VARCHAR[], 1) AS k", [states, states])
    m = len(states)
    con.execute(f"""
        INSERT INTO clusters
        SELECT 'cl_' || i, 'VISIT', 'CONSULT', 1, 1.9,
               [CASE WHEN i % 50 = 0 THEN 'FRA' ELSE (SELECT code FROM _s WHERE k = 1 + (i * 7919) % {m}) END],
               [CASE WHEN i % 50 = 0 THEN 'DZA' ELSE (SELECT code FROM _s WHERE k = 1 + (i * 104729 + 13) % {m}) END],
               CAST(1946 + i % 75 AS VARCHAR), 1946 + i % 75, 1946 + i % 75, false, 'visit',
               ['ev_' || i], ['d.txt'], ['en'], []::VARCHAR[], '[]', []::VARCHAR[]
        FROM range({n}) t(i)""")
    index_parties(con)


def realistic(store: Store, n: int) -> None:
    """n synthetic mentions like real event data, reconciled (the store emptied first)."""
    from dyadline.reconcile import reconcile_store
    from dyadline.testing.mentions import generate, write_events
    for t in ("events", "clusters", "disagreements", "cluster_blocks", "dirty_blocks"):
        store.con.execute(f"DELETE FROM {t}")
    write_events(store, generate(n, 1))
    reconcile_store(store, full=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--simple", action="store_true", help="the former store (one kind, no sources)")
    a = ap.parse_args()
    kb = default_kb()
    states = sorted(c for c, x in kb.actors.items() if x.type == "state")[:200]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "q.duckdb") as store:
            for n in a.sizes:
                if a.simple:
                    fill(store, n, states)
                    x, y = "FRA", "DZA"
                else:
                    realistic(store, n)
                    x, y, _n = store.dyads(1)[0]
                A, B = side_codes(x, kb, False), side_codes(y, kb, False)
                select, whole = [], []
                for _ in range(a.repeat):
                    t0 = time.perf_counter()
                    found = store.dyad_clusters(A, B)
                    select.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    tl = from_store(store, x, y, kb=kb)
                    whole.append(time.perf_counter() - t0)
                rows.append({"pair": f"{x}-{y}", "events": n, "dyad_events": len(found), "years": len(tl.years),
                             "rows_ms": round(1000 * statistics.median(select), 1),
                             "timeline_ms": round(1000 * statistics.median(whole), 1)})
    report(rows, lambda r: (
        f"{r['events']:>9} events ({r['pair']}): timeline {r['timeline_ms']} ms (all the dyad's rows into "
        f"Python: {r['rows_ms']} ms) ({r['dyad_events']} events of the dyad, {r['years']} years)"), a.json)


if __name__ == "__main__":
    main()
