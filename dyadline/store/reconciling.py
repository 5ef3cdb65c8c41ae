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
from ..records import BOOL, CLUSTER, FLOAT, INT, JSON, STRING, STRINGS
from ..timex.values import year_bounds
from . import dense as _dense
from . import dyads as _dyads
from .schema import CLUSTER_COLUMNS

_ARROW = {STRING: pa.string(), JSON: pa.string(), INT: pa.int64(), FLOAT: pa.float64(),
          BOOL: pa.bool_(), STRINGS: pa.list_(pa.string())}
_CLUSTER_SCHEMA = pa.schema([(f.name, _ARROW[f.type]) for f in CLUSTER.fields if f.stored])
SLICE = 50_000      # new events given their blocks at a time


@dataclass
class Changes:
    """What a reconciliation starts from."""

    version: str | None                 # the algorithm that made the stored clusters
    dirty: set[str]                     # blocks of events replaced or removed since


class Reconciling:
    def __init__(self, con, path: str) -> None:
        self.con, self.path = con, path

    def changes(self) -> Changes:
        con = self.con
        rows = con.execute("SELECT value FROM reconcile_state WHERE key = 'version'").fetchall()
        dirty = {r[0] for r in con.execute("SELECT DISTINCT block FROM dirty_blocks").fetchall()}
        return Changes(rows[0][0] if rows else None, dirty)

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


def _sources_json(refs) -> str:
    return json.dumps([{"doc": r.doc, "lang": r.lang, "event": r.event, "evidence": r.evidence,
                        "span": list(r.span), "sentence": r.sentence} for r in refs], ensure_ascii=False)


def _cluster_table(clusters) -> pa.Table:
    """The clusters' rows, column by column (as :meth:`~dyadline.records.Cluster.row` gives
    them, without its generic conversion)."""
    cols = {"id": [], "kind": [], "plover": [], "quad_class": [], "goldstein": [], "source": [],
            "target": [], "date": [], "year_from": [], "year_to": [], "negated": [], "label": [],
            "members": [], "docs": [], "langs": [], "disputed": [], "sources": [], "against": []}
    for c in clusters:
        yf, yt = year_bounds(c.date)
        for k, v in (("id", c.id), ("kind", c.kind), ("plover", c.plover), ("quad_class", c.quad_class),
                     ("goldstein", c.goldstein), ("source", c.source), ("target", c.target),
                     ("date", c.date), ("year_from", yf), ("year_to", yt), ("negated", c.negated),
                     ("label", c.label), ("members", c.members), ("docs", c.docs), ("langs", c.langs),
                     ("disputed", c.disputed), ("sources", _sources_json(c.sources)), ("against", c.against)):
            cols[k].append(v)
    return pa.table([pa.array(cols[name], _CLUSTER_SCHEMA.field(name).type) for name in CLUSTER_COLUMNS],
                    schema=_CLUSTER_SCHEMA)


