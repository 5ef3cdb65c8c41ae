"""Exports of the stored events in the formats users of event data expect.

:func:`export` writes one format to a file (through a temporary file in the same folder,
renamed at the end, so a failed export never leaves a half-written file) or to standard
output (text formats only), and returns the number of rows written.

Formats (:data:`FORMATS`):

- ``jsonl``: one event record per line, exactly the dicts ``Store.events()`` returns (see
  "The event record" in the README).
- ``csv``: the same records, one row each, lists joined with ``|`` (the rule of
  ``dyadline events --format csv``); the columns ``csv_first`` of the event's field table
  (:data:`dyadline.records.EVENT`) first, then the other fields in row order (``trigger``,
  ``date_source``, ``sentence``, ``cluster``, ``against``).
- ``parquet``: the same records with an explicit Arrow schema (:data:`EVENT_FIELDS`: lists
  of codes and texts as ``list<string>``, ``span`` as ``list<int32>``, ``negated`` boolean,
  ``goldstein`` and ``confidence`` doubles, ``quad_class`` and ``sentence`` int32);
  :func:`read_parquet` gives back records equal to ``Store.events()``.
- ``plover``: JSON Lines following the field names of the PLOVER specification ("JSON Data
  Fields" chapter of the PLOVER manual, openeventdata/PLOVER, draft 0.7b1), one object per
  event. Mapping:

  ========================  ==========================================================
  PLOVER field              from dyadline
  ========================  ==========================================================
  ``id``                    ``id``
  ``date``                  first day of the EDTF ``date`` (YYYY-MM-DD), null when unknown
  ``enddate``               last day of the EDTF ``date``, null when unknown or open
  ``source``                one actor object per ``source`` code (below)
  ``recipient``             one actor object per ``target`` code
  ``event``                 ``[plover]`` (kinds with no PLOVER category give ``["OTHER"]``)
  ``event_text``            ``[trigger]`` (the words that triggered the event)
  ``quad_code``             ``quad_class`` (null for 0: no quad class)
  ``event_scale``           ``goldstein`` (Goldstein weight, -10..+10)
  ``mode``                  ``[mode]``: the event's PLOVER mode where its words determine
                            it (``mode``), else ``["visit"]`` for VISIT (CONSULT) and
                            ``["withdraw"]`` for WITHDRAW (RETREAT), else ``[]``
  ``context``               ``["negation"]`` for negated events (a PLOVER context), else ``[]``
  ``link``                  ``cluster`` (the reconciled real-world event shared by reports)
  ``text``                  ``evidence`` (the verbatim words stating the event)
  ``text_info``             ``{"sequence": sentence index, "start", "end": span offsets}``
  ``cite_info``             ``{"citation": doc, "language": lang, "story_date": the
                            document's date, "publisher": its source, "url": its url}``
  ``event_loc``             where the event happened (null when the text does not say): the
                            GeoNames field names the manual asks for (``geonameid``,
                            ``name``, ``latitude``, ``longitude``, ``feature class``,
                            ``feature code``, ``country code``, ``cc3``), and dyadline's
                            ``id``, ``feature``, ``province``, ``text``, ``span``; place
                            data from GeoNames (CC BY 4.0), said in ``cite_info.license``
  ``coder``                 ``"dyadline <version>"``
  ``comment``               ``label`` (a short English summary)
  ========================  ==========================================================

  An actor object is ``{"code", "sector", "actor_text", "identifier_id",
  "identifier_text"}``: ``code`` is the state code without role suffix (``AFG`` for
  ``AFG-REB``; ``"IGO"`` for international organisations, as in the PLOVER gold standard
  records), ``sector`` the role suffix (``REB``, ``OPP``, ``REF``; null for a state, whose
  organs dyadline codes as the bare state code), ``actor_text`` the words that named it
  (only when there is one text per code; the raw lists stay in ``source_text`` and
  ``target_text``), ``identifier_id`` the full dyadline code, ``identifier_text`` its name
  in the knowledge base (``kb.name``).

  dyadline's own fields are kept beside them: ``date_edtf`` (the EDTF as is), ``doc``,
  ``evidence``, ``span``, ``kind``, ``cameo``, ``quad_class``, ``goldstein``, ``cluster``,
  ``negated``, ``confidence``, ``date_text``, ``source_text``, ``target_text``,
  ``against``. Source and target are mapped as they are, also for symmetric kinds (the
  PLOVER manual would put all parties of a reciprocal act in ``source``); ``kind`` says
  which kinds are symmetric (``dyadline/data/kinds.json``).
- ``icews``: tab-separated, the columns of the ICEWS event files (:data:`ICEWS_COLUMNS`),
  one row per (source, target) pair of an event: an event with two targets gives two rows
  whose Event ID is the event id with ``-1``, ``-2``; an event without target (or source)
  gives one row with those columns empty. Source/Target Name: ``kb.name``; Sectors:
  ``Government`` for a state, the role for suffixed codes (REB Rebel, OPP Opposition, REF
  Refugees; a named group such as ``PAK-TTP``: ``Non-state group``), ``Intergovernmental
  Organization`` for an organisation; Source/Target Country: the full name of the state of
  the base code (empty for organisations); Event Text: the kind's label filled in with the
  row's names; CAMEO Code: the CAMEO root (empty when the kind has none); Intensity: the
  Goldstein weight; Event Date: the first day of the EDTF when known, else empty; Story
  ID: the document id; Sentence Number: dyadline's sentence index (from 0, empty when
  unknown); Publisher: the document's source (publisher or agency, when known); City,
  Province, Country, Latitude, Longitude: where the event happened, when the text says
  (:func:`icews_location`; District stays empty; place data from GeoNames, CC BY 4.0). An event with no day of its own (undated, or only "on or before the day
  of the report") takes the story's date as its Event Date, as ICEWS dates every event by its
  story. Negated events (the text says they did not happen) are left out: ICEWS rows are
  events that happened.
- ``cow-dyad-year``: CSV, one row per directed dyad-year (:data:`COW_COLUMNS`) for every pair
  of states with at least one reconciled event between them (``Store.clusters()``: source and
  target, any two participants of a symmetric kind, or source and ``against``), built with
  :func:`dyadline.timeline.build` and the store's facts. Each dyad-year of the timeline
  gives two rows, 1->2 and 2->1, with the directed event count, quad-class counts and net
  cooperation score (Goldstein, from 1 towards 2; symmetric events count in both
  directions); ``phase`` is the undirected phase of the dyad that year. ``ccode`` are
  Correlates of War state numbers for that year (empty when the state is not in the COW
  system then); ``iso`` are dyadline's codes (ISO alpha-3, or historical codes like ``SUN``).
"""
from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import combinations, product
from pathlib import Path
from typing import Any, TextIO

