"""What the commands share: how they fail, their common options, opening the store for
reading, and printing rows."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import DyadlineError
from ..export import csv_columns, write_csv_rows
from ..lang import available_languages
from ..records import EVENT
from ..store import DEFAULT_DB, Store


def fail(e: Exception | str) -> None:
    """Print the error and exit with status 2 (1 for a missing model, which an install fixes)."""
    from ..errors import ModelError
    click.echo(f"error: {e}", err=True)
    sys.exit(1 if isinstance(e, ModelError) else 2)


def db_option(help: str = "Database file."):
    return click.option("--db", default=DEFAULT_DB, show_default=True, help=help)


def doc_date_option(_ctx, _param, value: str | None) -> str | None:
    """A --doc-date value checked and normalised (an EDTF day, month or year)."""
    if value is None:
        return None
    from ..pipeline.metadata import normalise_date
    try:
        return normalise_date(value, "--doc-date")
    except ValueError as e:
        raise click.BadParameter(str(e)) from e


def lang_choice() -> click.Choice:
    """The languages dyadline reads, as a click choice."""
    return click.Choice(available_languages())


def open_store(db: str) -> Store:
    """The store for reading; a clear error when there is none yet."""
    if not Path(db).exists():
        fail(DyadlineError("no database here; run `dyadline run` first or pass --db", path=db))
    return Store(db, read_only=True)


def check_years(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_from > year_to:
        fail(DyadlineError(f"--from {year_from} is after --to {year_to}"))


def echo_jsonl(rows: list[dict], out=None) -> None:
    out = out or sys.stdout
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


def echo_sources(sources: list, indent: str) -> None:
    for s in sources:
        click.echo(f"{indent}{s.doc[:28]:<28} [{s.lang}] {s.evidence[:90]}")


def rows_out(rows: list[dict], fmt: str, out) -> None:
    """Event (or fact) rows as JSON Lines, CSV, or a table for reading."""
    if fmt == "jsonl":
        echo_jsonl(rows, out)
    elif fmt == "csv":
        if not rows:
            columns = list(EVENT.csv_first)
        elif "kind" in rows[0]:
            columns = csv_columns(rows)
        else:
            columns = list(rows[0])
        write_csv_rows(rows, out, columns)
    else:
        for r in rows:
            date = r.get("date") or "-"
            src = ",".join(r.get("source") or []) or "-"
            tgt = ",".join(r.get("target") or []) or "-"
            neg = " (not)" if r.get("negated") else ""
            out.write(f"{date:<18} {r['kind']:<19} {src:<10} -> {tgt:<14} {r['doc'][:24]:<24} "
                      f"{(r.get('evidence') or '')[:70]}{neg}\n")
