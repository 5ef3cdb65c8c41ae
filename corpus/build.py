#!/usr/bin/env python3
"""Assemble the development corpus from its annotated batches, with its fixed split.

    python corpus/build.py            # writes corpus/dev/, corpus/test/, corpus/meta.jsonl

Each batch (``corpus/batches/<batch>/``: texts, meta.jsonl, events.jsonl, facts.jsonl, notes.md)
was annotated by one annotator and checked in full by another (see ANNOTATING.md and each
batch's notes.md). The split is by document, decided once and kept in ``split.json``: within
each stratum of language and genre, a third of the documents (rounded, at least one of a
stratum of two or more) go to test and the rest to dev, in an order given by a hash of their
names (so the split owes nothing to what the documents say). Documents added later keep the split of those already
there. The single-event sentence sets (``sentences/<lang>.jsonl``) are split the same way, by
sentence id.

Cluster names are prefixed with their batch, so that two batches' names never meet.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SALT = "dyadline-corpus-split-v1"


def _hash(name: str) -> str:
    return hashlib.sha1(f"{SALT}:{name}".encode()).hexdigest()


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def batches() -> list[Path]:
    return sorted(p for p in (HERE / "batches").iterdir() if (p / "events.jsonl").exists())


def assign(meta: list[dict], known: dict[str, str]) -> dict[str, str]:
    """dev or test for every document; those in ``known`` keep theirs."""
    split = dict(known)
    strata: dict[tuple, list[list[str]]] = defaultdict(list)
    genre = {m["doc"]: (m["lang"], m["genre"]) for m in meta}
    for m in meta:
        if m["doc"] not in split:
            strata[genre[m["doc"]]].append([m["doc"]])
    for key, groups in sorted(strata.items()):
        done = [d for d in split if genre.get(d) == key]
        n_test = sum(split[d] == "test" for d in done)
        total = len(done) + sum(len(g) for g in groups)
        target = max(1, round(total / 3)) if total >= 2 else 0
        for group in sorted(groups, key=lambda g: _hash(g[0])):
            to = "test" if n_test + len(group) <= target else "dev"
            for d in group:
                split[d] = to
            n_test += len(group) * (to == "test")
    return split


def main() -> None:
    split_file = HERE / "split.json"
    known = json.loads(split_file.read_text()) if split_file.exists() else {"documents": {}, "sentences": {}}
    meta, events, facts, texts = [], [], [], {}
    for b in batches():
        for m in _read_jsonl(b / "meta.jsonl"):
            m["batch"] = b.name
            meta.append(m)
            texts[m["doc"]] = b / "texts" / m["doc"]
        for e in _read_jsonl(b / "events.jsonl"):
            if e.get("cluster"):
                e["cluster"] = f"{b.name.lower()}-{e['cluster']}"
            events.append(e)
        facts += _read_jsonl(b / "facts.jsonl")
    missing = [d for d, p in texts.items() if not p.exists()]
    assert not missing, f"texts missing: {missing}"
    split = assign(meta, known["documents"])
    for part in ("dev", "test"):
        folder = HERE / part
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "texts").mkdir(parents=True)
        docs = {d for d, s in split.items() if s == part}
        for d in sorted(docs):
            shutil.copyfile(texts[d], folder / "texts" / d)
        _write_jsonl(folder / "events.jsonl", [e for e in events if e["doc"] in docs])
        _write_jsonl(folder / "facts.jsonl", [f for f in facts if f["doc"] in docs])
    for m in meta:
        m["split"] = split[m["doc"]]
    _write_jsonl(HERE / "meta.jsonl", sorted(meta, key=lambda m: m["doc"]))
    sentences = dict(known["sentences"])
    for path in sorted((HERE / "sentences").glob("*.jsonl")):
        for row in _read_jsonl(path):
            sentences.setdefault(row["id"], "test" if int(_hash(row["id"]), 16) % 3 == 0 else "dev")
    split_file.write_text(json.dumps({"documents": dict(sorted(split.items())),
                                      "sentences": dict(sorted(sentences.items()))}, indent=0) + "\n")
    for part in ("dev", "test"):
        docs = [m for m in meta if m["split"] == part]
        n_ev = sum(1 for e in events if split[e["doc"]] == part)
        by = defaultdict(int)
        for m in docs:
            by[m["lang"]] += 1
        print(f"{part}: {len(docs)} documents ({dict(by)}), {n_ev} events")
    print(f"sentences: {sum(v == 'dev' for v in sentences.values())} dev, "
          f"{sum(v == 'test' for v in sentences.values())} test")


if __name__ == "__main__":
    main()
