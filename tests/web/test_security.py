"""Security properties of the web app and of ``dyadline serve``, one test per property:

- ``serve`` listens on 127.0.0.1 unless told otherwise, and says where it listens;
- the app never writes to the store (file bytes, mtime and directory unchanged after every GET
  endpoint and every write method; every connection it opens is read-only; it holds none open);
- no request names a file: traversal attempts, sent raw to a real uvicorn server on loopback,
  never return a file outside the static folder, and never a 500;
- every query parameter is bounded: out-of-range values and oversize strings (up to 100 kB) are
  a 4xx JSON error with a message, never a 500;
- security headers on HTML, static, JSON and error responses; no CORS;
- error responses carry no traceback and no absolute server path (the database's included).
"""
from __future__ import annotations

import asyncio
import hashlib
import http.client
import json
import os
import socket
import threading
import time
import warnings
from pathlib import Path

import pytest

from dyadline.kinds import get
from dyadline.records import Document, Event
from dyadline.reconcile import reconcile_store
from dyadline.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dyadline.web.api import MAX_PAGE, MAX_TEXT, YEARS
from dyadline.web.app import STATIC, create_app

TEXT = "In 1952 Greece joined NATO. Turkey joined NATO in 1952 too. Greece visited Turkey in 1953."
LEAK_MARKERS = ("root:", "[project]", "def create_app", "from __future__")  # /etc/passwd, pyproject.toml, *.py
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def _event(evidence: str, kind: str, src: str, tgt: str, date: str, sentence: int) -> Event:
    K = get(kind)
    s = TEXT.index(evidence)
    return Event(doc="en.txt", lang="en", evidence=evidence, span=(s, s + len(evidence)), kind=kind,
                 plover=K.plover, cameo=K.cameo, quad_class=K.quad_class, goldstein=K.goldstein,
                 source=[src], target=[tgt], source_text=[], target_text=[], date=date, date_text=date,
                 negated=False, confidence=0.8, label=f"{src} {kind.lower()} {tgt}", sentence=sentence)


def build_store(db: Path) -> Path:
    doc = Document(id="en.txt", text=TEXT, lang="en")
    doc.events = [_event("Greece joined NATO", "JOIN_ALLIANCE", "GRC", "NATO", "1952", 0),
                  _event("Turkey joined NATO in 1952", "JOIN_ALLIANCE", "TUR", "NATO", "1952", 1),
                  _event("Greece visited Turkey in 1953", "VISIT", "GRC", "TUR", "1953", 2)]
    with Store(db) as s:
        s.save([doc])
        reconcile_store(s)
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("sec") / "sec.duckdb")


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), raise_server_exceptions=False)


def json_error(r) -> str:
    """The message of a JSON error response (and check that it is one)."""
    assert r.headers["content-type"].startswith("application/json"), (r.status_code, r.headers, r.text[:200])
    msg = r.json()["error"]
    assert isinstance(msg, str) and msg.strip(), r.text
    return msg


