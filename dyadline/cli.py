"""The command line: each command parses its arguments, calls one library function, prints.

    dyadline run                       # the bundled sample corpus -> dyadline.duckdb
    dyadline extract a.txt --format jsonl
    dyadline events --dyad PAK SUN --from 1950 --to 1970
    dyadline eval --gold gold.jsonl --texts corpus/
    dyadline actors lookup "Khrouchtchev" --date 1960 --lang fr
"""
from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .errors import DyadlineError
from .model import Skipped

STORE_WAIT = 60.0     # seconds a run waits for the database while a server reads it

EVENT_CSV_COLUMNS = ["id", "doc", "lang", "kind", "plover", "cameo", "quad_class", "goldstein",
                     "source", "target", "date", "negated", "confidence", "label", "evidence",
                     "span", "source_text", "target_text", "date_text"]


def _fail(e: Exception) -> None:
    click.echo(f"error: {e}", err=True)
    sys.exit(2)


def _rows_out(rows: list[dict], fmt: str, out) -> None:
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        first = EVENT_CSV_COLUMNS if not rows or "kind" in rows[0] else []
        cols = [c for c in first if not rows or c in rows[0]] + [
            c for c in (rows[0] if rows else {}) if c not in first]
        w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("|".join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()})
    else:
        for r in rows:
            date = r.get("date") or "-"
            src = ",".join(r.get("source") or []) or "-"
            tgt = ",".join(r.get("target") or []) or "-"
            neg = " (not)" if r.get("negated") else ""
            out.write(f"{date:<18} {r['kind']:<19} {src:<10} -> {tgt:<14} {r['doc'][:24]:<24} "
                      f"{(r.get('evidence') or '')[:70]}{neg}\n")


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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--db", default="dyadline.duckdb", show_default=True, help="Database file.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None,
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
def run(paths, db, lang, batch_size, workers, resume, engine, input_path, output_path, master):
    """Extract events and facts from files or folders (.txt, .md) into the database.

    With no PATHS, runs on the sample corpus bundled with dyadline; '-' reads standard input.
    Running again on the same documents replaces their records; with --resume, documents
    already stored with the same content are skipped. Each batch is stored in one transaction,
    so a run that is interrupted loses at most the batch in progress.

    Example: dyadline run corpus/ --db corpus.duckdb
    (on Spark: dyadline run --engine spark --input docs.jsonl --output out/ && dyadline load out/)
    """
    if engine == "spark":
        if not input_path or not output_path:
            _fail(DyadlineError("--engine spark needs --input and --output"))
        from .spark import run_spark
        try:
            counts = run_spark(input_path, output_path, master=master)
        except DyadlineError as e:
            _fail(e)
        click.echo(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" written as Parquet under {output_path}")
        return
    from tqdm import tqdm

    from .pipeline import Pipeline
    from .read import expand_paths, sample_paths
    from .store import Store

    def save(docs, skipped=()):
        # the database is held only while a batch is written, so `dyadline serve` can read it
        # between batches; each batch is one transaction
        with Store(db, wait=STORE_WAIT) as store:
            store.save(docs)
            store.record_skipped(skipped)

    try:
        files = list(paths) if paths else sample_paths()
        n_inputs = sum(1 for p in files if p == "-") + sum(1 for _ in expand_paths(p for p in files if p != "-"))
        with Store(db, wait=STORE_WAIT) as store:
            known = store.stored_hashes() if resume else set()
        pipe = Pipeline()
        kinds, skipped, n_docs, n_facts, n_known = Counter(), [], 0, 0, 0
        batch = []
        bar = tqdm(total=n_inputs, unit="doc", disable=n_inputs < 20 or not sys.stderr.isatty(),
                   file=sys.stderr)
        for item in pipe.process_paths(files, lang=lang, batch_size=batch_size, n_process=workers,
                                       stdin=sys.stdin.buffer if "-" in files else None, skip_hashes=known):
            bar.update(1)
            if isinstance(item, Skipped):
                if item.stored:
                    n_known += 1
                    continue
                skipped.append(item)
                click.echo(f"skipped {item.path}: {item.reason}", err=True)
                continue
            batch.append(item)
            n_docs += 1
            kinds.update(e.kind for e in item.events)
            n_facts += len(item.facts)
            if len(batch) >= batch_size:
                save(batch)
                batch = []
        save(batch, skipped)
        bar.close()
        from .reconcile import reconcile_store
        with Store(db, wait=STORE_WAIT) as store:
            rec = reconcile_store(store)
    except DyadlineError as e:
        _fail(e)
    except OSError as e:        # outside the store: a temporary file, the terminal
        _fail(f"{e} (is the disk full, or a folder not writable?); what was stored before is kept")
    if resume:
        click.echo(f"already stored (same content), not read again: {n_known}")
    click.echo(f"documents read: {n_docs}, skipped: {len(skipped)}")
    for s in skipped:
        click.echo(f"  skipped {s.path}: {s.reason}")
    click.echo(f"events: {sum(kinds.values())}")
    for k, n in sorted(kinds.items(), key=lambda x: (-x[1], x[0])):
        click.echo(f"  {k:<20} {n}")
    click.echo(f"facts: {n_facts}")
    multi = sum(len(c.members) > 1 for c in rec.clusters)
    click.echo(f"real-world events (all stored documents): {len(rec.clusters)}, of which {multi} "
               f"reported more than once; disagreements between sources: {len(rec.disagreements)}")
    click.echo(f"stored in {db}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per line; csv: one row per record.")
