#!/usr/bin/env python3
"""The trained sentence classifier beside the rules: three variants on a split.

    python benchmarks/classifier.py [--split test] [--models DIR] [--json]

1. ``rules``: the rules alone (the pipeline as it ships);
2. ``propose``: the classifier proposes an event where no trigger fired: a sentence without an
   event whose most likely kind has a probability of at least ``PROPOSE`` gets one event of
   that kind, its participants the first two actors of the sentence (in order), its date the
   sentence's first time expression, else the document's day rule (``../D`` in a dated news
   report);
3. ``vet``: the classifier vets the rules' kinds: an event whose kind the classifier gives less
   than ``VETO`` for its sentence is dropped, and one whose sentence the classifier puts in
   another PLOVER type with at least ``RETYPE`` takes that kind.

The classifier (``tools/train_classifier.py``: spaCy's bag-of-words text categorizer) is trained
on the dev split and the dev sentences only; with no ``--models`` it is trained here first, into
a temporary folder. Family and strict F1 per language and genre, with the scorer's matching (as
``benchmarks/quality.py``). Only scores are printed: the test split's errors are never listed.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from quality import document_sets, rows  # noqa: E402  (benchmarks/quality.py)

PROPOSE = 0.6
VETO = 0.05
RETYPE = 0.8


def predict_documents(s: dict):
    """The annotated documents of a set (dated as a user would give them)."""
    from dyadline.pipeline import Pipeline
    from dyadline.pipeline.metadata import Metadata
    from dyadline.pipeline.read import read_text
    pipe = Pipeline()
    docs = [read_text(t, doc_id=d, lang=s["lang"][d], meta=Metadata(date=s["date"].get(d)))
            for d, t in s["texts"].items()]
    return list(pipe.process(docs, n_process=2))


def _sentence_of(doc, start: int):
    for i, (a, b) in enumerate(doc.sentences):
        if a <= start < b:
            return i
    return -1


def variants(docs, models: dict) -> dict[str, list[dict]]:
    from dyadline.kinds import kinds
    from dyadline.timex.values import day_of
    out = {"rules": [], "propose": [], "vet": []}
    for doc in docs:
        rules = [e.to_dict() for e in doc.events]
        out["rules"] += rules
        nlp = models[doc.lang]
        sents = doc.sentences
        cats = [d.cats for d in nlp.pipe(doc.text[a:b] for a, b in sents)]
        # propose: sentences the rules left without an event
        busy = {_sentence_of(doc, e["span"][0]) for e in rules}
        proposed = []
        for i, (a, b) in enumerate(sents):
            if i in busy:
                continue
            kind, p = max(cats[i].items(), key=lambda kv: kv[1])
            if p < PROPOSE:
                continue
            codes = []
            for m in doc.mentions:
                if a <= m.start < b and m.code not in codes:
                    codes.append(m.code)
            if not codes:
                continue
            times = [t for t in doc.times if a <= t.start < b and t.edtf]
            day = day_of(doc.date)
            date = times[0].edtf if times else (f"../{day}" if day else None)
            proposed.append({"doc": doc.id, "lang": doc.lang, "evidence": doc.text[a:b][:600],
                             "span": [a, min(b, a + 600)], "kind": kind, "source": codes[:1],
                             "target": codes[1:2], "date": date})
        out["propose"] += rules + proposed
        # vet: the classifier's word on each rule event's kind
        family = {k: K.family for k, K in kinds().items()}
        for e in rules:
            i = _sentence_of(doc, e["span"][0])
            c = cats[i] if i >= 0 else {}
            mine = max((p for k, p in c.items() if family.get(k) == family.get(e["kind"])), default=1.0)
            if mine < VETO:
                continue
            best, p = max(c.items(), key=lambda kv: kv[1]) if c else (e["kind"], 0.0)
            if p >= RETYPE and family.get(best) != family.get(e["kind"]):
                e = {**e, "kind": best}
            out["vet"].append(e)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="test", choices=["dev", "test"])
    ap.add_argument("--models", type=Path, default=None, help="folder with kinds-en/ and kinds-fr/")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    import spacy
    t0 = time.perf_counter()
    folder = a.models
    train_s = None
    if folder is None:
        import train_classifier   # tools/train_classifier.py
        folder = Path(tempfile.mkdtemp(prefix="dyadline-kinds-"))
        t1 = time.perf_counter()
        for lang in ("en", "fr"):
            train_classifier.train(lang, 12, folder)
        train_s = round(time.perf_counter() - t1)
    models = {lang: spacy.load(folder / f"kinds-{lang}") for lang in ("en", "fr")}
    s = document_sets([a.split])[0]
    docs = predict_documents(s)
    result = []
    for name, pred in variants(docs, models).items():
        s["pred"] = pred
        for r in rows([s]):
            r["variant"] = name
            result.append(r)
    if a.json:
        for r in result:
            print(json.dumps(r))
    else:
        for r in result:
            f, st = r["family"], r["strict"]
            print(f"{r['variant']:<8} {r['set']:<5} {r['lang']:<4} {r['genre']:<14} family P={f['p']:.3f} "
                  f"R={f['r']:.3f} F1={f['f1']:.3f}  strict F1={st['f1']:.3f}  (gold {f['gold']}, pred {f['pred']})")
        if train_s is not None:
            print(f"training: {train_s} s for both languages", file=sys.stderr)
        print(f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
