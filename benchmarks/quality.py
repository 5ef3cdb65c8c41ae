#!/usr/bin/env python3
"""Event extraction quality on the development corpus, the sample documents and the sentence
sets, with the matching rules of the project's scorer (``shared/tools/score.py``).

    python benchmarks/quality.py [--json] [--sets dev,test,samples,sentences] [--workers 2]
                                 [--pred-dir DIR]

Prints, for each set, family (PLOVER type) and strict (same kind) precision, recall and F1,
overall, per language and per genre; for the sentence sets also the share of sentences that get
any event and the share that get an event of the right PLOVER type. With ``--json``, one JSON
object per line: {"set", "lang", "genre", "family": {p, r, f1, tp, pred, gold}, "strict": {...}}.

The test split is only scored here: its errors are never listed (``dyadline eval`` lists a
set's errors; use it on dev only).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def document_sets(names: list[str]) -> list[dict]:
    """{"name", "texts": {doc: text}, "gold": [...], "lang": {doc: lang}, "genre": {doc: genre}}."""
    out = []
    meta = {m["doc"]: m for m in _jsonl(CORPUS / "meta.jsonl")} if (CORPUS / "meta.jsonl").exists() else {}
    for name in names:
        if name in ("dev", "test"):
            folder = CORPUS / name
            gold = _jsonl(folder / "events.jsonl")
            texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((folder / "texts").glob("*.txt"))}
            out.append({"name": name, "texts": texts, "gold": gold,
                        "lang": {d: meta[d]["lang"] for d in texts}, "genre": {d: meta[d]["genre"] for d in texts},
                        "date": {d: meta[d].get("date") for d in texts}})
        elif name == "samples" and (SHARED / "gold" / "seeds.events.jsonl").exists():
            folder = SHARED / "corpus" / "seeds"
            texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
            from dyadline.pipeline.read import identify_language
            out.append({"name": "samples", "texts": texts, "gold": _jsonl(SHARED / "gold" / "seeds.events.jsonl"),
                        "lang": {d: identify_language(t) for d, t in texts.items()},
                        "genre": {d: "encyclopedia" for d in texts}, "date": {d: None for d in texts}})
    return out


def sentence_sets() -> list[dict]:
    split = json.loads((CORPUS / "split.json").read_text())["sentences"] if (CORPUS / "split.json").exists() else {}
    out = []
    for part in ("dev", "test"):
        texts, gold, lang, genre, date = {}, [], {}, {}, {}
        for path in sorted((CORPUS / "sentences").glob("*.jsonl")):
            for row in _jsonl(path):
                if split.get(row["id"], "dev") != part:
                    continue
                doc = row["id"] + ".txt"
                texts[doc], lang[doc], genre[doc], date[doc] = row["text"], row["lang"], row["style"], row.get("doc_date")
                gold.append({**row["event"], "doc": doc})
        if texts:
            out.append({"name": f"sentences-{part}", "texts": texts, "gold": gold, "lang": lang, "genre": genre,
                        "date": date})
    return out


def predict(sets: list[dict], workers: int) -> None:
    """Run the pipeline on every text of every set (once), adding "pred" to each set."""
    from dyadline.pipeline import Pipeline
    from dyadline.pipeline.metadata import Metadata
    from dyadline.pipeline.read import read_text
    pipe = Pipeline()
    docs = []
    for s in sets:
        for d, text in s["texts"].items():
            # the document's date as a user gives it (a JSON Lines "date" field)
            meta = Metadata(date=s["date"].get(d))
            docs.append((s["name"], read_text(text, doc_id=d, lang=s["lang"][d], meta=meta)))
    owner = [name for name, _d in docs]
    preds: dict[str, list[dict]] = defaultdict(list)
    for name, doc in zip(owner, pipe.process([d for _n, d in docs], n_process=workers)):
        preds[name] += [e.to_dict() for e in doc.events]
    for s in sets:
        s["pred"] = preds[s["name"]]


def _scores(gold, pred, texts) -> dict:
    from dyadline.evaluate import score
    from dyadline.evaluate.events import match
    rep = score([dict(g) for g in gold], [dict(p) for p in pred], texts)
    out = {m: {"p": round(s.precision, 3), "r": round(s.recall, 3), "f1": round(s.f1, 3), "tp": s.tp,
               "pred": s.pred, "gold": s.gold} for m, s in rep.overall.items()}
    # the same matching without the date test: how much is extraction, how much dating
    tp = len(match(gold, pred, texts, strict=False, use_date=False))
    fam = rep.overall["family"]
    p = min(tp / fam.pred, 1.0) if fam.pred else 0.0
    r = tp / fam.gold if fam.gold else 0.0
    out["family_any_date"] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}
    return out


def _sentence_shares(gold, pred) -> dict:
    from dyadline.kinds import kinds
    family = {k: K.family for k, K in kinds().items()}
    by_doc = defaultdict(list)
    for p in pred:
        by_doc[p["doc"]].append(p)
    n = len(gold)
    any_event = sum(1 for g in gold if by_doc.get(g["doc"]))
    right = sum(1 for g in gold if any(family.get(p["kind"]) == family.get(g["kind"]) for p in by_doc.get(g["doc"], [])))
    return {"sentences": n, "any_event": round(any_event / n, 3) if n else 0.0,
            "right_type": round(right / n, 3) if n else 0.0}


def rows(sets: list[dict]) -> list[dict]:
    out = []
    for s in sets:
        groups = [("all", "all", set(s["texts"]))]
        for lang in sorted(set(s["lang"].values())):
            docs = {d for d in s["texts"] if s["lang"][d] == lang}
            groups.append((lang, "all", docs))
            for genre in sorted({s["genre"][d] for d in docs}):
                groups.append((lang, genre, {d for d in docs if s["genre"][d] == genre}))
        for lang, genre, docs in groups:
            gold = [g for g in s["gold"] if g["doc"] in docs]
            pred = [p for p in s["pred"] if p["doc"] in docs]
            row = {"set": s["name"], "lang": lang, "genre": genre, "docs": len(docs),
                   **_scores(gold, pred, {d: s["texts"][d] for d in docs})}
            if s["name"].startswith("sentences"):
                row.update(_sentence_shares(gold, pred))
            out.append(row)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="dev,test,samples,sentences")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    names = a.sets.split(",")
    t0 = time.perf_counter()
    sets = document_sets([n for n in names if n != "sentences"])
    if "sentences" in names:
        sets += sentence_sets()
    predict(sets, a.workers)
    result = rows(sets)
    if a.json:
        for r in result:
            print(json.dumps(r))
        return
    for r in result:
        f, s = r["family"], r["strict"]
        extra = f"  any event {r['any_event']:.2f}, right type {r['right_type']:.2f}" if "any_event" in r else ""
        print(f"{r['set']:<15} {r['lang']:<4} {r['genre']:<14} docs={r['docs']:<4} family P={f['p']:.3f} "
              f"R={f['r']:.3f} F1={f['f1']:.3f}  strict F1={s['f1']:.3f}  any-date F1={r['family_any_date']['f1']:.3f}"
              f"  (gold {f['gold']}, pred {f['pred']}){extra}")
    print(f"{time.perf_counter() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
