"""Crash safety: a run killed (SIGKILL) at random moments leaves a consistent store, and
``run --resume`` then completes it with exactly the records of an uninterrupted run; a store
that cannot be written gives a clear error and keeps what it had."""
import random
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from dyadline.store import Store
from dyadline.testing.synth import generate

RUN = [sys.executable, "-c", "from dyadline.cli import main; main()", "run"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    for doc_id, text in generate(14, "en", seed=5, words=150):
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return folder


def run(corpus, db, *extra, kill_after=None):
    proc = subprocess.Popen(RUN + [str(corpus), "--db", str(db), "--batch-size", "2", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_after is None:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        return out
    time.sleep(kill_after)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return None


def consistent(db) -> dict:
    """Check the store's invariants; return what it holds."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()
        assert q("SELECT id FROM documents d WHERE n_events != (SELECT count(*) FROM events e WHERE e.doc = d.id)") == []
        assert q("SELECT id FROM documents d WHERE n_facts != (SELECT count(*) FROM facts f WHERE f.doc = d.id)") == []
        assert q("SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = d.id)") == []
        for table in ("events", "facts", "sentences", "mentions"):
            assert q(f"SELECT doc FROM {table} WHERE doc NOT IN (SELECT id FROM documents)") == [], table
        assert q("SELECT id FROM events GROUP BY id HAVING count(*) > 1") == []
        return {"documents": sorted(r[0] for r in q("SELECT id FROM documents")),
                "events": sorted(r[0] for r in q("SELECT id FROM events")),
                "facts": sorted(r[0] for r in q("SELECT id FROM facts")),
                "clusters": q("SELECT count(*) FROM clusters")[0][0]}
    finally:
        con.close()


def test_killed_runs_leave_a_consistent_store_and_resume_completes_it(corpus, tmp_path):
    t0 = time.monotonic()
    run(corpus, tmp_path / "ref.duckdb")
    whole = time.monotonic() - t0
    ref = consistent(tmp_path / "ref.duckdb")
    assert len(ref["documents"]) == 14 and ref["events"]

    db = tmp_path / "killed.duckdb"
    rng = random.Random(8)
    seen = []
    for _ in range(3):
        run(corpus, db, "--resume", kill_after=rng.uniform(0.3, whole))
        if db.exists():
            seen.append(len(consistent(db)["documents"]))
    out = run(corpus, db, "--resume")
    final = consistent(db)
    assert final == ref
    assert f"already stored (same content), not read again: {seen[-1] if seen else 0}" in out


def test_a_store_that_cannot_be_written_is_a_clear_error_and_keeps_its_records(corpus, tmp_path):
    db = tmp_path / "full.duckdb"
    first = sorted(corpus.glob("*.txt"))[:1]
    subprocess.run(RUN + [str(first[0]), "--db", str(db)], check=True, capture_output=True)
    before = consistent(db)
    size = db.stat().st_size

    # files cannot grow past 16 kB, so the store's log and its checkpoints fail as on a full
    # disk (the language identifier, which unpacks its model into a temporary file, is
    # loaded first)
    size = 16_384
    small_disk = ("import resource, signal; from dyadline.pipeline.read import _identifier; _identifier(); "
                  "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
                  f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size}, {size})); "
                  "from dyadline.cli import main; main()")
    res = subprocess.run([sys.executable, "-c", small_disk, "run", str(corpus), "--db", str(db)],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 2
    assert "error: [DL400]" in res.stderr and "full.duckdb" in res.stderr
    assert "Traceback" not in res.stderr
    assert consistent(db) == before


def test_a_read_only_store_refuses_writes_with_a_clear_error(tmp_path):
    from dyadline.errors import StoreError
    from dyadline.records import Document
    db = tmp_path / "ro.duckdb"
    Store(db).close()
    with Store(db, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.save([Document(id="a", text="Chile signed a treaty with Peru.", lang="en")])


def test_ingest_is_the_main_job_as_a_library_call(tmp_path, pipeline):
    """What `dyadline run` does: read, store, reconcile, report; and again with resume."""
    from dyadline import Store, ingest
    from dyadline.pipeline.read import sample_paths
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    seen = []
    report = ingest([*sample_paths(), bad], tmp_path / "t.duckdb", pipeline=pipeline, on_item=seen.append)
    assert report.documents == 2 and len(report.skipped) == 1 and report.inputs == 3 and len(seen) == 3
    assert report.events == sum(report.kinds.values()) > 20 and report.clusters > 0
    with Store(tmp_path / "t.duckdb", read_only=True) as s:
        assert s.count("events") == report.events and s.count("clusters") == report.clusters
        assert [x["path"] for x in s.skipped()] == [str(bad)]
    again = ingest(sample_paths(), tmp_path / "t.duckdb", pipeline=pipeline, resume=True)
    assert again.documents == 0 and again.already_stored == 2 and again.clusters == report.clusters
