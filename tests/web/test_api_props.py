"""Property tests of the web API's parameters: on every GET endpoint of ``/api``, any combination
of query parameters -- known names and unknown ones, repeated or not, with random text (unicode,
control characters, NUL), huge and negative integers, floats, empty strings, and real values of
the store (actor codes, kinds, years, document and cluster ids) -- and any path id give a status
below 500 and a JSON body (an object; with an "error" message when the status is 4xx)."""
from __future__ import annotations

import re
import warnings
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadline.records import ActorMention, Document, Fact
from dyadline.reconcile import reconcile_store
from dyadline.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadline.web.app import create_app

from .test_api import ev  # noqa: E402  (one builder of test events)

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

TEXTS = {
    "en.txt": ("en", "In 1952 Greece joined NATO. Turkey joined NATO in 1952 too. Greece visited Turkey in 1953. "
                     "In 1974 Turkey invaded Cyprus."),
    "fr.txt": ("fr", "La Grèce a rejoint l'OTAN en 1951. La Grèce a visité la Turquie en 1953. "
                     "La Turquie a envahi Chypre en 1974."),
    "ü 名 \u202e.txt": ("en", "Pakistan joined CENTO in 1955. The Soviet Union threatened Pakistan in 1960."),
}
EVENTS = [
    ("en.txt", "Greece joined NATO", "JOIN_ALLIANCE", ["GRC"], ["NATO"], "1952", 0),
    ("en.txt", "Turkey joined NATO in 1952", "JOIN_ALLIANCE", ["TUR"], ["NATO"], "1952", 1),
    ("en.txt", "Greece visited Turkey in 1953", "VISIT", ["GRC"], ["TUR"], "1953", 2),
    ("en.txt", "Turkey invaded Cyprus", "INVADE", ["TUR"], ["CYP"], "1974", 3),
    ("fr.txt", "La Grèce a rejoint l'OTAN en 1951", "JOIN_ALLIANCE", ["GRC"], ["NATO"], "1951", 0),
    ("fr.txt", "La Grèce a visité la Turquie en 1953", "VISIT", ["GRC"], ["TUR"], "1953", 1),
    ("fr.txt", "La Turquie a envahi Chypre en 1974", "INVADE", ["TUR"], ["CYP"], "1974-07/1974-08", 2),
    ("ü 名 \u202e.txt", "Pakistan joined CENTO in 1955", "JOIN_ALLIANCE", ["PAK"], ["CENTO"], "1955", 0),
    ("ü 名 \u202e.txt", "The Soviet Union threatened Pakistan in 1960", "THREATEN", ["SUN"], ["PAK"], "1960~", 1),
]

QUERY_PARAMS = {
    "/api/events": ["dyad", "actor", "kind", "plover", "quad_class", "from", "to", "doc", "lang", "q",
                    "cluster", "page", "page_size"],
    "/api/clusters": ["dyad", "actor", "min_sources", "page", "page_size"],
    "/api/disagreements": ["dyad", "actor", "page", "page_size"],
    "/api/timeline": ["a", "b", "from", "to", "with_predecessors"],
    "/api/dyads": ["limit"],
    "/api/actors": ["q", "kind", "limit"],
    "/api/documents": ["lang", "page", "page_size"],
}
ID_ENDPOINTS = ["/api/documents/{}", "/api/clusters/{}"]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """A client on a small store, and the real values of that store to draw parameters from."""
    db = tmp_path_factory.mktemp("webprops") / "t.duckdb"
    docs = []
    for doc_id, (lang, text) in TEXTS.items():
        d = Document(id=doc_id, text=text, lang=lang)
        d.events = [ev(doc_id, lang, text, *e[1:]) for e in EVENTS if e[0] == doc_id]
        d.mentions = [ActorMention(start=m.start(), end=m.end(), text=m.group(), code=code, type="state", via="name")
                      for code, word in (("GRC", "Greece"), ("TUR", "Turkey"), ("PAK", "Pakistan"))
                      for m in re.finditer(word, text)]
        if doc_id == "en.txt":
            s = text.index("Greece joined NATO")
            d.facts = [Fact(doc=doc_id, evidence="Greece joined NATO", span=(s, s + 18), subject="GRC",
                            predicate="member_of", object="NATO", date="1952", lang=lang)]
        docs.append(d)
    with Store(db) as s:
        s.save(docs)
        reconcile_store(s)
    client = TestClient(create_app(db))
    clusters = [c["id"] for c in client.get("/api/clusters?page_size=200").json()["items"]]
    assert clusters
    return client, {"docs": list(TEXTS), "clusters": clusters}


odd_text = st.lists(st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(list("\x00\x01\x1f\x7f\x85\u00ad\u200b\u200e\u202e\u2028\ufeff\U0001f600\u0301%&=?#/\\'\";,+ ")),
), max_size=60).map("".join)


