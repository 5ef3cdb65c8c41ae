"""The store: one class that owns the embedded DuckDB database.

Tables: ``documents``, ``sentences``, ``events``, ``facts``, and after reconciliation
``clusters`` and ``disagreements``. Saving a document replaces everything stored for its id in
one transaction, so running again never duplicates records and a failure leaves the previous
state; reconciliation replaces the clusters and the events' cluster ids in one transaction.
"""
from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from .errors import InputError, StoreError
from .model import Document, Event, Skipped

log = logging.getLogger(__name__)

DEFAULT_DB = "dyadline.duckdb"

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS documents (
        id VARCHAR PRIMARY KEY, path VARCHAR, lang VARCHAR, sha256 VARCHAR, text VARCHAR,
        n_chars INTEGER, n_events INTEGER, n_facts INTEGER,
        stored_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS sentences (
        doc VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR, doc VARCHAR, lang VARCHAR, evidence VARCHAR, span_start INTEGER,
        span_end INTEGER, kind VARCHAR, plover VARCHAR, cameo VARCHAR, quad_class INTEGER,
        goldstein DOUBLE, source VARCHAR[], target VARCHAR[], source_text VARCHAR[],
        target_text VARCHAR[], date VARCHAR, date_text VARCHAR, year_from INTEGER,
        year_to INTEGER, negated BOOLEAN, confidence DOUBLE, label VARCHAR, trigger VARCHAR,
        date_source VARCHAR, sentence INTEGER, cluster VARCHAR, against VARCHAR[])""",
    """CREATE TABLE IF NOT EXISTS mentions (
        doc VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, code VARCHAR,
        type VARCHAR, person VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS skipped (
        path VARCHAR PRIMARY KEY, reason VARCHAR, skipped_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS clusters (
        id VARCHAR PRIMARY KEY, kind VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        source VARCHAR[], target VARCHAR[], date VARCHAR, year_from INTEGER, year_to INTEGER,
        negated BOOLEAN, label VARCHAR, members VARCHAR[], docs VARCHAR[], langs VARCHAR[],
        disputed VARCHAR[], sources VARCHAR, against VARCHAR[])""",
    """CREATE TABLE IF NOT EXISTS cluster_parties (cluster VARCHAR, code VARCHAR)""",
    # a dyad's timeline reads this: one row per cluster and party (base code), sorted by code,
    # so that one actor's clusters are a few adjacent blocks
    """CREATE TABLE IF NOT EXISTS party_clusters (
        code VARCHAR, parties VARCHAR[], id VARCHAR, kind VARCHAR, quad_class INTEGER,
        goldstein DOUBLE, source VARCHAR[], target VARCHAR[], against VARCHAR[], date VARCHAR,
        year_from INTEGER, year_to INTEGER, negated BOOLEAN, label VARCHAR, disputed VARCHAR[])""",
    """CREATE TABLE IF NOT EXISTS disagreements (
        cluster VARCHAR, attribute VARCHAR, "values" VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS facts (
        id VARCHAR, doc VARCHAR, lang VARCHAR, evidence VARCHAR, span_start INTEGER,
        span_end INTEGER, subject VARCHAR, predicate VARCHAR, object VARCHAR, date VARCHAR)""",
]

# columns added after the first release, for databases made before them
_MIGRATIONS = [
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS against VARCHAR[]",
    "ALTER TABLE clusters ADD COLUMN IF NOT EXISTS against VARCHAR[]",
]

_EVENT_COLS = ["id", "doc", "lang", "evidence", "span_start", "span_end", "kind", "plover",
               "cameo", "quad_class", "goldstein", "source", "target", "source_text",
               "target_text", "date", "date_text", "year_from", "year_to", "negated",
               "confidence", "label", "trigger", "date_source", "sentence", "cluster", "against"]


def index_parties(con) -> None:
    """Rebuild the tables a dyad's lookup reads from ``clusters``: who takes part, by base code
    (``cluster_parties``), and the clusters' counted columns per party (``party_clusters``),
    both sorted by code so that a dyad's lookup reads few blocks. Inside the caller's
    transaction."""
    con.execute("DELETE FROM cluster_parties")
    con.execute("DELETE FROM party_clusters")
    con.execute("INSERT INTO cluster_parties SELECT DISTINCT id, split_part(unnest(list_concat("
                "source, target, coalesce(against, []::VARCHAR[]))), '-', 1) AS code "
                "FROM clusters ORDER BY code")
    con.execute("""INSERT INTO party_clusters
        SELECT p.code, x.parties, c.id, c.kind, c.quad_class, c.goldstein, c.source, c.target,
               c.against, c.date, c.year_from, c.year_to, c.negated, c.label, c.disputed
        FROM cluster_parties p
        JOIN (SELECT cluster, list(code ORDER BY code) AS parties FROM cluster_parties GROUP BY cluster) x
          ON x.cluster = p.cluster
        JOIN clusters c ON c.id = p.cluster
        ORDER BY p.code, c.id""")


def _locked(e: Exception) -> bool:
    text = str(e).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


def _rollback(con) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:          # the failed statement may already have ended the transaction
        pass


def year_bounds(edtf: str | None) -> tuple[int | None, int | None]:
    """First and last year an EDTF value may fall in (None for open or missing ends)."""
    if not edtf:
        return None, None
    import re
    parts = edtf.split("/")
    lo_m = re.search(r"\d{3}[\dX]", parts[0]) if parts[0] not in ("", "..") else None
    hi_src = parts[-1]
    hi_m = re.search(r"\d{3}[\dX]", hi_src) if hi_src not in ("", "..") else None
    lo = int(lo_m.group().replace("X", "0")) if lo_m else None
    hi = int(hi_m.group().replace("X", "9")) if hi_m else None
    return lo, hi


class Store:
    """The DuckDB database of documents, sentences, events and facts."""

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
                for stmt in _SCHEMA + _MIGRATIONS:
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
            for table, col in (("documents", "id"), ("sentences", "doc"), ("events", "doc"),
                               ("facts", "doc"), ("mentions", "doc")):
                con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [ids])
            con.executemany(
                "INSERT INTO documents (id, path, lang, sha256, text, n_chars, n_events, n_facts) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [[d.id, d.path, d.lang, d.sha256, d.text, len(d.text), len(d.events), len(d.facts)]
                 for d in docs])
            sents = [[d.id, i, s, e, d.text[s:e]] for d in docs for i, (s, e) in enumerate(d.sentences)]
            if sents:
                con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", sents)
            ments = [[d.id, m.start, m.end, m.text, m.code, m.type, m.person] for d in docs for m in d.mentions]
            if ments:
                con.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)", ments)
            evs = [self._event_row(e) for d in docs for e in d.events]
            if evs:
                con.executemany(f"INSERT INTO events ({', '.join(_EVENT_COLS)}) "
                                f"VALUES ({', '.join('?' * len(_EVENT_COLS))})", evs)
            facts = [[f.id, f.doc, f.lang, f.evidence, f.span[0], f.span[1], f.subject,
                      f.predicate, f.object, f.date] for d in docs for f in d.facts]
            if facts:
                con.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facts)
            con.execute("COMMIT")
        except duckdb.Error as e:
            _rollback(con)
            raise StoreError(f"could not write {len(docs)} documents ({e}); nothing of this "
                             "batch was stored (is the disk full, or the file read-only?)",
                             path=self.path) from e
        return len(docs)

    def stored_hashes(self) -> set[str]:
        """The content hashes (sha256) of the stored documents: what ``run --resume`` skips."""
        return {r[0] for r in self.con.execute("SELECT sha256 FROM documents").fetchall()}

    def save_reconciliation(self, rec) -> int:
        """Replace the clusters, the disagreements and the events' cluster ids with those of a
        :class:`~dyadline.reconcile.Reconciliation`, in one transaction."""
        con = self.con
        rows = []
        for c in rec.clusters:
            lo, hi = year_bounds(c.date)
            rows.append([c.id, c.kind, c.plover, c.quad_class, c.goldstein, c.source, c.target, c.date,
                         lo, hi, c.negated, c.label, c.members, c.docs, c.langs, c.disputed,
                         json.dumps([s.to_dict() for s in c.sources], ensure_ascii=False), c.against])
        dis = [[d.cluster, d.attribute, json.dumps(d.to_dict()["values"], ensure_ascii=False, default=str)]
               for d in rec.disagreements]
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM clusters")
            con.execute("DELETE FROM disagreements")
            if rows:
                con.executemany(f"INSERT INTO clusters VALUES ({', '.join('?' * 18)})", rows)
            index_parties(con)
            if dis:
                con.executemany("INSERT INTO disagreements VALUES (?, ?, ?)", dis)
            con.execute("UPDATE events SET cluster = NULL")
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
        cur = self.con.execute("SELECT path, reason FROM skipped ORDER BY path")
        return [{"path": p, "reason": r} for p, r in cur.fetchall()]

    @staticmethod
    def _event_row(e: Event) -> list[Any]:
        lo, hi = year_bounds(e.date)
        d = e.to_dict()
        d.update(span_start=e.span[0], span_end=e.span[1], year_from=lo, year_to=hi)
        return [d[c] for c in _EVENT_COLS]

    # -- reading ---------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in ("documents", "sentences", "events", "facts", "skipped", "clusters", "disagreements",
                         "mentions"):
            raise InputError(f"unknown table {table}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def events(self, *, dyad: tuple[str, str] | None = None, actor: str | None = None,
               kind: str | None = None, year_from: int | None = None,
               year_to: int | None = None, doc: str | None = None,
               limit: int | None = None, offset: int = 0, plover: str | None = None,
               quad_class: int | None = None, lang: str | None = None,
               text: str | None = None, cluster: str | None = None) -> list[dict[str, Any]]:
        """Events matching all the given filters, in document order. A dyad matches in either
        direction; years select events whose date may overlap the range; ``text`` is a
        case-insensitive search in the evidence and the label."""
        where, params = self._event_where(dyad, actor, kind, year_from, year_to, doc, plover,
                                          quad_class, lang, text, cluster)
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY doc, span_start, kind"
        if limit:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        cur = self.con.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [self._event_dict(dict(zip(cols, row))) for row in cur.fetchall()]

    def count_events(self, **filters) -> int:
        """How many events :meth:`events` would return with these filters (no paging)."""
        names = ("dyad", "actor", "kind", "year_from", "year_to", "doc", "plover", "quad_class",
                 "lang", "text", "cluster")
        where, params = self._event_where(*(filters.get(n) for n in names))
        sql = "SELECT count(*) FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        return self.con.execute(sql, params).fetchone()[0]

    def _event_where(self, dyad, actor, kind, year_from, year_to, doc, plover, quad_class, lang,
                     text, cluster) -> tuple[list[str], list]:
        where, params = self._actor_filters("source", "target", dyad, actor)
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

    @staticmethod
    def _event_dict(row: dict[str, Any]) -> dict[str, Any]:
        row["span"] = [row.pop("span_start"), row.pop("span_end")]
        row.pop("year_from", None)
        row.pop("year_to", None)
        return row

    def event_records(self) -> list[Event]:
        """Every stored event as an :class:`~dyadline.model.Event`."""
        fields = set(Event.__dataclass_fields__)
        out = []
        for row in self.events():
            d = {k: v for k, v in row.items() if k in fields}
            d["span"] = tuple(d["span"])
            d["source"], d["target"] = list(d["source"] or []), list(d["target"] or [])
            d["source_text"], d["target_text"] = list(d["source_text"] or []), list(d["target_text"] or [])
            d["against"] = list(d.get("against") or [])
            out.append(Event(**d))
        return out

    def clusters(self, *, dyad: tuple[str, str] | None = None, actor: str | None = None,
                 cluster: str | None = None, min_sources: int = 1) -> list[dict[str, Any]]:
        """Reconciled events (clusters), by date; filters as for :meth:`events`."""
        where, params = self._actor_filters("source", "target", dyad, actor)
        if cluster:
            where.append("id = ?")
            params.append(cluster)
        if min_sources > 1:
            where.append("len(members) >= ?")
            params.append(min_sources)
        sql = "SELECT * FROM clusters" + (" WHERE " + " AND ".join(where) if where else "")
        cur = self.con.execute(sql + " ORDER BY year_from NULLS LAST, date, id", params)
        return self._cluster_rows(cur)

    @staticmethod
    def _cluster_rows(cur) -> list[dict[str, Any]]:
        cols = [c[0] for c in cur.description]
        out = []
        for row in cur.fetchall():
            d = dict(zip(cols, row))
            d["sources"] = json.loads(d["sources"]) if d["sources"] else []
            out.append(d)
        return out

    def dyad_clusters(self, side_a: set[str], side_b: set[str]) -> list[dict[str, Any]]:
        """The clusters naming an actor of each side (as source, target or 'against'; role
        suffixes stripped): what a dyad's timeline reads, selected in the database."""
        sql = ("SELECT * FROM clusters WHERE id IN (SELECT cluster FROM cluster_parties WHERE "
               "code IN (SELECT unnest(?::VARCHAR[])) INTERSECT SELECT cluster FROM cluster_parties "
               "WHERE code IN (SELECT unnest(?::VARCHAR[]))) ORDER BY year_from NULLS LAST, date, id")
        try:
            cur = self.con.execute(sql, [sorted(side_a), sorted(side_b)])
        except duckdb.CatalogException as e:   # a database reconciled before this table existed
            raise StoreError("this database predates the dyad index; run `dyadline run` or "
                             "`dyadline load` again to reconcile it", path=self.path) from e
        return self._cluster_rows(cur)

    def disagreements(self, *, dyad: tuple[str, str] | None = None,
                      actor: str | None = None) -> list[dict[str, Any]]:
        """Disagreements between sources, with the cluster they are about."""
        where, params = self._actor_filters("c.source", "c.target", dyad, actor)
        sql = ("SELECT d.cluster, d.attribute, d.\"values\", c.label, c.kind, c.date FROM disagreements d "
               "JOIN clusters c ON c.id = d.cluster")
        if where:
            sql += " WHERE " + " AND ".join(where)
        cur = self.con.execute(sql + " ORDER BY c.year_from NULLS LAST, d.cluster, d.attribute", params)
        return [{"cluster": r[0], "attribute": r[1], "values": json.loads(r[2]), "label": r[3],
                 "kind": r[4], "date": r[5]} for r in cur.fetchall()]

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

    def facts(self, *, doc: str | None = None) -> list[dict[str, Any]]:
        sql, params = "SELECT * FROM facts", []
        if doc:
            sql += " WHERE doc = ?"
            params.append(doc)
        cur = self.con.execute(sql + " ORDER BY doc, span_start", params)
        cols = [c[0] for c in cur.description]
        out = []
        for row in cur.fetchall():
            d = dict(zip(cols, row))
            d["span"] = [d.pop("span_start"), d.pop("span_end")]
            out.append(d)
        return out

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One document with its text and its actor mentions (None when not stored)."""
        cur = self.con.execute("SELECT id, path, lang, sha256, text, n_chars, n_events, n_facts "
                               "FROM documents WHERE id = ?", [doc_id])
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

    def documents(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT id, path, lang, sha256, n_chars, n_events, n_facts FROM documents ORDER BY id")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


def dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


def iter_jsonl(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for r in rows:
        yield dumps(r)
