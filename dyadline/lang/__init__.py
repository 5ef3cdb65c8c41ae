"""Per-language data: each language is a folder of JSON files with the same names.

``config.json`` names the spaCy pipeline; the other files are lexicons and grammars read by the
stages. Every English or French word the library uses lives here. A new language is a folder,
not code: :func:`available_languages` is THE language list (reading, the command line, Spark,
the install check and the tests all ask it), and :func:`require` checks a file against
``schema.json`` (the keys each file must have, and their JSON types) when a stage is built, so
that a language folder missing a key is refused at start-up with the file and the key named.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataError

LANG_DIR = Path(__file__).parent
# the language of labels, display names and messages ("a short English summary", the guidelines)
LABEL_LANGUAGE = "en"
SCHEMA = LANG_DIR / "schema.json"
_TYPES = {"object": dict, "array": list, "string": str, "number": (int, float), "boolean": bool}


def available_languages(root: Path | None = None) -> list[str]:
    """The codes of the languages dyadline reads: the folders with a ``config.json``."""
    folder = root or LANG_DIR
    return sorted(p.name for p in folder.iterdir() if (p / "config.json").is_file())


@lru_cache(maxsize=1)
def identification_candidates() -> list[str]:
    """The languages the language identifier chooses among (``identification.json``), with
    every language dyadline reads."""
    with open(LANG_DIR / "identification.json", encoding="utf-8") as f:
        listed = json.load(f)["candidates"]
    return list(dict.fromkeys(listed + available_languages()))


@lru_cache(maxsize=128)
def load(lang: str, name: str, root: Path | None = None) -> Any:
    """The parsed JSON file ``lang/<lang>/<name>.json`` (read once; treat as read-only)."""
    path = (root or LANG_DIR) / lang / f"{name}.json"
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError as e:
        raise DataError(f"missing language data file; languages with data: "
                        f"{', '.join(available_languages(root))}", path=str(path)) from e
    except json.JSONDecodeError as e:
        raise DataError(f"is not valid JSON (line {e.lineno}): {e.msg}", path=str(path)) from e


@lru_cache(maxsize=1)
def schema() -> dict[str, dict[str, str]]:
    """For each data file, its required keys and their JSON types (``lang/schema.json``)."""
    with open(SCHEMA, encoding="utf-8") as f:
        raw = json.load(f)
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def check(lang: str, name: str, root: Path | None = None) -> Any:
    """The file's data, after checking that it has every key ``schema.json`` requires, with
    the right type; :class:`DataError` naming the file and the key otherwise."""
    data = load(lang, name, root)
    path = str((root or LANG_DIR) / lang / f"{name}.json")
    if not isinstance(data, dict):
        raise DataError("must hold a JSON object", path=path)
    for key, typ in schema().get(name, {}).items():
        if key.startswith("_"):
            continue
        if key not in data:
            raise DataError(f"lacks the key {key!r} ({typ}), which every language must have "
                            f"(see dyadline/lang/schema.json and the same file of another language)",
                            path=path)
        if not isinstance(data[key], _TYPES[typ]):
            raise DataError(f"key {key!r} must be a JSON {typ}", path=path)
    return data


@lru_cache(maxsize=128)
def require(lang: str, name: str, root: Path | None = None) -> Any:
    """Like :func:`load`, checked against the schema (what a stage calls when it is built;
    the check runs once per file)."""
    return check(lang, name, root)


def check_language(lang: str, root: Path | None = None) -> None:
    """Check every data file of a language against the schema."""
    for name in schema():
        check(lang, name, root)
