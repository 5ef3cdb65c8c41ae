"""Per-language data: each language is a folder of JSON files with the same names.

``config.json`` names the spaCy pipeline; the other files are lexicons read by the stages.
A new language is added by adding a folder, not code.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataError

LANG_DIR = Path(__file__).parent


def available_languages() -> list[str]:
    return sorted(p.name for p in LANG_DIR.iterdir() if (p / "config.json").is_file())


@lru_cache(maxsize=64)
def load(lang: str, name: str) -> Any:
    """The parsed JSON file ``lang/<lang>/<name>.json`` (read once; treat as read-only)."""
    path = LANG_DIR / lang / f"{name}.json"
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError as e:
        raise DataError(f"missing language data file; languages with data: "
                        f"{', '.join(available_languages())}", path=str(path)) from e
    except json.JSONDecodeError as e:
        raise DataError(f"is not valid JSON (line {e.lineno}): {e.msg}", path=str(path)) from e
