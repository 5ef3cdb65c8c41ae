"""The Spark engine (local mode) gives the same events as the local pipeline, and its Parquet
output loads into the store."""
import json
import shutil

import pytest

pytest.importorskip("pyspark")
if not shutil.which("java"):
    pytest.skip("Spark needs Java", allow_module_level=True)

from dyadline import extract_text  # noqa: E402
from dyadline.spark import load_parquet, run_spark  # noqa: E402
from dyadline.store import Store  # noqa: E402

DOCS = [
    ("a.txt", "Chile and Peru signed a treaty in 1929. Two years later Chile threatened Bolivia.", "en"),
    ("b.txt", "Le Chili a rejoint l'ONU en 1945. La Bolivie a rompu ses relations avec le Chili en 1962.", "fr"),
    ("c.txt", "Egypt and Israel signed a peace treaty in March 1979. Egypt joined the Arab League in 1945.", None),
    ("d.txt", "   ", "en"),
    ("e.txt", "France condemned Syria on Friday.", "en"),
]
META = {"e.txt": {"published": "2019-03-13", "source": "AFP", "title": "France condemns Syria"}}
KEY = ("id", "doc", "kind", "source", "target", "date", "evidence", "span", "negated", "against")


def key(e):
    return tuple(json.dumps(e[k], sort_keys=True) for k in KEY)


def test_spark_and_local_runs_give_the_same_events(tmp_path, pipeline):
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t, "lang": lang, **META.get(i, {})}) + "\n"
                           for i, t, lang in DOCS))
    counts = run_spark(str(src), str(tmp_path / "out"), master="local[2]")
    assert counts["documents"] == 4 and counts["skipped"] == 1
    local = sorted(key(e.to_dict()) for i, t, lang in DOCS if t.strip()
                   for e in extract_text(t, doc_id=i, lang=lang, pipeline=pipeline,
                                         doc_date=META.get(i, {}).get("published")).events)
    with Store(tmp_path / "t.duckdb") as store:
        loaded = load_parquet(tmp_path / "out", store)
        stored = sorted(key(e.to_dict()) for e in store.events())
        assert loaded["events"] == len(local) == counts["events"]
        assert stored == local
        assert {s["path"] for s in store.skipped()} == {"d.txt"}
        # the document's metadata survives the run: the date dates "on Friday"
        e_doc = next(d for d in store.documents() if d.id == "e.txt")
        assert (e_doc.date, e_doc.source, e_doc.title) == ("2019-03-13", "AFP", "France condemns Syria")
        accuse = [e for e in store.events(doc="e.txt") if e.kind == "ACCUSE"]
        assert accuse and accuse[0].date == "2019-03-08" and accuse[0].doc_source == "AFP"


def test_spark_refuses_unknown_input(tmp_path):
    from dyadline.errors import InputError
    (tmp_path / "x.csv").write_text("id,text\n")
    with pytest.raises(InputError):
        run_spark(str(tmp_path / "x.csv"), str(tmp_path / "out"), master="local[1]")


def test_spark_reconciliation_gives_the_clusters_of_a_local_run(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dyadline.reconcile import reconcile
    from dyadline.spark.reconcile import reconcile_spark
    from dyadline.store import read_parquet_rows
    from dyadline.testing.mentions import generate
    events = [e for e, _ in generate(1500, 3)]
    (tmp_path / "events").mkdir()
    pq.write_table(pa.Table.from_pylist([e.row() for e in events]), tmp_path / "events" / "part.parquet")
    counts = reconcile_spark(tmp_path / "events", tmp_path / "out", master="local[2]")
    local = reconcile(events)
    spark = {r["event"]: r["cluster"] for r in read_parquet_rows(tmp_path / "out" / "assignment")}
    assert spark == local.assignment and counts["clusters"] == len(local.clusters)
