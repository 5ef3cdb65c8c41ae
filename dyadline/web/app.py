"""The web API and page: a read-only view of a dyadline store.

``create_app(db)`` builds the FastAPI application (errors, security headers, static pages; the
JSON routes are in :mod:`.api`); ``dyadline serve`` runs it with uvicorn. Every request opens
the database read-only and closes it, so the file can be rewritten by a run between requests.
Errors are JSON ``{"error": message}`` with a 4xx status; no parameter names a file; page
sizes, year ranges and search strings are bounded.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..about import __version__
from ..errors import DyadlineError
from .api import ApiError, add_routes

STATIC = Path(__file__).parent / "static"


READ_WAIT = 10.0      # seconds a request waits while a run writes a batch

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                "script-src 'self'; connect-src 'self'; frame-ancestors 'none'"),
}


def create_app(db: str | Path) -> FastAPI:
    db = str(db)
    app = FastAPI(title="dyadline", version=__version__, docs_url=None, redoc_url=None,
                  description="Political event data from English and French texts: events, their "
                              "sources, reconciled real-world events, disagreements, dyad timelines.")

    @contextmanager
    def store():
        from ..store import Store
        if not Path(db).exists():
            raise ApiError(503, f"no database at {Path(db).name}; run `dyadline run` first")
        try:
            s = Store(db, read_only=True, wait=READ_WAIT)
        except DyadlineError as e:
            # its message names the absolute path (and DuckDB's may name a process holding a
            # lock): that goes to the server's log, not to the client
            logging.getLogger(__name__).warning("%s", e)
            raise ApiError(503, f"cannot open the database {Path(db).name} (not a dyadline "
                                "database, or a run is writing to it); see the server's log") from e
        try:
            yield s
        finally:
            s.close()

    # -- errors and headers ---------------------------------------------------------------
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(DyadlineError)
    async def _dyadline_error(_request: Request, exc: DyadlineError):
        msg = str(exc)
        for p in filter(None, (exc.path, db)):  # a server path is shown as its file name only
            msg = msg.replace(str(Path(p).resolve()), Path(p).name).replace(p, Path(p).name)
        return JSONResponse({"error": msg}, status_code=503)

    @app.exception_handler(duckdb.Error)
    async def _db_error(_request: Request, exc: duckdb.Error):
        return JSONResponse({"error": f"the database cannot answer ({exc.__class__.__name__}); "
                                      "run `dyadline run` again to bring it up to date"}, status_code=503)

    @app.exception_handler(RequestValidationError)
    async def _bad_params(_request: Request, exc: RequestValidationError):
        msgs = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path"))
            msgs.append(f"{where}: {e.get('msg')}")
        return JSONResponse({"error": "bad parameters: " + "; ".join(msgs)}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _defect(_request: Request, exc: Exception):
        # a defect: logged whole on the server; the client gets no traceback, with the headers
        # (this handler runs outside the middleware below)
        logging.getLogger(__name__).error("internal error", exc_info=exc)
        return JSONResponse({"error": "internal error; see the server's log"}, status_code=500,
                            headers=SECURITY_HEADERS)

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    add_routes(app, store)

    # -- pages ------------------------------------------------------------------------------
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        from fastapi.responses import Response
        return Response(status_code=204)

    @app.get("/doc/{doc_id}", include_in_schema=False)
    def doc_page(doc_id: str):
        return FileResponse(STATIC / "doc.html")

    return app
