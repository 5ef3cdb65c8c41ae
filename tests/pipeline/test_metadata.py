"""Document metadata: dates, titles, urls and sources from record fields, HTML and datelines,
and JSON Lines / Parquet inputs read one document per record."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from dyadline.errors import ReadError
from dyadline.pipeline.metadata import DatelineReader, Metadata, from_html, from_record, normalise_date
from dyadline.pipeline.read import read_paths, read_records, read_text
from dyadline.records import Document, Skipped


@pytest.mark.parametrize("value, expected", [
    ("2019-03-12", "2019-03-12"),
    ("2019-03", "2019-03"),
    ("2019", "2019"),
    ("2019-03-12T23:10:00Z", "2019-03-12"),
    ("2019-03-12T10:00:00+02:00", "2019-03-12"),
    ("2019-03-12 10:00:00", "2019-03-12"),
    ("Tue, 12 Mar 2019 10:00:00 GMT", "2019-03-12"),
    ("2019/03/12", "2019-03-12"),
    (dt.date(2019, 3, 12), "2019-03-12"),
    (dt.datetime(2019, 3, 12, 8, 0), "2019-03-12"),
    (1552348800, "2019-03-12"),            # Unix seconds
    (1552348800000, "2019-03-12"),         # milliseconds
    (None, None),
    ("", None),
])
def test_dates_of_metadata_are_normalised(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2019-13-01", "2019-02-30", "not a date"])
def test_a_value_that_is_not_a_date_is_refused_with_the_field_named(value):
    with pytest.raises(ValueError, match="published"):
        normalise_date(value, "published")


def test_record_fields_under_their_usual_names():
    m = from_record({"text": "x", "publish_date": "2020-01-05", "headline": "Talks resume",
                     "link": "https://example.org/a", "publisher": "AFP"}, "f.jsonl:1")
    assert m == Metadata(date="2020-01-05", title="Talks resume", url="https://example.org/a", source="AFP")
    with pytest.raises(ReadError, match="f.jsonl:3"):
        from_record({"text": "x", "date": "soon"}, "f.jsonl:3")


def test_html_metadata():
    html = """<html><head><title>Fallback title</title>
    <meta property="og:title" content="Ministers meet in Geneva">
    <meta property="article:published_time" content="2021-06-16T09:30:00Z">
    <meta property="og:site_name" content="Example Wire">
    <link rel="canonical" href="https://example.org/geneva">
    </head><body><p>Text.</p></body></html>"""
    assert from_html(html) == Metadata(date="2021-06-16", title="Ministers meet in Geneva",
                                       url="https://example.org/geneva", source="Example Wire")


def test_html_json_ld_and_time_element():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Border reopens",
          "datePublished": "2018-09-16T12:00:00+03:00", "publisher": {"@type": "Organization", "name": "Horn News"}}
    html = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body></body></html>'
    assert from_html(html) == Metadata(date="2018-09-16", title="Border reopens", source="Horn News")
    html2 = '<html><body><p>Posted <time datetime="2017-06-02">2 June</time></p></body></html>'
    assert from_html(html2).date == "2017-06-02"


@pytest.mark.parametrize("lang, text, date, source", [
    ("fr", "PARIS, 12 mars 2019 (AFP) - La France a condamné l'attaque.", "2019-03-12", "AFP"),
    ("fr", "GENÈVE (Reuters), 3 février 2020 - Les pourparlers ont repris.", "2020-02-03", "Reuters"),
    ("fr", "Publié le 14/07/2016 à 10h30\nLa Turquie a fermé sa frontière.", "2016-07-14", None),
    ("en", "WASHINGTON, Jan. 24, 2019 (Reuters) - The United States imposed sanctions.", "2019-01-24", "Reuters"),
    ("en", "NEW DELHI, March 3, 2002 - India recalled its envoy.", "2002-03-03", None),
    ("en", "Published: 05/06/2011\nThe talks failed.", "2011-05-06", None),
])
def test_datelines(lang, text, date, source):
    m = DatelineReader(lang).read(text)
    assert (m.date, m.source) == (date, source)


@pytest.mark.parametrize("lang, text", [
    ("en", "WASHINGTON, Jan. 24 (Reuters) - No year in this dateline."),
    ("en", "In 1866, Prussia defeated Austria at Sadowa."),
    ("fr", "Le 3 juillet 1866, la Prusse battit l'Autriche."),
])
def test_no_dateline_no_date(lang, text):
    assert DatelineReader(lang).read(text).date is None


def test_a_document_takes_its_metadata_from_fields_then_html_then_dateline():
    text = "LONDON, 2 May 1997 (AFP) - Britain and Ireland agreed to resume talks."
    assert read_text(text, lang="en").date == "1997-05-02"
    assert read_text(text, lang="en", meta=Metadata(date="1997-05-03")).date == "1997-05-03"
    assert read_text("Britain and Ireland agreed to resume talks.", lang="en",
                     default_date="1997-05-04").date == "1997-05-04"
    assert read_text(text, lang="en", default_date="1997-05-04").date == "1997-05-02"


def test_json_lines_one_document_per_record_bad_lines_skipped(tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text("\n".join([
        json.dumps({"id": "a1", "text": "Japan and China signed a treaty on Friday.", "date": "1978-08-14",
                    "source": "Kyodo", "title": "Treaty signed", "url": "https://example.org/1"}),
        "{not json",
        json.dumps({"id": "a3", "body": "Le Japon et la Chine ont signé un traité vendredi.", "pub_date": "1978-08-13"}),
        json.dumps({"id": "a4", "headline": "no text here"}),
        json.dumps({"id": "a5", "text": "India and Pakistan met.", "published": "someday"}),
        "",
    ]) + "\n")
    out = list(read_records(f))
    docs = [x for x in out if isinstance(x, Document)]
    skipped = [x for x in out if isinstance(x, Skipped)]
    assert [d.id for d in docs] == ["a1", "a3"]
    assert (docs[0].date, docs[0].source, docs[0].title, docs[0].url) == \
        ("1978-08-14", "Kyodo", "Treaty signed", "https://example.org/1")
    assert docs[1].date == "1978-08-13" and docs[1].lang == "fr"
    assert [s.path.rsplit(":", 1)[1] for s in skipped] == ["2", "4", "5"]
    assert "someday" in skipped[2].reason


def test_parquet_records_and_folders(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq
    table = pa.table({"id": ["p1", "p2"], "text": ["Egypt recalled its ambassador from Israel.",
                                                   "Israel expelled the Egyptian envoy."],
                      "published": [dt.datetime(2012, 11, 15, 8), None]})
    pq.write_table(table, tmp_path / "docs.parquet")
    (tmp_path / "x.txt").write_text("Egypt and Israel signed a treaty in 1979.")
    out = list(read_paths([tmp_path], doc_date="2001-01-01"))
    by_id = {d.id: d for d in out if isinstance(d, Document)}
    assert by_id["p1"].date == "2012-11-15"
    assert by_id["p2"].date == "2001-01-01"            # the default for a record without date
    assert by_id["x.txt"].date == "2001-01-01"
