"""Reconciliation: event mentions of any documents and languages that report the same
real-world event become one :class:`~dyadline.model.Cluster`, and where their sources disagree
(on the date, the actors, the kind, or whether it happened) a
:class:`~dyadline.model.Disagreement` says so, with the words of each source.

Only language-independent evidence is compared: the kind's PLOVER family, the actor codes, the
dates as calendar intervals. Two mentions are *compatible* when

- their kinds share a PLOVER family;
- their participants agree: for a directed kind the sources overlap (or one side names none)
  and so do the targets; for a symmetric kind one side's participants are among the other's;
- their dates overlap, or, for an act that happens once between the same parties (joining an
  alliance, establishing relations, a state's founding: ``once`` in ``data/kinds.json``), lie
  within ``ONCE_YEARS`` of each other: the sources then disagree on the date;
- two mentions of one document also have the same kind and overlapping dates (a document that
  gives two dates tells of two events).

Mentions are blocked by kind family and pair of participants (:mod:`.mentions`); a mention
naming one participant is compared with the mentions naming that participant alone, one naming
three or more with those of each pair among them, which links those blocks into one *unit*
(:mod:`.units`). Units are reconciled independently: inside one, a sweep over dates from the
most precise mention to the least finds each mention's candidates in a bounded window of dates,
and clusters grow by complete linkage (a mention joins a cluster only if compatible with all its
members, so a chain of near dates cannot join two incompatible reports), checked against the
cluster's distinct signatures (:mod:`.linkage`, which also says how undated mentions are placed).
The work grows as n log n, and the memory with the largest unit. A cluster's id is a hash of its
members' ids: the same input gives the same ids.

:func:`reconcile_store` is incremental (:mod:`.store`): it reconciles only the units that the
documents stored or replaced since the last run touch; the clusters of the others keep their
ids and rows, and the result is the same as a full pass.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..kinds import kinds
from ..records import Cluster, Disagreement, Event
from .build import build_cluster, cluster_id, first_day
from .linkage import cluster_unit
from .mentions import ONCE_YEARS, Mention, block_keys, compatible, event_blocks
from .units import link_all

ALGORITHM = "2"     # stored with the clusters; a store reconciled by another version is redone


@dataclass
class Reconciliation:
    clusters: list[Cluster] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    assignment: dict[str, str] = field(default_factory=dict)   # event id -> cluster id


def units_of(ms: list[Mention]) -> dict[str, list[Mention]]:
    """The mentions by unit (the unit's name: its smallest block key), units sorted by name."""
    links = link_all(m.keys for m in ms)
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        out[links.unit(m.keys[0])].append(m)
    return dict(sorted(out.items()))


def reconcile(events: Iterable[Event], name=None) -> Reconciliation:
    """Group event mentions into real-world events and find where their sources disagree.
    ``name`` turns an actor code into a display name for labels (default: the code)."""
    name = name or (lambda c: c)
    ms = [Mention(e) for e in events]
    out = Reconciliation()
    for unit in units_of(ms).values():
        for group in cluster_unit(unit):
            cl, dis = build_cluster([m.ev for m in group], name)
            out.clusters.append(cl)
            out.disagreements.extend(dis)
            for m in group:
                out.assignment[m.ev.id] = cl.id
    out.clusters.sort(key=lambda c: (first_day(c.date), c.id))
    return out


def reconcile_store(store, kb=None, *, full: bool = False):
    """Reconcile the events of a :class:`~dyadline.store.Store` that changed since the last
    run (all of them with ``full``, or when the store was reconciled otherwise) and store their
    clusters, disagreements and cluster ids. Returns a :class:`~.store.StoreRun`."""
    from .store import run
    return run(store, kb=kb, full=full)


__all__ = ["Reconciliation", "reconcile", "reconcile_store", "compatible", "ONCE_YEARS", "kinds",
           "Mention", "block_keys", "event_blocks", "cluster_id", "units_of", "ALGORITHM"]