def asgi_get(app, path: str, query: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """One GET straight through the ASGI interface: no client-side URL length limit or
    normalisation (httpx refuses URLs over 64 kB and removes dot segments)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
             "root_path": "", "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 5000),
             "server": ("testserver", 80)}
    out: dict = {"body": b""}

    async def run():
        done = asyncio.Event()
        first = True

        async def receive():
            nonlocal first
            if first:
                first = False
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(msg):
            if msg["type"] == "http.response.start":
                out["status"] = msg["status"]
                out["headers"] = {k.decode().lower(): v.decode() for k, v in msg["headers"]}
            elif msg["type"] == "http.response.body":
                out["body"] += msg.get("body", b"")
                if not msg.get("more_body"):
                    done.set()

        await app(scope, receive, send)

    asyncio.run(run())
    return out["status"], out["headers"], out["body"]


def fingerprint(db: Path) -> tuple[str, int, int, list[str]]:
    return (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns, db.stat().st_size,
            sorted(os.listdir(db.parent)))


def get_urls(client) -> list[str]:
    """A URL for every GET route of the app (path parameters filled with real ids)."""
    doc = client.get("/api/documents").json()["items"][0]["id"]
    cluster = client.get("/api/clusters").json()["items"][0]["id"]
    return ["/", "/favicon.ico", f"/doc/{doc}", "/static/app.js", "/static/app.css", "/openapi.json",
            "/api/documents", "/api/documents?lang=en", f"/api/documents/{doc}",
            "/api/events", "/api/events?dyad=GRC,TUR&from=1950&to=1960&q=visited",
            "/api/clusters", f"/api/clusters/{cluster}", "/api/disagreements",
            "/api/timeline?a=GRC&b=TUR", "/api/dyads", "/api/actors?q=gre"]


# -- serve: loopback by default ---------------------------------------------------------------

def test_serve_binds_loopback_by_default_and_says_so(db, monkeypatch):
    import uvicorn
    from click.testing import CliRunner

    from dyadline.cli import main
    from dyadline.cli.serve import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    res = CliRunner().invoke(main, ["serve", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert calls and calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    assert "http://127.0.0.1:8000/" in res.stderr and "this machine only" in res.stderr

    calls.clear()
    res = CliRunner().invoke(main, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert res.exit_code == 0 and calls[0]["host"] == "0.0.0.0"
    assert "the network" in res.stderr and "this machine only" not in res.stderr


# -- the store is never written ---------------------------------------------------------------

def test_app_never_writes_to_the_store(tmp_path, monkeypatch):
    import dyadline.store as store_module

    db = build_store(tmp_path / "ro.duckdb")
    time.sleep(0.01)  # an mtime change during the requests would be visible even on coarse clocks
    before = fingerprint(db)
    opened = []
    real_connect = store_module.duckdb.connect

    def spy(*args, **kw):
        opened.append(kw.get("read_only", False))
        return real_connect(*args, **kw)

    monkeypatch.setattr(store_module.duckdb, "connect", spy)
    client = TestClient(create_app(db), raise_server_exceptions=False)
    api_paths = set()
    for url in get_urls(client):
        r = client.get(url)
        assert r.status_code in (200, 204), (url, r.status_code, r.text[:200])
        api_paths.add(url.split("?")[0])
    schema_paths = {p for p in client.get("/openapi.json").json()["paths"]}
    assert len(schema_paths) >= 9
    for path in sorted(api_paths | schema_paths | {"/", "/static/app.js"}):
        for method in WRITE_METHODS:
            r = client.request(method, path, content=b'{"id": "x"}', headers={"content-type": "application/json"})
            assert r.status_code in (404, 405), (method, path, r.status_code)
            json_error(r)
    assert opened and all(opened), "the app opened the store for writing"
    assert fingerprint(db) == before
    # and it holds no connection between requests: a writer (a new `dyadline run`) can open it
    monkeypatch.undo()
    with Store(db) as w:
        assert w.con.execute("SELECT count(*) FROM events").fetchone()[0] == 3


# -- no file path from a request --------------------------------------------------------------

@pytest.fixture(scope="module")
def server(db):
    """The app under uvicorn on a free loopback port, in a thread."""
    import uvicorn

    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on a connection only if its socket says
    # so, and without it Nagle's algorithm adds ~40 ms to every response that has a body
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), log_level="critical", access_log=False))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.02)
    assert srv.started
    yield port
    srv.should_exit = True
    thread.join(timeout=5)
    sock.close()


def raw_get(port: int, target: str) -> tuple[int, str, bytes]:
    """Send the request target as is (no client-side normalisation or re-encoding)."""
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        con.putrequest("GET", target, skip_accept_encoding=True)
        con.endheaders()
        r = con.getresponse()
        return r.status, r.getheader("content-type") or "", r.read()
    finally:
        con.close()


UP = ["../" * k for k in range(1, 7)]
TRAVERSALS = (
    [f"/static/{u}pyproject.toml" for u in UP] + [f"/static/{u}etc/passwd" for u in UP]
    + ["/static/../app.py", "/static/../../web/app.py", "/static/./../app.py",
       "/static/..%2fapp.py", "/static/..%2F..%2F..%2Fpyproject.toml",
       "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml", "/static/%2E%2E%2F%2E%2E%2F%2E%2E%2Fpyproject.toml",
       "/static/%252e%252e/%252e%252e/%252e%252e/pyproject.toml", "/static/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
       "/static/..%5c..%5c..%5cpyproject.toml", "/static/..\\..\\..\\pyproject.toml",
       "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/%2Fetc/passwd", "/static/app.js%00/../../../../etc/passwd",
       "/static/..;/..;/..;/pyproject.toml", "/static/....//....//....//pyproject.toml",
       "/doc/..%2F..%2Fetc%2Fpasswd", "/doc/../../etc/passwd", "/doc/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
       "/doc/%252e%252e%252fetc%252fpasswd", "/doc//etc/passwd", "/doc/%2Fetc%2Fpasswd",
       "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/../../etc/passwd",
       "/api/documents/%2Fetc%2Fpasswd", "/api/documents//etc/passwd", "/api/documents/%252e%252e%252fpyproject.toml",
       "/api/clusters/..%2F..%2Fetc%2Fpasswd", "/api/events?doc=../../../etc/passwd", "/api/events?doc=/etc/passwd",
       "/../../../../etc/passwd", "//etc/passwd", "/%2e%2e/%2e%2e/pyproject.toml", "/etc/passwd",
       str(Path("/").resolve() / "etc" / "passwd"), str(Path(__file__).resolve().parents[2] / "pyproject.toml"),
       "/static/" + str(Path(__file__).resolve().parents[2] / "pyproject.toml").lstrip("/"),
       "http://127.0.0.1/../../etc/passwd"])


@pytest.mark.parametrize("target", TRAVERSALS)
def test_no_file_outside_static_from_a_request_path(server, target):
    status, ctype, body = raw_get(server, target)
    assert status < 500, (target, status, body[:200])
    text = body.decode("utf-8", "replace")
    assert not any(m in text for m in LEAK_MARKERS), (target, status, text[:200])
    if status == 200:  # the page shells and the static files are the only files ever sent
        static = {p.read_bytes() for p in STATIC.iterdir() if p.is_file()}
        assert body in static or ctype.startswith("application/json"), (target, body[:200])


# -- bounded parameters -----------------------------------------------------------------------

BIG = 100_000
BOUNDED = [
    "/api/events?page_size=%d" % (MAX_PAGE + 1), "/api/events?page_size=1000000000", "/api/events?page_size=0",
    "/api/documents?page_size=100000", "/api/clusters?page_size=-1", "/api/disagreements?page_size=201",
    "/api/events?page=0", "/api/events?page=100001", "/api/events?page=99999999999999999999999999",
    "/api/events?page=100000", "/api/documents?page=100000", "/api/clusters?page=100000", "/api/disagreements?page=100001",
    "/api/dyads?limit=201", "/api/dyads?limit=99999999999", "/api/actors?limit=100000", "/api/actors?limit=0",
    "/api/clusters?min_sources=1000000",
    "/api/events?from=%d" % (YEARS[0] - 1), "/api/events?to=%d" % (YEARS[1] + 1), "/api/events?from=-2000",
    "/api/events?from=99999999999999999999", "/api/events?from=1e3", "/api/events?from=NaN", "/api/events?to=inf",
    "/api/events?from=2000&to=1900", "/api/timeline?a=GRC&b=TUR&from=2000&to=1900",
    "/api/timeline?a=GRC&b=TUR&from=0", "/api/timeline?a=GRC&b=TUR&to=9999",
    "/api/events?quad_class=5", "/api/events?quad_class=-1",
    "/api/events?q=" + "x" * (MAX_TEXT + 1), "/api/actors?q=" + "x" * 101,
    "/api/events?dyad=" + "GRC," * 20, "/api/events?actor=" + "A" * 21, "/api/events?kind=" + "K" * 31,
    "/api/events?doc=" + "d" * 301, "/api/events?cluster=" + "c" * 41, "/api/events?lang=" + "l" * 6,
    "/api/documents/" + "d" * 301, "/api/clusters/" + "c" * 41, "/api/actors?kind=" + "s" * 1000,
]


@pytest.mark.parametrize("url", BOUNDED, ids=lambda u: u[:60])
def test_out_of_bounds_parameters_are_a_4xx_json_error(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text[:200])
    json_error(r)


@pytest.mark.parametrize("param", ["q", "dyad", "actor", "kind", "doc", "cluster", "plover", "lang", "from", "page_size"])
def test_100kB_parameter_value_is_a_4xx_json_error(client, param):
    status, headers, body = asgi_get(client.app, "/api/events", f"{param}=".encode() + b"9" * BIG)
    assert 400 <= status < 500, (param, status, body[:200])
    assert headers["content-type"].startswith("application/json") and json.loads(body)["error"]


@pytest.mark.parametrize("path", ["/api/events", "/api/timeline", "/api/actors", "/api/documents/x", "/doc/x", "/"])
def test_100kB_query_string_never_fails(client, path):
    """Parameters the endpoint does not know are ignored; a long query string is no crash."""
    query = b"&".join(b"x%d=%s" % (i, b"y" * 90) for i in range(BIG // 90))
    assert len(query) > BIG - 1000
    status, headers, body = asgi_get(client.app, path, query)
    assert status < 500, (path, status)
    if status >= 400:
        assert json.loads(body)["error"]


def test_oversize_request_line_is_refused_by_the_server(server):
    status, _ctype, _body = raw_get(server, "/api/events?q=" + "x" * BIG)
    assert 400 <= status < 500


# -- headers ---------------------------------------------------------------------------------

HEADER_CASES = [("GET", "/"), ("GET", "/doc/en.txt"), ("GET", "/static/app.js"), ("GET", "/static/app.css"),
                ("GET", "/api/events"), ("GET", "/openapi.json"), ("GET", "/favicon.ico"),
                ("GET", "/api/events?page_size=100000"), ("GET", "/api/documents/none.txt"),
                ("GET", "/api/events?dyad=GRC,XQZ"), ("GET", "/nothing"), ("GET", "/static/nothing.js"),
                ("GET", "/static/../../pyproject.toml"), ("POST", "/api/events"), ("DELETE", "/api/documents/en.txt")]


@pytest.mark.parametrize("method,url", HEADER_CASES)
def test_security_headers_on_every_response(client, method, url):
    r = client.request(method, url)
    h = r.headers
    assert h["x-content-type-options"] == "nosniff", url
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"
    csp = h["content-security-policy"]
    for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"):
        assert directive in csp, (url, csp)
    for weak in ("unsafe-inline", "unsafe-eval", "*", "http:", "https:"):
        assert weak not in csp, (url, csp)


def test_security_headers_when_the_store_is_missing(tmp_path):
    r = TestClient(create_app(tmp_path / "none.duckdb")).get("/api/events")
    assert r.status_code == 503 and r.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("method,url,extra", [
    ("GET", "/api/events", {}), ("GET", "/api/timeline?a=GRC&b=TUR", {}), ("GET", "/", {}),
    ("GET", "/api/documents/none.txt", {}), ("GET", "/static/app.js", {}),
    ("OPTIONS", "/api/events", {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "content-type"}),
    ("OPTIONS", "/api/documents", {"Access-Control-Request-Method": "DELETE"}),
    ("POST", "/api/events", {"Content-Type": "text/plain"}),
])
def test_no_cors(client, method, url, extra):
    origin = "https://evil.example"
    r = client.request(method, url, headers={"Origin": origin, **extra})
    allow = r.headers.get("access-control-allow-origin")
    assert allow is None or (allow != "*" and origin not in allow), (url, allow)
    assert "access-control-allow-credentials" not in r.headers
    if method == "OPTIONS":  # no preflight answer: a browser on another origin may not call the API
        assert r.status_code in (404, 405) and "access-control-allow-methods" not in r.headers


# -- errors do not leak ----------------------------------------------------------------------

def assert_no_leak(body: str, *paths: Path) -> None:
    for p in paths:
        for form in {str(p), str(p.resolve()), str(p.parent), str(p.resolve().parent)}:
            assert form not in body, (form, body[:300])
    package = Path(__file__).resolve().parents[2]
    for bad in ("Traceback", 'File "', "site-packages", str(package), ", line "):
        assert bad not in body, (bad, body[:300])


ERROR_URLS = ["/api/documents/none.txt", "/api/clusters/cl_none", "/api/events?page=500", "/api/events?page_size=9999",
              "/api/events?dyad=GRC,XQZ", "/api/timeline?a=GRC", "/nothing", "/static/none.js",
              "/static/../../pyproject.toml", "/api/actors?kind=planet", "/api/events?kind=NOPE"]


@pytest.mark.parametrize("url", ERROR_URLS)
def test_error_responses_do_not_leak_paths_or_tracebacks(client, db, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500
    json_error(r)
    assert_no_leak(r.text, db, STATIC)


def test_write_method_errors_do_not_leak(client, db):
    for method in WRITE_METHODS:
        r = client.request(method, "/api/events")
        assert r.status_code == 405 and json_error(r)
        assert_no_leak(r.text, db)


def test_missing_store_error_names_no_directory(tmp_path):
    db = tmp_path / "deep" / "none.duckdb"
    r = TestClient(create_app(db)).get("/api/events")
    assert r.status_code == 503 and "dyadline run" in json_error(r)
    assert_no_leak(r.text, db)


@pytest.mark.parametrize("case", ["not a database", "held by a writer"])
def test_unopenable_store_error_names_no_path(tmp_path, case):
    db = tmp_path / "server-side-dir" / "bad.duckdb"
    db.parent.mkdir()
    if case == "not a database":
        db.write_bytes(b"this is not a database\n" * 500)
        writer = None
    else:
        build_store(db)
        writer = Store(db)  # a run writing to it at the same time
    try:
        r = TestClient(create_app(db)).get("/api/events")
    finally:
        if writer is not None:
            writer.close()
    assert r.status_code == 503, r.text
    json_error(r)
    assert_no_leak(r.text, db)


@pytest.mark.parametrize("exc", ["dyadline", "duckdb", "other"])
def test_unexpected_failures_do_not_leak(db, monkeypatch, exc):
    import duckdb

    from dyadline.errors import StoreError

    secret = str(db.resolve())
    raise_it = {"dyadline": lambda: StoreError(f"cannot read {secret}", path=secret),
                "duckdb": lambda: duckdb.IOException(f'IO Error: cannot read "{secret}"'),
                "other": lambda: RuntimeError(f"boom in {secret}")}[exc]

    def fail(*_a, **_kw):
        raise raise_it()

    monkeypatch.setattr(Store, "count_events", fail)
    r = TestClient(create_app(db), raise_server_exceptions=False).get("/api/events")
    assert r.status_code == (500 if exc == "other" else 503) and json_error(r)
    assert r.headers["X-Content-Type-Options"] == "nosniff" and "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert_no_leak(r.text, db)
    assert secret not in r.text and "boom" not in r.text
