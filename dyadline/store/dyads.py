"""Dyads in the database: the index of who takes part in each reconciled event, the pairs with
the most events, and a dyad's yearly counts for its timeline, counted inside DuckDB so that
the time taken depends on the number of years, not of events.

The counting rules are the timeline's (``dyadline/timeline/rules.py``), handed in as a
:class:`CountRules`: which kinds are symmetric, and how help given against the other side
counts. This module holds only the SQL that applies them; a test checks it against the
in-memory count on random stores.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import dense


@dataclass(frozen=True)
class CountRules:
    """The timeline's counting rules, as the SQL needs them."""

    symmetric: tuple[str, ...]       # kinds whose participants are one set (no direction)
    against_factor: float            # help against the other side: this share of the weight, negative
    against_verbal_max: int          # quad classes up to this become verbal conflict ...
    against_verbal: int              # ... this quad class; the others:
    against_material: int            # this one
    against_label: str               # label + this + the 'against' codes


@dataclass
class DyadCounts:
    """A dyad's rows as counted in the database."""

    years: list[tuple] = field(default_factory=list)       # yr, n, q1..q4, score, ab, s_ab, ba, s_ba, disputed
    notable: list[tuple] = field(default_factory=list)     # yr, id, label, kind, date, g, q, dir, disputed
    apart: list[tuple] = field(default_factory=list)       # negated, id, label, kind, date, g, q, dir, disputed
    facts: list[dict] = field(default_factory=list)        # subject, object, predicate, date
    sources: dict[str, list[dict]] = field(default_factory=dict)   # cluster -> doc, lang, evidence


def index_parties(con, only: str | None = None) -> None:
    """Rebuild the tables a dyad's lookup reads from ``clusters``: who takes part, by base code
    (``cluster_parties``), and the clusters' counted columns per party (``party_clusters``),
    both sorted by code so that a dyad's lookup reads few blocks. With ``only`` (a table of
    cluster ids), add the rows of those clusters alone (an incremental reconciliation, which
    has removed the rows of the clusters it redoes). Inside the caller's transaction."""
    where = f" WHERE id IN (SELECT id FROM {only})" if only else ""
    if not only:
        con.execute("DELETE FROM cluster_parties")
        con.execute("DELETE FROM party_clusters")
    con.execute("CREATE OR REPLACE TEMP TABLE _parties AS SELECT DISTINCT id AS cluster, split_part(unnest(list_concat("
                "source, target, coalesce(against, []::VARCHAR[]))), '-', 1) AS code "
                f"FROM clusters{where}")
    con.execute("INSERT INTO cluster_parties SELECT cluster, code FROM _parties ORDER BY code")
    con.execute("""INSERT INTO party_clusters
        SELECT p.code, x.parties, c.id, c.kind, c.quad_class, c.goldstein, c.source, c.target,
               c.against, c.date, c.year_from, c.year_to, c.negated, c.label, c.disputed
        FROM _parties p
        JOIN (SELECT cluster, list(code ORDER BY code) AS parties FROM _parties GROUP BY cluster) x
          ON x.cluster = p.cluster
        JOIN clusters c ON c.id = p.cluster
        ORDER BY p.code, c.id""")
    con.execute("DROP TABLE _parties")


_TOP = """
WITH c AS (
    SELECT row_number() OVER (ORDER BY year_from NULLS LAST, date, id) AS pos, source, target
    FROM clusters
), s AS (
    SELECT pos, unnest(source) AS x, unnest(range(len(source))) AS i, target FROM c
), q AS (
    SELECT pos, x, i, unnest(target) AS y, unnest(range(len(target))) AS j FROM s
), firsts AS (   -- each state once per cluster, at its first place in the list
    SELECT pos, x, min(i) AS i, y, min(j) AS j FROM q
    WHERE strpos(x, '-') = 0 AND strpos(y, '-') = 0 AND x <> y GROUP BY pos, x, y
)
SELECT least(x, y) AS a, greatest(x, y) AS b, count(*) AS n, min([pos, i, j]) AS first
FROM firsts GROUP BY a, b ORDER BY n DESC, first, a, b LIMIT ?
"""


