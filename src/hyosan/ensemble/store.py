"""A sweep directory: the plan, one Parquet file per finished task, the summary and plots.

    DIR/sweep.toml                               the sweep file, as it was run
    DIR/sweep.json                               the plan: points, seeds rule, status, timings
    DIR/results/point=00012/replica=003.parquet  a task's outcome row(s): one dataset
    DIR/timeseries/point=00012/replica=003.parquet  its time series (whole map, thinned)
    DIR/runs/point=00012/replica=003/            its run directory (only with keep_runs)
    DIR/summary.parquet, DIR/summary.csv         statistics of the outcomes per point
    DIR/plots/*.png                              outcomes against each parameter

A result file is written (atomically) only when its task is done, after its time series, so
the files that are there are the tasks that are finished: a rerun skips them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..output.atomic import atomic_path, write_text
from ..output.rundir import RunDirError
from .sweepfile import Sweep
from .tasks import Done, run_dir_name

SCHEMA_VERSION = 1
PLAN, COPY = "sweep.json", "sweep.toml"
RESULTS, TIMESERIES, RUNS, PLOTS = "results", "timeseries", "runs", "plots"
SUMMARY = "summary"
ORDER = ("point", "replica", "member")
_FILE = re.compile(r"point=(\d+)[/\\]replica=(\d+)\.parquet$")


class SweepDirError(RunDirError):
    """A directory that holds another sweep, or no sweep."""


def fingerprint(sweep: Sweep) -> str:
    """What makes results comparable: scenarios, fixed changes, points and the seed rule. The
    number of replicas is not part of it, so a rerun may add replicas."""
    plan = {"seed": sweep.seed, "common_seeds": sweep.common_seeds, "set": sweep.set,
            "scenarios": [(label, s.sha256) for label, s in sweep.scenarios],
            "points": [(p.scenario, p.params) for p in sweep.points]}
    return hashlib.sha256(json.dumps(plan, sort_keys=True, default=repr).encode()).hexdigest()


def open_dir(out: Path, sweep: Sweep) -> Path:
    """Create the directory, or check that it holds this same sweep; record the plan."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise SweepDirError(f"{out} is a file, not a directory")
    if (out / PLAN).is_file():
        if _fingerprint_in(out) != fingerprint(sweep):
            raise SweepDirError(f"{out} holds the results of another sweep (its scenarios, points or "
                                "seed differ); choose another --out, or remove it first")
    elif out.exists() and any(out.iterdir()):
        raise SweepDirError(f"{out} is not empty and holds no sweep; choose another --out, or remove it first")
    out.mkdir(parents=True, exist_ok=True)
    write_text(out / COPY, sweep.source)
    write_plan(out, sweep, "running")
    return out


def write_plan(out: Path, sweep: Sweep, status: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    plan = {
        "schema_version": SCHEMA_VERSION, "hyosan_version": __version__, "status": status,
        "name": sweep.name, "fingerprint": fingerprint(sweep), "seed": sweep.seed,
        "common_seeds": sweep.common_seeds, "replicas": sweep.replicas, "tasks": sweep.tasks,
        "scenarios": [{"source": label, "name": s.name, "kind": s.kind, "sha256": s.sha256}
                      for label, s in sweep.scenarios],
        "set": sweep.set, "columns": list(sweep.columns),
        "points": [{"point": p.index, "scenario": sweep.scenarios[p.scenario][0], "params": p.params}
                   for p in sweep.points],
        "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        **(extra or {}),
    }
    write_text(out / PLAN, json.dumps(plan, indent=2, default=repr) + "\n")
    return plan


def _fingerprint_in(out: Path) -> str | None:
    try:
        return json.loads((out / PLAN).read_text()).get("fingerprint")
    except (OSError, ValueError, AttributeError):
        return None


def finished(out: Path) -> set[tuple[int, int]]:
    """(point, replica) of every task whose result file is there."""
    done = set()
    for path in (Path(out) / RESULTS).glob("point=*/replica=*.parquet"):
        m = _FILE.search(path.as_posix())
        if m:
            done.add((int(m[1]), int(m[2])))
    return done


def write_done(out: Path, done: Done) -> None:
    name = f"{run_dir_name(done.point, done.replica)}.parquet"
    if done.timeseries is not None:
        _write(Path(out) / TIMESERIES / name, done.timeseries)
    _write(Path(out) / RESULTS / name, done.results)


def read_results(out: str | Path, what: str = RESULTS) -> pa.Table:
    """Every result file of a sweep directory (or its time series: what="timeseries") as one
    table, in (point, replica) order."""
    files = sorted((Path(out) / what).glob("point=*/replica=*.parquet"))
    if not files:
        return pa.table({})
    table = pa.concat_tables([pq.read_table(f) for f in files], promote_options="default")
    keys = [(k, "ascending") for k in (*ORDER, "tick", "time_s") if k in table.column_names]
    return table.sort_by(keys)


def write_table(path: Path, table: pa.Table) -> None:
    """A table as Parquet, and as CSV beside it."""
    _write(path.with_suffix(".parquet"), table)
    import pyarrow.csv as csv

    with atomic_path(path.with_suffix(".csv")) as tmp:
        csv.write_csv(table, tmp)


def _write(path: Path, table: pa.Table) -> None:
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


def remove_stale_runs(out: Path) -> None:
    """Remove the temporary run directories (runs/.task-*) that workers killed mid-run left."""
    import shutil

    for tmp in (Path(out) / RUNS).glob(".task-*"):
        shutil.rmtree(tmp, ignore_errors=True)
