"""The JSON API's routes over a store (read-only): documents, events, clusters,
disagreements, timelines, dyads and actors. Each route opens the store for the time of one
request (``store``, given by :func:`dyadline.web.app.create_app`) and answers the records'
published rows."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi import Path as PathParam

from ..kb import default_kb
from ..kb.places import default_gazetteer
from ..kb.search import search_actors
from ..kinds import kinds
from ..timeline import from_store

MAX_PAGE = 200
MAX_TEXT = 200
YEARS = (1000, 2100)

Page = Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")]
Size = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (at most {MAX_PAGE}).")]


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def add_routes(app: FastAPI, store) -> None:
    """Add the API's routes to ``app``; ``store()`` is a context manager giving an open store."""
    # -- helpers --------------------------------------------------------------------------
    def actor_code(code: str | None, what: str) -> str | None:
        if code is None or code == "":
            return None
        code = code.upper()
        if default_kb().actor(code) is None:
            raise ApiError(404, f"unknown actor {code!r} in {what}; search with /api/actors?q=...")
        return code

    def dyad_codes(dyad: str | None) -> tuple[str, str] | None:
        if not dyad:
            return None
        parts = [p for p in dyad.replace(" ", ",").split(",") if p]
        if len(parts) != 2:
            raise ApiError(400, "dyad must be two actor codes separated by a comma, e.g. PAK,SUN")
        return actor_code(parts[0], "dyad"), actor_code(parts[1], "dyad")

    def years(year_from: int | None, year_to: int | None) -> None:
        if year_from is not None and year_to is not None and year_from > year_to:
            raise ApiError(400, f"from={year_from} is after to={year_to}")

    def page_of(total: int, page: int, size: int) -> None:
        if total and (page - 1) * size >= total:
            raise ApiError(404, f"page {page} is past the end ({total} items, {size} a page)")

    def paged(rows: list, page: int, size: int) -> dict[str, Any]:
        """One page of a list already read, with its total."""
        page_of(len(rows), page, size)
        return {"total": len(rows), "page": page, "page_size": size,
                "items": rows[(page - 1) * size: page * size]}


    # -- API ------------------------------------------------------------------------------
    @app.get("/api/documents", summary="Stored documents")
    def documents(lang: Annotated[str | None, Query(max_length=5, description="Language, e.g. en or fr.")] = None,
                  page: Page = 1, page_size: Size = 50) -> dict[str, Any]:
        with store() as s:
            rows = [d.row() for d in s.documents() if lang is None or d.lang == lang]
        return paged(rows, page, page_size)

    @app.get("/api/documents/{doc_id}", summary="One document with its text, actor mentions and events")
    def document(doc_id: Annotated[str, PathParam(max_length=300, description="The document's id.")]) -> dict[str, Any]:
        with store() as s:
            d = s.document(doc_id)
            if d is None:
                raise ApiError(404, f"no document {doc_id!r}")
            d["events"] = [e.row() for e in s.events(doc=doc_id)]
        return d

    @app.get("/api/events", summary="Events, filtered and paginated")
    def events(dyad: Annotated[str | None, Query(max_length=40, description="Two actor codes, e.g. PAK,SUN (either direction).")] = None,
               actor: Annotated[str | None, Query(max_length=20, description="An actor code, as source or target.")] = None,
               kind: Annotated[str | None, Query(max_length=30, description="An event kind, e.g. VISIT.")] = None,
               plover: Annotated[str | None, Query(max_length=30, description="A PLOVER type, e.g. ASSAULT.")] = None,
               quad_class: Annotated[int | None, Query(ge=0, le=4, description="Quad class 0-4.")] = None,
               year_from: Annotated[int | None, Query(alias="from", ge=YEARS[0], le=YEARS[1], description="First year.")] = None,
               year_to: Annotated[int | None, Query(alias="to", ge=YEARS[0], le=YEARS[1], description="Last year.")] = None,
               doc: Annotated[str | None, Query(max_length=300, description="A document id.")] = None,
               lang: Annotated[str | None, Query(max_length=5, description="Language of the document.")] = None,
               q: Annotated[str | None, Query(max_length=MAX_TEXT, description="Text to search in the evidence and label.")] = None,
               cluster: Annotated[str | None, Query(max_length=40, description="A cluster id.")] = None,
               located: Annotated[bool, Query(description="Only events with a location (coordinates).")] = False,
               page: Page = 1, page_size: Size = 50) -> dict[str, Any]:
        years(year_from, year_to)
        if kind and kind.upper() not in kinds():
            raise ApiError(400, f"unknown kind {kind!r}; kinds: {', '.join(kinds())}")
        filters = dict(dyad=dyad_codes(dyad), actor=actor_code(actor, "actor"), kind=kind,
                       year_from=year_from, year_to=year_to, doc=doc, plover=plover,
                       quad_class=quad_class, lang=lang, text=q, cluster=cluster, located=located)
        with store() as s:
            total = s.count_events(**filters)
            page_of(total, page, page_size)
            items = [e.row() for e in s.events(**filters, limit=page_size, offset=(page - 1) * page_size)]
        return {"total": total, "page": page, "page_size": page_size, "items": items}

    @app.get("/api/clusters", summary="Real-world events (clusters) with their sources")
    def clusters(dyad: Annotated[str | None, Query(max_length=40, description="Two actor codes, e.g. PAK,SUN.")] = None,
                 actor: Annotated[str | None, Query(max_length=20, description="An actor code.")] = None,
                 min_sources: Annotated[int, Query(ge=1, le=1000, description="At least this many mentions.")] = 1,
                 page: Page = 1, page_size: Size = 50) -> dict[str, Any]:
        with store() as s:
            rows = [c.row() for c in s.clusters(dyad=dyad_codes(dyad), actor=actor_code(actor, "actor"),
                                                min_sources=min_sources)]
        return paged(rows, page, page_size)

    @app.get("/api/clusters/{cluster_id}", summary="One real-world event: its sources, their events and disagreements")
    def cluster(cluster_id: Annotated[str, PathParam(max_length=40, description="The cluster id.")]) -> dict[str, Any]:
        with store() as s:
            rows = s.clusters(cluster=cluster_id)
            if not rows:
                raise ApiError(404, f"no cluster {cluster_id!r}")
            c = rows[0].row()
            c["events"] = [e.row() for e in s.events(cluster=cluster_id)]
            c["disagreements"] = [d.row() for d in s.disagreements(cluster=cluster_id)]
        return c

    @app.get("/api/disagreements", summary="Where sources disagree")
    def disagreements(dyad: Annotated[str | None, Query(max_length=40, description="Two actor codes, e.g. PAK,SUN.")] = None,
                      actor: Annotated[str | None, Query(max_length=20, description="An actor code.")] = None,
                      page: Page = 1, page_size: Size = 50) -> dict[str, Any]:
        with store() as s:
            rows = [d.row() for d in s.disagreements(dyad=dyad_codes(dyad), actor=actor_code(actor, "actor"))]
        return paged(rows, page, page_size)

    @app.get("/api/timeline", summary="The dyad-year timeline of two actors, with phases")
    def timeline(a: Annotated[str, Query(max_length=20, description="First actor code, e.g. PAK.")],
                 b: Annotated[str, Query(max_length=20, description="Second actor code, e.g. SUN.")],
                 year_from: Annotated[int | None, Query(alias="from", ge=YEARS[0], le=YEARS[1], description="First year.")] = None,
                 year_to: Annotated[int | None, Query(alias="to", ge=YEARS[0], le=YEARS[1], description="Last year.")] = None,
                 with_predecessors: Annotated[bool, Query(description="Include the states each side succeeded.")] = False
                 ) -> dict[str, Any]:
        years(year_from, year_to)
        a_code, b_code = actor_code(a, "a"), actor_code(b, "b")
        if a_code is None or b_code is None:
            raise ApiError(400, "a timeline needs two actor codes, a and b (e.g. a=PAK&b=SUN)")
        with store() as s:
            tl = from_store(s, a_code, b_code, with_predecessors=with_predecessors,
                            year_from=year_from, year_to=year_to)
        return tl.to_dict()

    @app.get("/api/dyads", summary="Pairs of actors with the most reconciled events")
    def dyads(limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="At most this many pairs.")] = 20
              ) -> dict[str, Any]:
        with store() as s:
            pairs = s.dyads(limit)
        kb = default_kb()
        return {"items": [{"a": a, "b": b, "a_name": kb.name(a), "b_name": kb.name(b), "events": n}
                          for a, b, n in pairs]}

    @app.get("/api/places", summary="Look up a place in the offline gazetteer")
    def places(name: Annotated[str, Query(min_length=1, max_length=100, description="A place name, e.g. Pékin.")],
               lang: Annotated[str | None, Query(max_length=5, description="Language of the name.")] = None,
               year: Annotated[int | None, Query(ge=YEARS[0], le=YEARS[1], description="Also say which state held it that year.")] = None
               ) -> dict[str, Any]:
        return default_gazetteer().answer(name, lang=lang, year=year).to_dict()

    @app.get("/api/actors", summary="Search actors by name (English or French) or code")
    def actors(q: Annotated[str | None, Query(max_length=100, description="Words of the name, or a code.")] = None,
               kind: Annotated[str | None, Query(pattern="^(state|igo|person)$", description="state, igo or person.")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="At most this many.")] = 20) -> dict[str, Any]:
        return {"items": search_actors(q or "", kind=kind, limit=limit)}