from .about import __version__
from .errors import InputError, StoreError
from .kinds import kinds
from .records import BOOL, EVENT, FLOAT, INT, SPAN, STRING, STRINGS, Cluster, Fact
from .timex.values import bounds

FORMATS = ("jsonl", "csv", "parquet", "plover", "icews", "cow-dyad-year")

# The fields of an event row in their order, with their Parquet type (from the field table).
_PARQUET = {STRING: "string", INT: "int32", FLOAT: "double", BOOL: "bool", STRINGS: "strings",
            SPAN: "span"}
EVENT_FIELDS: tuple[tuple[str, str], ...] = tuple((f.name, _PARQUET[f.type]) for f in EVENT.row_fields)

ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country",
                 "Event Text", "CAMEO Code", "Intensity", "Target Name", "Target Sectors",
                 "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
                 "Province", "Country", "Latitude", "Longitude"]

COW_COLUMNS = ["ccode1", "ccode2", "iso1", "iso2", "year", "events", "q1", "q2", "q3", "q4",
               "score", "phase"]

# role suffixes of non-state groups (lang/*/groups.json) and of state organs, as ICEWS sectors
ROLE_SECTORS = {"REB": "Rebel", "OPP": "Opposition", "REF": "Refugees", "GOV": "Government",
                "MIL": "Military", "COP": "Police", "SPY": "Intelligence"}

