"""The body of `hyosan sweep`: run a sweep file, print what was done, exit 0 (complete),
1 (some runs failed), 2 (bad input) or 128 + the signal (stopped by Ctrl-C or SIGTERM)."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .driver import SweepOutcome, run_sweep
from ..parallel.executor import ExecutorError
from .queues import BatchQueue, batch_cluster, submit
from .size import SweepTooLarge
from .sweepfile import load_sweep

SHOWN_POINTS = 12
SHOWN_OUTCOMES = ("survivors", "humans_win", "final_zombie", "final_dead")


@dataclass(frozen=True)
class Where:
    """Where a sweep's runs go: a local cluster, a running scheduler or batch jobs."""

    scheduler: str | None = None
    workers: int | None = None
    threads_per_run: int | None = None
    cluster: str = "local"
    jobs: int | None = None
    cores: int | None = None
    memory: str | None = None
    walltime: str | None = None
    queue: str | None = None

    def check(self) -> None:
        batch = {"--jobs": self.jobs, "--cores": self.cores, "--memory": self.memory,
                 "--walltime": self.walltime, "--queue": self.queue}
        if self.cluster == "local":
            given = [name for name, value in batch.items() if value is not None]
            if given:
                raise click.UsageError(f"{', '.join(given)} go with --cluster slurm or --cluster pbs")
        elif self.scheduler is not None or self.workers is not None:
            raise click.UsageError(f"--cluster {self.cluster} starts its own workers; drop --scheduler and --workers")
        if self.scheduler is not None and self.workers is not None:
            raise click.UsageError("--workers is for the local cluster; a --scheduler has workers of its own")

    def batch_queue(self) -> BatchQueue:
        return BatchQueue(self.cluster, self.jobs or 1, self.cores, self.memory, self.walltime, self.queue,
                          self.threads_per_run or 1)


@contextmanager
def scheduler_of(where: Where) -> Iterator[Any]:
    """What run_sweep takes as its scheduler: the address given, or a batch cluster whose jobs
    are submitted here and cancelled on exit (None: a local cluster)."""
    if where.cluster == "local":
        yield where.scheduler
        return
    spec = where.batch_queue()
    with batch_cluster(spec) as cluster:
        submit(cluster, spec)
        yield cluster


def sweep_command(sweep_file: Path, out: Path | None, where: Where, *, job_script: bool = False,
                  yes: bool = False, quiet: bool = False, as_json: bool = False) -> None:
    where.check()
    if job_script:
        if where.cluster == "local":
            raise click.UsageError("--job-script goes with --cluster slurm or --cluster pbs")
        try:
            with batch_cluster(where.batch_queue()) as cluster:
                click.echo(cluster.job_script())
        except ExecutorError as e:
            raise click.ClickException(str(e)) from None
        return
    sweep = load_sweep(sweep_file, yes=yes)
    signals: list[int] = []

    def on_signal(signum: int, _frame) -> None:
        if signals:  # a second Ctrl-C: stop now, without waiting for the runs under way
            raise KeyboardInterrupt
        signals.append(signum)
        click.echo("stopping after the next run that finishes (Ctrl-C again to stop now)", err=True)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with scheduler_of(where) as scheduler:
            if where.cluster != "local" and not quiet:
                click.echo(f"submitted {where.batch_queue().jobs} {where.cluster} job(s); the runs start when "
                           "the jobs do", err=True)
            outcome = run_sweep(sweep, out, scheduler=scheduler, workers=where.workers,
                                threads=where.threads_per_run, progress=not (quiet or as_json),
                                stop=lambda: bool(signals), yes=yes)
    except (ExecutorError, SweepTooLarge) as e:
        raise click.ClickException(str(e)) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if as_json:
        click.echo(json.dumps(_report(outcome), indent=2))
    elif not quiet:
        _print(outcome)
    for failure in outcome.failures[:10]:
        click.echo(f"failed: point {failure.point}, replica {failure.replica}: {failure.error}", err=True)
    if outcome.status == "interrupted":
        sys.exit(128 + (signals[0] if signals else signal.SIGINT))
    if outcome.failures:
        sys.exit(1)


def _report(outcome: SweepOutcome) -> dict:
    return {"out": str(outcome.out), "status": outcome.status, "tasks": outcome.sweep.tasks, "ran": outcome.ran,
            "skipped": outcome.skipped, "failed": len(outcome.failures),
            "wall_seconds": round(outcome.wall_seconds, 3), "plots": outcome.plots}


def _print(outcome: SweepOutcome) -> None:
    s = outcome.sweep
    click.echo(f"{s.name}: {len(s.points)} points x {s.replicas} replicas; ran {outcome.ran}, "
               f"skipped {outcome.skipped} finished before, {len(outcome.failures)} failed; "
               f"{outcome.wall_seconds:.1f} s")
    table = outcome.summary
    rows = [r for r in table.to_pylist() if r["outcome"] in SHOWN_OUTCOMES]
    if rows:
        params = list(s.columns)
        click.echo("point  " + "  ".join(f"{c[-18:]:>18s}" for c in params) + "  outcome          mean  [95% CI]")
        shown = sorted({r["point"] for r in rows})[:SHOWN_POINTS]
        for r in rows:
            if r["point"] in shown:
                values = "  ".join(f"{_fmt(r[c]):>18s}" for c in params)
                click.echo(f"{r['point']:5d}  {values}  {r['outcome']:14s} {r['mean']:7.3g}  "
                           f"[{r['ci_low']:.3g}, {r['ci_high']:.3g}]")
        if len({r["point"] for r in rows}) > SHOWN_POINTS:
            click.echo(f"... (all points in {outcome.out / 'summary.csv'})")
    if outcome.status == "interrupted":
        click.echo(f"interrupted; rerun the same command to finish (finished tasks are kept in {outcome.out})")
    else:
        click.echo(f"wrote {outcome.out}/: summary.parquet, summary.csv, results/"
                   + "".join(f", plots/{p}" for p in outcome.plots))


def _fmt(value: object) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)
