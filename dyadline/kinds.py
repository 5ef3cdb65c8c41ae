"""The closed list of event kinds and their mapping to PLOVER, CAMEO, quad class, Goldstein."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_PATH = Path(__file__).parent / "data" / "kinds.json"


@dataclass(frozen=True)
class Kind:
    name: str
    plover: str
    cameo: str
    quad_class: int
    goldstein: float
    directed: bool
    label: str
    needs: str | None = None
    once: bool = False          # happens once between the same parties (joining an alliance)
    modes: tuple[str, ...] = ()  # the PLOVER modes its events may carry
    source_optional: bool = False   # a target without a source is an event (unknown perpetrator)
    place_target: bool = False      # a place it is aimed at gives its target ("an air strike on Aden")
    complement_target: bool = False  # the subject of what it is about is its target ("demanded that X withdraw")
    situation: bool = False         # its nouns name a situation: without a date of their own, background

    @property
    def family(self) -> str:
        """PLOVER type; kinds that map to OTHER are their own family (as the scorer says)."""
        return self.name if self.plover == "OTHER" else self.plover


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    with open(_PATH, encoding="utf-8") as f:
        raw = json.load(f)["kinds"]
    return {name: Kind(name=name, **{**v, "modes": tuple(v.get("modes", ()))}) for name, v in raw.items()}


def get(name: str) -> Kind:
    return kinds()[name]