@click.option("--facts", is_flag=True, help="Write facts instead of events.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Output file (default: stdout).")
@click.option("--lang", type=click.Choice(["en", "fr"]), default=None, help="Force the language.")
def extract(paths, fmt, facts, output, lang):
    """Run the pipeline without a store and write event (or fact) records.

    A path of '-' reads standard input.

    Example: dyadline extract article.txt --format jsonl -o events.jsonl
    """
    from . import extract as lib_extract

    try:
        result = lib_extract(paths, lang=lang, stdin=sys.stdin.buffer if "-" in paths else None)
    except DyadlineError as e:
        _fail(e)
    for s in result.skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    rows = [f.to_dict() for f in result.facts] if facts else [e.to_dict() for e in result.events]
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        _rows_out(rows, fmt, out)
    finally:
        if output:
            out.close()
    if output:
        click.echo(f"{len(rows)} {'facts' if facts else 'events'} from {len(result.documents)} "
                   f"documents written to {output}", err=True)


@main.command()
@click.option("--db", default="dyadline.duckdb", show_default=True, help="Database file.")
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
    from .kinds import kinds as all_kinds
    from .store import Store

    if kind and kind.upper() not in all_kinds():
        _fail(DyadlineError(f"unknown kind {kind}; kinds: {', '.join(all_kinds())}"))
    if year_from is not None and year_to is not None and year_from > year_to:
        _fail(DyadlineError(f"--from {year_from} is after --to {year_to}"))
    if not Path(db).exists():
        _fail(DyadlineError("no database here; run `dyadline run` first or pass --db", path=db))
    try:
        with Store(db, read_only=True) as store:
            rows = store.events(dyad=tuple(dyad) if dyad else None, actor=actor, kind=kind,
                                year_from=year_from, year_to=year_to, doc=doc, limit=limit)
    except DyadlineError as e:
        _fail(e)
    _rows_out(rows, fmt, sys.stdout)
    if fmt == "table":
        click.echo(f"{len(rows)} events", err=True)


