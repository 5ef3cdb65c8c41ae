"""The commands on reconciled events: ``clusters``, ``conflicts``, ``timeline``. Thin layers
over :mod:`dyadline.reconcile`, :mod:`dyadline.timeline` and :mod:`dyadline.plot`; registered
on the main group by :mod:`dyadline.cli`."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import click

from .errors import DyadlineError

FORMATS = click.Choice(["table", "jsonl", "csv"])


def _fail(e: Exception) -> None:
    click.echo(f"error: {e}", err=True)
    sys.exit(2)


def _store(db: str):
    from .store import Store
    if not Path(db).exists():
        _fail(DyadlineError("no database here; run `dyadline run` first or pass --db", path=db))
    return Store(db, read_only=True)


def _echo_jsonl(rows: list[dict]) -> None:
    for r in rows:
        click.echo(json.dumps(r, ensure_ascii=False, default=str))


def _echo_sources(sources: list[dict], indent: str) -> None:
    for s in sources:
        click.echo(f"{indent}{s['doc'][:28]:<28} [{s['lang']}] {s['evidence'][:90]}")


def _check_actor(code: str) -> str:
    from .kb import default_kb
    code = code.upper()
    if default_kb().actor(code) is None:
        _fail(DyadlineError(f"unknown actor code {code!r}; see `dyadline actors lookup NAME` "
                            "or `dyadline actors list`"))
    return code


@click.command()
@click.option("--db", default="dyadline.duckdb", show_default=True, help="Database file.")
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
        with _store(db) as store:
            rows = store.clusters(dyad=tuple(dyad) if dyad else None, actor=actor, min_sources=min_sources)
    except DyadlineError as e:
        _fail(e)
    if fmt == "jsonl":
        _echo_jsonl(rows)
        return
    for r in rows:
        flag = f"  [sources disagree: {', '.join(r['disputed'])}]" if r["disputed"] else ""
        click.echo(f"{r['id']}  {r['date'] or '-':<18} {r['kind']:<18} {r['label']}{flag}")
        _echo_sources(r["sources"], "    ")
    click.echo(f"{len(rows)} events", err=True)


@click.command()
@click.option("--db", default="dyadline.duckdb", show_default=True, help="Database file.")
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
        with _store(db) as store:
            rows = store.disagreements(dyad=tuple(dyad) if dyad else None, actor=actor)
    except DyadlineError as e:
        _fail(e)
    if fmt == "jsonl":
        _echo_jsonl(rows)
        return
    for r in rows:
        click.echo(f"{r['cluster']}  {r['label']}: the sources disagree on the {r['attribute']}")
        for v in r["values"]:
            click.echo(f"  {json.dumps(v['value'], ensure_ascii=False)}:")
            _echo_sources(v["sources"], "    ")
    click.echo(f"{len(rows)} disagreements", err=True)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--db", default="dyadline.duckdb", show_default=True, help="Database file.")
@click.option("--from", "year_from", type=int, default=None, help="First year.")
@click.option("--to", "year_to", type=int, default=None, help="Last year.")
@click.option("--with-predecessors", is_flag=True,
              help="Count the states each side succeeded (RUS: the Soviet Union's years too).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
              help="table, or one dyad-year per line (jsonl), or csv.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False), default=None,
              help="Also draw the timeline to this .png or .svg file.")
def timeline(a, b, db, year_from, year_to, with_predecessors, fmt, plot_path):
    """The year-by-year relation of two actors: events by quad class, net cooperation score
    (Goldstein), notable events with their sources, and the phases of the relation.

    Example: dyadline timeline PAK SUN --plot pak-sun.png
    """
    from .timeline import from_store

    if year_from is not None and year_to is not None and year_from > year_to:
        _fail(DyadlineError(f"--from {year_from} is after --to {year_to}"))
    a, b = _check_actor(a), _check_actor(b)
    try:
        with _store(db) as store:
            tl = from_store(store, a, b, with_predecessors=with_predecessors, year_from=year_from,
                            year_to=year_to)
        if plot_path:
            from .plot import plot
            plot(tl, plot_path)
    except DyadlineError as e:
        _fail(e)
    out = sys.stdout
    if fmt == "jsonl":
        for y in tl.years:
            out.write(json.dumps(y.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        rows = [y.row() for y in tl.years]
        if rows:
            w = csv.DictWriter(out, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    else:
        _table(tl, out)
    if plot_path:
        click.echo(f"plot written to {plot_path}", err=True)


def _table(tl, out) -> None:
    if not tl.years:
        out.write(f"no dated event between {tl.a} and {tl.b}\n")
        return
    out.write(f"{tl.a} ({', '.join(tl.codes_a)}) – {tl.b} ({', '.join(tl.codes_b)})\n")
    out.write("phases: " + "; ".join(f"{p.start}–{p.end} {p.kind} ({p.score:+.1f})" for p in tl.phases) + "\n\n")
    out.write(f"{'year':<5} {'n':>3} {'q1':>3} {'q2':>3} {'q3':>3} {'q4':>3} {'a>b':>4} {'b>a':>4} "
              f"{'score':>6}  {'phase':<11} events\n")
    for y in tl.years:
        if not y.events and y.phase == "silent":
            continue
        names = "; ".join(e.label + (" [disputed]" if e.disputed else "") for e in y.notable[:3])
        out.write(f"{y.year:<5} {y.events:>3} {y.q1:>3} {y.q2:>3} {y.q3:>3} {y.q4:>3} {y.a_to_b:>4} "
                  f"{y.b_to_a:>4} {y.score:>+6.1f}  {y.phase:<11} {names}\n")
    if tl.undated:
        out.write(f"\nundated: {'; '.join(e.label for e in tl.undated)}\n")
    if tl.negated:
        out.write(f"not happened (negated): {'; '.join(e.label for e in tl.negated)}\n")
