"""The PySpark daemon for dyadline's Spark runs (``spark.python.daemon.module``).

PySpark starts one daemon per executor and forks a Python worker from it for each task. This
daemon builds the pipeline (spaCy models, knowledge base, compiled lexicons) for every
supported language before it forks, so the workers share one copy of it instead of each loading
its own (about 15 s for English and French on a 2-core machine, measured).
"""
from __future__ import annotations

from pyspark import daemon


def preload() -> None:
    from ..lang import available_languages
    from . import worker_pipeline
    pipeline = worker_pipeline()
    for lang in available_languages():
        pipeline.stages(lang)


if __name__ == "__main__":
    preload()
    daemon.manager()
