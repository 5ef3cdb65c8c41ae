"""Exports (JSON Lines, CSV, Parquet, PLOVER, ICEWS, COW dyad-years) of a store built from
hand-made events, through the library and through the ``export`` command."""
import csv
import io
import json
import os

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dyadline.cli.export import export as export_cmd
from dyadline.errors import InputError, StoreError
from dyadline.export import (COW_COLUMNS, EVENT_FIELDS, FORMATS, ICEWS_COLUMNS, export,
                             read_parquet)
from dyadline.kinds import get
from dyadline.records import Document, Event, Fact
from dyadline.reconcile import reconcile_store
from dyadline.store import Store


def ev(doc, kind, src, tgt, date, start, lang="en", **kw):
    K = get(kind)
    fields = dict(doc=doc, lang=lang, evidence=f"{kind.lower()} words", span=(start, start + 10),
                  kind=kind, plover=K.plover, cameo=K.cameo, quad_class=K.quad_class,
                  goldstein=K.goldstein, source=list(src), target=list(tgt), source_text=[],
                  target_text=[], date=date, date_text=date, negated=False, confidence=0.8,
                  label=f"{kind} label")
    fields.update(kw)
    return Event(**fields)


def documents():
    a = Document(id="a.txt", text="x" * 200, lang="en")
    a.events = [
        ev("a.txt", "VISIT", ["PAK"], ["SUN", "IND"], "1955-06", 0, trigger="visited", sentence=0,
           source_text=["Pakistan"], target_text=["the Soviet Union", "India"]),
        ev("a.txt", "ARMED_CONFLICT", ["IND"], ["PAK"], "1965-09", 20, sentence=1),
        ev("a.txt", "AID", ["SUN"], ["IND"], "1962", 40, against=["PAK"], sentence=2),
        ev("a.txt", "VISIT", ["IND"], ["PAK"], "1970", 60, negated=True, sentence=3),
        ev("a.txt", "AID", ["PAK"], ["AFG-REB"], "1980", 80, sentence=4),
        ev("a.txt", "COUP", ["PAK"], [], None, 100, date_text=None),      # undated, no target
    ]
    a.facts = [Fact(doc="a.txt", evidence="relations remained strained", span=(120, 147),
                    subject="PAK", predicate="relations_hostile", object="IND", date="1966/1968")]
    # a second report, in French, of the 1965 war: one reconciled event with the first
    b = Document(id="b.txt", text="La guerre indo-pakistanaise de 1965.", lang="fr")
    b.events = [ev("b.txt", "ARMED_CONFLICT", ["PAK"], ["IND"], "1965", 3, lang="fr",
                   evidence="guerre indo-pakistanaise", source_text=["pakistanaise"])]
    return [a, b]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path) as store:
        store.save(documents())
        reconcile_store(store)
    return path


@pytest.fixture
def store(db):
    with Store(db, read_only=True) as s:
        yield s


def rows(store):
    """The stored events' published rows (what every export writes)."""
    return [e.row() for e in store.events()]


def by_kind(rows, kind, **match):
    return [r for r in rows if r["kind"] == kind and all(r[k] == v for k, v in match.items())]


# -- jsonl, csv, parquet ------------------------------------------------------------------
def test_parquet_round_trip_equals_the_stored_events(store, tmp_path):
    out = tmp_path / "events.parquet"
    events = rows(store)
    assert export(store, "parquet", out) == len(events) == 7
    back = read_parquet(out)
    assert back == events
    for got, want in zip(back, events):           # field by field, with the types
        for key in want:
            assert got[key] == want[key] and type(got[key]) is type(want[key]), key
    assert [r["against"] for r in back if r["kind"] == "AID"] == [["PAK"], []]
    assert by_kind(back, "COUP")[0]["date"] is None
    assert by_kind(back, "ARMED_CONFLICT", lang="fr")[0]["evidence"] == "guerre indo-pakistanaise"
    schema = pq.read_schema(out)
    assert schema.field("source").type == pa.list_(pa.string())
    assert schema.field("span").type == pa.list_(pa.int32())
    assert schema.field("negated").type == pa.bool_()
    assert schema.field("goldstein").type == pa.float64()
    assert schema.names == [name for name, _t in EVENT_FIELDS]


