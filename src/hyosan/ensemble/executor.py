"""Tasks on Dask distributed: a local cluster of processes by default, or an existing cluster.

`map_tasks(fn, tasks)` is the one entry point: it runs fn(task) (or fn(task, common)) for every
task, shows a progress bar, hands each result to `on_result` as it arrives, and returns the
results in task order. A worker that dies loses only the tasks it was running, which the
scheduler runs again elsewhere; the cluster is created and closed inside, so it is safe to call
from a notebook. dask and distributed are imported only here, when needed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any


class ExecutorError(RuntimeError):
    """The cluster could not be reached or started."""


@contextmanager
def dask_client(scheduler: Any = None, workers: int | None = None) -> Iterator[Any]:
    """A distributed.Client: to `scheduler` (an address, or a Client to reuse as it is), or to a
    new local cluster of `workers` processes (default: one per core) closed on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorError("sweeps need dask distributed: pip install 'hyosan[sweep]'") from None
    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler  # a Client the caller owns
        return
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
        with client:
            yield client
        return
    n = max(1, workers or os.cpu_count() or 1)
    threads = max(1, (os.cpu_count() or 1) // n)  # numba's threads per worker, so as not to oversubscribe
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR, env={"NUMBA_NUM_THREADS": str(threads)})
    with cluster, Client(cluster) as client:
        yield client


def map_tasks(fn: Callable, tasks: Sequence[Any], *, common: Any = None, scheduler: Any = None,
              workers: int | None = None, progress: bool = True, description: str = "tasks",
              on_result: Callable[[int, Any], None] | None = None,
              stop: Callable[[], bool] | None = None) -> list[Any]:
    """fn(task) for each task (fn(task, common) when common is given; common is sent to the
    cluster once), in parallel. Returns the results in task order; when `stop()` turns true
    the remaining tasks are cancelled and their results are None. An exception raised by fn
    cancels the rest and is raised here."""
    results: list[Any] = [None] * len(tasks)
    if not tasks:
        return results
    with dask_client(scheduler, min(workers or os.cpu_count() or 1, len(tasks))) as client:
        from distributed import as_completed

        extra = []
        if common is not None:  # a task of its own, so that a lost copy is made again
            extra = [client.submit(_identity, common, pure=False)]
        futures = client.map(fn, tasks, *([extra * len(tasks)] if extra else []), pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        pending = as_completed(futures, with_results=True)
        with _bar(progress, len(tasks), description) as advance:
            try:
                for future, result in pending:
                    i = index[future.key]
                    results[i] = result
                    if on_result is not None:
                        on_result(i, result)
                    advance()
                    if stop is not None and stop():
                        break
            finally:
                client.cancel([f for f in futures if not f.done()] + extra)
    return results


def _identity(value: Any) -> Any:
    return value


@contextmanager
def _bar(show: bool, total: int, description: str) -> Iterator[Callable[[], None]]:
    """A rich progress bar over tasks: done/total, elapsed and remaining time."""
    if not show:
        yield lambda: None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(bar_width=30),
                        MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn())
    with progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)
