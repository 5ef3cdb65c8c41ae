#!/usr/bin/env python3
"""Do two versions of dyadline give the same outputs? Dump everything a version produces from
the same inputs into a folder, then compare two folders byte for byte.

    python benchmarks/same_outputs.py dump OUT [INPUTS...]   # the bundled samples when no input
    python benchmarks/same_outputs.py compare OUT_A OUT_B [--json]

``dump`` drives the command line (``dyadline run``, ``extract``, ``events``, ``clusters``,
``conflicts``, ``timeline``, ``export`` in every format) in fresh processes, plus the timelines
of every pair of states and the JSON API's answers, so that it works on any version that has
these commands. ``compare`` prints, per file, whether it is identical, and the figures: files
compared, identical, different, missing, and the lines of the first differences.
"""
from __future__ import annotations

import argparse
import filecmp
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

CLI = [sys.executable, "-c", "import sys; sys.argv[0] = 'dyadline'; from dyadline.cli import main; main()"]
TOP_PAIRS = 6          # pairs of states whose timeline is also printed by the CLI (table, csv)


def _cli(args: list[str], out: Path, cwd: Path) -> None:
    r = subprocess.run(CLI + args, cwd=cwd, capture_output=True, text=True)
    out.write_text(r.stdout + (f"\n[exit {r.returncode}]\n" if r.returncode else ""), encoding="utf-8")
    if r.returncode:
        print(f"  {' '.join(args[:2])}: exit {r.returncode}: {r.stderr.strip()[-300:]}", file=sys.stderr)


def _pairs(clusters_jsonl: Path) -> list[tuple[str, str]]:
    count: Counter = Counter()
    for line in clusters_jsonl.read_text(encoding="utf-8").splitlines():
        if not line.startswith("{"):
            continue
        c = json.loads(line)
        parts = sorted({x.split("-")[0] for x in (c["source"] or []) + (c["target"] or []) + (c.get("against") or [])})
        for i, a in enumerate(parts):
            for b in parts[i + 1:]:
                count[(a, b)] += 1
    return [p for p, _n in sorted(count.items(), key=lambda x: (-x[1], x[0]))]


def dump(out: Path, inputs: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    inputs = [str(Path(p).resolve()) for p in inputs]
    db = "store.duckdb"
    (out / db).unlink(missing_ok=True)
    t0 = time.perf_counter()
    _cli(["run", *inputs, "--db", db], out / "run.txt", out)
    print(f"  run: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    if inputs:
        _cli(["extract", *inputs, "--format", "jsonl"], out / "extract.events.jsonl", out)
        _cli(["extract", *inputs, "--format", "csv"], out / "extract.events.csv", out)
        _cli(["extract", *inputs, "--facts"], out / "extract.facts.jsonl", out)
    for fmt in ("table", "jsonl", "csv"):
        _cli(["events", "--db", db, "--format", fmt], out / f"events.{fmt}", out)
    for cmd in ("clusters", "conflicts"):
        for fmt in ("table", "jsonl"):
            _cli([cmd, "--db", db, "--format", fmt], out / f"{cmd}.{fmt}", out)
    for fmt, name in (("jsonl", "jsonl"), ("csv", "csv"), ("parquet", "parquet"), ("plover", "plover.jsonl"),
                      ("icews", "icews.tsv"), ("cow-dyad-year", "cow.csv")):
        _cli(["export", "--db", db, "--format", fmt, "-o", f"export.{name}"], out / f"export.{name}.log", out)
    pairs = _pairs(out / "clusters.jsonl")
    for a, b in pairs[:TOP_PAIRS]:
        for fmt in ("table", "csv"):
            _cli(["timeline", a, b, "--db", db, "--format", fmt], out / f"timeline.{a}-{b}.{fmt}", out)
    # every pair's timeline and the API, in one process
    script = f"""
import json, sys
from dyadline import Store
from dyadline.timeline import from_store
pairs = json.loads(sys.argv[1])
with open('timelines.jsonl', 'w', encoding='utf-8') as f, Store({db!r}, read_only=True) as s:
    for a, b in pairs:
        for pred in (False, True):
            f.write(json.dumps(from_store(s, a, b, with_predecessors=pred).to_dict(), ensure_ascii=False, default=str) + '\\n')
from fastapi.testclient import TestClient
from dyadline.web.app import create_app
c = TestClient(create_app({db!r}))
urls = ['/api/documents?page_size=200', '/api/dyads?limit=200', '/api/clusters?page_size=200',
        '/api/disagreements?page_size=200', '/api/events?page_size=200', '/api/actors?q=pak']
docs = c.get('/api/documents?page_size=5').json().get('items', [])
urls += ['/api/documents/' + d['id'] for d in docs]
urls += ['/api/timeline?a=%s&b=%s' % tuple(p) for p in pairs[:20]]
with open('api.jsonl', 'w', encoding='utf-8') as f:
    for u in urls:
        r = c.get(u)
        f.write(json.dumps({{'url': u, 'status': r.status_code, 'body': r.json()}}, ensure_ascii=False, sort_keys=True) + '\\n')
"""
    r = subprocess.run([sys.executable, "-c", script, json.dumps(pairs)], cwd=out, capture_output=True, text=True)
    if r.returncode:
        print(r.stderr[-2000:], file=sys.stderr)
    print(f"  {len(list(out.iterdir()))} files in {out}, {len(pairs)} pairs, "
          f"{time.perf_counter() - t0:.1f} s", file=sys.stderr)


def _first_diff(a: Path, b: Path) -> str:
    try:
        la = a.read_text(encoding="utf-8").splitlines()
        lb = b.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        return "binary files differ"
    for i, (x, y) in enumerate(zip(la, lb), 1):
        if x != y:
            return f"line {i}:\n    - {x[:300]}\n    + {y[:300]}"
    return f"lengths differ: {len(la)} vs {len(lb)} lines"


def compare(a: Path, b: Path, as_json: bool) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()} - {"store.duckdb", "store.duckdb.wal"})
    names = [n for n in names if not n.startswith("store.duckdb")]
    same, different, missing = [], [], []
    for n in names:
        pa, pb = a / n, b / n
        if not pa.exists() or not pb.exists():
            missing.append(n)
        elif filecmp.cmp(pa, pb, shallow=False):
            same.append(n)
        else:
            different.append(n)
    lines = sum(len((a / n).read_bytes().splitlines()) for n in same)
    if as_json:
        print(json.dumps({"files": len(names), "identical": len(same), "different": different,
                          "missing": missing, "identical_lines": lines}))
    else:
        print(f"{len(names)} files: {len(same)} identical ({lines} lines), {len(different)} different, "
              f"{len(missing)} missing on one side")
        for n in different:
            print(f"  DIFFERENT {n}: {_first_diff(a / n, b / n)}")
        for n in missing:
            print(f"  MISSING {n}")
    return 0 if not different and not missing else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="run a version and write all its outputs to a folder")
    d.add_argument("out", type=Path)
    d.add_argument("inputs", nargs="*")
    c = sub.add_parser("compare", help="compare two dumped folders byte for byte")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.inputs)
    else:
        sys.exit(compare(args.a, args.b, args.json))


if __name__ == "__main__":
    main()
