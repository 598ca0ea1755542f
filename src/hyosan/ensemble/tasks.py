"""One task of a sweep: one run of one point's scenario with one seed, made by `runner.run`
exactly as `hyosan run` makes it, and reduced to its outcome row(s) and time series."""

from __future__ import annotations

import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pyarrow as pa

from .. import runner
from ..engine.simulation import Simulation
from ..output import rundir
from ..scenario import Scenario
from .outcomes import run_outcomes, thin, whole_map
from .paths import apply


@dataclass(frozen=True)
class Task:
    point: int
    replica: int
    seed: int
    scenario: int  # index into Shared.scenarios
    params: dict[str, Any]  # path -> raw value
    columns: dict[str, Any]  # parameter column -> the value the tables show


@dataclass(frozen=True, eq=False)
class Shared:
    """What every task of a sweep needs; sent to each worker once."""

    scenarios: tuple[Scenario, ...]
    runs: str | None = None  # keep each run's directory here (a folder every worker can reach)
    timeseries: bool = True


@dataclass(frozen=True, eq=False)
class Done:
    point: int
    replica: int
    results: pa.Table  # the outcome row(s)
    timeseries: pa.Table | None


@dataclass(frozen=True)
class Failed:
    point: int
    replica: int
    error: str  # the exception and where it was raised


def run_dir_name(point: int, replica: int) -> str:
    return f"point={point:05d}/replica={replica:03d}"


def run_task(task: Task, shared: Shared) -> Done | Failed:
    """Run one task; any error is returned (as Failed), so that the other tasks go on."""
    try:
        scenario = apply(shared.scenarios[task.scenario], task.params)
        parent = Path(shared.runs) if shared.runs is not None else None
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".task-", dir=parent) as tmp:
            done = _run_into(task, scenario, Path(tmp) / "run", shared)
            if parent is not None:
                _keep(Path(tmp) / "run", parent / run_dir_name(task.point, task.replica))
            return done
    except Exception as e:  # noqa: BLE001 - reported with the task, the sweep goes on
        where = traceback.extract_tb(e.__traceback__)[-1]
        return Failed(task.point, task.replica, f"{type(e).__name__}: {e} ({Path(where.filename).name}:{where.lineno})")


def _keep(run_dir: Path, target: Path) -> None:
    """Move a finished run directory to its place. A copy already there (from a worker thought
    dead that finished after all, or a cancelled task still running) is the same run: replace it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    try:
        run_dir.rename(target)
    except OSError:
        pass  # another copy took the place in the meantime


def _run_into(task: Task, scenario: Scenario, run_dir: Path, shared: Shared) -> Done:
    if shared.runs is not None:
        runner.run(scenario, seed=task.seed, out=run_dir)  # the whole run directory, report and all
    else:
        run_tables(scenario, task.seed, run_dir)
    results = _with_keys(run_outcomes(run_dir, scenario), task, {"seed": task.seed, **task.columns})
    series = None
    if shared.timeseries:
        series = _with_keys(thin(whole_map(rundir.read_table(run_dir, "timeseries"))), task, {})
    return Done(task.point, task.replica, results, series)


def run_tables(scenario: Scenario, seed: int, run_dir: Path) -> None:
    """What `runner.run` writes before its plots and report, which a sweep does not need: the
    run's tables and manifest, made by the same functions (a test checks that they are equal)."""
    sim: Any
    write: Callable[..., Any]
    if scenario.kind == "agents":
        sim, write = Simulation(scenario, seed), rundir.write_tables
    else:
        from ..models.kinds import science_simulation
        from ..output.science import write_science_tables as write

        sim = science_simulation(scenario, seed)
    run_dir.mkdir(parents=True)
    started = time.perf_counter()
    sim.run()
    write(run_dir, sim)
    rundir.write_manifest(run_dir, sim, "complete", time.perf_counter() - started)


def _with_keys(table: pa.Table, task: Task, columns: dict[str, Any]) -> pa.Table:
    """table with the point and replica (and the given constant columns) in front."""
    n = table.num_rows
    front = {"point": pa.array([task.point] * n, pa.int64()), "replica": pa.array([task.replica] * n, pa.int64())}
    front.update({k: pa.array([v] * n) for k, v in columns.items()})
    for name in table.column_names:
        front[name] = table[name]
    return pa.table(front)
