"""The field tables of the records: each matches its dataclass, the store's schema is made
from it, and a row goes back to an equal record."""
import dataclasses

import pytest

from dyadline.kinds import get
from dyadline.records import (CLUSTER, EVENT, FACT, SPAN, STRINGS, Cluster, Event, Fact, SourceRef,
                              TimeExpr, TimeMention)
from dyadline.store.schema import TABLES, columns, create


def event(**kw):
    K = get("AGREE")
    fields = dict(doc="d.txt", lang="en", evidence="signed", span=(3, 9), kind="AGREE", plover=K.plover,
                  cameo=K.cameo, quad_class=K.quad_class, goldstein=K.goldstein, source=["CHL"],
                  target=["PER"], source_text=["Chile"], target_text=["Peru"], date="1929",
                  date_text="1929", negated=False, confidence=0.8, label="x")
    fields.update(kw)
    return Event(**fields)


@pytest.mark.parametrize("table, cls", [(EVENT, Event), (FACT, Fact), (CLUSTER, Cluster)])
def test_each_field_table_names_the_fields_of_its_record(table, cls):
    record_fields = {f.name for f in dataclasses.fields(cls)}
    row_fields = set(table.names())
    properties = {n for n in row_fields - record_fields if isinstance(getattr(cls, n, None), property)}
    assert row_fields - properties <= record_fields
    assert record_fields - row_fields <= {"year_from", "year_to"}, record_fields - row_fields


def test_an_event_row_puts_id_first_span_last_and_round_trips():
    ev = event(against=["BOL"])
    row = ev.row()
    assert list(row)[0] == "id" and list(row)[-1] == "span" and row["span"] == [3, 9]
    assert "year_from" not in row
    assert Event.from_row(row) == ev
    assert Event.from_row({**row, "unknown": 1}) == ev


def test_a_cluster_row_carries_its_sources_as_dicts_and_comes_back():
    ref = SourceRef(doc="d.txt", lang="en", event="ev_1", evidence="signed", span=(3, 9), sentence=0)
    c = Cluster(id="cl_1", kind="AGREE", source=["CHL"], target=["PER"], date="1929", negated=False,
                label="x", members=["ev_1"], sources=[ref], year_from=1929, year_to=1929)
    row = c.row()
    assert row["sources"] == [ref.to_dict()] and row["docs"] == ["d.txt"] and row["langs"] == ["en"]
    assert Cluster.from_row(row) == c


def test_the_store_schema_is_made_from_the_field_tables():
    cols = columns(EVENT)
    assert cols[:3] == ["id", "doc", "lang"] and "span_start" in cols and "year_from" in cols
    assert create(EVENT) in TABLES and create(FACT) in TABLES and create(CLUSTER) in TABLES
    assert all(f.type in (SPAN, STRINGS) or f.name in cols for f in EVENT.fields)


def test_csv_columns_follow_the_table():
    assert EVENT.csv_columns(["id", "kind", "trigger", "doc"]) == ["id", "doc", "kind", "trigger"]


def test_a_time_mention_is_a_time_expression_with_tokens():
    m = TimeMention(start=0, end=4, text="1929", edtf="1929", type="date", relative=False, rule="year",
                    tok_start=0, tok_end=1)
    assert isinstance(m, TimeExpr) and m.tok_end == 1
