"""The ``export`` command: the stored events in the formats of other event data (JSON Lines,
CSV, Parquet, PLOVER, ICEWS, COW dyad-years). A thin layer over :mod:`dyadline.export`."""
from __future__ import annotations

import click

from ..errors import DyadlineError
from ..export import FORMATS
from ._common import db_option, fail, open_store


@click.command()
@db_option()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="jsonl or csv: the event records; parquet: the same with types (needs -o); "
                   "plover: PLOVER JSON Lines; icews: ICEWS-style tab-separated rows; "
                   "cow-dyad-year: directed dyad-years of every pair of states (CSV).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Output file (default: stdout; parquet needs a file). Written whole or not at all.")
def export(db, fmt, output):
    """Write the stored events in a format other event-data tools read.

    Example: dyadline export --format parquet -o events.parquet
    """
    from ..export import export as write_export

    target = None if output in (None, "-") else output
    try:
        with open_store(db) as store:
            n = write_export(store, fmt, target)
    except DyadlineError as e:
        fail(e)
    click.echo(f"{n} rows written to {target or 'stdout'}", err=True)
