"""The ``serve`` command: the web page and API over a store (see :mod:`dyadline.web.app`)."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import DyadlineError
from ._common import db_option, fail


@click.command()
@db_option("Database file (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this machine only.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
def serve(db, host, port):
    """Serve the web page (timelines, events, sources) and the JSON API, read-only.

    Example: dyadline run && dyadline serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from ..web.app import create_app

    if not Path(db).exists():
        fail(DyadlineError("no database here; run `dyadline run` first or pass --db", path=db))
    where = "this machine only" if host in ("127.0.0.1", "localhost", "::1") else "the network"
    click.echo(f"serving {db} read-only on http://{host}:{port}/ (reachable from {where}); "
               f"OpenAPI schema at /openapi.json. Ctrl-C stops.", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
