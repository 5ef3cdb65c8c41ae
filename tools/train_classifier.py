#!/usr/bin/env python3
"""Train the event-kind sentence classifier of one language from the development split.

    python tools/train_classifier.py --lang en [--epochs 12] [--out dyadline/data/models]

Training data (dev split only; the test split is never used): each sentence of the dev
documents, labelled with the kinds of the gold events whose evidence lies in it (none: a
sentence without an event), and the dev sentences of the single-event sentence set. The model
is a spaCy multi-label text classifier (bag of words and word pairs, ``TextCatBOW``) on a blank
pipeline of the language: small, fast on a CPU, deterministic for a seed. It is written to
``<out>/kinds-<lang>/`` and ships with the package; the events stage loads it when the
language's config names it.

The same seed and data give the same model. A fifth of the dev documents is held out to
report precision and recall per kind at the threshold the events stage uses.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "corpus"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def examples(lang: str) -> tuple[list[tuple[str, set[str]]], list[tuple[str, set[str]]]]:
    """(train, held out): (sentence text, kinds) pairs of the dev split."""
    from dyadline.pipeline.parse import Parsers
    from dyadline.pipeline.read import read_text
    meta = {m["doc"]: m for m in _jsonl(CORPUS / "meta.jsonl")}
    gold = _jsonl(CORPUS / "dev" / "events.jsonl")
    docs = sorted(d for d, m in meta.items() if m["split"] == "dev" and m["lang"] == lang)
    rng = random.Random(0)
    held = set(rng.sample(docs, max(1, len(docs) // 5)))
    parsers = Parsers()
    train, test = [], []
    for d in docs:
        text = (CORPUS / "dev" / "texts" / d).read_text(encoding="utf-8")
        doc = next(parsers.pipe([read_text(text, doc_id=d, lang=lang)]))
        spans = []
        for g in gold:
            if g["doc"] == d:
                at = text.find(g["evidence"])
                if at >= 0:
                    spans.append((at, at + len(g["evidence"]), g["kind"]))
        for s in doc.spacy_doc.sents:
            kinds = {k for a, b, k in spans if a < s.end_char and s.start_char < b}
            (test if d in held else train).append((s.text, kinds))
    split = json.loads((CORPUS / "split.json").read_text())["sentences"]
    for row in _jsonl(CORPUS / "sentences" / f"{lang}.jsonl"):
        if split.get(row["id"]) == "dev":
            train.append((row["text"], {row["event"]["kind"]}))
    return train, test


def train(lang: str, epochs: int, out: Path, seed: int = 0) -> dict:
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    from dyadline.kinds import kinds
    fix_random_seed(seed)
    labels = sorted(kinds())
    tr, held = examples(lang)
    nlp = spacy.blank(lang)
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": 262144}})
    for label in labels:
        textcat.add_label(label)

    def ex(text, ks):
        return Example.from_dict(nlp.make_doc(text), {"cats": {k: float(k in ks) for k in labels}})

    train_ex = [ex(t, k) for t, k in tr]
    optimizer = nlp.initialize(lambda: train_ex)
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(train_ex)
        losses: dict = {}
        for batch in minibatch(train_ex, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.1)
    report = evaluate(nlp, held, labels)
    out.mkdir(parents=True, exist_ok=True)
    nlp.meta["name"] = f"kinds_{lang}"
    nlp.meta["description"] = ("dyadline event-kind sentence classifier, trained by tools/train_classifier.py "
                               "on the dev split of corpus/ and the dev sentences of corpus/sentences/")
    nlp.meta["dyadline"] = {"train_sentences": len(tr), "held_out_sentences": len(held), "epochs": epochs,
                            "seed": seed, "held_out": report}
    nlp.to_disk(out / f"kinds-{lang}")
    return report


def evaluate(nlp, held: list[tuple[str, set[str]]], labels: list[str], threshold: float = 0.5) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for doc, (_t, gold) in zip(nlp.pipe(t for t, _k in held), held):
        pred = {k for k, p in doc.cats.items() if p >= threshold}
        for k in pred & gold:
            tp[k] += 1
        for k in pred - gold:
            fp[k] += 1
        for k in gold - pred:
            fn[k] += 1
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    prec = T / (T + P) if T + P else 0.0
    rec = T / (T + N) if T + N else 0.0
    return {"precision": round(prec, 3), "recall": round(rec, 3),
            "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0, "threshold": threshold}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", action="append", required=True)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--out", type=Path, default=ROOT / "dyadline" / "data" / "models")
    a = ap.parse_args()
    for lang in a.lang:
        t0 = time.perf_counter()
        report = train(lang, a.epochs, a.out)
        print(f"{lang}: held-out sentences P={report['precision']} R={report['recall']} F1={report['f1']} "
              f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
