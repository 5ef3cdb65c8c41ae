"""The timeline counted in the database (timeline_sql) is the timeline `build` counts in
memory, on random stores: symmetric and directed kinds, 'against', open and multi-year dates,
negated and undated events, stated relations, year ranges, with predecessors."""
import random

import pytest

from dyadline.kinds import kinds
from dyadline.records import Cluster, Fact, Document, SourceRef
from dyadline.reconcile import Reconciliation
from dyadline.store import Store
from dyadline.timeline import build, from_store

CODES = ["FRA", "DZA", "MAR", "USA", "RUS", "SUN", "FRA-MIL"]
DATES = ["1960", "1961-05", "1962-03-01", "1960/1963", "../1961", "1962/..", "196X", "1961~", None,
         "1959-21", "1963-04/1963-07"]


def random_store(path, seed):
    rng = random.Random(seed)
    names = sorted(kinds())
    clusters = []
    for i in range(120):
        k = kinds()[rng.choice(names)]
        src = rng.sample(CODES, rng.choice([1, 1, 2]))
        tgt = rng.sample(CODES, rng.choice([0, 1, 1, 2]))
        against = rng.sample(CODES, 1) if rng.random() < 0.15 else []
        ref = SourceRef(doc=f"d{i % 7}.txt", lang=rng.choice(["en", "fr"]), event=f"ev{i}",
                        evidence=f"words {i}", span=(0, 5))
        clusters.append(Cluster(id=f"cl{i:03d}", kind=k.name, source=src, target=tgt, date=rng.choice(DATES),
                                negated=rng.random() < 0.1, label=rng.choice(["a", "b", "c"]) + f" {i % 5}",
                                members=[f"ev{i}"], sources=[ref], against=against,
                                disputed=["date"] if rng.random() < 0.2 else [], plover=k.plover,
                                quad_class=k.quad_class, goldstein=k.goldstein))
    doc = Document(id="f.txt", text="x" * 50, lang="en")
    doc.facts = [Fact(doc="f.txt", evidence="x", span=(0, 1), subject=rng.choice(CODES[:3]),
                      predicate=rng.choice(["relations_hostile", "relations_cooperative", "capital"]),
                      object=rng.choice(CODES[:3]), date=rng.choice(["1958", "1964/1966", "1957/..", None]),
                      lang="en") for _ in range(6)]
    store = Store(path)
    store.save([doc])
    store.save_reconciliation(Reconciliation(clusters=clusters))
    return store


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("pair,opts", [(("FRA", "DZA"), {}), (("DZA", "FRA"), {"year_from": 1960, "year_to": 1962}),
                                        (("USA", "RUS"), {"with_predecessors": True}), (("MAR", "FRA"), {})])
def test_database_and_memory_timelines_agree(tmp_path, seed, pair, opts):
    with random_store(tmp_path / f"t{seed}.duckdb", seed) as store:
        sql = from_store(store, *pair, notable=10_000, **opts).to_dict()
        mem = build(store.clusters(), *pair, facts=store.facts(), **opts).to_dict()
    for tl in (sql, mem):
        for y in tl["years"]:
            for k in ("score", "score_a_to_b", "score_b_to_a"):
                y[k] = round(y[k], 6)
            for e in y["notable"]:
                e["goldstein"] = round(e["goldstein"], 6)
    assert sql == mem
    assert sql["years"] or sql["undated"] or sql["negated"]


def test_notable_is_bounded_by_weight(tmp_path):
    with random_store(tmp_path / "n.duckdb", 1) as store:
        full = from_store(store, "FRA", "DZA", notable=10_000)
        top = from_store(store, "FRA", "DZA", notable=2)
    for a, b in zip(full.years, top.years):
        assert b.notable == a.notable[:2]
        assert (a.events, a.score) == (b.events, b.score)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("k", [1, 3])
def test_notable_cut_keeps_ties_order_and_sources(tmp_path, seed, k):
    """The timeline's one query keeps only the events as heavy as a year's k-th before ranking
    them: the first k of the whole ranking, with their sources, and the same undated and
    negated events."""
    with random_store(tmp_path / f"k{seed}.duckdb", seed) as store:
        for pair in (("FRA", "DZA"), ("MAR", "FRA")):
            full = from_store(store, *pair, notable=10_000)
            top = from_store(store, *pair, notable=k)
            assert [y.notable[:k] for y in full.years] == [y.notable for y in top.years]
            assert (full.undated, full.negated) == (top.undated, top.negated)
            assert all(e.sources for y in top.years for e in y.notable)
