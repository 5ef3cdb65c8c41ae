"""The store's side of incremental reconciliation.

Each event keeps the blocks it was reconciled in (``events.blocks``; NULL until its first
reconciliation) and each cluster the blocks of its members (``cluster_blocks``). Saving a
document records the blocks of the events it replaces in ``dirty_blocks``, in the same
transaction as the replacement. A reconciliation reads what changed (:meth:`Reconciling.changes`),
then in ONE transaction (:meth:`Reconciling.transaction`) sets the new events' blocks, removes
the clusters of the units it redoes, writes their new clusters batch by batch, updates the
events' cluster ids and the dyad index, empties ``dirty_blocks`` and records the algorithm's
version: an interrupted run leaves the previous clusters and the dirty blocks as they were.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import BOOL, CLUSTER, EVENT, FLOAT, INT, JSON, STRING, STRINGS, Event
from ..timex.values import year_bounds
from . import dyads as _dyads
from .schema import CLUSTER_COLUMNS, select_list

_ARROW = {STRING: pa.string(), JSON: pa.string(), INT: pa.int64(), FLOAT: pa.float64(),
          BOOL: pa.bool_(), STRINGS: pa.list_(pa.string())}
_CLUSTER_SCHEMA = pa.schema([(f.name, _ARROW[f.type]) for f in CLUSTER.fields if f.stored])


@dataclass
class Changes:
    """What a reconciliation starts from."""

    version: str | None                 # the algorithm that made the stored clusters
    dirty: set[str]                     # blocks of events replaced or removed since
    new: list[tuple]                    # events never reconciled: id, kind, source, target, date, doc_date
    linked: list[list[str]]             # the blocks of the reconciled events in several blocks


class Reconciling:
    def __init__(self, con, path: str) -> None:
        self.con, self.path = con, path

    def changes(self) -> Changes:
        con = self.con
        row = con.execute("SELECT value FROM reconcile_state WHERE key = 'version'").fetchone()
        dirty = {r[0] for r in con.execute("SELECT DISTINCT block FROM dirty_blocks").fetchall()}
        new = con.execute("SELECT id, kind, source, target, date, doc_date FROM events "
                          "WHERE blocks IS NULL").fetchall()
        linked = [r[0] for r in con.execute("SELECT blocks FROM events WHERE len(blocks) > 1").fetchall()]
        return Changes(row[0] if row else None, dirty, new, linked)

    @contextmanager
    def transaction(self):
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            yield _Txn(con)
            con.execute("COMMIT")
        except duckdb.Error as e:
            _rollback(con)
            raise StoreError(f"could not store the reconciliation ({e}); the previous one is kept",
                             path=self.path) from e
        except BaseException:
            _rollback(con)
            raise


def _rollback(con) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


class _Txn:
    """The writes of one reconciliation, inside its transaction."""

    def __init__(self, con) -> None:
        self.con = con

    def set_blocks(self, blocks: dict[str, list[str]]) -> None:
        if not blocks:
            return
        t = pa.table({"id": list(blocks), "blocks": pa.array(list(blocks.values()), pa.list_(pa.string()))})
        self.con.register("_new_blocks", t)
        self.con.execute("UPDATE events SET blocks = b.blocks FROM _new_blocks b WHERE events.id = b.id")
        self.con.unregister("_new_blocks")

    def all_blocks(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT DISTINCT unnest(blocks) FROM events").fetchall()]

    def plan(self, unit_of: dict[str, int], full: bool) -> list[tuple[int, int]]:
        """Remove the clusters of the given blocks (all with ``full``) and map the events of
        those blocks to their units; returns (unit, events) by unit."""
        con = self.con
        t = pa.table({"block": list(unit_of), "unit": pa.array(list(unit_of.values()), pa.int64())})
        con.register("_ku", t)
        con.execute("CREATE OR REPLACE TEMP TABLE _key_unit AS SELECT * FROM _ku")
        con.unregister("_ku")
        if full:
            for table in ("clusters", "disagreements", "cluster_blocks", "cluster_parties", "party_clusters"):
                con.execute(f"DELETE FROM {table}")
        else:
            con.execute("CREATE OR REPLACE TEMP TABLE _gone AS SELECT DISTINCT cluster FROM cluster_blocks "
                        "WHERE block IN (SELECT block FROM _key_unit)")
            for table, col in (("clusters", "id"), ("disagreements", "cluster"), ("cluster_blocks", "cluster"),
                               ("cluster_parties", "cluster"), ("party_clusters", "id")):
                con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT cluster FROM _gone)")
        con.execute("CREATE OR REPLACE TEMP TABLE _ev_unit AS SELECT e.id, min(k.unit) AS unit "
                    "FROM (SELECT id, unnest(blocks) AS block FROM events) e JOIN _key_unit k USING (block) "
                    "GROUP BY e.id")
        con.execute("CREATE OR REPLACE TEMP TABLE _made (id VARCHAR)")
        con.execute("CREATE OR REPLACE TEMP TABLE _assign (event VARCHAR, cluster VARCHAR)")
        return con.execute("SELECT unit, count(*) FROM _ev_unit GROUP BY unit ORDER BY unit").fetchall()

    def events(self, first: int, last: int) -> list[tuple[int, Event]]:
        """The events of units ``first`` to ``last``, by unit."""
        cur = self.con.execute(f"SELECT {select_list(EVENT, 'e')}, u.unit AS _unit FROM events e "
                               "JOIN _ev_unit u ON e.id = u.id WHERE u.unit BETWEEN ? AND ? ORDER BY u.unit, e.id",
                               [first, last])
        cols = [c[0] for c in cur.description]
        out = []
        for r in cur.fetchall():
            d = dict(zip(cols, r))
            out.append((d.pop("_unit"), Event.from_row(d)))
        return out

    def write(self, clusters, disagreements, assignment: dict[str, str], blocks: dict[str, set[str]]) -> None:
        """Add clusters, their disagreements, their blocks and their members' ids."""
        con = self.con
        rows = []
        for c in clusters:
            row = c.row()
            row["year_from"], row["year_to"] = year_bounds(c.date)
            row["sources"] = json.dumps(row["sources"], ensure_ascii=False)
            rows.append({col: row[col] for col in CLUSTER_COLUMNS})
        if rows:
            con.register("_c", pa.Table.from_pylist(rows, schema=_CLUSTER_SCHEMA))
            con.execute(f"INSERT INTO clusters ({', '.join(chr(34) + c + chr(34) for c in CLUSTER_COLUMNS)}) "
                        "SELECT * FROM _c")
            con.execute("INSERT INTO _made SELECT id FROM _c")
            con.unregister("_c")
        if disagreements:
            con.register("_d", pa.table({
                "cluster": [d.cluster for d in disagreements], "attribute": [d.attribute for d in disagreements],
                "values": [json.dumps(d.values_dicts(), ensure_ascii=False, default=str) for d in disagreements]}))
            con.execute('INSERT INTO disagreements (cluster, attribute, "values") SELECT * FROM _d')
            con.unregister("_d")
        pairs = [(b, c) for c, bs in blocks.items() for b in bs]
        if pairs:
            con.register("_b", pa.table({"block": [b for b, _ in pairs], "cluster": [c for _, c in pairs]}))
            con.execute("INSERT INTO cluster_blocks SELECT * FROM _b")
            con.unregister("_b")
        if assignment:
            con.register("_a", pa.table({"event": list(assignment), "cluster": list(assignment.values())}))
            con.execute("INSERT INTO _assign SELECT * FROM _a")
            con.unregister("_a")

    def finish(self, version: str, full: bool) -> None:
        con = self.con
        if full:
            con.execute("UPDATE events SET cluster = NULL")
        con.execute("UPDATE events SET cluster = a.cluster FROM _assign a WHERE events.id = a.event")
        if full:
            _dyads.index_parties(con)
        else:
            _dyads.index_parties(con, only="_made")
        con.execute("DELETE FROM dirty_blocks")
        con.execute("INSERT OR REPLACE INTO reconcile_state VALUES ('version', ?)", [version])
        for t in ("_key_unit", "_ev_unit", "_made", "_assign"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
        con.execute("DROP TABLE IF EXISTS _gone")
