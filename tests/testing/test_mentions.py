"""The synthetic mentions of reconciliation benchmarks: shaped as the module says, the same
for one seed, and their truth scored alike in Python and in a store."""
from collections import Counter

from dyadline.reconcile import reconcile, reconcile_store
from dyadline.store import Store
from dyadline.testing.mentions import DENSE_PAIR, UNDATED, generate, real_event, store_truth_scores, \
    truth_scores, write_events


def test_pairs_follow_a_power_law_and_a_share_is_undated():
    ms = [e for e, _ in generate(20_000, 3)]
    pairs = Counter(frozenset(e.source[:1] + e.target[:1]) for e in ms if e.target and e.kind not in
                    ("JOIN_ALLIANCE", "LEAVE_ALLIANCE"))
    top = pairs.most_common(1)[0][1] / sum(pairs.values())
    assert 0.12 < top < 0.3
    undated = sum(e.date is None for e in ms) / len(ms)
    assert abs(undated - UNDATED) < 0.02
    assert any("/" in (e.date or "") for e in ms)              # intervals of years
    assert {e.lang for e in ms} == {"en", "fr"}


def test_same_seed_same_mentions_and_dense_is_one_pair():
    a = [(e.id, e.date, e.kind) for e, _ in generate(500, 9)]
    assert a == [(e.id, e.date, e.kind) for e, _ in generate(500, 9)]
    assert {frozenset(e.source[:1] + e.target[:1]) for e, _ in generate(500, 9, dense=True) if e.target
            and e.kind not in ("JOIN_ALLIANCE", "LEAVE_ALLIANCE")} == {frozenset(DENSE_PAIR)}


def test_the_truth_is_in_the_ids_and_scores_alike_in_a_store(tmp_path):
    pairs = list(generate(2000, 4))
    truth = {e.id: real for e, real in pairs}
    assert len({real_event(i) for i in truth}) == len(set(truth.values()))
    with Store(tmp_path / "m.duckdb") as store:
        assert write_events(store, generate(2000, 4), chunk=700) == 2000
        reconcile_store(store)
        assert store_truth_scores(store) == truth_scores(store.assignment(), truth)
        assert store_truth_scores(store) == truth_scores(reconcile([e for e, _ in pairs]).assignment, truth)
