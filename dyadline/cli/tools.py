"""Tools beside the main job: ``eval`` (against gold events), ``dates`` (the temporal tagger
alone) and ``actors`` (look up, list and evaluate the actor knowledge base)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import click

from ..errors import DyadlineError
from ..lang import LABEL_LANGUAGE
from ._common import doc_date_option, fail, lang_choice


@click.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="Gold events (JSON Lines).")
@click.option("--texts", required=True, type=click.Path(exists=True, file_okay=False), help="Folder of the gold documents.")
@click.option("--pred", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Predicted events (JSON Lines); default: run the pipeline on the gold documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--date-misses", is_flag=True, help="Also list the events found whose date is wrong.")
@click.option("--misses", "list_misses", is_flag=True, help="Also list every gold event not found, with why.")
def eval_cmd(gold, texts, pred, as_json, date_misses, list_misses):
    """Precision, recall and F1 against gold events, overall, per kind, per document and per
    language (same matching as shared/tools/score.py).

    Example: dyadline eval --gold gold/seeds.events.jsonl --texts corpus/seeds
    """
    from .. import extract as lib_extract
    from ..evaluate import load_jsonl, load_texts, score

    try:
        gold_rows = load_jsonl(gold)
        names = {Path(g["doc"]).name for g in gold_rows}
        texts_map = load_texts(texts, names)
        if pred:
            pred_rows = load_jsonl(pred)
            langs = {}
        else:
            from ..reconcile import reconcile
            result = lib_extract([Path(texts) / n for n in sorted(names)])
            assignment = reconcile(result.events).assignment
            for e in result.events:
                e.cluster = assignment.get(e.id)
            pred_rows = [e.to_dict() for e in result.events]
            langs = {d.id: d.lang for d in result.documents}
        report = score(gold_rows, pred_rows, texts_map, langs)
    except DyadlineError as e:
        fail(e)
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
    mi = report.misses
    total = sum(mi.causes.values())
    buf.write(f"\ngold events not found (family): {total}\n")
    for cause, n in mi.causes.items():
        buf.write(f"  {cause:<28} {n}\n")
    if mi.confusions:
        buf.write("most frequent kind confusions (gold -> predicted):\n")
        for key, n in list(mi.confusions.items())[:10]:
            buf.write(f"  {key:<36} {n}\n")
    if list_misses:
        for m in mi.events:
            near = "; ".join(f"{x['kind']} {','.join(x['source'] or [])}->{','.join(x['target'] or [])} {x['date']}"
                             for x in m["near"]) or "-"
            buf.write(f"  {m['doc'][:14]} {m['kind']:<16} {m['cause']:<26} gold {','.join(m['gold_source'] or [])}->"
                      f"{','.join(m['gold_target'] or [])} {m['gold_date']}  near: {near}  {m['evidence'][:80]!r}\n")
    if date_misses:
        for m in d.misses:
            buf.write(f"  {m['doc'][:12]} {m['kind']:<16} gold={m['gold']!s:<16} pred={m['pred']!s:<16} "
                      f"({m['date_source']}: {m['pred_text']!r})  {m['evidence'][:70]!r}\n")
    click.echo(buf.getvalue().rstrip())


@click.command()
@click.argument("text")
@click.option("--lang", type=lang_choice(), required=True, help="Language of TEXT.")
@click.option("--anchor", default=None, help="EDTF reference time for relative expressions "
              "(a day also serves as the document's date when --doc-date is not given).")
@click.option("--doc-date", callback=doc_date_option, default=None,
              help="The document's date (YYYY-MM-DD): what 'yesterday', 'on Friday', 'il y a trois jours' count from.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("--explain", is_flag=True, help="Show the rule and the anchor used.")
def dates(text, lang, anchor, doc_date, as_json, explain):
    """Find time expressions in TEXT and print them as EDTF.

    Example: dyadline dates "à l'automne 1955" --lang fr;
    dyadline dates "The talks ended on Friday." --lang en --doc-date 1982-07-15
    """
    from ..kb import default_kb
    from ..timex.tagger import TimeTagger

    try:
        named = default_kb().named_index(lang)
    except DyadlineError as e:
        fail(e)
    from ..timex.values import day_of
    found = TimeTagger(lang, named=named).tag_narrative(text, anchor=anchor,
                                                        doc_date=doc_date or day_of(anchor))
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


@click.group()
def actors():
    """Look up actors in the knowledge base (states, organisations, leaders).

    Example: dyadline actors lookup "Moscou" --date 1960 --lang fr
    """


@actors.command("lookup")
@click.argument("mention")
@click.option("--date", default=None, help="Date of the event (YYYY or YYYY-MM): the code right then.")
@click.option("--lang", type=lang_choice(), default=LABEL_LANGUAGE, show_default=True,
              help="Language of the text the mention comes from.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def actors_lookup(mention, date, lang, as_json):
    """Resolve MENTION to an actor code and say why.

    Example: dyadline actors lookup "Khrouchtchev" --date 1960 --lang fr
    """
    from ..kb.resolve import resolver

    try:
        r = resolver(lang).lookup(mention, date)
    except DyadlineError as e:
        fail(e)
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
    from ..evaluate.actors import load_cases, run_cases, summary

    try:
        results = run_cases(load_cases(cases))
    except DyadlineError as e:
        fail(e)
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
    from ..kb import default_kb

    for row in default_kb().listing(kind, year):
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        elif row["kind"] == "person":
            click.echo(f"{row['code']:<6} {row['name']:<34} {'; '.join(row['offices'])}")
        else:
            years = f"{row['start'] or ''}–{row['end'] or ''}"
            cow = f"COW {row['cow']} {row['cow_abbr']}" if row.get("cow") else ""
            click.echo(f"{row['code']:<22} {row['kind']:<6} {row['name'][:40]:<40} {years:<10} {cow}")


@click.group()
def places():
    """Look up places in the offline gazetteer (GeoNames cities, CC BY 4.0, and our regions).

    Example: dyadline places lookup "Stalingrad" --date 1942
    """


@places.command("lookup")
@click.argument("name")
@click.option("--lang", type=lang_choice(), default=None, help="Language the name is written in.")
@click.option("--date", "year", type=int, default=None,
              help="Year: also say which state held the place then.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def places_lookup(name, lang, year, as_json):
    """The place NAME most likely means: name, GeoNames id, country (ISO alpha-3),
    coordinates and feature, and why.

    Example: dyadline places lookup "Pékin" --lang fr --json
    """
    from ..kb.places import default_gazetteer

    try:
        a = default_gazetteer().answer(name, lang=lang, year=year)
    except DyadlineError as e:
        fail(e)
    if as_json:
        click.echo(json.dumps(a.to_dict(), ensure_ascii=False))
        return
    p = a.place
    if p is None:
        click.echo(f"{name!r} -> (no place)")
    else:
        where = f"{p.lat:.4f}, {p.lon:.4f}" if p.lat is not None else "no coordinates"
        click.echo(f"{name!r} -> {p.name} [{p.feature}] {p.country or '(divided or disputed)'}"
                   f"  geonames {p.geonames_id or '-'}  ({where})"
                   + (f"  held by {a.state} in {year}" if year is not None and a.state != p.country else ""))
    click.echo(f"  why: {a.why}")
