"""The store: one class that owns the embedded DuckDB database. Every SQL statement of dyadline
lives in this package.

Tables: ``documents``, ``sentences``, ``mentions``, ``events``, ``facts``, ``skipped``, and after
reconciliation ``clusters``, ``disagreements``, the dyad index (``cluster_parties``,
``party_clusters``) and the densest pairs' kept timeline rows (``dyad_pairs``, ``dyad_rows``,
``dense.py``) (``schema.py``). Incremental reconciliation (``reconciling.py``) keeps three
more: ``dirty_blocks`` (the blocks of events replaced or removed since the last run),
``cluster_blocks`` (each cluster's blocks) and ``reconcile_state`` (the version of the algorithm
that made the clusters), and each event's blocks in ``events.blocks``. Saving a document
replaces everything stored for its id in one transaction (recording the replaced events'
blocks in ``dirty_blocks``), so running again never duplicates records and a failure leaves
the previous state; reconciliation replaces the clusters of the units it redoes and those
events' cluster ids in one transaction.

Reading returns typed records (:class:`~dyadline.records.Event`, :class:`~dyadline.records.Fact`,
:class:`~dyadline.records.Cluster`, :class:`~dyadline.records.Disagreement`,
:class:`~dyadline.records.StoredDocument`); their ``row()`` is the published form (JSON Lines,
CSV, the API). Two answers stay dicts because a dict is what they are: :meth:`Store.document`
(a document's text with its mentions, the shape the web API serves) and :meth:`Store.skipped`.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from ..errors import InputError, StoreError
from ..records import CLUSTER, DISAGREEMENT, DOCUMENT, EVENT, FACT, Cluster, Disagreement, Document, \
    Event, Fact, Skipped, StoredDocument
from ..timex.values import year_bounds
from . import dense as _dense
from . import dyads as _dyads
from .dyads import CountRules, DyadCounts
from .reconciling import Reconciling
from .schema import CLUSTER_COLUMNS, DOCUMENT_COLUMNS, EVENT_COLUMNS, FACT_COLUMNS, MIGRATIONS, \
    TABLES, select_list

log = logging.getLogger(__name__)

DEFAULT_DB = "dyadline.duckdb"
_COUNTED = ("documents", "sentences", "events", "facts", "skipped", "clusters", "disagreements",
            "mentions")


def _locked(e: Exception) -> bool:
    text = str(e).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def _rollback(con) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:          # the failed statement may already have ended the transaction
        pass


def _insert(table: str, cols: list[str]) -> str:
    return (f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})")


def _rows(cur) -> list[dict[str, Any]]:
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


class Store:
    """The DuckDB database of documents, sentences, events, facts and reconciled events."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 wait: float = 0.0) -> None:
        """Open the database. DuckDB lets one process write, or several read, at a time: while
        another process holds the file, opening is retried for up to ``wait`` seconds (a run
        holds it only while it stores a batch, a server only during a request)."""
        self.path = str(path)
        deadline = time.monotonic() + wait
        pause = 0.02
        while True:
            try:
                self.con = duckdb.connect(self.path, read_only=read_only)
                break
            except duckdb.Error as e:
                if _locked(e) and time.monotonic() < deadline:
                    time.sleep(pause)
                    pause = min(pause * 1.5, 0.25)
                    continue
                if _locked(e):
                    raise StoreError("the database is in use by another process (a run or a "
                                     f"server) and stayed so for {wait:g} s; try again when it "
                                     "has finished", path=self.path) from e
                raise StoreError(f"cannot open the database ({e}); check the path, the disk and "
                                 "the permissions", path=self.path) from e
        if not read_only:
            try:
                for stmt in TABLES + MIGRATIONS:
                    self.con.execute(stmt)
            except duckdb.Error as e:
                self.con.close()
                raise StoreError(f"cannot prepare the database for writing ({e}); check that the "
                                 "disk has space and the file is writable", path=self.path) from e

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------
    def save(self, documents: Iterable[Document]) -> int:
        """Store documents with their records, replacing what was stored for their ids, all
        in one transaction. Returns the number of documents stored."""
        docs = list({d.id: d for d in documents}.values())   # an input given twice: the last one
        if not docs:
            return 0
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            ids = [d.id for d in docs]
            # the blocks of the events replaced: the next reconciliation redoes them
            con.execute("INSERT INTO dirty_blocks SELECT DISTINCT unnest(blocks) FROM events "
                        "WHERE doc IN (SELECT unnest(?)) AND blocks IS NOT NULL", [ids])
            for table, col in (("documents", "id"), ("sentences", "doc"), ("events", "doc"),
                               ("facts", "doc"), ("mentions", "doc")):
                con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [ids])
            con.executemany(_insert("documents", DOCUMENT_COLUMNS),
                            [[getattr(d, c) for c in DOCUMENT_COLUMNS] for d in docs])
            sents = [[d.id, i, s, e, d.text[s:e]] for d in docs for i, (s, e) in enumerate(d.sentences)]
            if sents:
                con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", sents)
            ments = [[d.id, m.start, m.end, m.text, m.code, m.type, m.person] for d in docs for m in d.mentions]
            if ments:
                con.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)", ments)
            evs = [self._event_values(e) for d in docs for e in d.events]
            if evs:
                con.executemany(_insert("events", EVENT_COLUMNS), evs)
            facts = [self._fact_values(f) for d in docs for f in d.facts]
            if facts:
                con.executemany(_insert("facts", FACT_COLUMNS), facts)
            con.execute("COMMIT")
        except duckdb.Error as e:
            _rollback(con)
            raise StoreError(f"could not write {len(docs)} documents ({e}); nothing of this "
                             "batch was stored (is the disk full, or the file read-only?)",
                             path=self.path) from e
        return len(docs)

    @staticmethod
    def _event_values(e: Event) -> list[Any]:
        row = e.row()
        row["span_start"], row["span_end"] = e.span
        row["location_span_start"], row["location_span_end"] = e.location_span
        row["year_from"], row["year_to"] = year_bounds(e.date)
        return [row[c] for c in EVENT_COLUMNS]

    @staticmethod
    def _fact_values(f: Fact) -> list[Any]:
        row = f.row()
        row["span_start"], row["span_end"] = f.span
        return [row[c] for c in FACT_COLUMNS]

    def stored_hashes(self) -> set[str]:
        """The content hashes (sha256) of the stored documents: what ``run --resume`` skips."""
        return {r[0] for r in self.con.execute("SELECT sha256 FROM documents").fetchall()}

    def save_reconciliation(self, rec) -> int:
        """Replace the clusters, the disagreements and the events' cluster ids with those of a
        :class:`~dyadline.reconcile.Reconciliation`, in one transaction. (The next
        :func:`~dyadline.reconcile.reconcile_store` then makes a full pass.)"""
        con = self.con
        rows = []
        for c in rec.clusters:
            row = c.row()
            row["year_from"], row["year_to"] = year_bounds(c.date)
            row["sources"] = json.dumps(row["sources"], ensure_ascii=False)
            rows.append([row[col] for col in CLUSTER_COLUMNS])
        dis = [[d.cluster, d.attribute, json.dumps(d.values_dicts(), ensure_ascii=False, default=str)]
               for d in rec.disagreements]
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM clusters")
            con.execute("DELETE FROM disagreements")
            if rows:
                con.executemany(_insert("clusters", CLUSTER_COLUMNS), rows)
            _dyads.index_parties(con)
            _dense.refresh(con, None)     # the next reconciliation makes them
            if dis:
                con.executemany('INSERT INTO disagreements (cluster, attribute, "values") VALUES (?, ?, ?)', dis)
            con.execute("UPDATE events SET cluster = NULL")
            con.execute("DELETE FROM cluster_blocks")
            con.execute("DELETE FROM reconcile_state WHERE key = 'version'")
            if rec.assignment:
                con.execute("CREATE OR REPLACE TEMP TABLE _assign (event VARCHAR, cluster VARCHAR)")
                con.executemany("INSERT INTO _assign VALUES (?, ?)", list(rec.assignment.items()))
                con.execute("UPDATE events SET cluster = _assign.cluster FROM _assign WHERE events.id = _assign.event")
                con.execute("DROP TABLE _assign")
            con.execute("COMMIT")
        except duckdb.Error as e:
            _rollback(con)
            raise StoreError(f"could not store the reconciliation ({e}); the previous one is kept",
                             path=self.path) from e
        return len(rows)

    def reconciling(self) -> "Reconciling":
        """The reads and the transaction of an incremental reconciliation
        (:mod:`~dyadline.store.reconciling`)."""
        return Reconciling(self.con, self.path)

    def reconciliation_counts(self) -> tuple[int, int, int]:
        """Clusters, clusters of more than one report, disagreements."""
        return self.con.execute("SELECT (SELECT count(*) FROM clusters), (SELECT count(*) FROM clusters "
                                "WHERE len(members) > 1), (SELECT count(*) FROM disagreements)").fetchall()[0]

    def insert_events(self, events: Iterable[Event]) -> int:
        """Bulk-load events without their documents, in one transaction (synthetic stores for
        benchmarks and tests; :meth:`save` is the way to store documents)."""
        import pyarrow as pa
        rows = [dict(zip(EVENT_COLUMNS, self._event_values(e))) for e in events]
        if not rows:
            return 0
        con = self.con
        try:
            con.register("_ev", pa.Table.from_pylist(rows))
            con.execute(f"INSERT INTO events ({', '.join(chr(34) + c + chr(34) for c in EVENT_COLUMNS)}) "
                        f"SELECT {', '.join(chr(34) + c + chr(34) for c in EVENT_COLUMNS)} FROM _ev")
        except duckdb.Error as e:
            raise StoreError(f"could not write {len(rows)} events ({e})", path=self.path) from e
        finally:
            con.unregister("_ev")
        return len(rows)

    def assignment(self) -> dict[str, str]:
        """Event id -> cluster id, for every reconciled event."""
        return dict(self.con.execute("SELECT id, cluster FROM events WHERE cluster IS NOT NULL").fetchall())

    def record_skipped(self, skipped: Iterable[Skipped]) -> int:
        """Remember the inputs a run could not read, and why (the latest reason per path)."""
        rows = [[s.path, s.reason] for s in skipped]
        if rows:
            try:
                self.con.executemany("INSERT OR REPLACE INTO skipped (path, reason) VALUES (?, ?)", rows)
            except duckdb.Error as e:
                raise StoreError(f"could not record skipped inputs ({e})", path=self.path) from e
        return len(rows)

    def skipped(self) -> list[dict[str, Any]]:
        """The inputs runs could not read: ``{"path", "reason"}`` (the latest reason per path)."""
        cur = self.con.execute("SELECT path, reason FROM skipped ORDER BY path")
        return [{"path": p, "reason": r} for p, r in cur.fetchall()]

    # -- reading ---------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in _COUNTED:
            raise InputError(f"unknown table {table}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def events(self, *, dyad: tuple[str, str] | None = None, actor: str | None = None,
               kind: str | None = None, year_from: int | None = None,
               year_to: int | None = None, doc: str | None = None,
               limit: int | None = None, offset: int = 0, plover: str | None = None,
               quad_class: int | None = None, lang: str | None = None,
               text: str | None = None, cluster: str | None = None,
               located: bool = False) -> list[Event]:
        """Events matching all the given filters, in document order. A dyad matches in either
        direction; years select events whose date may overlap the range; ``text`` is a
        case-insensitive search in the evidence and the label; ``located``: only events with
        coordinates."""
        where, params = self._event_where(dyad, actor, kind, year_from, year_to, doc, plover,
                                          quad_class, lang, text, cluster, located)
        sql = f"SELECT {select_list(EVENT)} FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY doc, span_start, kind"
        if limit:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [Event.from_row(r) for r in _rows(self.con.execute(sql, params))]

    def count_events(self, **filters) -> int:
        """How many events :meth:`events` would return with these filters (no paging)."""
        names = ("dyad", "actor", "kind", "year_from", "year_to", "doc", "plover", "quad_class",
                 "lang", "text", "cluster", "located")
        where, params = self._event_where(*(filters.get(n) for n in names))
        sql = "SELECT count(*) FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        return self.con.execute(sql, params).fetchone()[0]

    def _event_where(self, dyad, actor, kind, year_from, year_to, doc, plover, quad_class, lang,
                     text, cluster, located=False) -> tuple[list[str], list]:
        where, params = self._actor_filters("source", "target", dyad, actor)
        if located:
            where.append("latitude IS NOT NULL AND longitude IS NOT NULL")
        for col, value in (("kind", kind.upper() if kind else None),
                           ("plover", plover.upper() if plover else None), ("quad_class", quad_class),
                           ("doc", doc), ("lang", lang), ("cluster", cluster)):
            if value is not None and value != "":
                where.append(f"{col} = ?")
                params.append(value)
        if year_from is not None:
            where.append("(year_to IS NULL OR year_to >= ?)")
            params.append(year_from)
        if year_to is not None:
            where.append("(year_from IS NULL OR year_from <= ?)")
            params.append(year_to)
        if year_from is not None or year_to is not None:
            where.append("(year_from IS NOT NULL OR year_to IS NOT NULL)")
        if text:
            where.append("(evidence ILIKE ? ESCAPE '\\' OR label ILIKE ? ESCAPE '\\')")
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [pattern, pattern]
        return where, params

    def clusters(self, *, dyad: tuple[str, str] | None = None, actor: str | None = None,
                 cluster: str | None = None, min_sources: int = 1) -> list[Cluster]:
        """Reconciled events (clusters), by date; filters as for :meth:`events`."""
        where, params = self._actor_filters("source", "target", dyad, actor)
        if cluster:
            where.append("id = ?")
            params.append(cluster)
        if min_sources > 1:
            where.append("len(members) >= ?")
            params.append(min_sources)
        sql = f"SELECT {select_list(CLUSTER)} FROM clusters" + (" WHERE " + " AND ".join(where) if where else "")
        return self._clusters(self.con.execute(sql + " ORDER BY year_from NULLS LAST, date, id", params))

    @staticmethod
    def _clusters(cur) -> list[Cluster]:
        out = []
        for d in _rows(cur):
            d["sources"] = json.loads(d["sources"]) if d["sources"] else []
            out.append(Cluster.from_row(d))
        return out

    def dyad_clusters(self, side_a: set[str], side_b: set[str]) -> list[Cluster]:
        """The clusters naming an actor of each side (as source, target or 'against'; role
        suffixes stripped), selected in the database."""
        sql = (f"SELECT {select_list(CLUSTER)} FROM clusters WHERE id IN (SELECT cluster FROM cluster_parties WHERE "
               "code IN (SELECT unnest(?::VARCHAR[])) INTERSECT SELECT cluster FROM cluster_parties "
               "WHERE code IN (SELECT unnest(?::VARCHAR[]))) ORDER BY year_from NULLS LAST, date, id")
        try:
            cur = self.con.execute(sql, [sorted(side_a), sorted(side_b)])
        except duckdb.CatalogException as e:   # a database reconciled before this table existed
            raise StoreError("this database predates the dyad index; run `dyadline run` or "
                             "`dyadline load` again to reconcile it", path=self.path) from e
        return self._clusters(cur)

    def disagreements(self, *, dyad: tuple[str, str] | None = None, actor: str | None = None,
                      cluster: str | None = None) -> list[Disagreement]:
        """Disagreements between sources, with the label, kind and date of their cluster."""
        where, params = self._actor_filters("c.source", "c.target", dyad, actor)
        if cluster:
            where.append("d.cluster = ?")
            params.append(cluster)
        sql = ("SELECT d.cluster, d.attribute, d.\"values\", c.label, c.kind, c.date FROM disagreements d "
               "JOIN clusters c ON c.id = d.cluster")
        if where:
            sql += " WHERE " + " AND ".join(where)
        cur = self.con.execute(sql + " ORDER BY c.year_from NULLS LAST, d.cluster, d.attribute", params)
        return [Disagreement(cluster=r[0], attribute=r[1], values=Disagreement.parse_values(json.loads(r[2])),
                             label=r[3], kind=r[4], date=r[5]) for r in cur.fetchall()]

    @staticmethod
    def _actor_filters(src: str, tgt: str, dyad, actor) -> tuple[list[str], list]:
        base = "list_transform({col}, lambda x: split_part(x, '-', 1))"
        s, t = base.format(col=src), base.format(col=tgt)
        where, params = [], []
        if dyad:
            a, b = (x.upper() for x in dyad)
            where.append(f"((list_contains({s}, ?) AND list_contains({t}, ?)) OR "
                         f"(list_contains({s}, ?) AND list_contains({t}, ?)))")
            params += [a, b, b, a]
        if actor:
            where.append(f"(list_contains({s}, ?) OR list_contains({t}, ?))")
            params += [actor.upper(), actor.upper()]
        return where, params

    def facts(self, *, doc: str | None = None) -> list[Fact]:
        sql, params = f"SELECT {select_list(FACT)} FROM facts", []
        if doc:
            sql += " WHERE doc = ?"
            params.append(doc)
        return [Fact.from_row(r) for r in _rows(self.con.execute(sql + " ORDER BY doc, span_start", params))]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text and its actor mentions (None when not stored): the shape
        the web API serves (``StoredDocument`` fields, ``text``, ``mentions``)."""
        cur = self.con.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE id = ?", [doc_id])
        row = cur.fetchone()
        if row is None:
            return None
        d = dict(zip([c[0] for c in cur.description], row))
        try:
            cur = self.con.execute("SELECT start_char, end_char, text, code, type, person FROM mentions "
                                   "WHERE doc = ? ORDER BY start_char", [doc_id])
            d["mentions"] = [dict(zip(("start", "end", "text", "code", "type", "person"), r)) for r in cur.fetchall()]
        except duckdb.CatalogException:   # a database written before mentions were stored
            d["mentions"] = []
        return d

    def documents(self) -> list[StoredDocument]:
        cols = DOCUMENT.names()
        cur = self.con.execute(f"SELECT {', '.join(cols)} FROM documents ORDER BY id")
        return [StoredDocument(**d) for d in _rows(cur)]

    # -- dyads ---------------------------------------------------------------------------
    def dyads(self, limit: int = 20) -> list[tuple[str, str, int]]:
        """The pairs of states with the most reconciled events between them (one as source,
        the other as target; groups with a role suffix are not their state): (a, b, events),
        a < b, most events first."""
        return _dyads.top_dyads(self.con, limit)

    def dyad_counts(self, side_a: list[str], side_b: list[str], rules: CountRules, *,
                    year_from: int | None = None, year_to: int | None = None,
                    notable: int = 20) -> DyadCounts:
        """What a dyad's timeline needs, counted in the database by ``rules``: the yearly sums,
        each year's ``notable`` weightiest events, the negated and undated events, their
        sources, and the stated states of the relation."""
        try:
            return _dyads.dyad_counts(self.con, side_a, side_b, rules, year_from, year_to, notable)
        except duckdb.CatalogException as e:   # a database reconciled before the dyad index existed
            raise StoreError("this database predates the dyad index; run `dyadline run` or "
                             "`dyadline load` again to reconcile it", path=self.path) from e


def read_parquet_rows(path: str | Path) -> list[dict[str, Any]]:
    """The rows of a folder of Parquet files (the output of a Spark run), as dicts."""
    con = duckdb.connect()
    try:
        return _rows(con.execute(f"SELECT * FROM read_parquet('{Path(path).as_posix()}/*.parquet')"))
    finally:
        con.close()


__all__ = ["Store", "DEFAULT_DB", "CountRules", "DyadCounts", "read_parquet_rows", "EVENT", "FACT",
           "CLUSTER", "DISAGREEMENT"]