# PLOVER modes that a dyadline kind determines (PLOVER manual: CONSULT and RETREAT modes)
PLOVER_MODES = {"VISIT": ["visit"], "WITHDRAW": ["withdraw"]}


# -- the entry point --------------------------------------------------------------------
def export(store, fmt: str, out: str | Path | None = None, *, kb=None) -> int:
    """Write the stored events (for ``cow-dyad-year`` the dyad-years) in format ``fmt`` to
    the file ``out`` (``None``: standard output, text formats only). Returns the number of
    rows (records, for ``icews`` event-pair rows, for ``cow-dyad-year`` directed dyad-years).

    The file is written to a temporary file in the same folder and renamed at the end: a
    failed export leaves no file (and an existing file as it was)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise InputError("parquet is a binary format and is not written to standard output; "
                             "give an output file (-o events.parquet)")
        table = _parquet_table(_event_rows(store), getattr(store, "path", None))
        import pyarrow as pa
        import pyarrow.parquet as pq
        with _atomic(out) as tmp:
            try:
                pq.write_table(table, tmp)
            except (pa.ArrowException, OSError) as e:
                raise InputError(f"could not write the Parquet file ({e}); nothing was written",
                                 path=str(out)) from e
        return table.num_rows
    writer = _WRITERS[fmt]
    if fmt in ("plover", "icews", "cow-dyad-year") and kb is None:
        from .kb import default_kb
        kb = default_kb()
    if out is None:
        return writer(store, sys.stdout, kb)
    with _atomic(out) as tmp:
        try:
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                return writer(store, f, kb)
        except OSError as e:
            raise InputError(f"could not write the export ({e.strerror or e}); nothing was written",
                             path=str(out)) from e


@contextmanager
def _atomic(out: str | Path) -> Iterator[str]:
    """A temporary path next to ``out``, renamed to ``out`` when the block succeeds and
    removed when it fails."""
    path = Path(out)
    if path.is_dir():
        raise InputError("is a folder; give the name of the file to write", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise InputError("the output folder does not exist; create it or choose another path",
                         path=str(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise InputError(f"cannot write in the output folder ({e.strerror or e})", path=str(path)) from e
    os.close(fd)
    try:
        yield tmp
        _set_mode(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _set_mode(tmp: str, path: Path) -> None:
    """Give the new file the permissions of the file it replaces, or the usual ones (mkstemp
    makes it private)."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


# -- jsonl, csv, parquet ------------------------------------------------------------------
def _event_rows(store) -> list[dict[str, Any]]:
    return [e.row() for e in store.events()]


def _write_jsonl(store, f: TextIO, kb) -> int:
    rows = _event_rows(store)
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return len(rows)


def csv_columns(rows: list[dict[str, Any]]) -> list[str]:
    """The CSV columns: the event table's ``csv_first`` (the columns of ``dyadline events
    --format csv``), then the other fields in row order."""
    present = list(rows[0]) if rows else EVENT.names()
    return EVENT.csv_columns(present)


def write_csv_rows(rows: list[dict[str, Any]], f: TextIO, columns: list[str] | None = None) -> None:
    """Rows as CSV, lists joined with ``|``; the columns default to :func:`csv_columns`."""
    w = csv.DictWriter(f, fieldnames=columns if columns is not None else csv_columns(rows), extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("|".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()})


def _write_csv(store, f: TextIO, kb) -> int:
    rows = _event_rows(store)
    write_csv_rows(rows, f)
    return len(rows)


@lru_cache(maxsize=1)
def event_schema():
    """The Arrow schema of the Parquet export (:data:`EVENT_FIELDS`)."""
    import pyarrow as pa
    types = {"string": pa.string(), "int32": pa.int32(), "double": pa.float64(), "bool": pa.bool_(),
             "strings": pa.list_(pa.string()), "span": pa.list_(pa.int32())}
    return pa.schema([pa.field(name, types[t]) for name, t in EVENT_FIELDS])


