"""Incremental reconciliation of a store: the same clusters as a full pass, the clusters of
untouched units kept with their ids, and an interrupted run changing nothing."""
import dataclasses
from collections import defaultdict

import pytest

from dyadline.records import Document
from dyadline.reconcile import reconcile, reconcile_store
from dyadline.store import Store
from dyadline.store.reconciling import _Txn
from dyadline.testing.mentions import generate, write_events


def clusters(store):
    return sorted((c.id, tuple(c.members), c.date, c.kind) for c in store.clusters())


def as_documents(events):
    docs = defaultdict(list)
    for e in events:
        docs[e.doc].append(e)
    out = []
    for doc, evs in sorted(docs.items()):
        d = Document(id=doc, text="x", lang=evs[0].lang)
        d.events = evs
        out.append(d)
    return out


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "r.duckdb") as s:
        write_events(s, generate(3000, 5))
        yield s


def test_incremental_runs_give_the_clusters_of_a_full_pass(store):
    first = reconcile_store(store)
    assert first.full and first.events == 3000
    before = {c[0] for c in clusters(store)}
    # new documents, and documents stored again with changed events (one date moved, one event gone)
    new = [e for e, _ in generate(40, 6, doc_prefix="new")]
    old = store.events(doc=store.events(limit=1, offset=100)[0].doc) + store.events(doc=store.events(limit=1, offset=2000)[0].doc)
    changed = [dataclasses.replace(e, date="1999-01-02") if i == 0 else e for i, e in enumerate(old[:-1])]
    store.save(as_documents(new + changed))
    inc = reconcile_store(store)
    assert not inc.full and 0 < inc.units < first.units
    after_inc = clusters(store)
    assignment = store.assignment()
    full = reconcile_store(store, full=True)
    assert full.full and clusters(store) == after_inc and store.assignment() == assignment
    assert len(assignment) == store.count("events")
    # most clusters were untouched: same ids
    assert len(before & {c[0] for c in after_inc}) > 0.9 * len(before)
    # and the store's clusters are reconcile()'s on all its events
    assert set(reconcile(store.events()).assignment.items()) == set(assignment.items())


def test_an_interrupted_run_keeps_the_previous_clusters_and_what_is_left_to_do(store, monkeypatch):
    reconcile_store(store)
    before, assignment = clusters(store), store.assignment()
    store.save(as_documents([e for e, _ in generate(30, 8, doc_prefix="new")]))

    def fail(*a, **k):
        raise RuntimeError("interrupted")
    monkeypatch.setattr(_Txn, "write", fail)
    with pytest.raises(RuntimeError):
        reconcile_store(store)
    assert clusters(store) == before and store.assignment() == assignment
    monkeypatch.undo()
    inc = reconcile_store(store)
    assert not inc.full and inc.events >= 30
    after = clusters(store)
    reconcile_store(store, full=True)
    assert clusters(store) == after
