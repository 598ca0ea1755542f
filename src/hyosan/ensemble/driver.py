"""Run a sweep into a directory: skip the finished tasks, run the rest on Dask, write each result
as it arrives, then the summary and the plots. `sweep()` is the Python API; the CLI calls
`run_sweep`, which also says how many tasks ran, were skipped or failed."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..output.rundir import slug
from ..parallel.executor import run_tasks
from .plots import plot_sweep
from .seeds import run_seed
from .store import (PLOTS, RUNS, SUMMARY, finished, open_dir, read_results, remove_stale_runs, write_done, write_plan,
                    write_table)
from .summary import summarise
from .size import check_disk
from .sweepfile import Sweep, load_sweep
from .tasks import Done, Failed, Shared, Task, run_task


class SweepFailed(RuntimeError):
    """Some tasks of a sweep failed; the others' results are kept, and a rerun retries these."""


@dataclass
class SweepOutcome:
    out: Path
    sweep: Sweep
    summary: pa.Table
    status: str  # "complete", "interrupted" or "failed"
    ran: int = 0
    skipped: int = 0
    failures: list[Failed] = field(default_factory=list)
    wall_seconds: float = 0.0
    plots: list[str] = field(default_factory=list)


def default_out(sweep: Sweep, parent: Path = Path("runs")) -> Path:
    """runs/sweep-<name>: the same for every run of the same sweep, so a rerun resumes it."""
    return parent / f"sweep-{slug(sweep.name) or 'unnamed'}"


def tasks_of(sweep: Sweep, skip: Set[tuple[int, int]] = frozenset()) -> Iterator[Task]:
    """Every task of the sweep, point by point, but those in skip (made as they are taken)."""
    return (Task(p.index, r, run_seed(sweep.seed, p.index, r, sweep.common_seeds), p.scenario, p.params, p.columns)
            for p in sweep.points for r in range(sweep.replicas) if (p.index, r) not in skip)


def run_sweep(sweep: Sweep | str | os.PathLike, out: str | os.PathLike | None = None, *,
              scheduler: Any = None, workers: int | None = None, threads: int | None = None,
              progress: bool = True, stop: Callable[[], bool] | None = None, yes: bool = False) -> SweepOutcome:
    """Run (or finish) a sweep into `out`; see `sweep`."""
    if not isinstance(sweep, Sweep):
        sweep = load_sweep(sweep, yes=yes)
    out = Path(out) if out is not None else default_out(sweep)
    check_disk(sweep.size, out, yes)
    out = open_dir(out, sweep)
    started = time.perf_counter()
    done = finished(out)
    skipped = sum(1 for p, r in done if p < len(sweep.points) and r < sweep.replicas)
    shared = Shared(tuple(s for _, s in sweep.scenarios),
                    runs=str((out / RUNS).resolve()) if sweep.keep_runs else None, timeseries=sweep.timeseries)
    failures: list[Failed] = []
    count = [0]

    def keep(_: int, result: Done | Failed) -> None:
        if isinstance(result, Done):
            write_done(out, result)
            count[0] += 1
        else:
            failures.append(result)

    run_tasks(run_task, tasks_of(sweep, done), keep, total=sweep.tasks - skipped, common=shared,
              scheduler=scheduler, workers=workers, threads=threads, progress=progress,
              description=sweep.name, stop=stop)
    summary = summarise(_of_this_sweep(read_results(out), sweep), sweep)
    write_table(out / SUMMARY, summary)
    plots = plot_sweep(summary, sweep, out / PLOTS, sweep.plot)
    left = sum(1 for _ in tasks_of(sweep, finished(out)))
    status = "failed" if failures else "interrupted" if left else "complete"
    if status == "complete" and sweep.keep_runs:
        remove_stale_runs(out)
    wall = time.perf_counter() - started
    write_plan(out, sweep, status, {"finished": sweep.tasks - left, "ran": count[0], "skipped": skipped,
                                    "wall_seconds": round(wall, 3), "plots": plots,
                                    "failures": [vars(f) for f in failures]})
    summary = summary.replace_schema_metadata({"hyosan.sweep": str(out), "hyosan.status": status})
    return SweepOutcome(out, sweep, summary, status, count[0], skipped, failures, wall, plots)


def _of_this_sweep(results: pa.Table, sweep: Sweep) -> pa.Table:
    """The results of the sweep's tasks (a directory may hold more replicas, from an earlier run)."""
    if not results.num_rows:
        return results
    return results.filter(pc.less(results["replica"], sweep.replicas))


def sweep(sweep: Sweep | str | os.PathLike, out: str | os.PathLike | None = None, *,
          scheduler: Any = None, workers: int | None = None, threads: int | None = None,
          progress: bool = True, yes: bool = False) -> pa.Table:
    """Run a sweep file (or a `Sweep`) and return its summary: one row per point and outcome
    (`.to_pandas()` for pandas). Results land in `out` (default runs/sweep-<name>); running the
    same sweep into the same directory again skips the finished tasks.

    scheduler: the address of a Dask scheduler, a distributed.Client or a dask cluster object
    (dask-jobqueue's SLURMCluster, ...); default: a local cluster of `workers` processes, started
    and closed here. In a script, call this under `if __name__ == "__main__":` (local workers are
    new processes that import the script). threads: numba threads per run (default: each
    worker's share of its machine's cores). yes: run a sweep past the soft limits of its size
    (a million runs, the free disk), which are otherwise refused (SweepFileError, SweepTooLarge)."""
    outcome = run_sweep(sweep, out, scheduler=scheduler, workers=workers, threads=threads, progress=progress,
                        yes=yes)
    if outcome.failures:
        first = "\n".join(f"  point {f.point}, replica {f.replica}: {f.error}" for f in outcome.failures[:5])
        raise SweepFailed(f"{len(outcome.failures)} of {outcome.sweep.tasks} runs failed (rerun to retry "
                          f"them; results so far are in {outcome.out}):\n{first}")
    return outcome.summary