def test_parquet_of_an_empty_store_keeps_the_schema(tmp_path):
    with Store(tmp_path / "empty.duckdb") as s:
        assert export(s, "parquet", tmp_path / "e.parquet") == 0
    assert read_parquet(tmp_path / "e.parquet") == []
    assert pq.read_schema(tmp_path / "e.parquet").field("target").type == pa.list_(pa.string())


def test_read_parquet_names_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.parquet"):
        read_parquet(tmp_path / "nope.parquet")


def test_jsonl_lines_are_the_stored_events(store, tmp_path):
    out = tmp_path / "events.jsonl"
    assert export(store, "jsonl", out) == 7
    text = out.read_text(encoding="utf-8")
    assert "indo-pakistanaise" in text and "\\u" not in text      # ensure_ascii=False
    assert [json.loads(line) for line in text.splitlines()] == rows(store)


def test_csv_has_the_event_columns_and_joins_lists(store, tmp_path):
    from dyadline.records import EVENT
    EVENT_CSV_COLUMNS = list(EVENT.csv_first)
    out = tmp_path / "events.csv"
    assert export(store, "csv", out) == 7
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    header = list(rows[0])
    assert header[:len(EVENT_CSV_COLUMNS)] == EVENT_CSV_COLUMNS
    assert header[len(EVENT_CSV_COLUMNS):] == ["trigger", "date_source", "sentence", "cluster", "against", "mode",
                                             "doc_date", "doc_source", "doc_url", "location",
                                             "location_id", "geonames_id", "location_country",
                                             "latitude", "longitude", "location_feature",
                                             "location_province", "location_text", "location_span"]
    visit = next(r for r in rows if r["kind"] == "VISIT" and r["negated"] == "False")
    assert visit["target"] == "SUN|IND" and visit["span"] == "0|10"
    assert visit["target_text"] == "the Soviet Union|India" and visit["trigger"] == "visited"
    assert next(r for r in rows if r["against"])["against"] == "PAK"