def _parquet_table(rows: list[dict[str, Any]], db: str | None):
    import pyarrow as pa
    schema = event_schema()
    names = set(schema.names)
    seen = set().union(*(r.keys() for r in rows)) if rows else names
    if seen != names:
        extra, missing = sorted(seen - names), sorted(names - seen)
        raise StoreError("the stored events do not have the fields the Parquet export writes "
                         f"(unknown: {', '.join(extra) or '-'}; missing: {', '.join(missing) or '-'}); "
                         "update dyadline.export.EVENT_FIELDS", path=db)
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowException, TypeError, ValueError) as e:
        raise StoreError(f"a stored event does not fit the Parquet schema ({e})", path=db) from e


def read_parquet(path: str | Path) -> list[dict[str, Any]]:
    """The event records of a Parquet export, as ``Store.events()`` gives them."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file; export it with `dyadline export --format parquet -o FILE`",
                         path=str(p))
    try:
        return pq.read_table(p).to_pylist()
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"is not a readable Parquet file ({e})", path=str(p)) from e


# -- plover --------------------------------------------------------------------------------
def _days(edtf: str | None) -> tuple[str | None, str | None]:
    """First and last day (YYYY-MM-DD) of an EDTF value, None when unknown or open."""
    b = bounds(edtf) if edtf else None
    if not b:
        return None, None
    lo, hi = b
    return (lo.isoformat() if lo else None), (hi.isoformat() if hi else None)


def _base(code: str) -> tuple[str, str]:
    base, _, role = code.partition("-")
    return base, role


def _is_org(code: str, kb) -> bool:
    a = kb.actor(code)
    return a is not None and a.type == "org"


def plover_actor(code: str, text: str | None, kb) -> dict[str, Any]:
    """A PLOVER actor object for a dyadline actor code."""
    base, role = _base(code)
    return {"code": "IGO" if _is_org(code, kb) else base, "sector": role or None,
            "actor_text": text, "identifier_id": code, "identifier_text": kb.name(code)}


def _actors(codes: list[str] | None, texts: list[str] | None, kb) -> list[dict[str, Any]]:
    codes, texts = list(codes or []), list(texts or [])
    aligned = texts if len(texts) == len(codes) else [None] * len(codes)
    return [plover_actor(c, t, kb) for c, t in zip(codes, aligned)]


def plover_record(ev: dict[str, Any], kb) -> dict[str, Any]:
    """The PLOVER object of one event row (see the module docstring for the mapping)."""
    first, last = _days(ev.get("date"))
    span = list(ev.get("span") or [None, None])
    sentence = ev.get("sentence")
    return {
        "id": ev["id"],
        "date": first,
        "enddate": last,
        "source": _actors(ev.get("source"), ev.get("source_text"), kb),
        "recipient": _actors(ev.get("target"), ev.get("target_text"), kb),
        "event": [ev["plover"]] if ev.get("plover") else [],
        "event_text": [ev["trigger"]] if ev.get("trigger") else [],
        "quad_code": ev.get("quad_class") or None,
        "event_scale": ev.get("goldstein"),
        "mode": [ev["mode"]] if ev.get("mode") else list(PLOVER_MODES.get(ev.get("kind"), [])),
        "context": ["negation"] if ev.get("negated") else [],
        "link": ev.get("cluster"),
        "text": ev.get("evidence"),
        "text_info": {"sequence": sentence if sentence is not None and sentence >= 0 else None,
                      "start": span[0], "end": span[1]},
        "cite_info": {"citation": ev.get("doc"), "language": ev.get("lang"),
                      "story_date": ev.get("doc_date"), "publisher": ev.get("doc_source"),
                      "url": ev.get("doc_url"),
                      **({"license": "place data: GeoNames (geonames.org), CC BY 4.0"} if ev.get("location") else {})},
        "event_loc": plover_location(ev, kb),
        "coder": f"dyadline {__version__}",
        "comment": ev.get("label"),
        # dyadline's own fields
        "date_edtf": ev.get("date"),
        "doc": ev.get("doc"),
        "evidence": ev.get("evidence"),
        "span": span,
        "kind": ev.get("kind"),
        "cameo": ev.get("cameo"),
        "quad_class": ev.get("quad_class"),
        "goldstein": ev.get("goldstein"),
        "cluster": ev.get("cluster"),
        "negated": ev.get("negated"),
        "confidence": ev.get("confidence"),
        "date_text": ev.get("date_text"),
        "source_text": list(ev.get("source_text") or []),
        "target_text": list(ev.get("target_text") or []),
        "against": list(ev.get("against") or []),
        "doc_date": ev.get("doc_date"),
        "doc_source": ev.get("doc_source"),
        "doc_url": ev.get("doc_url"),
    }


# the GeoNames feature class and code closest to each feature of the gazetteer
_FEATURE_CODES = {"city": ("P", "PPL"), "region": ("L", "RGN"), "line": (None, None),
                  "water": ("H", None), "island": ("T", "ISL"), "site": ("S", None)}


def plover_location(ev: dict[str, Any], kb) -> dict[str, Any] | None:
    """PLOVER's location object (GeoNames field names, as the manual asks) of an event row
    with a location, else None."""
    if not ev.get("location"):
        return None
    cls, code = _FEATURE_CODES.get(ev.get("location_feature") or "", (None, None))
    cc3 = ev.get("location_country")
    actor = kb.actor(cc3) if cc3 else None
    return {"geonameid": ev.get("geonames_id"), "name": ev.get("location"),
            "latitude": ev.get("latitude"), "longitude": ev.get("longitude"),
            "feature class": cls, "feature code": code,
            "country code": actor.iso2 if actor else None, "cc3": cc3,
            "admin1 code": None, "province": ev.get("location_province"),
            # dyadline's own
            "id": ev.get("location_id"), "feature": ev.get("location_feature"),
            "text": ev.get("location_text"), "span": list(ev.get("location_span") or [None, None])}


def _write_plover(store, f: TextIO, kb) -> int:
    rows = _event_rows(store)
    for r in rows:
        f.write(json.dumps(plover_record(r, kb), ensure_ascii=False, default=str) + "\n")
    return len(rows)


# -- icews ---------------------------------------------------------------------------------
def icews_sector(code: str, kb) -> str:
    base, role = _base(code)
    if role:
        return ROLE_SECTORS.get(role, "Non-state group")
    if _is_org(code, kb):
        return "Intergovernmental Organization"
    return "Government" if kb.is_state(base) else ""


def icews_country(code: str, kb) -> str:
    base, _role = _base(code)
    return kb.name(base) if kb.is_state(base) else ""


def _clean(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def icews_rows(ev: dict[str, Any], kb) -> list[list[str]]:
    """The ICEWS rows of one event row: one per (source, target) pair."""
    pairs = list(product(ev.get("source") or [None], ev.get("target") or [None]))
    first, _last = _days(ev.get("date"))
    if first is None:       # ICEWS dates an event by its story
        first, _ = _days(ev.get("doc_date"))
    kind = kinds().get(ev.get("kind") or "")
    cameo = ev.get("cameo") if ev.get("cameo") not in (None, "", "-") else ""
    sentence = ev.get("sentence")
    out = []
    for i, (s, t) in enumerate(pairs, 1):
        s_name, t_name = (kb.name(s) if s else ""), (kb.name(t) if t else "")
        text = (kind.label.format(source=s_name or "—", target=t_name or "—") if kind
                else ev.get("label") or ev.get("kind") or "")
        out.append([_clean(x) for x in (
            ev["id"] + (f"-{i}" if len(pairs) > 1 else ""), first or "",
            s_name, icews_sector(s, kb) if s else "", icews_country(s, kb) if s else "",
            text, cameo, ev.get("goldstein"),
            t_name, icews_sector(t, kb) if t else "", icews_country(t, kb) if t else "",
            ev.get("doc"), sentence if sentence is not None and sentence >= 0 else "",
            ev.get("doc_source") or "", *icews_location(ev, kb))])
    return out


def icews_location(ev: dict[str, Any], kb) -> list[Any]:
    """City, District, Province, Country, Latitude, Longitude of an event row: the city (or
    site) where it happened, the region as Province when the place is one, the country's
    full name."""
    if not ev.get("location"):
        return ["", "", "", "", "", ""]
    feature = ev.get("location_feature")
    city = ev["location"] if feature in ("city", "site") else ""
    province = ev.get("location_province") or (ev["location"] if feature == "region" else "")
    cc3 = ev.get("location_country")
    country = kb.name(cc3) if cc3 and kb.is_state(cc3) else ""
    lat, lon = ev.get("latitude"), ev.get("longitude")
    return [city, "", province, country, "" if lat is None else lat, "" if lon is None else lon]


def _write_icews(store, f: TextIO, kb) -> int:
    w = csv.writer(f, delimiter="\t", lineterminator="\n")
    w.writerow(ICEWS_COLUMNS)
    n = 0
    for ev in _event_rows(store):
        if ev.get("negated"):
            continue
        for row in icews_rows(ev, kb):
            w.writerow(row)
            n += 1
    return n


# -- cow-dyad-year -----------------------------------------------------------------------
def _is_state_code(code: str, kb) -> bool:
    """A state itself: not a group with a role suffix (``AFG-REB`` is not Afghanistan)."""
    return "-" not in code and kb.is_state(code)


def state_pairs(clusters: list[Cluster], kb) -> list[tuple[str, str]]:
    """The unordered pairs of states (sorted) with at least one reconciled event between them."""
    pairs: set[tuple[str, str]] = set()
    for c in clusters:
        src = [x for x in c.source or [] if _is_state_code(x, kb)]
        tgt = [x for x in c.target or [] if _is_state_code(x, kb)]
        against = [x for x in c.against or [] if _is_state_code(x, kb)]
        kind = kinds().get(c.kind or "")
        found = list(combinations(src + tgt, 2)) if kind is not None and not kind.directed else list(product(src, tgt))
        found += list(product(src, against))
        pairs.update(tuple(sorted((a, b))) for a, b in found if a != b)
    return sorted(pairs)


def dyad_year_rows(clusters: list[Cluster], facts: list[Fact], kb) -> list[dict[str, Any]]:
    """The directed dyad-year rows (:data:`COW_COLUMNS`) of every pair of states."""
    from .timeline import build
    rows = []
    for a, b in state_pairs(clusters, kb):
        tl = build(clusters, a, b, kb=kb, facts=facts)
        for y in tl.years:
            for one, two, c1, c2, fwd in ((a, b, y.cow_a, y.cow_b, ("a>b", "a-b")),
                                          (b, a, y.cow_b, y.cow_a, ("b>a", "a-b"))):
                quads = [0, 0, 0, 0]
                for ye in y.notable:           # every event of the year (build keeps them all)
                    if ye.direction in fwd and 1 <= ye.quad_class <= 4:
                        quads[ye.quad_class - 1] += 1
                forward = one == a
                rows.append({"ccode1": c1, "ccode2": c2, "iso1": one, "iso2": two, "year": y.year,
                             "events": y.a_to_b if forward else y.b_to_a,
                             "q1": quads[0], "q2": quads[1], "q3": quads[2], "q4": quads[3],
                             "score": round(y.score_a_to_b if forward else y.score_b_to_a, 2),
                             "phase": y.phase})
    return rows


def _write_cow(store, f: TextIO, kb) -> int:
    clusters = store.clusters()
    if not clusters and store.count("events"):
        raise StoreError("the stored events are not reconciled (no clusters), so there are no "
                         "dyad-years; run `dyadline run` again or "
                         "dyadline.reconcile.reconcile_store(store)", path=getattr(store, "path", None))
    rows = dyad_year_rows(clusters, store.facts(), kb)
    w = csv.DictWriter(f, fieldnames=COW_COLUMNS)
    w.writeheader()
    w.writerows(rows)
    return len(rows)


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "plover": _write_plover,
            "icews": _write_icews, "cow-dyad-year": _write_cow}

__all__ = ["FORMATS", "EVENT_FIELDS", "ICEWS_COLUMNS", "COW_COLUMNS", "export", "read_parquet",
           "event_schema", "plover_record", "icews_rows", "dyad_year_rows", "state_pairs"]
