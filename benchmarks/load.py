#!/usr/bin/env python3
"""Load: requests per second and latency of the web API under a bounded, fixed load on loopback.
The app (``create_app``) is served by uvicorn on 127.0.0.1, on a free port, in a background
thread of this process; N requests are sent by C client threads (httpx, one keep-alive
connection each) over a fixed mix of endpoints (page, dyads, events by dyad and by text,
clusters, disagreements, a timeline, actor search, documents, one document, one cluster).
Then the server is shut down.

    python benchmarks/load.py [--db PATH] [--requests 3000] [--concurrency 8] [--json]

If the --db file is missing, it is built first from the bundled samples (as `dyadline run`
does; about a minute). Prints the number of requests, errors (non-2xx answers and exceptions),
requests per second, and the 50th and 99th percentile latency in ms, then the same per
endpoint. Client and server share one Python process (and its GIL): the figures are a floor
for a server running alone. With --json, the output ends with one JSON line of the totals.
"""
from __future__ import annotations

import argparse
import json
import math
import socket
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx
import uvicorn

from dyadline.web.app import create_app

MIX = ["/", "/api/dyads", "/api/events?dyad=PAK,SUN", "/api/events?q=treaty", "/api/clusters",
       "/api/disagreements", "/api/timeline?a=PAK&b=SUN", "/api/actors?q=pak", "/api/documents",
       "{document}", "{cluster}"]


def build_store(db: Path) -> None:
    """The store of the bundled samples, as `dyadline run` makes it."""
    from dyadline import ingest
    ingest(None, db)


def start_server(db: Path) -> tuple[uvicorn.Server, threading.Thread, str]:
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on a connection only if its socket says
    # so, and without it Nagle's algorithm adds ~40 ms to every response that has a body
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.started:
            try:
                if httpx.get(url + "/api/dyads", timeout=5).status_code == 200:
                    return server, thread, url
            except httpx.HTTPError:
                pass
        if not thread.is_alive():
            break
        time.sleep(0.05)
    server.should_exit = True
    raise SystemExit(f"the server did not answer on {url}")


def endpoints(url: str) -> list[str]:
    """The mix, with the first stored document and the first cluster filled in."""
    with httpx.Client(base_url=url, timeout=30) as c:
        docs = c.get("/api/documents").raise_for_status().json()["items"]
        clusters = c.get("/api/clusters").raise_for_status().json()["items"]
    if not docs or not clusters:
        raise SystemExit("the store has no documents or no clusters; delete it to have it rebuilt")
    fill = {"{document}": "/api/documents/" + quote(docs[0]["id"], safe=""),
            "{cluster}": "/api/clusters/" + quote(clusters[0]["id"], safe="")}
    return [fill.get(p, p) for p in MIX]


def load(url: str, paths: list[str], n: int, concurrency: int) -> tuple[list[tuple[str, float, bool]], float]:
    """n requests, path i % len(paths) for the i-th, from `concurrency` threads; returns
    (path, seconds, ok) per request and the wall time."""
    lock = threading.Lock()
    next_i = iter(range(n))
    results: list[tuple[str, float, bool]] = []

    def worker() -> None:
        mine = []
        with httpx.Client(base_url=url, timeout=30) as c:
            while True:
                with lock:
                    i = next(next_i, None)
                if i is None:
                    break
                path = paths[i % len(paths)]
                t0 = time.perf_counter()
                try:
                    r = c.get(path)
                    r.read()
                    ok = 200 <= r.status_code < 300
                except httpx.HTTPError:
                    ok = False
                mine.append((path, time.perf_counter() - t0, ok))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - t0


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, math.ceil(p / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


def summary(rows: list[tuple[str, float, bool]], wall: float | None) -> dict:
    lat = sorted(t for _, t, _ in rows)
    out = {"requests": len(rows), "errors": sum(not ok for *_, ok in rows),
           "p50_ms": round(1000 * percentile(lat, 50), 2), "p99_ms": round(1000 * percentile(lat, 99), 2)}
    if wall is not None:
        out["requests_per_s"] = round(len(rows) / wall, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "dyadline-load.duckdb",
                    help="Store to serve; built from the bundled samples if missing (default: %(default)s).")
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    if a.requests < 1 or a.concurrency < 1:
        ap.error("--requests and --concurrency must be at least 1")
    out = sys.stderr if a.json else sys.stdout
    if not a.db.exists():
        print(f"building {a.db} from the bundled samples ...", file=out, flush=True)
        build_store(a.db)
    server, thread, url = start_server(a.db)
    try:
        paths = endpoints(url)
        rows, wall = load(url, paths, a.requests, a.concurrency)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    total = summary(rows, wall)
    total["concurrency"] = a.concurrency
    print(f"{total['requests']} requests, {total['errors']} errors, concurrency {a.concurrency}: "
          f"{total['requests_per_s']} requests/s, latency p50 {total['p50_ms']} ms, p99 {total['p99_ms']} ms",
          file=out)
    by_path = defaultdict(list)
    for row in rows:
        by_path[row[0]].append(row)
    for path in paths:
        s = summary(by_path[path], None)
        print(f"  {path:<42} {s['requests']:>6} requests {s['errors']:>4} errors  "
              f"p50 {s['p50_ms']:>8} ms  p99 {s['p99_ms']:>8} ms", file=out)
    if a.json:
        print(json.dumps(total))


if __name__ == "__main__":
    main()
