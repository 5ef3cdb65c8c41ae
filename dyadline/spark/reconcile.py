"""Reconciliation on Spark, unit by unit (:mod:`dyadline.reconcile.units`).

``reconcile_spark(events, output)`` reads event rows (the ``events`` Parquet folder of
:func:`~dyadline.spark.run_spark`), computes each event's blocks in the workers, links the
blocks of events in several of them on the driver (they are few), groups the events by unit
and reconciles each unit in a worker, with the same code as a local run: the clusters are the
same. It writes ``clusters`` (id, kind, date, members) and ``assignment`` (event, cluster) as
Parquet folders under ``output``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def _blocks(row) -> tuple[str, list[str]]:
    from ..reconcile import event_blocks
    return row["id"], event_blocks(row["kind"], row["source"] or [], row["target"] or [], row["date"],
                                   row["doc_date"])


def _reconcile_unit(rows) -> list[tuple]:
    from ..reconcile.build import cluster_id
    from ..reconcile.linkage import cluster_unit
    from ..reconcile.mentions import Mention
    from ..records import Event
    out = []
    for group in cluster_unit([Mention(Event.from_row(r.asDict(recursive=True))) for r in rows]):
        evs = [m.ev for m in group]
        cid = cluster_id(e.id for e in evs)
        out.append((cid, sorted(e.id for e in evs)))
    return out


def reconcile_spark(events: str | Path, output: str | Path, *, master: str = "local[*]",
                    partitions: int | None = None) -> dict[str, int]:
    """Reconcile the events of a Parquet folder on Spark; returns the counts written."""
    from pyspark.sql import SparkSession
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(master).appName("dyadline-reconcile")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        from ..reconcile.units import link_all
        df = spark.read.parquet(str(events))
        rdd = df.rdd
        blocks = rdd.map(_blocks)
        linked = blocks.filter(lambda kv: len(kv[1]) > 1).map(lambda kv: kv[1]).collect()
        units = link_all(linked)
        unit_of = spark.sparkContext.broadcast({k: units.unit(k) for k in units.parent})
        n = partitions or 4 * spark.sparkContext.defaultParallelism
        keyed = rdd.map(lambda r: (unit_of.value.get(_blocks(r)[1][0], _blocks(r)[1][0]), r))
        clusters = keyed.groupByKey(n).flatMap(lambda kv: _reconcile_unit(list(kv[1])))
        clusters = clusters.cache()
        out = Path(output)
        spark.createDataFrame(clusters, "id string, members array<string>") \
            .write.mode("overwrite").parquet(str(out / "clusters"))
        spark.createDataFrame(clusters.flatMap(lambda c: [(e, c[0]) for e in c[1]]), "event string, cluster string") \
            .write.mode("overwrite").parquet(str(out / "assignment"))
        return {"clusters": clusters.count(), "units": keyed.keys().distinct().count()}
    finally:
        spark.stop()