@main.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="Gold events (JSON Lines).")
@click.option("--texts", required=True, type=click.Path(exists=True, file_okay=False), help="Folder of the gold documents.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Predicted events (JSON Lines); default: run the pipeline on the gold documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--date-misses", is_flag=True, help="Also list the events found whose date is wrong.")
def eval_cmd(gold, texts, pred, as_json, date_misses):
    """Precision, recall and F1 against gold events, overall, per kind, per document and per
    language (same matching as shared/tools/score.py).

    Example: dyadline eval --gold gold/seeds.events.jsonl --texts corpus/seeds
    """
    from . import extract as lib_extract
    from .evaluate import load_jsonl, load_texts, score

    try:
        gold_rows = load_jsonl(gold)
        names = {Path(g["doc"]).name for g in gold_rows}
        texts_map = load_texts(texts, names)
        if pred:
            pred_rows = load_jsonl(pred)
            langs = {}
        else:
            from .reconcile import reconcile
            result = lib_extract([Path(texts) / n for n in sorted(names)])
            assignment = reconcile(result.events).assignment
            for e in result.events:
                e.cluster = assignment.get(e.id)
            pred_rows = [e.to_dict() for e in result.events]
            langs = {d.id: d.lang for d in result.documents}
        report = score(gold_rows, pred_rows, texts_map, langs)
    except DyadlineError as e:
        _fail(e)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        return
    buf = io.StringIO()
    for mode, s in report.overall.items():
        buf.write(f"{mode}: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
                  f"(tp={s.tp} pred={s.pred} gold={s.gold})\n")
    for title, table in (("per language", report.by_lang), ("per document", report.by_doc),
                         ("per kind", report.by_kind)):
        buf.write(f"\n{title} (family F1 / strict F1, recall, gold, pred):\n")
        for name, m in sorted(table.items()):
            f, s = m["family"], m["strict"]
            buf.write(f"  {name:<28} {f.f1:.2f} / {s.f1:.2f}  R={f.recall:.2f}  gold={f.gold:<3} pred={f.pred}\n")
    d = report.dates
    buf.write(f"\ndates: {d.right}/{d.matched} events found have the right date ({d.share:.3f}; "
              "years overlap the gold's, precision not coarser)\n")
    c = report.clusters
    if c is not None:
        buf.write(f"clusters: {c.found}/{c.clusters} of the gold's multi-report clusters found whole; "
                  f"same-event pairs P={c.precision:.3f} R={c.recall:.3f} "
                  f"(gold pairs {c.gold_pairs}, predicted {c.pred_pairs}, both {c.both})\n")
        if c.missed:
            buf.write(f"  not found whole: {', '.join(c.missed)}\n")
    if date_misses:
        for m in d.misses:
            buf.write(f"  {m['doc'][:12]} {m['kind']:<16} gold={m['gold']!s:<16} pred={m['pred']!s:<16} "
                      f"({m['date_source']}: {m['pred_text']!r})  {m['evidence'][:70]!r}\n")
    click.echo(buf.getvalue().rstrip())


@main.command()
@click.argument("text")
@click.option("--lang", type=click.Choice(["en", "fr"]), required=True, help="Language of TEXT.")
@click.option("--anchor", default=None, help="EDTF reference time for relative expressions.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--explain", is_flag=True, help="Show the rule and the anchor used.")
def dates(text, lang, anchor, as_json, explain):
    """Find time expressions in TEXT and print them as EDTF.

    Example: dyadline dates "à l'automne 1955" --lang fr
    """
    from .kb import default_kb
    from .timex.tagger import TimeTagger

    try:
        named = default_kb().named_index(lang)
    except DyadlineError as e:
        _fail(e)
    found = TimeTagger(lang, named=named).tag_narrative(text, anchor=anchor)
    if as_json:
        click.echo(json.dumps([{"text": t.text, "span": [t.start, t.end], "edtf": t.edtf,
                                "type": t.type, "rule": t.rule, "anchor": t.anchor} for t in found],
                              ensure_ascii=False))
        return
    for t in found:
        line = f"{t.start:>4}-{t.end:<4} {t.text!r:<40} {t.edtf or '(unresolved)'}"
        if explain:
            line += f"   rule={t.rule} anchor={t.anchor or '-'}"
        click.echo(line)