def values(real):
    """A parameter value: random text, numbers of any size and sign, empty, or a real value."""
    return st.one_of(
        odd_text,
        st.just(""),
        st.integers(-10**40, 10**40).map(str),
        st.integers(-5, 300).map(str),
        st.integers(900, 2200).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["nan", "inf", "-inf", "1e309", "0x10", "1_000", " 1", "1 ", "+1", "٣", "１",
                         "true", "false", "yes", "off", "null", "[]", "{}", "%00", "' OR 1=1 --", "*", "%"]),
        st.sampled_from(["GRC", "grc", "TUR", "NATO", "PAK", "SUN", "CYP", "GRC,TUR", "GRC, TUR", "GRC,,TUR",
                         "GRC,TUR,NATO", ",", "GRC-REB", "TUR-GOV", "X" * 20, "X" * 21, "VISIT", "visit",
                         "JOIN_ALLIANCE", "INVADE", "CONSULT", "ASSAULT", "state", "igo", "person", "en", "fr",
                         "grece", "Grèce", "OTAN"]),
        st.sampled_from(real["docs"] + real["clusters"]),
        st.text(max_size=400),   # longer than every max_length
    )


CODES = ["GRC", "TUR", "NATO", "PAK", "SUN", "CYP", "grc", "CENTO"]
# Plausible values of each parameter, so that a query can pass validation and reach the store
# with one odd value among good ones.
GOOD = {
    "dyad": st.sampled_from(["GRC,TUR", "TUR,CYP", "PAK,SUN", "grc tur", "NATO,GRC"]),
    "actor": st.sampled_from(CODES), "a": st.sampled_from(CODES), "b": st.sampled_from(CODES),
    "kind": st.sampled_from(["VISIT", "visit", "JOIN_ALLIANCE", "INVADE", "THREATEN"]),
    "plover": st.sampled_from(["CONSULT", "ASSAULT", "AID"]),
    "quad_class": st.integers(0, 4).map(str),
    "from": st.integers(1000, 2100).map(str), "to": st.integers(1000, 2100).map(str),
    "lang": st.sampled_from(["en", "fr", "de"]),
    "q": st.sampled_from(["grece", "Turkey", "turquie", "NATO", "1952", "é"]),
    "page": st.integers(1, 3).map(str), "page_size": st.integers(1, 200).map(str),
    "min_sources": st.integers(1, 3).map(str), "limit": st.integers(1, 200).map(str),
    "with_predecessors": st.sampled_from(["true", "false", "1", "0"]),
    "kind_actor": st.sampled_from(["state", "igo", "person"]),
}


@st.composite
def query(draw, endpoint: str, real):
    """Random names with random values; or good values of the endpoint's parameters, one of
    them (or an extra one) replaced by a random value."""
    names = QUERY_PARAMS[endpoint]
    if draw(st.booleans()):
        chosen = draw(st.lists(st.one_of(st.sampled_from(names), st.sampled_from(names),
                                         odd_text.filter(bool)), max_size=len(names) + 2))
        return [(name, draw(values(real))) for name in chosen]
    good = {"doc": st.sampled_from(real["docs"]), "cluster": st.sampled_from(real["clusters"])}
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    if endpoint == "/api/timeline":
        chosen = ["a", "b"] + [n for n in chosen if n not in ("a", "b")]
    params = []
    for name in chosen:
        key = "kind_actor" if (endpoint, name) == ("/api/actors", "kind") else name
        strategy = good[key] if key in good else GOOD[key]
        params.append((name, draw(strategy)))
    odd = draw(st.one_of(st.sampled_from(names), odd_text.filter(bool)))
    params = [(n, v) for n, v in params if n != odd] + [(odd, draw(values(real)))]
    return draw(st.permutations(params))


def check(response) -> None:
    assert response.status_code < 500, (response.request.url, response.status_code, response.text)
    body = response.json()          # a JSON body
    assert isinstance(body, dict), body
    if response.status_code >= 400:
        assert isinstance(body.get("error"), str) and body["error"], body


@pytest.mark.parametrize("endpoint", list(QUERY_PARAMS))
def test_every_endpoint_answers_its_plain_url(api, endpoint):
    client, _ = api
    check(client.get(endpoint))


@pytest.mark.parametrize("endpoint", list(QUERY_PARAMS))
@SETTINGS
@given(data=st.data())
def test_any_query_parameters_give_a_json_answer_below_500(api, endpoint, data):
    client, real = api
    params = data.draw(query(endpoint, real), label="params")
    check(client.get(endpoint, params=params))


# Found by the test above: an empty a= or b= once reached timeline.from_store() as None
# (AttributeError, a 500 with a text body).
@pytest.mark.parametrize("url", ["/api/timeline?a=&b=GRC", "/api/timeline?a=GRC&b=", "/api/timeline?a=&b="])
def test_timeline_with_an_empty_actor_code(api, url):
    client, _ = api
    check(TestClient(client.app, raise_server_exceptions=False).get(url))


@pytest.mark.parametrize("endpoint", ID_ENDPOINTS)
@SETTINGS
@given(data=st.data())
def test_any_path_id_gives_a_json_answer_below_500(api, endpoint, data):
    client, real = api
    ident = data.draw(st.one_of(values(real), st.sampled_from([".", "..", "%2e%2e", "a/b", "a?b", "a#b"])),
                      label="id")
    params = data.draw(st.lists(st.tuples(odd_text, values(real)), max_size=3), label="params")
    url = endpoint.format(quote(ident, safe=""))
    check(client.get(url, params=params))
