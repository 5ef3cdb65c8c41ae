"""A dyad's timeline counted inside DuckDB, for stores of millions of events.

The rules are those of :func:`dyadline.timeline.build` (which works on rows in memory, and
against which a test checks this module on random stores): an event belongs to the dyad when
one side is among its sources and the other among its targets (either side, for symmetric
kinds), or when one side acts *against* the other (a hostile act at half the weight); an event
over n years counts 1/n in each; negated events and undated ones are listed apart. Only the
yearly sums and each year's weightiest events leave the database, so the time taken depends on
the number of years, not of events.
"""
from __future__ import annotations

import json

import duckdb

from .errors import StoreError

from .kb import KnowledgeBase
from .kinds import kinds
from .timeline import Timeline, DyadYear, YearEvent, _stated, finish, side_codes

_EVENTS = """
WITH sel AS (
    -- one row per cluster: the one of its first party on side a
    SELECT * FROM party_clusters
    WHERE code IN ({side_a}) AND list_has_any(parties, $b)
      AND NOT list_has_any(list_filter(parties, lambda x: x < code), $a)
), d AS (
    SELECT *,
        CASE WHEN kind IN ({symmetric}) THEN
                 CASE WHEN list_has_any(list_concat(source, target), $a)
                       AND list_has_any(list_concat(source, target), $b) THEN 'a-b' END
             WHEN list_has_any(source, $a) AND list_has_any(target, $b) THEN 'a>b'
             WHEN list_has_any(source, $b) AND list_has_any(target, $a) THEN 'b>a' END AS dir0,
        CASE WHEN list_has_any(source, $a) AND list_has_any(coalesce(against, []), $b) THEN 'a>b'
             WHEN list_has_any(source, $b) AND list_has_any(coalesce(against, []), $a) THEN 'b>a' END AS dir1
    FROM sel
), e AS (
    SELECT id, kind, date, negated, disputed, year_from, year_to,
        coalesce(dir0, dir1) AS dir,
        CASE WHEN dir0 IS NULL THEN -abs(goldstein) / 2 ELSE goldstein END AS g,
        CASE WHEN dir0 IS NULL THEN (CASE WHEN quad_class <= 1 THEN 3 ELSE 4 END) ELSE quad_class END AS q,
        CASE WHEN dir0 IS NULL THEN label || ', against ' || array_to_string(against, ', ') ELSE label END AS lbl,
        coalesce(year_from, year_to) AS lo, coalesce(year_to, year_from) AS hi
    FROM d WHERE coalesce(dir0, dir1) IS NOT NULL
), spread AS (
    SELECT *, unnest(range(lo, hi + 1)) AS yr FROM e WHERE NOT negated AND lo IS NOT NULL
), y AS (
    SELECT *, g / (hi - lo + 1) AS gw FROM spread
    WHERE ($from IS NULL OR yr >= $from) AND ($to IS NULL OR yr <= $to)
)
"""

def _symmetric() -> str:
    """The symmetric kinds as an SQL list of literals (names of the closed list of kinds, all
    [A-Z_]: a constant, which DuckDB evaluates far faster than a list parameter)."""
    names = sorted(k for k, K in kinds().items() if not K.directed)
    assert all(n.replace("_", "").isalpha() and n.isupper() for n in names)
    return ", ".join(f"'{n}'" for n in names)


_EVENTS = _EVENTS.replace("{symmetric}", _symmetric())

_YEARS = _EVENTS + """
SELECT yr, count(*), count(*) FILTER (WHERE q = 1), count(*) FILTER (WHERE q = 2),
       count(*) FILTER (WHERE q = 3), count(*) FILTER (WHERE q = 4), sum(gw),
       count(*) FILTER (WHERE dir IN ('a>b', 'a-b')), coalesce(sum(gw) FILTER (WHERE dir IN ('a>b', 'a-b')), 0),
       count(*) FILTER (WHERE dir IN ('b>a', 'a-b')), coalesce(sum(gw) FILTER (WHERE dir IN ('b>a', 'a-b')), 0),
       count(*) FILTER (WHERE len(coalesce(disputed, [])) > 0)
FROM y GROUP BY yr ORDER BY yr
"""

_EVENT_COLS = "id, lbl, kind, date, g, q, dir, disputed"

