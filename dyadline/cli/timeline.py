"""The ``timeline`` command: the year-by-year relation of two actors (a thin layer over
:mod:`dyadline.timeline`)."""
from __future__ import annotations

import csv
import json
import sys

import click

from ..errors import DyadlineError
from ._common import check_years, db_option, fail, open_store

FORMATS = click.Choice(["table", "jsonl", "csv"])


def _check_actor(code: str) -> str:
    from ..kb import default_kb
    code = code.upper()
    if default_kb().actor(code) is None:
        fail(DyadlineError(f"unknown actor code {code!r}; see `dyadline actors lookup NAME` "
                           "or `dyadline actors list`"))
    return code


@click.command()
@click.argument("a")
@click.argument("b")
@db_option()
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
    from ..timeline import from_store

    check_years(year_from, year_to)
    a, b = _check_actor(a), _check_actor(b)
    try:
        with open_store(db) as store:
            tl = from_store(store, a, b, with_predecessors=with_predecessors, year_from=year_from,
                            year_to=year_to)
        if plot_path:
            from ..timeline.plot import plot
            plot(tl, plot_path)
    except DyadlineError as e:
        fail(e)
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
