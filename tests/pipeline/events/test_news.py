"""News reports end to end: the document's date (dateline, JSON Lines field) dates its events
(docs/time.md, "News")."""
from __future__ import annotations

import json

from dyadline import extract
from dyadline.pipeline.read import read_text
from tests.conftest import find

EN = """WASHINGTON, March 13, 2019 (Reuters) - The United States imposed new sanctions on Venezuela on Friday, officials said.
Colombia closed its border with Venezuela two days ago.
Brazil has condemned Venezuela.
The US Secretary of State will visit Colombia next week.
Cuba expelled the Venezuelan ambassador."""

FR = """PARIS, 13 mars 2019 (AFP) - La France a condamné hier l'attaque de la Syrie contre la Turquie.
Le Japon dénonce la Chine.
Le président russe se rendra en Turquie vendredi.
Le 28 février, l'Iran avait rappelé son ambassadeur au Maroc."""


def run(pipeline, text, **kw):
    return next(pipeline.process([read_text(text, doc_id="n.txt", **kw)]))


def test_english_dateline_dates_the_events(pipeline):
    doc = run(pipeline, EN, lang="en")
    assert (doc.date, doc.source) == ("2019-03-13", "Reuters")
    assert find(doc, "SANCTION", "USA", "VEN", date="2019-03-08")     # the Friday before
    assert find(doc, "COERCE", "COL", "VEN", date="2019-03-11")       # two days ago
    condemned = find(doc, "ACCUSE", "BRA", "VEN")
    assert condemned and condemned[0].date == "2019-03-13" and condemned[0].date_source == "document"
    assert find(doc, "VISIT", "USA", "COL", date="2019-03-18/2019-03-24")
    sent = find(doc, "SANCTION", "CUB", "VEN")
    assert sent and all(e.date == "../2019-03-13" and e.date_source == "document" for e in sent)
    assert all(e.doc_date == "2019-03-13" and e.doc_source == "Reuters" for e in doc.events)


def test_french_dateline_dates_the_events(pipeline):
    doc = run(pipeline, FR, lang="fr")
    assert (doc.date, doc.source) == ("2019-03-13", "AFP")
    assert find(doc, "ACCUSE", "FRA", "SYR", date="2019-03-12")       # hier
    accuse = find(doc, "ACCUSE", "JPN", "CHN")
    assert accuse and accuse[0].date == "2019-03-13"                  # a present: the day itself
    assert find(doc, "VISIT", "RUS", "TUR", date="2019-03-15")        # vendredi, in the future
    assert find(doc, "SANCTION", "IRN", "MAR", date="2019-02-28")     # le 28 février, no year
    # the dateline's own date is no time of the story
    assert not [t for t in doc.times if t.start < 30]


def test_json_lines_date_field_dates_the_events(tmp_path, pipeline):
    f = tmp_path / "wire.jsonl"
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "w1", "text": "Ethiopia and Eritrea signed a peace agreement yesterday in Jeddah.",
         "date": "2018-09-17", "source": "Wire"},
        {"id": "w2", "text": "L'Éthiopie et l'Érythrée ont signé hier un accord de paix à Djeddah.",
         "published": "2018-09-17T08:00:00Z"},
    ]) + "\n")
    result = extract([f], pipeline=pipeline)
    assert not result.skipped
    docs = {d.id: d for d in result.documents}
    for doc_id in ("w1", "w2"):
        agree = find(docs[doc_id], "AGREE")
        assert agree and agree[0].date == "2018-09-16", (doc_id, agree)
        assert {"ETH", "ERI"} <= set(agree[0].source + agree[0].target)


def test_history_is_not_dated_by_its_publication_year(pipeline):
    # a book of 1922 that never writes the year of what it tells: its acts happened on or
    # before 1922 (never in 1922 itself, which the text does not say), at the lowest confidence
    doc = run(pipeline, "Prussia declared war on Austria. On 3 July the Prussian army defeated the Austrians.",
              lang="en", meta=None, default_date="1922")
    assert doc.date == "1922" and doc.events
    assert all(e.date == "../1922" and e.date_source == "document" and e.confidence <= 0.6 for e in doc.events)
    # once the text gives a year, the publication year plays no part
    doc = run(pipeline, "In 1866 Prussia declared war on Austria. On 3 July the Prussian army defeated the "
                        "Austrians.", lang="en", meta=None, default_date="1922")
    assert all(e.date_source != "document" for e in doc.events)


def test_day_without_year_takes_the_narrative_year(pipeline):
    doc = run(pipeline, "En 1866, la Prusse déclara la guerre à l'Autriche. Le 3 juillet, l'armée prussienne "
                        "battit les Autrichiens à Sadowa.", lang="fr")
    assert find(doc, "ARMED_CONFLICT", date="1866-07-03")