@main.group()
def actors():
    """Look up actors in the knowledge base (states, organisations, leaders).

    Example: dyadline actors lookup "Moscou" --date 1960 --lang fr
    """


@actors.command("lookup")
@click.argument("mention")
@click.option("--date", default=None, help="Date of the event (YYYY or YYYY-MM): the code right then.")
@click.option("--lang", type=click.Choice(["en", "fr"]), default="en", show_default=True,
              help="Language of the text the mention comes from.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def actors_lookup(mention, date, lang, as_json):
    """Resolve MENTION to an actor code and say why.

    Example: dyadline actors lookup "Khrouchtchev" --date 1960 --lang fr
    """
    from .kb.resolve import resolver

    try:
        r = resolver(lang).lookup(mention, date)
    except DyadlineError as e:
        _fail(e)
    if as_json:
        click.echo(json.dumps(r.to_dict(), ensure_ascii=False))
        return
    click.echo(f"{r.mention!r} -> {r.code or '(no actor)'}" + (f"  {r.name}" if r.name else "")
               + (f"  [{r.kind}]" if r.kind else ""))
    click.echo(f"  why: {r.why}")


@actors.command("eval")
@click.argument("cases", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--failures", is_flag=True, help="Also list the cases resolved wrongly.")
def actors_eval(cases, as_json, failures):
    """Accuracy of actor resolution on CASES (JSON Lines: mention, lang, date, expected,
    category, optional context), overall, per category and per language.

    Example: dyadline actors eval tests/kb/resolution_cases.jsonl --failures
    """
    from .kb.cases import load_cases, run_cases, summary

    try:
        results = run_cases(load_cases(cases))
    except DyadlineError as e:
        _fail(e)
    report = summary(results)
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for key, row in report.items():
            click.echo(f"{key:<28} {row['correct']:>5}/{row['cases']:<5} {row['accuracy']:.3f}")
    if failures:
        for r in results:
            if not r.ok:
                c = r.case
                click.echo(f"FAIL [{c['lang']}] {c['mention']!r} {c.get('date')} expected "
                           f"{c['expected']} got {r.got}  ({r.why})", err=True)


@actors.command("list")
@click.option("--kind", type=click.Choice(["state", "igo", "person"]), default=None, help="Only this kind.")
@click.option("--date", "year", type=int, default=None, help="Only actors existing (or in office) that year.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def actors_list(kind, year, as_json):
    """List the actors of the knowledge base.

    Example: dyadline actors list --kind state --date 1850
    """
    from .kb import default_kb

    for row in default_kb().listing(kind, year):
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        elif row["kind"] == "person":
            click.echo(f"{row['code']:<6} {row['name']:<34} {'; '.join(row['offices'])}")
        else:
            years = f"{row['start'] or ''}–{row['end'] or ''}"
            cow = f"COW {row['cow']} {row['cow_abbr']}" if row.get("cow") else ""
            click.echo(f"{row['code']:<22} {row['kind']:<6} {row['name'][:40]:<40} {years:<10} {cow}")


if __name__ == "__main__":  # pragma: no cover
    main()


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default="dyadline.duckdb", show_default=True, help="Database file.")
def load(folder, db):
    """Load the Parquet output of `dyadline run --engine spark` into the database, then
    reconcile all stored events.

    Example: dyadline load out/ --db corpus.duckdb
    """
    from .reconcile import reconcile_store
    from .spark import load_parquet
    from .store import Store
    try:
        with Store(db) as store:
            counts = load_parquet(folder, store)
            rec = reconcile_store(store)
    except DyadlineError as e:
        _fail(e)
    click.echo(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" loaded into {db}; "
               f"{len(rec.clusters)} real-world events, {len(rec.disagreements)} disagreements")


def _register() -> None:
    from .cli_export import export
    from .cli_serve import serve
    from .cli_timeline import clusters, conflicts, timeline
    for cmd in (clusters, conflicts, timeline, export, serve):
        main.add_command(cmd)


_register()
