"""Every kind on hand-made sentences in both languages (tests/pipeline/events/kinds_*.jsonl:
five sentences per kind and language, one event each, written by a helper from the guidelines
without seeing the lexicons or the corpus; in no corpus file).

A sentence counts as found when an event of the sentence has the gold's PLOVER type
(``family``), and as right when it also has the gold's states and a date that overlaps
(``full``: the scorer's matching, the whole sentence as the gold's evidence)."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from dyadline.evaluate.events import match
from dyadline.kinds import kinds
from dyadline.pipeline.read import read_text

HERE = Path(__file__).parent
FAMILY = {k: K.family for k, K in kinds().items()}
# measured on these sentences (python -m pytest ... -k kinds_sentences -s prints the table); a
# drop below them is a regression
FLOOR = {"en": {"family": 0.85, "full": 0.78}, "fr": {"family": 0.75, "full": 0.66}}
# kinds that none of the five sentences of a language gets yet, said plainly rather than hidden:
# English joint projects ("embarked on the joint development of") name their parties outside
# the clause the parse gives the noun
KNOWN_GAPS = {"en": {"COOPERATE"}, "fr": set()}


@pytest.fixture(scope="module", params=["en", "fr"])
def results(request, pipeline):
    lang = request.param
    cases = [json.loads(line) for line in (HERE / f"kinds_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    docs = list(pipeline.process([read_text(c["text"], doc_id=c["id"], lang=lang) for c in cases]))
    out = []
    for c, d in zip(cases, docs):
        pred = [e.to_dict() for e in d.events]
        gold = [{**c, "doc": c["id"], "evidence": c["text"]}]
        family = any(FAMILY[p["kind"]] == FAMILY[c["kind"]] for p in pred)
        full = bool(match(gold, pred, {c["id"]: c["text"]}, strict=False))
        out.append((c, family, full))
    return lang, out


def test_the_sentences_cover_every_kind_five_times(results):
    lang, out = results
    per = defaultdict(int)
    for c, _f, _g in out:
        per[c["kind"]] += 1
        assert c["text"] and str(c["date"])[:4] in c["text"], c["id"]
    assert set(per) == set(kinds()) and set(per.values()) == {5}


def test_kinds_are_found_on_hand_made_sentences(results):
    lang, out = results
    n = len(out)
    family = sum(f for _c, f, _g in out) / n
    full = sum(g for _c, _f, g in out) / n
    per = defaultdict(lambda: [0, 0])
    for c, f, g in out:
        per[c["kind"]][0] += f
        per[c["kind"]][1] += g
    table = " ".join(f"{k}:{a}/{b}" for k, (a, b) in sorted(per.items()))
    print(f"\n{lang}: family {family:.3f}, full {full:.3f} (per kind, family/full of 5): {table}")
    assert family >= FLOOR[lang]["family"], table
    assert full >= FLOOR[lang]["full"], table
    missing = {k for k, (a, _b) in per.items() if a == 0}
    assert missing <= KNOWN_GAPS[lang], (missing, table)
