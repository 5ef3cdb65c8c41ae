"""The CLI, driven in-process with click's runner."""
import json

import pytest
from click.testing import CliRunner

from dyadline.cli import main
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "t.duckdb"
    res = CliRunner().invoke(main, ["run", "--db", str(db)])
    assert res.exit_code == 0, res.output
    return db, res.output


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    commands = [([name], cmd) for name, cmd in main.commands.items()]
    commands += [([name, sub], c) for name, cmd in main.commands.items()
                 for sub, c in getattr(cmd, "commands", {}).items()]
    for path, cmd in commands:
        res = runner.invoke(main, [*path, "--help"])
        assert res.exit_code == 0 and "Example" in res.output, path
        for p in cmd.params:
            if getattr(p, "help", None) is None and p.param_type_name == "option":
                pytest.fail(f"{path} {p.name} has no help")


def test_run_on_bundled_samples_prints_a_summary(stored):
    _db, out = stored
    assert "documents read: 2, skipped: 0" in out
    assert "events:" in out and "facts:" in out


def test_run_twice_does_not_duplicate(stored):
    db, _ = stored
    from dyadline.store import Store
    with Store(db, read_only=True) as s:
        before = s.count("events")
    res = CliRunner().invoke(main, ["run", "--db", str(db)])
    assert res.exit_code == 0
    with Store(db, read_only=True) as s:
        assert s.count("events") == before and s.count("documents") == 2


def test_events_query_filters(stored):
    db, _ = stored
    res = CliRunner().invoke(main, ["events", "--db", str(db), "--dyad", "PAK", "SUN", "--format", "jsonl"])
    assert res.exit_code == 0
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert rows
    for r in rows:
        codes = {c.split("-")[0] for c in r["source"] + r["target"]}
        assert {"PAK", "SUN"} <= codes


def test_events_rejects_reversed_years_and_unknown_kind(stored):
    db, _ = stored
    res = CliRunner().invoke(main, ["events", "--db", str(db), "--from", "1990", "--to", "1950"])
    assert res.exit_code == 2 and "after" in res.output
    res = CliRunner().invoke(main, ["events", "--db", str(db), "--kind", "PICNIC"])
    assert res.exit_code == 2 and "unknown kind" in res.output


