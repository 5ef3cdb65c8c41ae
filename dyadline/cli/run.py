"""The commands that read documents: ``run`` (into the store, locally or on Spark), ``load``
(Spark's output into the store) and ``extract`` (without a store)."""
from __future__ import annotations

import sys

import click

from ..errors import DyadlineError
from ._common import db_option, doc_date_option, fail, lang_choice, rows_out


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@db_option()
@click.option("--lang", type=lang_choice(), default=None,
              help="Skip language identification and read every document as this language.")
@click.option("--batch-size", default=16, show_default=True, help="Documents per stored batch.")
@click.option("--workers", default=1, show_default=True, help="Worker processes, each running the whole pipeline (use the number of cores).")
@click.option("--resume", is_flag=True,
              help="Skip documents whose content is already stored (after an interrupted run).")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True,
              help="local: this process, into --db; spark: Apache Spark, from --input to Parquet in --output.")
@click.option("--input", "input_path", default=None, help="With --engine spark: JSON Lines, Parquet, or a folder of .txt files.")
@click.option("--output", "output_path", default=None, help="With --engine spark: folder for the Parquet output.")
@click.option("--master", default="local[*]", show_default=True, help="With --engine spark: the Spark master.")
@click.option("--doc-date", callback=doc_date_option, default=None,
              help="Publication date (YYYY-MM-DD) of documents that give none of their own "
                   "(no date field, HTML metadata or dateline): dates 'yesterday', 'on Friday'.")
def run(paths, db, lang, batch_size, workers, resume, engine, input_path, output_path, master, doc_date):
    """Extract events and facts from files or folders (.txt, .md, .html; .jsonl and .parquet
    with one document per record: text, and id, lang, date, title, url, source) into the
    database.

    With no PATHS, runs on the sample corpus bundled with dyadline; '-' reads standard input.
    Running again on the same documents replaces their records; with --resume, documents
    already stored with the same content are skipped. Each batch is stored in one transaction,
    so a run that is interrupted loses at most the batch in progress.

    Example: dyadline run corpus/ --db corpus.duckdb
    (on Spark: dyadline run --engine spark --input docs.jsonl --output out/ && dyadline load out/)
    """
    if engine == "spark":
        if not input_path or not output_path:
            fail(DyadlineError("--engine spark needs --input and --output"))
        from ..spark import run_spark
        try:
            counts = run_spark(input_path, output_path, master=master)
        except DyadlineError as e:
            fail(e)
        click.echo(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" written as Parquet under {output_path}")
        return
    from tqdm import tqdm

    from ..ingest import count_inputs, ingest
    from ..pipeline.read import sample_paths
    from ..records import Skipped

    files = list(paths) or sample_paths()
    n = count_inputs(files)
    bar = tqdm(total=n, unit="doc", disable=n < 20 or not sys.stderr.isatty(), file=sys.stderr)

    def progress(item) -> None:
        bar.update(1)
        if isinstance(item, Skipped) and not item.stored:
            click.echo(f"skipped {item.path}: {item.reason}", err=True)

    try:
        report = ingest(files, db, lang=lang, batch_size=batch_size, workers=workers, resume=resume,
                        stdin=sys.stdin.buffer, on_item=progress, doc_date=doc_date)
    except DyadlineError as e:
        fail(e)
    except OSError as e:        # outside the store: a temporary file, the terminal
        fail(f"{e} (is the disk full, or a folder not writable?); what was stored before is kept")
    bar.close()
    if resume:
        click.echo(f"already stored (same content), not read again: {report.already_stored}")
    click.echo(f"documents read: {report.documents}, skipped: {len(report.skipped)}")
    for s in report.skipped:
        click.echo(f"  skipped {s.path}: {s.reason}")
    click.echo(f"events: {report.events}")
    for k, n in sorted(report.kinds.items(), key=lambda x: (-x[1], x[0])):
        click.echo(f"  {k:<20} {n}")
    click.echo(f"facts: {report.facts}")
    click.echo(f"real-world events (all stored documents): {report.clusters}, of which "
               f"{report.reported_more_than_once} reported more than once; disagreements between "
               f"sources: {report.disagreements}")
    click.echo(f"stored in {db}")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per line; csv: one row per record.")
@click.option("--facts", is_flag=True, help="Write facts instead of events.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Output file (default: stdout).")
@click.option("--lang", type=lang_choice(), default=None, help="Force the language.")
@click.option("--doc-date", callback=doc_date_option, default=None,
              help="Publication date (YYYY-MM-DD) of documents that give none of their own.")
def extract(paths, fmt, facts, output, lang, doc_date):
    """Run the pipeline without a store and write event (or fact) records.

    A path of '-' reads standard input.

    Example: dyadline extract article.txt --format jsonl -o events.jsonl
    """
    from .. import extract as lib_extract

    try:
        result = lib_extract(paths, lang=lang, stdin=sys.stdin.buffer if "-" in paths else None,
                             doc_date=doc_date)
    except DyadlineError as e:
        fail(e)
    for s in result.skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    rows = [f.to_dict() for f in result.facts] if facts else [e.to_dict() for e in result.events]
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        rows_out(rows, fmt, out)
    finally:
        if output:
            out.close()
    if output:
        click.echo(f"{len(rows)} {'facts' if facts else 'events'} from {len(result.documents)} "
                   f"documents written to {output}", err=True)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option()
def load(folder, db):
    """Load the Parquet output of `dyadline run --engine spark` into the database, then
    reconcile all stored events.

    Example: dyadline load out/ --db corpus.duckdb
    """
    from ..reconcile import reconcile_store
    from ..spark import load_parquet
    from ..store import Store
    try:
        with Store(db) as store:
            counts = load_parquet(folder, store)
            rec = reconcile_store(store)
    except DyadlineError as e:
        fail(e)
    click.echo(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" loaded into {db}; "
               f"{rec.clusters} real-world events, {rec.disagreements} disagreements")
