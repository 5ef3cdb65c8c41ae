"""End to end in a real browser (headless Chromium from Debian, driven by Playwright): the page
on the bundled sample corpus shows a timeline; choosing the dyad Pakistan–CENTO and clicking the
joining event shows both sources, their evidence highlighted in their documents, and the
disagreement on the date."""
import json
import os
import shutil
import socket
import threading
import time

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: .ci/run installs Debian's chromium package")
    pytest.skip("no Chromium on this machine (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    import uvicorn

    from dyadline import ingest
    from dyadline.web.app import create_app

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "t.duckdb"
    ingest(None, db, pipeline=pipeline)          # the bundled samples, as `dyadline run`
    wire = folder / "wire.jsonl"                 # and a news report with its metadata
    wire.write_text(json.dumps({"id": "wire-1", "text": "Ethiopia and Eritrea signed a peace agreement "
                                "yesterday in Jeddah.", "date": "2018-09-17", "source": "Example Wire",
                                "title": "Peace signed in Jeddah", "url": "https://example.org/jeddah"}) + "\n")
    ingest([wire], db, pipeline=pipeline)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _page(browser, wide: bool = False):
    """A new page and the list its script errors go to."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}) if wide else browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


def test_choose_a_dyad_click_an_event_see_sources_and_disagreement(server, browser):
    page, errors = _page(browser, wide=True)
    page.goto(server + "/")
    page.wait_for_selector("#chart svg .mark", timeout=20000)
    page.fill("#a", "PAK")
    page.fill("#b", "CENTO")
    page.click("#pick button[type=submit]")
    page.wait_for_function("document.querySelector('#title').textContent.includes('CENTO')", timeout=20000)
    row = page.locator("#events tbody tr", has_text="Central Treaty Organization").first
    cluster = row.get_attribute("data-cluster")
    page.locator(f'#chart [data-cluster="{cluster}"]').first.click()
    page.wait_for_selector("#detail-sources li mark", timeout=20000)
    sources = page.locator("#detail-sources li")
    assert sources.count() == 2
    langs = {sources.nth(i).locator(".lang").inner_text() for i in range(2)}
    assert langs == {"en", "fr"}
    marks = [sources.nth(i).locator("mark").inner_text() for i in range(2)]
    assert all("CENTO" in m or "Organisation centrale" in m or "rejoint" in m for m in marks), marks
    dis = page.inner_text("#detail-dis")
    assert "date" in dis and "1955" in dis and "1959" in dis
    # the evidence, highlighted in its document
    page.locator("#detail-sources li a").first.click()
    page.wait_for_selector("mark.ev.hl", timeout=20000)
    assert page.locator("mark.ev.hl").count() >= 1
    assert not errors, errors


def test_a_document_page_shows_what_the_document_says_of_itself(server, browser):
    page, errors = _page(browser)
    page.goto(server + "/doc/wire-1")
    page.wait_for_selector("#doc-meta:has-text('actor mentions')", timeout=20000)
    meta = page.inner_text("#doc-meta")
    assert "Peace signed in Jeddah" in meta and "published 2018-09-17" in meta and "Example Wire" in meta
    assert page.get_attribute("#doc-meta a", "href") == "https://example.org/jeddah"
    assert "2018-09-16" in page.inner_text("#doc-events")      # "yesterday", from the report's day
    assert not errors, errors


def test_the_map_shows_where_the_dyads_events_happened(server, browser):
    page, errors = _page(browser, wide=True)
    page.goto(server + "/#a=PAK&b=SUN")
    page.wait_for_selector("#map svg circle.place", timeout=20000)
    labels = page.inner_text("#map")
    assert "Peshawar" in labels and "Moscow" in labels
    assert "GeoNames" in page.inner_text("#map-note")
    # an event's panel says where, with the words of the text
    page.locator('#map circle[data-place="geonames:1168197"]').click()
    page.wait_for_selector("#detail-where:has-text('Peshawar')", timeout=20000)
    assert "Pakistan" in page.inner_text("#detail-title") or "PAK" in page.inner_text("#detail-where")
    assert not errors, errors
