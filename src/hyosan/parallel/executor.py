"""Tasks on Dask distributed: a local cluster of processes by default, or an existing cluster.

`run_tasks(fn, tasks, on_result)` runs fn(task) (or fn(task, common)) for every task and hands
each result to `on_result` as it arrives; `map_tasks` returns them in task order instead. Tasks
are submitted a few at a time (about three per worker thread), so a sweep of a million runs
holds a few hundred in the scheduler, not a million. Each task runs its numba kernels on its
worker's share of the host's cores (threads.py). A worker that dies loses only the tasks it was
running, which the scheduler runs again elsewhere; the cluster is created and closed inside, so
it is safe to call from a notebook. dask and distributed are imported only here, when needed.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .threads import from_environment, host_cores, listed_workers, use_threads, worker_share

WINDOW_PER_THREAD = 3  # tasks in flight per worker thread
MIN_WINDOW = 8


class ExecutorError(RuntimeError):
    """The cluster could not be reached or started."""


@contextmanager
def dask_client(scheduler: Any = None, workers: int | None = None) -> Iterator[Any]:
    """A distributed.Client: to `scheduler` (an address; a Client, used as it is; or a dask
    cluster object such as dask-jobqueue's SLURMCluster), or to a new local cluster of `workers`
    processes of one thread each (default: one per core), closed on exit."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ExecutorError("sweeps need dask distributed: pip install 'hyosan[sweep]'") from None
    if isinstance(scheduler, Client):
        yield scheduler  # the caller's
        return
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as e:
            raise ExecutorError(f"cannot reach the Dask scheduler at {_address(scheduler)}: {e}") from None
        with client:
            yield client
        return
    n = max(1, workers or host_cores())
    cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        yield client


@dataclass(frozen=True)
class OnWorker:
    """fn, run on a worker with its numba threads set: `threads`, else the worker's
    HYOSAN_THREADS_PER_RUN, else its share of the host's cores (measured once per `token`)."""

    fn: Callable
    threads: int | None
    token: str

    def __call__(self, *args: Any) -> Any:
        use_threads(self.threads or from_environment() or worker_share(self.token))
        return self.fn(*args)


def run_tasks(fn: Callable, tasks: Iterable[Any], on_result: Callable[[int, Any], None], *,
              total: int | None = None, common: Any = None, scheduler: Any = None, workers: int | None = None,
              threads: int | None = None, progress: bool = True, description: str = "tasks",
              stop: Callable[[], bool] | None = None) -> int:
    """fn(task) for each task (fn(task, common) when common is given; common is sent to the
    cluster once), in parallel; on_result(index, result) as each finishes. `total` is the number
    of tasks when `tasks` has no len(). `threads`: numba threads per task (default: the worker's
    share of its host). When `stop()` turns true the tasks under way are cancelled. An exception
    raised by fn cancels the rest and is raised here. Returns how many results were handed on."""
    total = len(tasks) if total is None else total  # type: ignore[arg-type]  # the docstring's contract
    if total == 0:
        return 0
    done = 0
    with dask_client(scheduler, min(workers or host_cores(), total)) as client:
        from distributed import as_completed

        extra = []
        if common is not None:  # a task of its own, so that a lost copy is made again
            extra = [client.submit(_identity, common, pure=False)]
        task_fn = OnWorker(fn, threads, uuid.uuid4().hex)
        numbered = enumerate(tasks)
        in_flight: dict[str, tuple[int, Any]] = {}
        pending = as_completed(with_results=True)
        window = _Window(client)

        def top_up() -> None:
            for i, task in itertools.islice(numbered, max(0, window.size() - len(in_flight))):
                future = client.submit(task_fn, task, *extra, pure=False)
                in_flight[future.key] = (i, future)
                pending.add(future)

        with _bar(progress, total, description) as advance:
            try:
                top_up()
                for future, result in pending:
                    i, _ = in_flight.pop(future.key)
                    on_result(i, result)
                    done += 1
                    advance()
                    if stop is not None and stop():
                        break
                    top_up()
            finally:
                client.cancel([f for _, f in in_flight.values()] + extra)
    return done


def map_tasks(fn: Callable, tasks: Iterable[Any], **options: Any) -> list[Any]:
    """fn(task) for each task, in parallel (the options are those of run_tasks); the results in
    task order, None for the tasks that a stop cancelled."""
    tasks = list(tasks)
    results: list[Any] = [None] * len(tasks)

    def keep(i: int, result: Any) -> None:
        results[i] = result

    run_tasks(fn, tasks, keep, **options)
    return results


@contextmanager
def on_local_cores(workers: int | None = None, *, progress: bool = True,
                   description: str = "tasks") -> Iterator[Callable[[Callable, list, Any], list]]:
    """A map(fn, tasks, common) -> [fn(task, common), ...] that runs on a local cluster of
    `workers` processes (default: one per core), started once for every call made inside the
    `with`; in this process when there is one core, or when this process is a worker itself
    (of a sweep: its cores are the sweep's, and a worker may not start processes)."""
    if (workers or host_cores()) <= 1 or multiprocessing.current_process().daemon:
        yield lambda fn, tasks, common: [fn(task, common) for task in tasks]
        return
    with dask_client(workers=workers) as client:
        yield lambda fn, tasks, common: map_tasks(fn, tasks, common=common, scheduler=client,
                                                  progress=progress, description=description)


class _Window:
    """How many tasks to keep in flight: a few per thread of the workers the scheduler has now
    (asked at most once a second; a cluster of batch jobs grows as its jobs start)."""

    def __init__(self, client: Any):
        self.client, self.asked, self.threads = client, -1.0, 0

    def size(self) -> int:
        now = time.monotonic()
        if now - self.asked >= 1.0:
            self.asked = now
            self.threads = sum(w.get("nthreads", 1) for w in listed_workers(self.client))
        return max(MIN_WINDOW, WINDOW_PER_THREAD * self.threads)


def _address(scheduler: Any) -> str:
    return getattr(scheduler, "scheduler_address", None) or str(scheduler)


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