def top_dyads(con, limit: int) -> list[tuple[str, str, int]]:
    """Pairs of states with the most clusters between them (ties: the pair told first)."""
    return [(a, b, n) for a, b, n, _first in con.execute(_TOP, [int(limit)]).fetchall()]


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
        CASE WHEN dir0 IS NULL THEN -abs(goldstein) * $against_factor ELSE goldstein END AS g,
        CASE WHEN dir0 IS NULL THEN (CASE WHEN quad_class <= $verbal_max THEN $verbal ELSE $material END)
             ELSE quad_class END AS q,
        CASE WHEN dir0 IS NULL THEN label || $against_label || array_to_string(against, ', ') ELSE label END AS lbl,
        coalesce(year_from, year_to) AS lo, coalesce(year_to, year_from) AS hi
    FROM d WHERE coalesce(dir0, dir1) IS NOT NULL
), spread AS (
    SELECT *, unnest(range(lo, hi + 1)) AS yr FROM e WHERE NOT negated AND lo IS NOT NULL
), y AS MATERIALIZED (
    SELECT *, g / (hi - lo + 1) AS gw FROM spread
    WHERE ($from IS NULL OR yr >= $from) AND ($to IS NULL OR yr <= $to)
)
"""

# one query answers the timeline, so that the dyad's events are selected once (``e``,
# materialized): its ``rows`` are the yearly sums (part 0), each year's notable events (part 1,
# ``rn`` their rank in the year) and the negated and undated events (part 2), in the order of
# ``pos`` within each part. The same rows, kept for the densest pairs, are ``dyad_rows``
# (``dense.py``)
_ROWS = """
, th AS (   -- each year's n-th largest weight: lighter events cannot be among its notable ones
    SELECT yr, list_last(max(abs(gw), $n)) AS t FROM y GROUP BY yr
), years AS (
    SELECT yr, count(*) AS n, count(*) FILTER (WHERE q = 1) AS q1, count(*) FILTER (WHERE q = 2) AS q2,
       count(*) FILTER (WHERE q = 3) AS q3, count(*) FILTER (WHERE q = 4) AS q4, sum(gw) AS score,
       count(*) FILTER (WHERE dir IN ('a>b', 'a-b')) AS ab,
       coalesce(sum(gw) FILTER (WHERE dir IN ('a>b', 'a-b')), 0) AS s_ab,
       count(*) FILTER (WHERE dir IN ('b>a', 'a-b')) AS ba,
       coalesce(sum(gw) FILTER (WHERE dir IN ('b>a', 'a-b')), 0) AS s_ba,
       count(*) FILTER (WHERE len(coalesce(disputed, [])) > 0) AS n_disputed
    FROM y GROUP BY yr
), notable AS (
    SELECT * FROM (
        SELECT y.*, row_number() OVER (PARTITION BY y.yr ORDER BY abs(gw) DESC, lbl, year_from NULLS LAST,
                                                                 date, id) AS rn
        FROM y JOIN th ON th.yr = y.yr WHERE coalesce(abs(y.gw) >= th.t, true))
    WHERE rn <= $n
), apart AS (
    SELECT *, row_number() OVER (ORDER BY year_from NULLS LAST, date, id) AS pos
    FROM e WHERE negated OR lo IS NULL
), events AS (
    SELECT 1 AS part, yr, NULL::BOOLEAN AS negated, id, lbl, kind, date, g, q, dir, disputed, rn,
           row_number() OVER (ORDER BY yr, rn) AS pos FROM notable
    UNION ALL
    SELECT 2, NULL, negated, id, lbl, kind, date, g, q, dir, disputed, NULL, pos FROM apart
), rows AS (
    SELECT 0 AS part, yr, NULL::BOOLEAN AS negated, NULL::VARCHAR AS id, NULL::VARCHAR AS lbl,
           NULL::VARCHAR AS kind, NULL::VARCHAR AS date, NULL::DOUBLE AS g, NULL::INTEGER AS q,
           NULL::VARCHAR AS dir, NULL::VARCHAR[] AS disputed, NULL::BIGINT AS rn, yr AS pos,
           n, q1, q2, q3, q4, score, ab, s_ab, ba, s_ba, n_disputed
    FROM years
    UNION ALL
    SELECT ev.*, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM events ev
)
"""

_ANSWER = _ROWS + """
SELECT r.*, c.sources FROM rows r LEFT JOIN clusters c ON c.id = r.id ORDER BY part, pos
"""

# the rows kept for a dense pair (``dense.py``): all parts, and with a year range, the years in it
_KEPT = """
SELECT * EXCLUDE (a, b) FROM dyad_rows
WHERE a = $a0 AND b = $b0 AND (part <> 1 OR rn <= $n)
  AND (part = 2 OR ($from IS NULL OR yr >= $from) AND ($to IS NULL OR yr <= $to))
