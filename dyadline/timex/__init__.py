"""Time expressions to EDTF: the temporal tagger and its per-language grammar."""
from .tagger import TimeExpr, TimeTagger

__all__ = ["TimeExpr", "TimeTagger"]