_NOTABLE = _EVENTS + f"""
SELECT yr, {_EVENT_COLS} FROM (
    SELECT *, row_number() OVER (PARTITION BY yr ORDER BY abs(gw) DESC, lbl, year_from NULLS LAST, date, id) AS rn
    FROM y) WHERE rn <= $n ORDER BY yr, rn
"""

_APART = _EVENTS + f"""
SELECT negated, {_EVENT_COLS} FROM e WHERE negated OR lo IS NULL ORDER BY year_from NULLS LAST, date, id
"""

_SOURCES = "SELECT id, sources FROM clusters WHERE id IN ({ids})"

_FACTS = """
SELECT subject, object, predicate, date FROM facts
WHERE predicate LIKE 'relations\\_%' ESCAPE '\\'
  AND (subject IN (SELECT unnest($a)) AND object IN (SELECT unnest($b))
       OR subject IN (SELECT unnest($b)) AND object IN (SELECT unnest($a)))
"""


def _event(row) -> YearEvent:
    cid, label, kind, date, g, q, direction, disputed = row
    return YearEvent(cluster=cid, label=label, kind=kind, date=date, goldstein=g, quad_class=q,
                     direction=direction, disputed=list(disputed or []), sources=[])


def _add_sources(con, events: list[YearEvent]) -> None:
    """The sources of the listed events only (parsing every event's would cost more than all
    the rest)."""
    ids = sorted({e.cluster for e in events})
    found: dict[str, list] = {}
    for i in range(0, len(ids), 1000):
        chunk = ids[i:i + 1000]
        sql = _SOURCES.format(ids=", ".join("?" * len(chunk)))
        for cid, sources in con.execute(sql, chunk).fetchall():
            found[cid] = [{"doc": s["doc"], "lang": s["lang"], "evidence": s["evidence"]}
                          for s in (json.loads(sources) if sources else [])]
    for e in events:
        e.sources = found.get(e.cluster, [])


def timeline_from_store(store, a: str, b: str, *, kb: KnowledgeBase, with_predecessors: bool = False,
                        year_from: int | None = None, year_to: int | None = None,
                        notable: int = 20) -> Timeline:
    A, B = side_codes(a, kb, with_predecessors), side_codes(b, kb, with_predecessors)
    tl = Timeline(a.upper(), b.upper(), [], [], 0.0, codes_a=sorted(A), codes_b=sorted(B))
    params = {"a": sorted(A), "b": sorted(B), "from": year_from, "to": year_to}
    # side a's codes as separate parameters: a constant filter, which skips the blocks of
    # other codes
    params.update({f"a{i}": c for i, c in enumerate(sorted(A))})
    side_a = ", ".join(f"$a{i}" for i in range(len(A)))
    con = store.con
    rows: dict[int, DyadYear] = {}
    try:
        if not con.execute("SELECT count(*) FROM party_clusters").fetchone()[0] and \
                con.execute("SELECT count(*) FROM clusters").fetchone()[0]:
            raise duckdb.CatalogException("party_clusters is empty")
        year_rows = con.execute(_YEARS.replace("{side_a}", side_a), params).fetchall()
    except duckdb.CatalogException as e:   # a database reconciled before the dyad index existed
        raise StoreError("this database predates the dyad index; run `dyadline run` or "
                         "`dyadline load` again to reconcile it", path=store.path) from e
    for yr, n, q1, q2, q3, q4, score, ab, s_ab, ba, s_ba, disputed in year_rows:
        rows[yr] = DyadYear(yr, tl.a, tl.b, None, None, events=n, q1=q1, q2=q2, q3=q3, q4=q4,
                            a_to_b=ab, b_to_a=ba, score=score, score_a_to_b=s_ab, score_b_to_a=s_ba,
                            disputed=disputed)
    for yr, *rest in con.execute(_NOTABLE.replace("{side_a}", side_a), {**params, "n": notable}).fetchall():
        rows[yr].notable.append(_event(rest))
    for negated, *rest in con.execute(_APART.replace("{side_a}", side_a), params).fetchall():
        (tl.negated if negated else tl.undated).append(_event(rest))
    _add_sources(con, [e for r in rows.values() for e in r.notable] + tl.negated + tl.undated)
    facts = [{"subject": s, "object": o, "predicate": p, "date": d}
             for s, o, p, d in con.execute(_FACTS, {"a": params["a"], "b": params["b"]}).fetchall()]
    return finish(tl, rows, _stated(facts, A, B), kb, year_from, year_to)
