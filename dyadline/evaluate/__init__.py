"""Measuring against gold: events (:mod:`.events`, with the matching rules of the project's
scorer), actor resolution (:mod:`.actors`) and time expressions (:mod:`.dates`), each on a
file of cases."""
from .events import Report, compatible, load_jsonl, load_texts, score, years
from .jsonl import read_jsonl

__all__ = ["Report", "compatible", "load_jsonl", "load_texts", "score", "years", "read_jsonl"]
