"""The densest pairs' kept timeline rows (dyadline/store/dense.py): after an incremental
reconciliation they equal a fresh computation, and a timeline read from them equals the one
counted from the pair's events."""
import dataclasses

import pytest

from dyadline.reconcile import reconcile_store
from dyadline.store import Store, dense
from dyadline.testing.mentions import generate, write_events
from dyadline.timeline import from_store
from dyadline.timeline.rules import SQL_RULES

from tests.reconcile.test_store import as_documents


def kept(store):
    con = store.con
    return (sorted(con.execute("SELECT * FROM dyad_pairs").fetchall()),
            con.execute("SELECT * FROM dyad_rows ORDER BY a, b, part, pos").fetchall())


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setattr(dense, "DENSE", 40)
    with Store(tmp_path / "d.duckdb") as s:
        write_events(s, generate(3000, 5))
        reconcile_store(s)
        yield s


def test_kept_rows_after_an_incremental_run_equal_a_fresh_computation(store):
    pairs, rows = kept(store)
    assert len(pairs) >= 4 and rows
    # new documents, and documents stored again changed (one date moved, one event gone)
    new = [e for e, _ in generate(60, 6, doc_prefix="new")]
    old = store.events(doc=store.events(limit=1, offset=100)[0].doc) + \
        store.events(doc=store.events(limit=1, offset=2000)[0].doc)
    changed = [dataclasses.replace(e, date="1999-01-02") if i == 0 else e for i, e in enumerate(old[:-1])]
    store.save(as_documents(new + changed))
    assert not reconcile_store(store).full
    after = kept(store)
    assert after != (pairs, rows)
    store.con.execute("BEGIN TRANSACTION")
    dense.refresh(store.con, SQL_RULES)
    store.con.execute("COMMIT")
    assert kept(store) == after


def test_a_pair_that_only_lost_an_event_is_made_again(store):
    # an event alone in its cluster, whose document tells nothing else of either party: saved
    # again without it, no cluster of the pair is made, only one removed
    def base(codes):
        return {c.split("-")[0] for c in codes or []}
    kept_pairs = set(store.con.execute("SELECT a, b FROM dyad_pairs").fetchall())
    for c in store.clusters():
        parties = base(c.source) | base(c.target) | base(c.against)
        pair = next(((a, b) for a, b in kept_pairs if {a, b} <= parties), None)
        if len(c.members) != 1 or pair is None:
            continue
        events = store.events(doc=store.events(cluster=c.id)[0].doc)
        others = [e for e in events if e.id != c.members[0]]
        if others and not any(set(pair) & (base(e.source) | base(e.target) | base(e.against)) for e in others):
            break
    else:
        pytest.skip("no such event")
    before = store.con.execute("SELECT sum(n) FROM dyad_rows WHERE a = ? AND b = ? AND part = 0", pair).fetchone()
    store.save(as_documents(others))
    assert not reconcile_store(store).full
    after = kept(store)
    assert store.con.execute("SELECT sum(n) FROM dyad_rows WHERE a = ? AND b = ? AND part = 0",
                             pair).fetchone() != before
    store.con.execute("BEGIN TRANSACTION")
    dense.refresh(store.con, SQL_RULES)
    store.con.execute("COMMIT")
    assert kept(store) == after


def test_a_timeline_read_from_kept_rows_equals_the_counted_one(store):
    pairs = store.con.execute("SELECT a, b FROM dyad_pairs ORDER BY a, b").fetchall()
    opts = [{}, {"notable": 3}, {"year_from": 1960, "year_to": 1990, "notable": 5}]
    read = {(a, b, i): from_store(store, a, b, **o).to_dict() for a, b in pairs for i, o in enumerate(opts)}
    store.con.execute("DELETE FROM dyad_pairs")     # now counted from the events
    for (a, b, i), tl in read.items():
        assert from_store(store, a, b, **opts[i]).to_dict() == tl
