"""The web API, in-process (fastapi.testclient), on a store of hand-made documents: every
endpoint, its filters, and bad parameters (4xx with a message, never 500)."""
import warnings

import pytest

from dyadline.kinds import get
from dyadline.records import ActorMention, Document, Event
from dyadline.reconcile import reconcile_store
from dyadline.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadline.web.app import create_app

TEXT_EN = "In 1952 Greece joined NATO. Turkey joined NATO in 1952 too. Greece visited Turkey in 1953."
TEXT_FR = "La Grèce a rejoint l'OTAN en 1951. La Grèce a visité la Turquie en 1953."


def ev(doc, lang, text, evidence, kind, src, tgt, date, sentence=0):
    K = get(kind)
    s = text.index(evidence)
    return Event(doc=doc, lang=lang, evidence=evidence, span=(s, s + len(evidence)), kind=kind,
                 plover=K.plover, cameo=K.cameo, quad_class=K.quad_class, goldstein=K.goldstein,
                 source=src, target=tgt, source_text=[], target_text=[], date=date, date_text=date,
                 negated=False, confidence=0.8, label=f"{src[0]} {kind.lower()} {tgt[0]}", sentence=sentence)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "t.duckdb"
    en = Document(id="en.txt", text=TEXT_EN, lang="en", date="1953-05-02", title="Balkan pact",
                  url="https://example.org/en", source="Example Wire")
    en.events = [ev("en.txt", "en", TEXT_EN, "Greece joined NATO", "JOIN_ALLIANCE", ["GRC"], ["NATO"], "1952"),
                 ev("en.txt", "en", TEXT_EN, "Turkey joined NATO in 1952", "JOIN_ALLIANCE", ["TUR"], ["NATO"], "1952", 1),
                 ev("en.txt", "en", TEXT_EN, "Greece visited Turkey in 1953", "VISIT", ["GRC"], ["TUR"], "1953", 2)]
    en.mentions = [ActorMention(start=8, end=14, text="Greece", code="GRC", type="state", via="name")]
    fr = Document(id="fr.txt", text=TEXT_FR, lang="fr")
    fr.events = [ev("fr.txt", "fr", TEXT_FR, "La Grèce a rejoint l'OTAN en 1951", "JOIN_ALLIANCE", ["GRC"], ["NATO"], "1951"),
                 ev("fr.txt", "fr", TEXT_FR, "La Grèce a visité la Turquie en 1953", "VISIT", ["GRC"], ["TUR"], "1953", 1)]
    with Store(db) as s:
        s.save([en, fr])
        reconcile_store(s)
    return TestClient(create_app(db))


def ok(client, url):
    r = client.get(url)
    assert r.status_code == 200, (url, r.text)
    return r.json()


def bad(client, url, status):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text)
    assert r.json()["error"], r.text
    return r.json()["error"]


def test_documents_and_one_document(client):
    docs = ok(client, "/api/documents")
    assert docs["total"] == 2 and {d["id"] for d in docs["items"]} == {"en.txt", "fr.txt"}
    assert ok(client, "/api/documents?lang=fr")["total"] == 1
    d = ok(client, "/api/documents/en.txt")
    assert d["text"] == TEXT_EN and len(d["events"]) == 3 and d["mentions"][0]["code"] == "GRC"
    assert (d["date"], d["title"], d["url"], d["source"]) == \
        ("1953-05-02", "Balkan pact", "https://example.org/en", "Example Wire")
    listed = {x["id"]: x for x in docs["items"]}
    assert listed["en.txt"]["date"] == "1953-05-02" and listed["fr.txt"]["date"] is None
    bad(client, "/api/documents/nothing.txt", 404)


def test_event_filters_and_pages(client):
    assert ok(client, "/api/events")["total"] == 5
    assert ok(client, "/api/events?dyad=GRC,TUR")["total"] == 2
    assert ok(client, "/api/events?actor=nato")["total"] == 3
    assert ok(client, "/api/events?kind=visit&lang=fr")["total"] == 1
    assert ok(client, "/api/events?plover=CONSULT")["total"] == 2
    assert ok(client, "/api/events?quad_class=2")["total"] == 3
    assert ok(client, "/api/events?from=1953&to=1960")["total"] == 2
    assert ok(client, "/api/events?q=turquie")["total"] == 1
    assert ok(client, "/api/events?doc=fr.txt")["total"] == 2
    page2 = ok(client, "/api/events?page=2&page_size=2")
    assert page2["page"] == 2 and len(page2["items"]) == 2
    assert all(e["cluster"] for e in ok(client, "/api/events")["items"])


