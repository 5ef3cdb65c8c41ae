"""The evaluation must agree with the project's scorer (shared/tools/score.py)."""
import json
import subprocess
import sys

import pytest

from dyadline.evaluate import compatible, score, years
from tests.conftest import SHARED

TEXT = "In 1962 China attacked India. In 1963 Pakistan and China signed a border agreement."


def ev(evidence, kind, source, target, date, doc="d.txt"):
    return {"doc": doc, "evidence": evidence, "kind": kind, "source": source, "target": target,
            "date": date, "negated": False}


GOLD = [ev("In 1962 China attacked India", "ARMED_CONFLICT", ["CHN"], ["IND"], "1962"),
        ev("Pakistan and China signed a border agreement", "AGREE", ["PAK"], ["CHN"], "1963")]


def test_years_handles_intervals_decades_and_open_ends():
    assert years("1979-12/1989-02") == (1979, 1989)
    assert years("197X") == (1970, 1979)
    assert years("1991/..") == (1991, 9999)
    assert years(None) is None


def test_symmetric_kinds_ignore_direction_and_directed_do_not():
    g = ev("x", "ARMED_CONFLICT", ["CHN"], ["IND"], "1962")
    assert compatible(g, ev("x", "ARMED_CONFLICT", ["IND"], ["CHN"], "1962"), strict=True)
    g2 = ev("x", "VISIT", ["CHN"], ["IND"], "1962")
    assert not compatible(g2, ev("x", "VISIT", ["IND"], ["CHN"], "1962"), strict=True)


def test_family_match_but_not_strict():
    g = ev("x", "VISIT", ["CHN"], ["IND"], "1962")
    p = ev("x", "NEGOTIATE", ["CHN"], ["IND"], "1962")
    assert compatible(g, p, strict=False) and not compatible(g, p, strict=True)


def test_score_counts_matches_repeats_and_misses():
    pred = [ev("China attacked India", "ARMED_CONFLICT", ["CHN"], ["IND"], "1962"),
            ev("China attacked", "ARMED_CONFLICT", ["CHN"], ["IND"], "1962"),   # repeat
            ev("signed a border agreement", "AGREE", ["PAK"], ["CHN"], "1970")]  # wrong year
    rep = score([dict(g) for g in GOLD], pred, {"d.txt": TEXT})
    s = rep.overall["strict"]
    assert (s.tp, s.pred, s.repeats, s.gold) == (1, 2, 1, 2)
    assert rep.by_kind["AGREE"]["strict"].recall == 0.0


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="shared scorer not present")
def test_agrees_with_shared_scorer(tmp_path):
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    pred = [ev("China attacked India", "ARMED_CONFLICT", ["IND"], ["CHN"], "1962"),
            ev("signed a border agreement", "COOPERATE", ["PAK"], ["CHN"], "1963"),
            ev("Pakistan and China", "AGREE", ["PAK"], [], None)]
    gp, pp = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    gp.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    pp.write_text("\n".join(json.dumps(p) for p in pred), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(gp), str(pp),
                          "--texts", str(tmp_path), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = score([dict(g) for g in GOLD], [dict(p) for p in pred], {"d.txt": TEXT}).to_dict()["overall"]
    for mode in ("family", "strict"):
        for key in ("tp", "pred", "repeats", "gold", "f1"):
            assert ours[mode][key] == theirs[mode][key], (mode, key)
