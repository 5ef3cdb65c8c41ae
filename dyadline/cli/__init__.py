"""The command line: each command parses its arguments, calls one library function, prints.

    dyadline run                       # the bundled sample corpus -> dyadline.duckdb
    dyadline extract a.txt --format jsonl
    dyadline events --dyad PAK SUN --from 1950 --to 1970
    dyadline eval --gold gold.jsonl --texts corpus/
    dyadline actors lookup "Khrouchtchev" --date 1960 --lang fr
    dyadline places lookup "Stalingrad" --date 1942

The commands live in the modules of this package, by what they do (:mod:`.run`,
:mod:`.query`, :mod:`.timeline`, :mod:`.export`, :mod:`.serve`, :mod:`.tools`); what they
share (failing, options, printing rows) is in :mod:`._common`. ``python -m dyadline`` runs it.
"""
from __future__ import annotations

import logging

import click

from ..about import __version__
from .export import export
from .query import clusters, conflicts, events
from .run import extract, load, run
from .serve import serve
from .timeline import timeline
from .tools import actors, dates, eval_cmd, places


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dyadline")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """dyadline: political event data from English and French texts about relations between
    states, every record traced to the words that state it.

    Example: dyadline run && dyadline events --dyad PAK SUN
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _command in (run, extract, load, events, clusters, conflicts, timeline, export, serve, eval_cmd,
                 dates, actors, places):
    main.add_command(_command)
