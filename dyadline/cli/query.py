"""The commands that query the store: ``events``, ``clusters`` (real-world events) and
``conflicts`` (where sources disagree)."""
from __future__ import annotations

import json
import sys

import click

from ..errors import DyadlineError
from ._common import check_years, db_option, echo_jsonl, echo_sources, fail, open_store, rows_out


@click.command()
@db_option()
@click.option("--dyad", nargs=2, default=None, metavar="A B", help="Events between two actors (either direction).")
@click.option("--actor", default=None, help="Events with this actor as source or target.")
@click.option("--kind", default=None, help="Event kind, e.g. VISIT.")
@click.option("--from", "year_from", type=int, default=None, help="First year.")
@click.option("--to", "year_to", type=int, default=None, help="Last year.")
@click.option("--doc", default=None, help="Only this document id.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True,
              help="table for reading, jsonl or csv for tools.")
@click.option("--limit", type=int, default=None, help="At most this many events.")
def events(db, dyad, actor, kind, year_from, year_to, doc, fmt, limit):
    """Query the stored events.

    Example: dyadline events --dyad PAK SUN --kind VISIT --from 1950 --to 1970
    """
    from ..kinds import kinds as all_kinds

    if kind and kind.upper() not in all_kinds():
        fail(DyadlineError(f"unknown kind {kind}; kinds: {', '.join(all_kinds())}"))
    check_years(year_from, year_to)
    try:
        with open_store(db) as store:
            rows = [e.row() for e in store.events(dyad=tuple(dyad) if dyad else None, actor=actor,
                                                  kind=kind, year_from=year_from, year_to=year_to,
                                                  doc=doc, limit=limit)]
    except DyadlineError as e:
        fail(e)
    rows_out(rows, fmt, sys.stdout)
    if fmt == "table":
        click.echo(f"{len(rows)} events", err=True)


@click.command()
@db_option()
@click.option("--dyad", nargs=2, default=None, metavar="A B", help="Only events between two actors.")
@click.option("--actor", default=None, help="Only events with this actor.")
@click.option("--min-sources", type=int, default=1, show_default=True,
              help="Only events reported by at least this many mentions.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table, or one JSON object per real-world event.")
def clusters(db, dyad, actor, min_sources, fmt):
    """Real-world events: the event mentions of all documents that report the same event,
    with a canonical record and their sources.

    Example: dyadline clusters --dyad PAK SUN --min-sources 2
    """
    try:
        with open_store(db) as store:
            found = store.clusters(dyad=tuple(dyad) if dyad else None, actor=actor, min_sources=min_sources)
    except DyadlineError as e:
        fail(e)
    if fmt == "jsonl":
        echo_jsonl([c.row() for c in found])
        return
    for c in found:
        flag = f"  [sources disagree: {', '.join(c.disputed)}]" if c.disputed else ""
        click.echo(f"{c.id}  {c.date or '-':<18} {c.kind:<18} {c.label}{flag}")
        echo_sources(c.sources, "    ")
    click.echo(f"{len(found)} events", err=True)


@click.command()
@db_option()
@click.option("--dyad", nargs=2, default=None, metavar="A B", help="Only events between two actors.")
@click.option("--actor", default=None, help="Only events with this actor.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True,
              help="table, or one JSON object per disagreement: cluster, attribute, values with their sources.")
def conflicts(db, dyad, actor, fmt):
    """Where sources disagree about an event (its date, actors, kind, or whether it
    happened): each value with the documents and words that hold it.

    Example: dyadline conflicts --format jsonl
    """
    try:
        with open_store(db) as store:
            found = store.disagreements(dyad=tuple(dyad) if dyad else None, actor=actor)
    except DyadlineError as e:
        fail(e)
    if fmt == "jsonl":
        echo_jsonl([d.row() for d in found])
        return
    for d in found:
        click.echo(f"{d.cluster}  {d.label}: the sources disagree on the {d.attribute}")
        for value, refs in d.values:
            click.echo(f"  {json.dumps(value, ensure_ascii=False)}:")
            echo_sources(refs, "    ")
    click.echo(f"{len(found)} disagreements", err=True)
