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

from ..timeline.rules import SQL_RULES
from .build import build_cluster
from .linkage import cluster_unit
from .mentions import Mention, Report, event_blocks
from .units import link_all

log = logging.getLogger(__name__)

BATCH_EVENTS = 20_000       # events read from the store at a time (whole units)


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
    out = StoreRun(full=full)
    with rec.transaction() as tx:
        if ch.version != ALGORITHM:
            tx.forget_blocks()          # another algorithm's blocks: computed again
        new_keys = tx.set_new_blocks(event_blocks)
        links = link_all(tx.linked())
        if full:
            keys = tx.all_blocks()
        else:
            groups = links.members()
            keys = sorted({k for d in ch.dirty | new_keys for k in groups.get(links.unit(d), [d])})
        names = sorted({links.unit(k) for k in keys})
        number = {n: i for i, n in enumerate(names)}
        sizes = tx.plan({k: number[links.unit(k)] for k in keys}, full)
        del links, keys, names, number, new_keys
        out.units = len(sizes)
        for first, last in _batches(sizes):
            by_unit: dict[int, list[Mention]] = {}
            n = 0
            for r in tx.events(first, last):
                by_unit.setdefault(r[0], []).append(Mention(_report(r), r[-1]))
                n += 1
            clusters, disagreements, assignment, blocks = [], [], {}, {}
            for unit in sorted(by_unit):
                for group in cluster_unit(by_unit[unit]):
                    cl, dis = build_cluster([m.ev for m in group], kb.name)
                    clusters.append(cl)
                    disagreements.extend(dis)
                    blocks[cl.id] = {k for m in group for k in m.keys}
                    for m in group:
                        assignment[m.ev.id] = cl.id
            del by_unit
            tx.write(clusters, disagreements, assignment, blocks)
            out.events += n
            out.made += len(clusters)
        tx.finish(ALGORITHM, full, SQL_RULES)    # the densest pairs' timelines kept with them
    out.clusters, out.reported_more_than_once, out.disagreements = store.reconciliation_counts()
    out.seconds = time.perf_counter() - t0
    log.info("reconciled %d events in %d units (%s) in %.1f s", out.events, out.units,
             "full pass" if full else "incremental", out.seconds)
    return out


def _report(r: tuple) -> Report:
    """A row of :meth:`~dyadline.store.reconciling._Txn.events` (its unit first) as a Report."""
    return Report(r[1], r[2], r[3], r[4], (r[5], r[6]), -1 if r[7] is None else r[7], *r[8:-1])


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
