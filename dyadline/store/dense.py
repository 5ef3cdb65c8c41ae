"""The densest pairs' timelines kept in the store. For each ordered pair of base codes with at
least :data:`DENSE` clusters between them, ``dyad_rows`` holds the rows of the dyad's query
(``dyads.py``: yearly sums, each year's :data:`NOTABLE` weightiest events, the negated and
undated events, with their sources), and ``dyad_pairs`` the pair and the counting rules they
were made with. A timeline of one code against one code, with those rules and at most
:data:`NOTABLE` events a year, reads them instead of counting the pair's events again (the
year range only drops years, so it is applied when reading).

Reconciliation keeps them (:func:`refresh`, with the rules the reconciliation layer hands in):
a full pass makes them again, an incremental one redoes the pairs of the clusters it removed or
made, from the same query, so the rows equal a fresh computation (``tests/store/test_dense.py``);
clusters saved otherwise (:meth:`~dyadline.store.Store.save_reconciliation`) drop them."""
from __future__ import annotations

DENSE = 2000        # clusters between two codes from which their rows are kept
NOTABLE = 20        # notable events kept per year (the timeline's default)


def kept(con, a: list[str], b: list[str], rules, notable: int) -> bool:
    """Whether the rows of (a, b) with these rules are kept."""
    if len(a) != 1 or len(b) != 1 or a == b or notable > NOTABLE:
        return False
    import duckdb
    try:
        return con.execute("SELECT count(*) FROM dyad_pairs WHERE a = ? AND b = ? AND rules = ?",
                           [a[0], b[0], repr(rules)]).fetchone()[0] > 0
    except duckdb.CatalogException:     # a database opened read-only, made before these tables
        return False


def refresh(con, rules, only: str | None = None, gone: str | None = None) -> None:
    """Make the kept rows again with ``rules`` (the timeline's, :class:`~.dyads.CountRules`,
    handed in by the layer above): of every dense pair, or with ``only`` (a table of cluster
    ids, made) and ``gone`` (a table of the ``parties`` lists of removed clusters), of the pairs
    among those clusters' parties alone. Without rules, drop them all (timelines are then
    counted from the events). Inside the caller's transaction."""
    from .dyads import _ROWS, query
    if rules is None:
        con.execute("DELETE FROM dyad_rows")
        con.execute("DELETE FROM dyad_pairs")
        return
    if only is None:
        con.execute("DELETE FROM dyad_rows")
        con.execute("DELETE FROM dyad_pairs")
        where = ""
    else:
        lists = f"SELECT parties FROM party_clusters WHERE id IN (SELECT id FROM {only})"
        if gone:
            lists += f" UNION ALL SELECT parties FROM {gone}"
        con.execute("CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT a, b FROM (SELECT a, "
                    f"unnest(l) AS b FROM (SELECT unnest(parties) AS a, parties AS l FROM ({lists}))) "
                    "WHERE a <> b")
        con.execute("DELETE FROM dyad_rows WHERE (a, b) IN (SELECT (a, b) FROM _touched)")
        con.execute("DELETE FROM dyad_pairs WHERE (a, b) IN (SELECT (a, b) FROM _touched)")
        where = "WHERE (code, b) IN (SELECT (a, b) FROM _touched)"
    pairs = con.execute(f"""SELECT code, b FROM (SELECT code, unnest(parties) AS b FROM party_clusters)
        {where} GROUP BY code, b HAVING code <> b AND count(*) >= ? ORDER BY code, b""", [DENSE]).fetchall()
    for a, b in pairs:
        head, params = query([a], [b], rules, None, None)
        con.execute(f"INSERT INTO dyad_rows {head}{_ROWS} SELECT $a0 AS a, $b0 AS b, rows.*, c.sources "
                    "FROM rows LEFT JOIN clusters c ON c.id = rows.id ORDER BY part, pos",
                    {**params, "n": NOTABLE, "b0": b})
        con.execute("INSERT INTO dyad_pairs VALUES (?, ?, ?)", [a, b, repr(rules)])
    con.execute("DROP TABLE IF EXISTS _touched")
