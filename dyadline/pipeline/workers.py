"""Worker processes that each run the whole pipeline (parse and every stage) on batches of
documents, so every core does the expensive work; the calling process only reads, stores and
puts results back in input order.

With the ``fork`` start method (Linux) the workers inherit the caller's pipeline, with any
models it has already loaded; elsewhere each builds its own. A worker that dies (killed, out of
memory) stops the run with a :class:`WorkerError` instead of hanging it.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import resource
from collections.abc import Iterable, Iterator
from itertools import islice

from ..errors import DyadlineError, WorkerError
from ..records import Document, Skipped

log = logging.getLogger(__name__)

_POLL_SECONDS = 1.0


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def one_thread_each() -> None:
    """Keep this process's numerical libraries (OpenBLAS under the parsers) to one thread: with
    one worker per core, their extra threads only compete with the other workers (measured:
    French 2-worker speed-up 1.42 with them, 1.69 without)."""
    import numpy  # noqa: F401  (loads OpenBLAS so that the limit reaches it)
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1)


def _worker(pipeline, tasks, results) -> None:
    """Loop of one worker process: (seq, items) in; (seq, annotated items, stage timings, pid,
    peak resident memory in KB) out."""
    one_thread_each()
    if pipeline is None:                      # spawn: nothing inherited
        from . import Pipeline
        pipeline = Pipeline()
    while True:
        task = tasks.get()
        if task is None:
            return
        seq, items = task
        before = dict(pipeline.timings)
        out = [x.detach() if isinstance(x, Document) else x for x in pipeline.run_items(items)]
        spent = {k: v - before.get(k, 0.0) for k, v in pipeline.timings.items()}
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        results.put((seq, out, spent, os.getpid(), peak_kb))


class WorkerPool:
    """``n`` processes running ``pipeline`` on batches; use as a context manager."""

    def __init__(self, pipeline, n: int) -> None:
        if n < 1:
            raise DyadlineError(f"the number of workers must be at least 1, not {n}")
        self.pipeline = pipeline
        self.n = n
        self.peak_rss_kb: dict[int, int] = {}   # worker pid -> peak resident memory
        ctx = _context()
        inherited = pipeline if ctx.get_start_method() == "fork" else None
        self._tasks = ctx.Queue()
        self._results = ctx.Queue()
        self._procs = [ctx.Process(target=_worker, args=(inherited, self._tasks, self._results),
                                   daemon=True, name=f"dyadline-worker-{i}") for i in range(n)]
        for p in self._procs:
            p.start()
        log.info("started %d worker processes (%s)", n, ctx.get_start_method())

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for _ in self._procs:
            try:
                self._tasks.put(None)
            except (ValueError, OSError):
                break
        for p in self._procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
                p.join()

    def _get(self):
        while True:
            try:
                return self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:
                    raise WorkerError(f"worker process {dead[0].name} died (exit code {dead[0].exitcode}); "
                                      "nothing of its batch was stored — rerun with --resume")

    def map(self, items: Iterable[Document | Skipped], batch_size: int) -> Iterator[Document | Skipped]:
        """Annotated documents (and Skipped records, passed through) in input order. At most
        two batches per worker are in flight, so memory stays bounded on any corpus."""
        it = iter(items)
        window = 2 * self.n
        sent = done = 0
        ready: dict[int, list] = {}
        exhausted = False
        while True:
            while not exhausted and sent - done < window:
                batch = list(islice(it, batch_size))
                if not batch:
                    exhausted = True
                    break
                self._tasks.put((sent, batch))
                sent += 1
            if done == sent:
                return
            while done not in ready:
                seq, out, spent, pid, peak_kb = self._get()
                ready[seq] = out
                for k, v in spent.items():
                    self.pipeline.timings[k] = self.pipeline.timings.get(k, 0.0) + v
                self.peak_rss_kb[pid] = max(self.peak_rss_kb.get(pid, 0), peak_kb)
            yield from ready.pop(done)
            done += 1
