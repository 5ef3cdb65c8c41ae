"""Incremental reconciliation of a store.

A run reconciles the units (:mod:`.units`) that contain a block of an event stored since the
last run (``events.blocks`` is NULL) or of an event replaced or removed since
(``dirty_blocks``, written by :meth:`~dyadline.store.Store.save`), with every event of those
units; the clusters of all other units keep their ids and rows. Units are reconciled a batch at
a time, so memory grows with the largest unit, not the store. A store reconciled by another
version of the algorithm (or by :meth:`~dyadline.store.Store.save_reconciliation`) gets a
full pass. The result is the same as a full pass (``tests/reconcile/test_store.py``)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from .build import build_cluster
from .linkage import cluster_unit
from .mentions import Mention, event_blocks
from .units import link_all

log = logging.getLogger(__name__)

BATCH_EVENTS = 100_000      # events read from the store at a time (whole units)


@dataclass
class StoreRun:
    """What a reconciliation of a store did, and what the store holds after it."""

    full: bool = False
    units: int = 0                  # units reconciled
    events: int = 0                 # events reconciled (those of the units redone)
    made: int = 0                   # clusters written
    seconds: float = 0.0
    clusters: int = 0               # all clusters of the store
    reported_more_than_once: int = 0
    disagreements: int = 0


def run(store, kb=None, full: bool = False) -> StoreRun:
    from . import ALGORITHM
    if kb is None:
        from ..kb import default_kb
        kb = default_kb()
    t0 = time.perf_counter()
    rec = store.reconciling()
    ch = rec.changes()
    full = full or ch.version != ALGORITHM
    new_blocks = {i: event_blocks(kind, src or [], tgt or [], date, doc_date)
                  for i, kind, src, tgt, date, doc_date in ch.new}
    out = StoreRun(full=full)
    with rec.transaction() as tx:
        tx.set_blocks(new_blocks)
        links = link_all(ch.linked + [b for b in new_blocks.values() if len(b) > 1])
        if full:
            keys = tx.all_blocks()
        else:
            dirty = ch.dirty | {k for b in new_blocks.values() for k in b}
            groups = links.members()
            keys = sorted({k for d in dirty for k in groups.get(links.unit(d), [d])})
        names = sorted({links.unit(k) for k in keys})
        number = {n: i for i, n in enumerate(names)}
        sizes = tx.plan({k: number[links.unit(k)] for k in keys}, full)
        out.units = len(sizes)
        for first, last in _batches(sizes):
            rows = tx.events(first, last)
            by_unit: dict[int, list] = {}
            for unit, ev in rows:
                by_unit.setdefault(unit, []).append(Mention(ev))
            clusters, disagreements, assignment, blocks = [], [], {}, {}
            for unit in sorted(by_unit):
                for group in cluster_unit(by_unit[unit]):
                    cl, dis = build_cluster([m.ev for m in group], kb.name)
                    clusters.append(cl)
                    disagreements.extend(dis)
                    blocks[cl.id] = {k for m in group for k in m.keys}
                    for m in group:
                        assignment[m.ev.id] = cl.id
            tx.write(clusters, disagreements, assignment, blocks)
            out.events += len(rows)
            out.made += len(clusters)
        tx.finish(ALGORITHM, full)
    out.clusters, out.reported_more_than_once, out.disagreements = store.reconciliation_counts()
    out.seconds = time.perf_counter() - t0
    log.info("reconciled %d events in %d units (%s) in %.1f s", out.events, out.units,
             "full pass" if full else "incremental", out.seconds)
    return out


def _batches(sizes: list[tuple[int, int]]):
    """Ranges of consecutive units of about BATCH_EVENTS events (a unit is never split)."""
    first, n = None, 0
    for unit, count in sizes:
        if first is None:
            first = unit
        n += count
        if n >= BATCH_EVENTS:
            yield first, unit
            first, n = None, 0
    if first is not None:
        yield first, sizes[-1][0]
