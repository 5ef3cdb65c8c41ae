"""The per-document pipeline on Apache Spark, for corpora larger than one machine.

``run_spark(input, output)`` reads documents (JSON Lines or Parquet with ``id``, ``text`` and
optionally ``lang``; or a folder of ``.txt``/``.md`` files), runs the same pipeline as
``dyadline run`` inside Spark partitions (the models load once per worker process, not per
document) and writes ``documents``, ``events``, ``facts`` and ``skipped`` as Parquet folders
under ``output``. ``load_parquet(output, store)`` puts them into the embedded store, where
reconciliation and timelines run as after a local run. Spark runs in local mode unless another
master is given.
"""
from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..errors import DyadlineError, InputError
from ..records import BOOL, EVENT, FACT, FLOAT, INT, SPAN, STRING, STRINGS, ActorMention, Document, \
    Event, Fact, Skipped

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def worker_pipeline():
    """One pipeline per worker process (the spaCy models load once)."""
    from ..pipeline import Pipeline
    from ..pipeline.workers import one_thread_each
    one_thread_each()
    return Pipeline()


def _process_partition(rows) -> Iterator[tuple[str, str]]:
    """(table, JSON record) for every document of a partition, in input order."""
    from ..pipeline.metadata import from_record
    from ..pipeline.read import read_text
    docs = []
    for row in rows:
        doc_id, text, lang = row["id"], row["text"], row["lang"]
        try:
            if text is None or not str(text).strip():
                raise InputError("empty document", path=str(doc_id))
            meta = from_record({k: row[k] for k in _META}, str(doc_id))
            docs.append(read_text(str(text), doc_id=str(doc_id), lang=lang or None, meta=meta))
        except DyadlineError as e:
            yield "skipped", json.dumps({"path": str(doc_id), "reason": str(e)})
    pipe = worker_pipeline()
    for start in range(0, len(docs), 16):
        for d in pipe.run_items(docs[start:start + 16]):   # a document a stage fails on is skipped
            if isinstance(d, Skipped):
                yield "skipped", json.dumps({"path": d.path, "reason": d.reason}, ensure_ascii=False)
                continue
            yield from _records(d)


def _records(d) -> Iterator[tuple[str, str]]:
    """(table, JSON record) of one annotated document."""
    yield "documents", json.dumps({
        "id": d.id, "path": d.path, "lang": d.lang, "sha256": d.sha256, "text": d.text,
        "date": d.date, "title": d.title, "url": d.url, "source": d.source,
        "sentences": [list(x) for x in d.sentences],
        "mentions": [{"start": m.start, "end": m.end, "text": m.text, "code": m.code,
                      "type": m.type, "via": m.via, "person": m.person} for m in d.mentions],
    }, ensure_ascii=False)
    for e in d.events:
        yield "events", json.dumps(e.row(), ensure_ascii=False)
    for f in d.facts:
        yield "facts", json.dumps(f.row(), ensure_ascii=False)