class _Txn:
    """The writes of one reconciliation, inside its transaction."""

    def __init__(self, con) -> None:
        self.con = con

    def set_new_blocks(self, blocks_of) -> set[str]:
        """Give the events never reconciled (``blocks`` NULL) their blocks, ``blocks_of(kind,
        source, target, date, doc_date)``, reading them a slice at a time; returns the blocks
        they are in."""
        con = self.con
        new = con.sql("SELECT id, kind, source, target, date, doc_date FROM events "
                      "WHERE blocks IS NULL").to_arrow_table()
        if not new.num_rows:
            return set()
        found: set[str] = set()
        lists = []
        for batch in new.to_batches(max_chunksize=SLICE):
            cols = [batch.column(i).to_pylist() for i in range(1, 6)]
            bs = [blocks_of(k, s or [], t or [], d, dd) for k, s, t, d, dd in zip(*cols)]
            for b in bs:
                found.update(b)
            lists.append(pa.array(bs, pa.list_(pa.string())))
        t = pa.table({"id": new.column("id"), "blocks": pa.chunked_array(lists)})
        del new, lists
        con.register("_new_blocks", t)
        con.execute("UPDATE events SET blocks = b.blocks FROM _new_blocks b WHERE events.id = b.id")
        con.unregister("_new_blocks")
        return found

    def forget_blocks(self) -> None:
        self.con.execute("UPDATE events SET blocks = NULL WHERE blocks IS NOT NULL")

    def linked(self) -> list[list[str]]:
        """The blocks of the events in several blocks (they link those blocks into a unit)."""
        return [r[0] for r in self.con.execute("SELECT blocks FROM events WHERE len(blocks) > 1").fetchall()]

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
            # the parties of the removed clusters: their pairs' kept timelines are made again
            con.execute("CREATE OR REPLACE TEMP TABLE _gone_parties AS SELECT parties FROM party_clusters "
                        "WHERE id IN (SELECT cluster FROM _gone)")
            for table, col in (("clusters", "id"), ("disagreements", "cluster"), ("cluster_blocks", "cluster"),
                               ("cluster_parties", "cluster"), ("party_clusters", "id")):
                con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT cluster FROM _gone)")
        con.execute("CREATE OR REPLACE TEMP TABLE _ev_unit AS SELECT e.id, min(k.unit) AS unit "
                    "FROM (SELECT id, unnest(blocks) AS block FROM events) e JOIN _key_unit k USING (block) "
                    "GROUP BY e.id")
        con.execute("CREATE OR REPLACE TEMP TABLE _made (id VARCHAR)")
        con.execute("CREATE OR REPLACE TEMP TABLE _assign (event VARCHAR, cluster VARCHAR)")
        return con.execute("SELECT unit, count(*) FROM _ev_unit GROUP BY unit ORDER BY unit").fetchall()

    def events(self, first: int, last: int) -> list[tuple]:
        """The events of units ``first`` to ``last``, by unit: rows of the unit and the fields
        reconciliation reads (:data:`~dyadline.reconcile.mentions.REPORT_FIELDS`)."""
        return self.con.execute(
            "SELECT u.unit, e.id, e.doc, e.lang, e.evidence, e.span_start, e.span_end, e.sentence, e.kind, "
            "coalesce(e.source, []), coalesce(e.target, []), coalesce(e.against, []), e.date, e.doc_date, "
            "e.negated, e.confidence, e.blocks FROM events e JOIN _ev_unit u ON e.id = u.id "
            "WHERE u.unit BETWEEN ? AND ? ORDER BY u.unit, e.id", [first, last]).fetchall()

    def write(self, clusters, disagreements, assignment: dict[str, str], blocks: dict[str, set[str]]) -> None:
        """Add clusters, their disagreements, their blocks and their members' ids."""
        con = self.con
        if clusters:
            con.register("_c", _cluster_table(clusters))
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

    def finish(self, version: str, full: bool, rules=None) -> None:
        """Set the events' cluster ids and index the clusters' parties; keep the densest pairs'
        timeline rows counted by ``rules`` (the timeline's; none: drop them)."""
        con = self.con
        if full:
            con.execute("UPDATE events SET cluster = NULL")
        con.execute("UPDATE events SET cluster = a.cluster FROM _assign a WHERE events.id = a.event")
        if full:
            _dyads.index_parties(con)
            _dense.refresh(con, rules)
        else:
            _dyads.index_parties(con, only="_made")
            _dense.refresh(con, rules, only="_made", gone="_gone_parties")
        con.execute("DELETE FROM dirty_blocks")
        con.execute("INSERT OR REPLACE INTO reconcile_state VALUES ('version', ?)", [version])
        for t in ("_key_unit", "_ev_unit", "_made", "_assign"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
        con.execute("DROP TABLE IF EXISTS _gone")
        con.execute("DROP TABLE IF EXISTS _gone_parties")
