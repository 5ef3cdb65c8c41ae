"""Worker processes: two give exactly the output of one; a failing document or a dead worker
does not hang or silently shorten a run."""
import os
import signal

import pytest

from dyadline.records import Document, Skipped
from dyadline.pipeline import Pipeline
from dyadline.errors import WorkerError
from dyadline.pipeline.workers import WorkerPool
from dyadline.pipeline.read import read_text

TEXTS = [
    ("a.txt", "Chile and Peru signed a treaty in 1929. Two years later Chile threatened Bolivia.", "en"),
    ("b.txt", "Le Chili a rejoint l'ONU en 1945. La Bolivie a rompu ses relations avec le Chili en 1962.", "fr"),
    ("c.txt", "Egypt and Israel signed a peace treaty in March 1979. Egypt joined the Arab League in 1945.", "en"),
    ("d.txt", "In 1978 Cuba aided Ethiopia against Somalia. Relations between Egypt and Israel became cold in 1982.", "en"),
]


def docs():
    return [read_text(t, doc_id=i, lang=lang) for i, t, lang in TEXTS]


def run(pipe, n_process):
    out = list(pipe.process(docs(), batch_size=2, n_process=n_process))
    return ([d.id for d in out], [e.to_dict() for d in out for e in d.events],
            [f.to_dict() for d in out for f in d.facts], [d.sentences for d in out],
            [(m.start, m.code) for d in out for m in d.mentions])


def test_two_workers_give_the_same_output_as_one(pipeline):
    one = run(pipeline, 1)
    two = run(Pipeline(kb=pipeline.kb, parsers=pipeline.parsers), 2)
    assert one == two
    assert one[1], "the texts have events"
    assert all(len(s) >= 2 for s in one[3]), "sentence spans survive the trip back from a worker"


def test_stage_timings_of_the_workers_are_added_up(pipeline):
    pipe = Pipeline(kb=pipeline.kb, parsers=pipeline.parsers)
    list(pipe.process(docs(), batch_size=1, n_process=2))
    assert set(pipe.timings) == {"actors", "dates", "places", "events", "facts"}
    assert all(v > 0 for v in pipe.timings.values())


class _Boom:
    name = "events"

    def __call__(self, document):
        if "Bolivia" in document.text:
            raise RuntimeError("a defect")
        return document


def test_a_document_a_stage_fails_on_is_skipped_and_the_batch_goes_on(pipeline):
    pipe = Pipeline(kb=pipeline.kb, parsers=pipeline.parsers)
    pipe._stages["en"] = pipe.stages("en")[:1] + [_Boom()]
    items = docs()[:1] + [Skipped("x.bin", "binary")] + docs()[2:]
    out = pipe.run_items(items)
    assert [type(x) for x in out] == [Skipped, Skipped, Document, Document]
    assert out[0].path == "a.txt" and "internal error (RuntimeError: a defect)" in out[0].reason
    assert out[1].reason == "binary"
    with pytest.raises(Exception, match="a defect"):
        list(pipe.process(docs()[:1], n_process=2))


def test_a_killed_worker_stops_the_run_with_a_clear_error(pipeline):
    pipe = Pipeline(kb=pipeline.kb, parsers=pipeline.parsers)
    with WorkerPool(pipe, 1) as pool:
        os.kill(pool._procs[0].pid, signal.SIGKILL)
        pool._procs[0].join()
        with pytest.raises(WorkerError, match="died"):
            list(pool.map(docs(), 2))