def input_files(path: str) -> tuple[str, list[Path]]:
    """What an input is (jsonl, parquet or text) and its files; checked before Spark starts."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file or folder", path=path)
    files = [p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith((".", "_")))
    suffixes = {x.suffix.lower() for x in files}
    for kind, allowed in (("jsonl", {".jsonl", ".json"}), ("parquet", {".parquet"}), ("text", {".txt", ".md"})):
        if suffixes and suffixes <= allowed:
            return kind, files
    raise InputError("expected JSON Lines, Parquet, or a folder of .txt/.md files, found "
                     + ", ".join(sorted(suffixes) or ["nothing"]), path=path)


_META = ("date", "title", "url", "source")     # document metadata read from the input


def _read_input(spark, path: str):
    """A DataFrame of (id, text, lang, date, title, url, source) from JSON Lines, Parquet or a
    folder of text files; the metadata columns under their usual names
    (:data:`~dyadline.pipeline.metadata.FIELDS`), null when absent."""
    from ..pipeline.metadata import FIELDS
    from pyspark.sql import functions as F
    kind, files = input_files(path)
    if kind == "jsonl":
        df = spark.read.json([str(x) for x in files])
    elif kind == "parquet":
        df = spark.read.parquet(*[str(x) for x in files])
    else:
        rdd = spark.sparkContext.wholeTextFiles(",".join(str(x) for x in files))
        df = rdd.map(lambda kv: (kv[0].rsplit("/", 1)[-1], kv[1])).toDF(["id", "text"])
    missing = {"id", "text"} - set(df.columns)
    if missing:
        raise InputError(f"the documents lack the column(s) {', '.join(sorted(missing))}", path=path)
    if "lang" not in df.columns:
        df = df.withColumn("lang", F.lit(None).cast("string"))
    meta = []
    for name in _META:
        col = next((c for c in FIELDS[name] if c in df.columns), None)
        meta.append((F.col(col) if col else F.lit(None)).cast("string").alias(name))
    return df.select(F.col("id").cast("string"), F.col("text").cast("string"), F.col("lang").cast("string"),
                     *meta)


def _schemas():
    """The Parquet schema of each output table, from the records' field tables (no inference
    pass)."""
    from pyspark.sql import types as T
    s, i = T.StringType(), T.LongType()
    types = {STRING: s, INT: i, FLOAT: T.DoubleType(), BOOL: T.BooleanType(), STRINGS: T.ArrayType(s),
             SPAN: T.ArrayType(i)}
    mention = T.StructType([T.StructField(n, t) for n, t in (
        ("start", i), ("end", i), ("text", s), ("code", s), ("type", s), ("via", s), ("person", s))])
    return {
        "documents": T.StructType([T.StructField(n, t) for n, t in (
            ("id", s), ("path", s), ("lang", s), ("sha256", s), ("text", s), ("date", s), ("title", s),
            ("url", s), ("source", s),
            ("sentences", T.ArrayType(T.ArrayType(i))), ("mentions", T.ArrayType(mention)))]),
        "events": T.StructType([T.StructField(f.name, types[f.type]) for f in EVENT.row_fields]),
        "facts": T.StructType([T.StructField(f.name, types[f.type]) for f in FACT.row_fields]),
        "skipped": T.StructType([T.StructField("path", s), T.StructField("reason", s)]),
    }


def run_spark(input_path: str, output: str, *, master: str = "local[*]",
              partitions: int | None = None) -> dict[str, int]:
    """Run the pipeline on Spark; returns the number of records written per table.

    The documents are spread over ``partitions`` (default: four per core of the master) so
    every worker has work; the pipeline's output is kept on local disk between the writes of
    the four tables, so it runs once."""
    input_files(input_path)
    from pyspark.sql import SparkSession
    # the workers must run this Python (with dyadline and its models), not the first on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName("dyadline")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.python.daemon.module", "dyadline.spark.daemon")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        from pyspark import StorageLevel
        from pyspark.sql import functions as F
        df = _read_input(spark, input_path)
        n = partitions or 4 * spark.sparkContext.defaultParallelism
        if df.rdd.getNumPartitions() < n:
            df = df.repartition(n)
        # the pipeline runs once, in Python; splitting its output into tables happens in the JVM
        out = spark.createDataFrame(df.rdd.mapPartitions(_process_partition), "table string, json string")
        out = out.persist(StorageLevel.MEMORY_AND_DISK)
        counts = {}
        for table, schema in _schemas().items():
            rows = out.where(F.col("table") == table).select(F.from_json("json", schema).alias("r")).select("r.*")
            target = str(Path(output) / table)
            rows.write.mode("overwrite").parquet(target)
            counts[table] = spark.read.parquet(target).count()
        out.unpersist()
        return counts
    finally:
        spark.stop()


def load_parquet(folder: str | Path, store) -> dict[str, int]:
    """Put the Parquet output of :func:`run_spark` into a :class:`~dyadline.store.Store`
    (replacing what was stored for the same documents). Returns the counts loaded."""
    from ..store import read_parquet_rows
    folder = Path(folder)
    if not (folder / "documents").exists():
        raise InputError("no 'documents' Parquet folder here; give the output folder of "
                         "`dyadline run --engine spark`", path=str(folder))

    def rows(table: str) -> list[dict]:
        path = folder / table
        return read_parquet_rows(path) if path.exists() else []

    docs = {}
    for r in rows("documents"):
        d = Document(id=r["id"], text=r["text"], lang=r["lang"], path=r.get("path"),
                     sha256=r.get("sha256") or "", date=r.get("date"), title=r.get("title"),
                     url=r.get("url"), source=r.get("source"))
        if r.get("sentences"):
            d.sentence_spans = [tuple(x) for x in r["sentences"]]
        d.mentions = [ActorMention(start=m["start"], end=m["end"], text=m["text"], code=m["code"],
                                   type=m["type"], via=m["via"], person=m.get("person"))
                      for m in r.get("mentions") or []]
        docs[d.id] = d
    n_events = n_facts = 0
    for r in rows("events"):
        e = Event.from_row(r)
        docs[e.doc].events.append(e)
        n_events += 1
    for r in rows("facts"):
        f = Fact.from_row(r)
        docs[f.doc].facts.append(f)
        n_facts += 1
    for d in docs.values():
        d.events.sort(key=lambda e: (e.span[0], e.kind))
    store.save(list(docs.values()))
    skipped = [Skipped(r["path"], r["reason"]) for r in rows("skipped")]
    store.record_skipped(skipped)
    return {"documents": len(docs), "events": n_events, "facts": n_facts, "skipped": len(skipped)}
