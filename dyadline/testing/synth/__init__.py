"""Synthetic documents about the relations of two states, in English and French, for benchmarks.

Each document takes two states that existed together (years of the knowledge base), a start year
between 1950 and 2015, and tells a chronological story of about ``words`` words in paragraphs:
visits, treaties, alliances, aid, threats, wars, mediations, coups, changes of leader... written
from the templates of ``lang/<lang>/synth.json``, by the grammar given there (articles,
contractions, agreement). Names, adjectives, capitals, leaders and
organisations come from the knowledge base and the language's lexicons, valid in the year each
sentence speaks of; dates move forward, in absolute forms ("in March 1963") or relative to the
previous one ("two years later"), so the document has a chronology of its own. The stories are
fictional (real names, invented events): they are for measuring speed and robustness, not facts.

    from dyadline.testing.synth import generate, write_corpus
    for doc_id, text in generate(10, "fr", seed=1):
        ...
    write_corpus("corpus/", 1000, fmt="jsonl")

The same seed gives the same documents; document ``i`` has the same pair of states and start year
in every language.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ... import lang as langdata
from .story import _skeleton, generate
from .world import FIRST_YEAR, LAST_START, LAST_YEAR

FORMATS = ("txt", "jsonl", "parquet")

__all__ = ["generate", "write_corpus", "corpus_path", "templates", "template_counts", "FORMATS",
           "FIRST_YEAR", "LAST_START", "LAST_YEAR", "_skeleton"]


@lru_cache(maxsize=8)
def templates(lang: str) -> dict:
    """The synthetic-document templates of a language (``lang/<lang>/synth.json``)."""
    return langdata.load(lang, "synth")


def template_counts(lang: str) -> dict[str, int]:
    """Number of sentence templates per kind (FILLER for sentences without an event)."""
    out: dict[str, int] = {}
    for t in templates(lang)["sentences"]:
        out[t["kind"]] = out.get(t["kind"], 0) + 1
    return out


def corpus_path(folder: str | Path, fmt: str = "txt") -> Path:
    """Where :func:`write_corpus` writes: the folder for txt, else ``folder/synth.<fmt>`` (or the
    path itself when it already ends in ``.jsonl`` / ``.parquet``)."""
    folder = Path(folder)
    if fmt == "txt":
        return folder
    if folder.suffix == f".{fmt}":
        return folder
    return folder / f"synth.{fmt}"


def _rows(n_docs: int, langs: Iterable[str], seed: int, words: int):
    for lang in langs:
        for doc_id, text in generate(n_docs, lang, seed=seed, words=words):
            yield doc_id, text, lang


def write_corpus(folder: str | Path, n_docs: int, langs: Iterable[str] | None = None, seed: int = 0,
                 words: int = 400, fmt: str = "txt") -> int:
    """Write ``n_docs`` documents per language: a folder of ``<id>.txt`` files (fmt="txt"), one
    JSON Lines file of {"id", "text", "lang"} ("jsonl") or a Parquet file with those columns
    ("parquet"), at :func:`corpus_path`. Returns the number of words written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    langs = tuple(langs) if langs is not None else tuple(langdata.available_languages())
    for lang in langs:
        templates(lang)
    path = corpus_path(folder, fmt)
    total = 0
    if fmt == "txt":
        path.mkdir(parents=True, exist_ok=True)
        for doc_id, text, _lang in _rows(n_docs, langs, seed, words):
            (path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            total += len(text.split())
        return total
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for doc_id, text, lang in _rows(n_docs, langs, seed, words):
                f.write(json.dumps({"id": doc_id, "text": text, "lang": lang}, ensure_ascii=False) + "\n")
                total += len(text.split())
        return total
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("lang", pa.string())])
    batch: dict[str, list] = {"id": [], "text": [], "lang": []}
    with pq.ParquetWriter(str(path), schema) as writer:
        for doc_id, text, lang in _rows(n_docs, langs, seed, words):
            batch["id"].append(doc_id)
            batch["text"].append(text)
            batch["lang"].append(lang)
            total += len(text.split())
            if len(batch["id"]) >= 512:
                writer.write_table(pa.table(batch, schema=schema))
                batch = {k: [] for k in batch}
        if batch["id"] or total == 0:
            writer.write_table(pa.table(batch, schema=schema))
    return total
