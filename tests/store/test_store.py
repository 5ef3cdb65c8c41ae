import pytest

from dyadline.kinds import get
from dyadline.records import Document, Event, Fact
from dyadline.store import Store
from dyadline.timex.values import year_bounds


def make_doc(doc_id="a.txt", n_events=2, text="Chile and Peru signed a treaty in 1929. Peru visited Chile."):
    d = Document(id=doc_id, text=text, lang="en")
    k = get("AGREE")
    for i in range(n_events):
        d.events.append(Event(doc=doc_id, lang="en", evidence=text[:10], span=(0, 10), kind="AGREE",
                              plover=k.plover, cameo=k.cameo, quad_class=k.quad_class,
                              goldstein=k.goldstein, source=["CHL"], target=["PER" if i == 0 else "BOL"],
                              source_text=["Chile"], target_text=["Peru"], date="1929" if i == 0 else "1950/1960",
                              date_text="1929", negated=False, confidence=0.8, label="x"))
    d.facts.append(Fact(doc=doc_id, evidence="Chile", span=(0, 5), subject="CHL", predicate="member_of", object="UN"))
    return d


def test_save_and_query_roundtrip(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.save([make_doc()])
        rows = s.events(dyad=("PER", "CHL"))
        assert len(rows) == 1 and rows[0].source == ["CHL"] and rows[0].span == (0, 10)
        assert rows[0].row()["span"] == [0, 10] and list(rows[0].row())[0] == "id"
        assert s.count("facts") == 1 and s.count("sentences") == 1


def test_saving_again_replaces_not_duplicates(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.save([make_doc()])
        s.save([make_doc(n_events=1)])
        assert s.count("events") == 1 and s.count("documents") == 1


def test_year_filters_use_interval_overlap(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        s.save([make_doc()])
        assert len(s.events(year_from=1955, year_to=1956)) == 1
        assert len(s.events(year_from=1925, year_to=1930)) == 1
        assert len(s.events(year_from=1961)) == 0


def test_actor_filter_drops_role_suffix(tmp_path):
    d = make_doc()
    d.events[0].target = ["PER-REB"]
    with Store(tmp_path / "t.duckdb") as s:
        s.save([d])
        assert len(s.events(actor="PER")) == 1


def test_year_bounds():
    assert year_bounds("1955-23") == (1955, 1955)
    assert year_bounds("1991/..") == (1991, None)
    assert year_bounds("197X") == (1970, 1979)
    assert year_bounds(None) == (None, None)


def test_read_only_store_missing_file_is_a_clear_error(tmp_path):
    from dyadline.errors import StoreError
    with pytest.raises(StoreError, match="cannot open"):
        Store(tmp_path / "missing" / "x.duckdb")


def test_skipped_inputs_are_recorded_with_their_reason(tmp_path):
    from dyadline.records import Skipped
    with Store(tmp_path / "t.duckdb") as s:
        s.record_skipped([Skipped("a.txt", "is empty"), Skipped("b.pdf", "binary")])
        s.record_skipped([Skipped("a.txt", "is in language 'de'")])
        assert s.skipped() == [{"path": "a.txt", "reason": "is in language 'de'"},
                               {"path": "b.pdf", "reason": "binary"}]
