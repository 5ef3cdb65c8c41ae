"""Reading JSON Lines files of records (gold events, case sets) with errors that name the file
and the line; the summary every case file's report prints."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ..errors import DyadlineError, InputError


def read_jsonl(path: str | Path, required: tuple[str, ...] = (),
               error: type[DyadlineError] = InputError) -> list[dict]:
    """The objects of a JSON Lines file, blank lines skipped; ``error`` (naming the file and
    the line) when a line is not JSON or lacks one of ``required``, or the file cannot be read."""
    out = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as e:
                    raise error(f"line {n} is not JSON ({e.msg})", path=str(path)) from e
                missing = [k for k in required if k not in row]
                if missing:
                    raise error(f"line {n} lacks {', '.join(missing)}", path=str(path))
                out.append(row)
    except OSError as e:
        raise error(f"cannot be read ({e.strerror})", path=str(path)) from e
    return out


def case_summary(results) -> dict[str, dict]:
    """Cases and passes overall and per category, for results that have ``case`` (a dict
    with a ``category``) and ``ok``: what every case file's report prints."""
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for key in ("all", "category:" + r.case["category"]):
            groups[key][0] += 1
            groups[key][1] += r.ok
    return {k: {"cases": n, "passed": p, "accuracy": round(p / n, 3) if n else 0.0}
            for k, (n, p) in sorted(groups.items())}