# -- plover --------------------------------------------------------------------------------
def test_plover_maps_fields_to_the_specification(store, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    assert export(store, "plover", out) == 7
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    stored = {e["id"]: e for e in rows(store)}
    visit = next(r for r in recs if r["kind"] == "VISIT" and not r["negated"])
    assert visit["event"] == ["CONSULT"] and visit["mode"] == ["visit"] and visit["context"] == []
    assert visit["date"] == "1955-06-01" and visit["enddate"] == "1955-06-30"
    assert visit["date_edtf"] == "1955-06"
    assert visit["source"] == [{"code": "PAK", "sector": None, "actor_text": "Pakistan",
                                "identifier_id": "PAK", "identifier_text": "Pakistan"}]
    assert [a["code"] for a in visit["recipient"]] == ["SUN", "IND"]
    assert [a["identifier_text"] for a in visit["recipient"]] == ["Soviet Union", "India"]
    assert visit["event_text"] == ["visited"] and visit["quad_code"] == 1 and visit["event_scale"] == 1.9
    assert visit["text_info"] == {"sequence": 0, "start": 0, "end": 10}
    assert visit["cite_info"] == {"citation": "a.txt", "language": "en", "story_date": None,
                                  "publisher": None, "url": None}
    want = stored[visit["id"]]
    for key in ("doc", "evidence", "span", "kind", "cameo", "quad_class", "goldstein", "cluster"):
        assert visit[key] == want[key], key
    assert visit["link"] == want["cluster"] and visit["text"] == want["evidence"]
    rebels = next(r for r in recs if r["recipient"] and r["recipient"][0]["identifier_id"] == "AFG-REB")
    assert rebels["recipient"][0]["code"] == "AFG" and rebels["recipient"][0]["sector"] == "REB"
    assert next(r for r in recs if r["negated"])["context"] == ["negation"]
    coup = next(r for r in recs if r["kind"] == "COUP")
    assert coup["date"] is None and coup["date_edtf"] is None and coup["recipient"] == []


# -- icews ---------------------------------------------------------------------------------
def test_icews_has_the_twenty_columns_and_one_row_per_target(store, tmp_path):
    out = tmp_path / "events.tsv"
    n = export(store, "icews", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ICEWS_COLUMNS and len(ICEWS_COLUMNS) == 20
    assert all(len(line.split("\t")) == 20 for line in lines)
    tsv = [dict(zip(ICEWS_COLUMNS, line.split("\t"))) for line in lines[1:]]
    assert n == len(tsv) == 7        # 7 events, the visit has 2 targets, the negated one is left out
    visit_id = by_kind(rows(store), "VISIT", negated=False)[0]["id"]
    visits = [r for r in tsv if r["Event ID"].startswith(visit_id)]
    assert [r["Event ID"] for r in visits] == [f"{visit_id}-1", f"{visit_id}-2"]
    assert [r["Target Name"] for r in visits] == ["Soviet Union", "India"]
    v = visits[1]
    assert (v["Event Date"], v["Source Name"], v["Source Sectors"], v["Source Country"]) == \
        ("1955-06-01", "Pakistan", "Government", "Pakistan")
    assert (v["Event Text"], v["CAMEO Code"], v["Intensity"]) == ("Pakistan visits India", "04", "1.9")
    assert (v["Story ID"], v["Sentence Number"], v["Latitude"], v["City"]) == ("a.txt", "0", "", "")
    rebels = next(r for r in tsv if r["Target Name"] == "Afghanistan (REB)")
    assert rebels["Target Sectors"] == "Rebel" and rebels["Target Country"] == "Afghanistan"
    coup = next(r for r in tsv if r["CAMEO Code"] == "17")
    assert coup["Event Date"] == "" and coup["Target Name"] == ""
    assert not any(r["Event Date"] == "1970-01-01" for r in tsv)      # negated visit


# -- cow-dyad-year -----------------------------------------------------------------------
def test_cow_dyad_years_have_both_directions_with_cow_numbers(store, tmp_path):
    out = tmp_path / "dyads.csv"
    n = export(store, "cow-dyad-year", out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == COW_COLUMNS and n == len(rows)
    key = {(r["iso1"], r["iso2"], int(r["year"])): r for r in rows}
    fwd, back = key[("PAK", "IND", 1955)], key[("IND", "PAK", 1955)]
    assert (fwd["ccode1"], fwd["ccode2"], back["ccode1"], back["ccode2"]) == ("770", "750", "750", "770")
    assert (fwd["events"], fwd["q1"], fwd["score"]) == ("1", "1", "1.9")        # Pakistan visited India
    assert (back["events"], back["q1"], back["score"]) == ("0", "0", "0.0")
    war = key[("IND", "PAK", 1965)]          # two reports of one war count once, in both directions
    assert (war["events"], war["q4"], war["score"], war["phase"]) == ("1", "1", "-10.0", "hostile")
    assert key[("PAK", "IND", 1965)]["events"] == "1"
    assert key[("IND", "PAK", 1966)]["phase"] == "hostile"       # the store's facts: "strained"
    assert key[("SUN", "IND", 1962)]["ccode1"] == "365" and key[("SUN", "IND", 1962)]["q2"] == "1"
    assert key[("SUN", "PAK", 1962)]["q4"] == "1"                # aid to India against Pakistan
    assert not any("AFG" in (r["iso1"], r["iso2"]) for r in rows)  # rebels are not their state
    assert all((r["iso2"], r["iso1"], r["year"]) in {(x["iso1"], x["iso2"], x["year"]) for x in rows}
               for r in rows)


def test_cow_dyad_years_need_reconciled_events(tmp_path):
    with Store(tmp_path / "raw.duckdb") as s:
        s.save(documents())                   # no reconcile_store
        with pytest.raises(StoreError, match="not reconciled"):
            export(s, "cow-dyad-year", tmp_path / "d.csv")
    assert not (tmp_path / "d.csv").exists()


# -- failures ------------------------------------------------------------------------------
def test_output_in_a_missing_folder_is_a_clear_error_and_leaves_no_file(store, tmp_path):
    out = tmp_path / "missing" / "events.csv"
    with pytest.raises(InputError, match="folder does not exist") as err:
        export(store, "csv", out)
    assert str(out) in str(err.value)
    assert not out.exists() and not out.parent.exists()


class BrokenKB:
    """A knowledge base that fails after a few names: the export breaks half-way."""

    def __init__(self, kb, after):
        self.kb, self.left = kb, after

    def __getattr__(self, name):
        return getattr(self.kb, name)

    def name(self, code):
        self.left -= 1
        if self.left < 0:
            raise RuntimeError("knowledge base broke")
        return self.kb.name(code)


def test_a_failed_export_keeps_the_previous_file_and_leaves_no_temporary(store, tmp_path):
    from dyadline.kb import default_kb
    out = tmp_path / "events.tsv"
    out.write_text("previous export\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="broke"):
        export(store, "icews", out, kb=BrokenKB(default_kb(), after=6))
    assert out.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(os.listdir(tmp_path)) == ["events.tsv", "t.duckdb"]


def test_parquet_to_stdout_is_refused(store):
    with pytest.raises(InputError, match="binary"):
        export(store, "parquet", None)


def test_unknown_format_is_refused(store, tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        export(store, "gdelt", tmp_path / "x")
    assert "gdelt" not in FORMATS and not (tmp_path / "x").exists()


def test_text_formats_go_to_stdout(store, capsys):
    assert export(store, "icews") == 7
    assert capsys.readouterr().out.splitlines()[0].split("\t") == ICEWS_COLUMNS


# -- the command ---------------------------------------------------------------------------
def test_command_writes_a_file_and_reports_the_rows(db, tmp_path):
    out = tmp_path / "events.parquet"
    res = CliRunner().invoke(export_cmd, ["--db", str(db), "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stderr.strip() == f"7 rows written to {out}"
    with Store(db, read_only=True) as s:
        assert read_parquet(out) == rows(s)


def test_command_writes_text_formats_to_stdout(db):
    res = CliRunner().invoke(export_cmd, ["--db", str(db), "--format", "plover"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 7 and all("event" in r and "recipient" in r for r in recs)
    assert "7 rows written to stdout" in res.stderr


def test_command_refuses_parquet_to_stdout(db):
    res = CliRunner().invoke(export_cmd, ["--db", str(db), "--format", "parquet"])
    assert res.exit_code == 2 and res.stderr.startswith("error:") and "binary" in res.stderr
    assert res.stdout == ""


def test_command_reports_a_missing_database_and_a_missing_folder(db, tmp_path):
    res = CliRunner().invoke(export_cmd, ["--db", str(tmp_path / "none.duckdb"), "--format", "csv"])
    assert res.exit_code == 2 and "no database here" in res.stderr
    out = tmp_path / "no" / "e.csv"
    res = CliRunner().invoke(export_cmd, ["--db", str(db), "--format", "csv", "-o", str(out)])
    assert res.exit_code == 2 and "error:" in res.stderr and "folder does not exist" in res.stderr
    assert not out.exists()


def test_command_help_has_an_example_and_option_help():
    res = CliRunner().invoke(export_cmd, ["--help"])
    assert res.exit_code == 0 and "Example: dyadline export" in res.output
    assert all(p.help for p in export_cmd.params if p.param_type_name == "option")
    res = CliRunner().invoke(export_cmd, ["--format", "gdelt"])
    assert res.exit_code == 2 and "gdelt" in res.stderr


def test_story_metadata_reaches_icews_and_plover(tmp_path):
    """A news document's date, publisher and address: ICEWS takes the story's date for an event
    with no day of its own and the publisher; PLOVER cites them."""
    d = Document(id="wire.txt", text="x" * 100, lang="en", date="2019-03-13", source="Example Wire",
                 url="https://example.org/wire")
    meta = dict(doc_date=d.date, doc_source=d.source, doc_url=d.url)
    d.events = [ev("wire.txt", "SANCTION", ["USA"], ["VEN"], "2019-03-08", 0, **meta),
                ev("wire.txt", "ACCUSE", ["BRA"], ["VEN"], "../2019-03-13", 20, date_source="document", **meta),
                ev("wire.txt", "COUP", ["VEN"], [], None, 40, **meta)]
    with Store(tmp_path / "w.duckdb") as store:
        store.save([d])
        assert store.documents()[0].date == "2019-03-13"
        assert {e.doc_source for e in store.events()} == {"Example Wire"}
        export(store, "icews", tmp_path / "w.tsv")
        export(store, "plover", tmp_path / "w.jsonl")
    lines = (tmp_path / "w.tsv").read_text(encoding="utf-8").splitlines()
    tsv = [dict(zip(ICEWS_COLUMNS, line.split("\t"))) for line in lines[1:]]
    assert [r["Event Date"] for r in tsv] == ["2019-03-08", "2019-03-13", "2019-03-13"]
    assert {r["Publisher"] for r in tsv} == {"Example Wire"}
    recs = [json.loads(line) for line in (tmp_path / "w.jsonl").read_text(encoding="utf-8").splitlines()]
    assert recs[0]["cite_info"] == {"citation": "wire.txt", "language": "en", "story_date": "2019-03-13",
                                    "publisher": "Example Wire", "url": "https://example.org/wire"}
    assert recs[1]["date"] is None and recs[1]["enddate"] == "2019-03-13"


# -- locations -----------------------------------------------------------------------------------
def _located(tmp_path):
    from dyadline.records import PlaceMention
    doc = Document(id="loc.txt", text="Khrushchev threatened to drop a bomb on Peshawar. Talks in Kashmir.", lang="en")
    threat = ev("loc.txt", "THREATEN", ["SUN"], ["PAK"], "1960", 0)
    threat.set_location(PlaceMention(start=40, end=48, text="Peshawar", place_id="geonames:1168197",
                                     name="Peshawar", feature="city", country="PAK", lat=34.008,
                                     lon=71.578, geonames_id=1168197))
    talks = ev("loc.txt", "NEGOTIATE", ["IND"], ["PAK"], "1962", 50)
    talks.set_location(PlaceMention(start=59, end=66, text="Kashmir", place_id="dyadline:kashmir",
                                    name="Kashmir", feature="region", country=None, lat=34.5, lon=76.0))
    doc.events = [threat, talks]
    db = tmp_path / "loc.duckdb"
    with Store(db) as s:
        s.save([doc])
    return db


def test_locations_round_trip_and_reach_icews_and_plover(tmp_path):
    db = _located(tmp_path)
    with Store(db, read_only=True) as s:
        threat = next(e for e in s.events() if e.kind == "THREATEN")
        assert (threat.location, threat.geonames_id, threat.location_country) == ("Peshawar", 1168197, "PAK")
        assert threat.location_span == (40, 48) and threat.latitude == pytest.approx(34.008)
        assert [e.kind for e in s.events(located=True)] == ["THREATEN", "NEGOTIATE"]
        export(s, "icews", tmp_path / "e.tsv")
        export(s, "plover", tmp_path / "e.jsonl")
        export(s, "parquet", tmp_path / "e.parquet")
    lines = (tmp_path / "e.tsv").read_text(encoding="utf-8").splitlines()
    tsv = [dict(zip(ICEWS_COLUMNS, line.split("\t"))) for line in lines[1:]]
    t = next(r for r in tsv if r["CAMEO Code"] == "13")
    assert (t["City"], t["Province"], t["Country"], t["Latitude"], t["Longitude"]) == \
        ("Peshawar", "", "Pakistan", "34.008", "71.578")
    k = next(r for r in tsv if r["CAMEO Code"] == "04")
    assert (k["City"], k["Province"], k["Country"]) == ("", "Kashmir", "")
    plover = [json.loads(x) for x in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    loc = next(p for p in plover if p["kind"] == "THREATEN")["event_loc"]
    assert (loc["geonameid"], loc["name"], loc["country code"], loc["cc3"], loc["feature class"]) == \
        (1168197, "Peshawar", "PK", "PAK", "P")
    assert "CC BY 4.0" in next(p for p in plover if p["kind"] == "THREATEN")["cite_info"]["license"]
    back = {e["kind"]: e for e in read_parquet(tmp_path / "e.parquet")}
    assert back["NEGOTIATE"]["location_id"] == "dyadline:kashmir" and back["NEGOTIATE"]["location_country"] is None
    assert back["THREATEN"]["location_span"] == [40, 48] and back["THREATEN"]["geonames_id"] == 1168197