def test_bad_event_parameters_are_4xx_with_a_message(client):
    assert "unknown actor" in bad(client, "/api/events?dyad=GRC,XQZ", 404)
    assert "two actor codes" in bad(client, "/api/events?dyad=GRC", 400)
    assert "after" in bad(client, "/api/events?from=1990&to=1950", 400)
    assert "past the end" in bad(client, "/api/events?page=50", 404)
    assert "page_size" in bad(client, "/api/events?page_size=100000", 400)
    assert "unknown kind" in bad(client, "/api/events?kind=PARTY", 400)
    bad(client, "/api/events?quad_class=9", 400)
    bad(client, "/api/events?from=notayear", 400)
    bad(client, "/api/events?q=" + "x" * 500, 400)


def test_clusters_with_sources_and_disagreements(client):
    multi = ok(client, "/api/clusters?min_sources=2")["items"]
    joins = [c for c in multi if c["kind"] == "JOIN_ALLIANCE"]
    assert joins and set(joins[0]["docs"]) == {"en.txt", "fr.txt"}
    one = ok(client, f"/api/clusters/{joins[0]['id']}")
    assert {s["doc"] for s in one["sources"]} == {"en.txt", "fr.txt"} and len(one["events"]) == 2
    (d,) = one["disagreements"]
    assert d["attribute"] == "date" and {v["value"] for v in d["values"]} == {"1951", "1952"}
    bad(client, "/api/clusters/cl_nothing", 404)
    assert ok(client, "/api/clusters?dyad=GRC,TUR")["total"] == 1


def test_disagreements_timeline_dyads_actors(client):
    dis = ok(client, "/api/disagreements")
    assert dis["total"] == 1 and dis["items"][0]["values"][0]["sources"][0]["evidence"]
    assert ok(client, "/api/disagreements?dyad=GRC,NATO")["total"] == 1
    tl = ok(client, "/api/timeline?a=GRC&b=TUR")
    assert [y["year"] for y in tl["years"]] == [1953] and tl["phases"][0]["kind"] == "cooperative"
    assert ok(client, "/api/timeline?a=GRC&b=TUR&from=1950&to=1955")["years"][0]["year"] == 1950
    bad(client, "/api/timeline?a=GRC", 400)
    bad(client, "/api/timeline?a=GRC&b=QQQ", 404)
    bad(client, "/api/timeline?a=GRC&b=TUR&from=1960&to=1950", 400)
    dy = ok(client, "/api/dyads")["items"]
    assert {(d["a"], d["b"]) for d in dy} >= {("GRC", "TUR")}
    found = ok(client, "/api/actors?q=grece")["items"]
    assert found[0]["code"] == "GRC"
    assert ok(client, "/api/actors?q=OTAN&kind=igo")["items"][0]["code"] == "NATO"
    bad(client, "/api/actors?kind=planet", 400)
    bad(client, "/api/dyads?limit=0", 400)
    bad(client, "/api/documents?page=9", 404)
    bad(client, "/api/clusters?dyad=GRC,TUR,NATO", 400)
    bad(client, "/api/disagreements?actor=ZZZ", 404)


def test_pages_schema_and_headers(client):
    r = client.get("/")
    assert r.status_code == 200 and "<title>" in r.text and "cdn" not in r.text.lower()
    assert r.headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert client.get("/doc/en.txt").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    schema = ok(client, "/openapi.json")
    assert len(schema["paths"]) >= 9
    for path, ops in schema["paths"].items():
        for p in ops["get"].get("parameters", []):
            assert p.get("description"), (path, p["name"])
    assert client.get("/static/../store.py").status_code == 404


def test_missing_database_is_a_clear_503(tmp_path):
    c = TestClient(create_app(tmp_path / "none.duckdb"))
    r = c.get("/api/events")
    assert r.status_code == 503 and "dyadline run" in r.json()["error"]


def test_place_lookup_and_located_events(client):
    d = ok(client, "/api/places?name=Stalingrad&year=1942")
    assert (d["name"], d["country"], d["feature"], d["state"]) == ("Volgograd", "RUS", "city", "SUN")
    assert d["geonames_id"] == 472757 and d["lat"] == pytest.approx(48.7, abs=0.1)
    d = ok(client, "/api/places?name=Xqzzyville")
    assert d["name"] is None and "no place" in d["why"]
    bad(client, "/api/places?name=", 400)
    assert ok(client, "/api/events?located=true")["total"] == 0      # these events say nowhere
    assert ok(client, "/api/events")["total"] > 0
