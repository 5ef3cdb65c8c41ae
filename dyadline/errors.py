"""Coded, actionable exceptions. Each names its input and says what to do."""
from __future__ import annotations


class DyadlineError(Exception):
    """Base class: every error the library raises on purpose."""

    code = "DL000"

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        where = f"{path}: " if path else ""
        super().__init__(f"[{self.code}] {where}{message}")


class ReadError(DyadlineError):
    """A document could not be read as text (missing, binary, bad encoding, empty)."""

    code = "DL100"


class LanguageError(DyadlineError):
    """A document is in a language dyadline has no pipeline for."""

    code = "DL101"


class ModelError(DyadlineError):
    """A spaCy pipeline is not installed."""

    code = "DL200"


class DataError(DyadlineError):
    """A bundled data file (lexicon, knowledge base, a language's data) is missing or malformed."""

    code = "DL300"


class StoreError(DyadlineError):
    """The database cannot be opened or written."""

    code = "DL400"


class InputError(DyadlineError):
    """A user-supplied argument is invalid (unknown actor, bad date, bad file)."""

    code = "DL500"


class WorkerError(DyadlineError):
    """A worker process died or could not start."""

    code = "DL600"
