"""`dyadline serve` reads while `dyadline run` writes: every request during the run is answered
(no locked-database failure), and what it sees only grows, batch by batch."""
import subprocess
import sys
import time
import warnings

from dyadline.testing.synth import generate

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadline.web.app import create_app

RUN = [sys.executable, "-c", "from dyadline.cli import main; main()", "run"]


def test_the_server_reads_while_a_run_writes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc_id, text in generate(12, "en", seed=9, words=120):
        (corpus / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    first = sorted(corpus.glob("*.txt"))[0]
    subprocess.run(RUN + [str(first), "--db", str(db)], check=True, capture_output=True)

    client = TestClient(create_app(db))
    run = subprocess.Popen(RUN + [str(corpus), "--db", str(db), "--batch-size", "1"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    statuses, totals = [], []
    paths = ["/api/documents?size=200", "/api/events?size=5", "/api/dyads", "/api/disagreements"]
    i = 0
    while run.poll() is None:
        r = client.get(paths[i % len(paths)])
        statuses.append((r.status_code, r.text[:200]))
        if i % len(paths) == 0 and r.status_code == 200:
            totals.append(r.json()["total"])
        i += 1
        time.sleep(0.02)
    out, err = run.communicate()
    assert run.returncode == 0, err
    assert [s for s in statuses if s[0] != 200] == []
    assert totals == sorted(totals), "what the server sees only grows"
    assert totals[0] == 1 and client.get("/api/documents").json()["total"] == 12
    assert any(1 < t < 12 for t in totals), f"no read saw a run half done: {sorted(set(totals))}"
    assert len(statuses) > 20