ORDER BY part, pos
"""

_FACTS = """
SELECT subject, object, predicate, date FROM facts
WHERE predicate LIKE 'relations\\_%' ESCAPE '\\'
  AND (subject IN (SELECT unnest($a)) AND object IN (SELECT unnest($b))
       OR subject IN (SELECT unnest($b)) AND object IN (SELECT unnest($a)))
"""


def _literals(names: tuple[str, ...]) -> str:
    """Kind names as an SQL list of literals (names of the closed list of kinds, all [A-Z_]:
    a constant, which DuckDB evaluates far faster than a list parameter)."""
    assert all(n.replace("_", "").isalpha() and n.isupper() for n in names)
    return ", ".join(f"'{n}'" for n in sorted(names)) or "NULL"


def query(side_a: list[str], side_b: list[str], rules: CountRules,
          year_from: int | None, year_to: int | None) -> tuple[str, dict]:
    """The head of the dyad's query (the CTEs up to its events by year, ``y``) and its parameters."""
    a, b = sorted(side_a), sorted(side_b)
    params = {"a": a, "b": b, "from": year_from, "to": year_to,
              "against_factor": rules.against_factor, "verbal_max": rules.against_verbal_max,
              "verbal": rules.against_verbal, "material": rules.against_material,
              "against_label": rules.against_label}
    # side a's codes as separate parameters: a constant filter, which skips the blocks of
    # other codes
    params.update({f"a{i}": c for i, c in enumerate(a)})
    head = _EVENTS.replace("{side_a}", ", ".join(f"$a{i}" for i in range(len(a)))) \
                  .replace("{symmetric}", _literals(rules.symmetric))
    return head, params


def dyad_counts(con, side_a: list[str], side_b: list[str], rules: CountRules,
                year_from: int | None, year_to: int | None, notable: int) -> DyadCounts:
    a, b = sorted(side_a), sorted(side_b)
    out = DyadCounts()
    if not con.execute("SELECT count(*) FROM party_clusters").fetchone()[0] and \
            con.execute("SELECT count(*) FROM clusters").fetchone()[0]:
        import duckdb
        raise duckdb.CatalogException("party_clusters is empty")
    if dense.kept(con, a, b, rules, notable):
        rows = con.execute(_KEPT, {"a0": a[0], "b0": b[0], "n": notable, "from": year_from,
                                   "to": year_to}).fetchall()
    else:
        head, params = query(a, b, rules, year_from, year_to)
        rows = con.execute(head + _ANSWER, {**params, "n": notable}).fetchall()
    sources: dict[str, str | None] = {}
    for part, *row in rows:
        if part == 0:
            yr, n, q1, q2, q3, q4, score, ab, s_ab, ba, s_ba, disputed = row[0], *row[12:23]
            out.years.append((yr, n, q1, q2, q3, q4, score, ab, s_ab, ba, s_ba, disputed))
        else:
            yr, negated, *event = row[:10]
            (out.notable if part == 1 else out.apart).append((yr if part == 1 else negated, *event))
            sources[event[0]] = row[-1]
    for cid, src in sources.items():
        out.sources[cid] = [{"doc": s["doc"], "lang": s["lang"], "evidence": s["evidence"]}
                            for s in (json.loads(src) if src else [])]
    out.facts = [{"subject": s, "object": o, "predicate": p, "date": d}
                 for s, o, p, d in con.execute(_FACTS, {"a": a, "b": b}).fetchall()]
    return out