def test_extract_writes_jsonl_and_skips_bad_files(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Vietnam invaded Cambodia in December 1978.", encoding="utf-8")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x01\x02")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(main, ["extract", str(good), str(bad), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "skipped" in res.output and "b.txt" in res.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["kind"] == "INVADE" and r["doc"] == "a.txt" for r in rows)
    for field in ("id", "doc", "lang", "evidence", "span", "kind", "plover", "cameo", "quad_class",
                  "source", "target", "source_text", "target_text", "date", "date_text", "negated",
                  "confidence", "label", "cluster"):
        assert field in rows[0]


def test_extract_reads_stdin():
    res = CliRunner().invoke(main, ["extract", "-", "--format", "csv"],
                             input="L'Irak a envahi le Koweït en août 1990.".encode("utf-8"))
    assert res.exit_code == 0
    assert "INVADE" in res.stdout and res.stdout.startswith("id,")


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.events.jsonl").exists(), reason="gold not present")
def test_eval_reports_overall_kind_and_document():
    res = CliRunner().invoke(main, ["eval", "--gold", str(SHARED / "gold" / "seeds.events.jsonl"),
                                    "--texts", str(SHARED / "corpus" / "seeds"), "--json"])
    assert res.exit_code == 0, res.output
    rep = json.loads(res.stdout)
    assert rep["overall"]["family"]["gold"] == 76
    assert set(rep["by_lang"]) >= {"en", "fr"}
    assert rep["by_kind"] and rep["by_doc"]


def test_dates_command_json_and_narrative():
    res = CliRunner().invoke(main, ["dates", "en mars 1962, puis deux ans plus tard", "--lang", "fr", "--json"])
    assert res.exit_code == 0
    rows = json.loads(res.stdout)
    assert [(r["text"], r["edtf"]) for r in rows] == [("mars 1962", "1962-03"), ("deux ans plus tard", "1964")]
    assert rows[0]["span"] == [3, 12]


def test_dates_command_anchor_and_explain():
    res = CliRunner().invoke(main, ["dates", "a month later", "--lang", "en", "--anchor", "1979-12", "--explain"])
    assert res.exit_code == 0 and "1980-01" in res.stdout and "rule=offset_later" in res.stdout


def test_run_records_skipped_files_in_the_store(tmp_path):
    (tmp_path / "ok.txt").write_text("Vietnam invaded Cambodia in December 1978.", encoding="utf-8")
    (tmp_path / "de.txt").write_text("Die Regierung von Chile unterzeichnete im Jahr 1998 ein "
                                     "Handelsabkommen mit Peru.", encoding="utf-8")
    db = tmp_path / "t.duckdb"
    res = CliRunner().invoke(main, ["run", str(tmp_path), "--db", str(db)])
    assert res.exit_code == 0 and "skipped: 1" in res.output and "de.txt" in res.output
    from dyadline.store import Store
    with Store(db, read_only=True) as s:
        rows = s.skipped()
    assert len(rows) == 1 and rows[0]["path"].endswith("de.txt") and "'de'" in rows[0]["reason"]


def test_run_fills_clusters_and_conflicts_lists_disagreements_with_their_sources(stored):
    db, out = stored
    assert "real-world events" in out
    runner = CliRunner()
    res = runner.invoke(main, ["events", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert rows and all(r["cluster"] for r in rows)
    res = runner.invoke(main, ["conflicts", "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    dis = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    dated = [d for d in dis if d["attribute"] == "date"]
    assert dated, dis
    for d in dated:
        assert d["cluster"] and len(d["values"]) >= 2
        docs = {s["doc"] for v in d["values"] for s in v["sources"]}
        assert len(docs) >= 2 and all(s["evidence"] for v in d["values"] for s in v["sources"])
    res = runner.invoke(main, ["clusters", "--db", str(db), "--min-sources", "2", "--format", "jsonl"])
    multi = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert multi and all(len(c["members"]) >= 2 for c in multi)


def test_timeline_table_csv_jsonl_and_plot(stored, tmp_path):
    db, _ = stored
    runner = CliRunner()
    res = runner.invoke(main, ["timeline", "PAK", "SUN", "--db", str(db)])
    assert res.exit_code == 0 and "phases:" in res.stdout, res.output
    res = runner.invoke(main, ["timeline", "PAK", "SUN", "--db", str(db), "--format", "jsonl",
                               "--from", "1960", "--to", "1970", "--plot", str(tmp_path / "p.png")])
    years = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [y["year"] for y in years] == list(range(1960, 1971))
    assert {"cow_a", "cow_b", "q1", "q4", "score", "phase", "notable"} <= set(years[0])
    assert (tmp_path / "p.png").read_bytes().startswith(b"\x89PNG")
    res = runner.invoke(main, ["timeline", "PAK", "SUN", "--db", str(db), "--format", "csv"])
    assert res.stdout.splitlines()[0].startswith("year,a,b,cow_a,cow_b")


def test_timeline_rejects_unknown_actors_and_reversed_years(stored):
    db, _ = stored
    runner = CliRunner()
    res = runner.invoke(main, ["timeline", "PAK", "XXQ", "--db", str(db)])
    assert res.exit_code == 2 and "unknown actor" in res.output
    res = runner.invoke(main, ["timeline", "PAK", "SUN", "--db", str(db), "--from", "1990", "--to", "1980"])
    assert res.exit_code == 2 and "after" in res.output


def test_python_m_dyadline_lists_every_command():
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "dyadline", "--help"], capture_output=True, text=True, check=True).stdout
    listed = {line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == set(main.commands) and {"run", "extract", "timeline", "export", "serve"} <= listed


def test_version_comes_from_one_place():
    from importlib.metadata import version

    from dyadline.about import __version__
    res = CliRunner().invoke(main, ["--version"])
    assert __version__ in res.output and version("dyadline") == __version__


@pytest.mark.parametrize("command", [["extract", "{sample}"], ["run", "{sample}", "--db", "{db}"]])
def test_a_missing_model_stops_once_before_reading_with_the_install_command(tmp_path, command):
    """A model package that cannot be imported (here: shadowed by one that fails) stops the run
    before anything is read: one message naming the package and the pip command, exit code 1."""
    import subprocess
    import sys

    from dyadline.lang import load
    from dyadline.pipeline.read import sample_paths
    module = load("fr", "config")["model"]
    (tmp_path / f"{module}.py").write_text("raise ImportError('not installed')\n")
    args = [a.format(sample=sample_paths()[0], db=tmp_path / "t.duckdb") for a in command]
    res = subprocess.run([sys.executable, "-m", "dyadline", *args], capture_output=True, text=True,
                         env={**__import__("os").environ, "PYTHONPATH": str(tmp_path)})
    assert res.returncode == 1, res.stderr
    errors = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "pip install " + load("fr", "config")["model_package"] in errors[0]
    assert "Traceback" not in res.stderr and not (tmp_path / "t.duckdb").exists()


def test_places_lookup_plain_and_json():
    runner = CliRunner()
    res = runner.invoke(main, ["places", "lookup", "Pékin", "--lang", "fr", "--json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert {k: d[k] for k in ("name", "geonames_id", "country", "feature")} == \
        {"name": "Beijing", "geonames_id": 1816670, "country": "CHN", "feature": "city"}
    res = runner.invoke(main, ["places", "lookup", "Leningrad", "--date", "1950"])
    assert res.exit_code == 0 and "Saint Petersburg" in res.output and "held by SUN in 1950" in res.output
    assert "why:" in res.output
    res = runner.invoke(main, ["places", "lookup", "Xqzzyville"])
    assert res.exit_code == 0 and "(no place)" in res.output
