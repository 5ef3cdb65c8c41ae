"""Output shared by the benchmark scripts: one human line per row (on stderr with --json, so
that stdout holds only the JSON lines), then one JSON line per row."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable


def report(rows: Iterable[dict], line: Callable[[dict], str], as_json: bool) -> None:
    rows = list(rows)
    out = sys.stderr if as_json else sys.stdout
    for r in rows:
        print(line(r), file=out)
    if as_json:
        for r in rows:
            print(json.dumps(r))
