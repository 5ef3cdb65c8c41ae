"""The tables of the store and their migrations. The tables of records (documents, events,
facts, clusters, disagreements) are made from the records' field tables
(:mod:`dyadline.records`); the others (sentences, mentions, skipped inputs, the dyad index) are
written here."""
from __future__ import annotations

from ..records import BOOL, CLUSTER, DISAGREEMENT, DOCUMENT, EVENT, FACT, FLOAT, INT, JSON, SPAN, \
    STRING, STRINGS, TIMESTAMP, Table

_SQL_TYPES = {STRING: "VARCHAR", INT: "INTEGER", FLOAT: "DOUBLE", BOOL: "BOOLEAN",
              STRINGS: "VARCHAR[]", JSON: "VARCHAR", TIMESTAMP: "TIMESTAMP DEFAULT current_timestamp"}


def columns(table: Table) -> list[str]:
    """The store columns of a record table, in order (a span is two columns)."""
    out = []
    for f in table.fields:
        if not f.stored:
            continue
        if f.type == SPAN:
            out += [f"{f.name}_start", f"{f.name}_end"]
        else:
            out.append(f.name)
    return out


def create(table: Table) -> str:
    parts = []
    for f in table.fields:
        if not f.stored:
            continue
        if f.type == SPAN:
            parts += [f"{f.name}_start INTEGER", f"{f.name}_end INTEGER"]
        else:
            parts.append(f'"{f.name}" {_SQL_TYPES[f.type]}' + (" PRIMARY KEY" if f.key else ""))
    return f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(parts)})"


def select_list(table: Table, alias: str = "") -> str:
    """The SELECT list that reads a record table's rows in field order (spans as lists)."""
    p = f"{alias}." if alias else ""
    out = []
    for f in table.row_fields:
        if not f.stored:
            continue
        if f.type == SPAN:
            out.append(f"[{p}{f.name}_start, {p}{f.name}_end] AS {f.name}")
        else:
            out.append(f'{p}"{f.name}"')
    return ", ".join(out)


TABLES = [
    create(DOCUMENT),
    """CREATE TABLE IF NOT EXISTS sentences (
        doc VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR)""",
    create(EVENT),
    """CREATE TABLE IF NOT EXISTS mentions (
        doc VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR, code VARCHAR,
        type VARCHAR, person VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS skipped (
        path VARCHAR PRIMARY KEY, reason VARCHAR, skipped_at TIMESTAMP DEFAULT current_timestamp)""",
    create(CLUSTER),
    """CREATE TABLE IF NOT EXISTS cluster_parties (cluster VARCHAR, code VARCHAR)""",
    # a dyad's timeline reads this: one row per cluster and party (base code), sorted by code,
    # so that one actor's clusters are a few adjacent blocks
    """CREATE TABLE IF NOT EXISTS party_clusters (
        code VARCHAR, parties VARCHAR[], id VARCHAR, kind VARCHAR, quad_class INTEGER,
        goldstein DOUBLE, source VARCHAR[], target VARCHAR[], against VARCHAR[], date VARCHAR,
        year_from INTEGER, year_to INTEGER, negated BOOLEAN, label VARCHAR, disputed VARCHAR[])""",
    # the densest pairs' timelines, kept by reconciliation (dense.py): the pairs and the rules
    # they were counted with, and the rows of the dyad's query (dyads.py), by pair and order
    "CREATE TABLE IF NOT EXISTS dyad_pairs (a VARCHAR, b VARCHAR, rules VARCHAR)",
    """CREATE TABLE IF NOT EXISTS dyad_rows (
        a VARCHAR, b VARCHAR, part INTEGER, yr BIGINT, negated BOOLEAN, id VARCHAR, lbl VARCHAR,
        kind VARCHAR, date VARCHAR, g DOUBLE, q INTEGER, dir VARCHAR, disputed VARCHAR[], rn BIGINT,
        pos BIGINT, n BIGINT, q1 BIGINT, q2 BIGINT, q3 BIGINT, q4 BIGINT, score DOUBLE, ab BIGINT,
        s_ab DOUBLE, ba BIGINT, s_ba DOUBLE, n_disputed BIGINT, sources VARCHAR)""",
    create(DISAGREEMENT),
    create(FACT),
    # incremental reconciliation (store/reconciling.py): the blocks of replaced events, each
    # cluster's blocks, and which algorithm made the clusters
    "CREATE TABLE IF NOT EXISTS dirty_blocks (block VARCHAR)",
    "CREATE TABLE IF NOT EXISTS cluster_blocks (block VARCHAR, cluster VARCHAR)",
    "CREATE TABLE IF NOT EXISTS reconcile_state (key VARCHAR PRIMARY KEY, value VARCHAR)",
]

# columns added after the first release, for databases made before them
MIGRATIONS = [
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS against VARCHAR[]",
    "ALTER TABLE clusters ADD COLUMN IF NOT EXISTS against VARCHAR[]",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS mode VARCHAR",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS blocks VARCHAR[]",
] + [f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS {c} VARCHAR" for c in ("date", "title", "url", "source")] \
  + [f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {c} VARCHAR" for c in ("doc_date", "doc_source", "doc_url")] \
  + [f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {c} {t}" for c, t in (
      ("location", "VARCHAR"), ("location_id", "VARCHAR"), ("geonames_id", "INTEGER"),
      ("location_country", "VARCHAR"), ("latitude", "DOUBLE"), ("longitude", "DOUBLE"),
      ("location_feature", "VARCHAR"), ("location_province", "VARCHAR"), ("location_text", "VARCHAR"),
      ("location_span_start", "INTEGER"), ("location_span_end", "INTEGER"))]

EVENT_COLUMNS = columns(EVENT)
FACT_COLUMNS = columns(FACT)
CLUSTER_COLUMNS = columns(CLUSTER)
DOCUMENT_COLUMNS = [c for c in columns(DOCUMENT) if c != "stored_at"]
DISAGREEMENT_COLUMNS = columns(DISAGREEMENT)
