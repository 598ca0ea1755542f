"""Running a scenario into a run directory: start, checkpoint, stop, resume, finish.

`run` and `resume` are what the CLI and the Python API call. A run directory is always in one
of three states, named by its manifest: "running" (a checkpoint may be there), "interrupted"
(a checkpoint is there; `resume` finishes it) or "complete" (the tables and plots are there).
"""

from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pyarrow as pa

from .engine.footprint import RunTooLarge, too_large
from .engine.simulation import Simulation
from .output import rundir
from .output.checkpoint import CHECKPOINT, DamagedCheckpoint, load_checkpoint
from .report.html import write_report
from .report.heroes import BUDGET as HEROES_BUDGET, HORIZON_S as HEROES_HORIZON_S, MAX_ACTS as HEROES_ACTS
from .report.heroes_article import write_run_heroes
from .report.plots import write_plots
from .scenario import Scenario, load_scenario

CHECKPOINT_EVERY_S = 60.0


@dataclass
class RunResult:
    run_dir: Path
    manifest: dict
    simulation: Simulation

    @property
    def status(self) -> str:
        return self.manifest["status"]

    def table(self, name: str) -> pa.Table:
        """"timeseries", "events" or "people" as an Arrow table (`.to_pandas()` for pandas)."""
        return rundir.read_table(self.run_dir, name)


def _simulation(scenario: Scenario, seed: int | None):
    """The agent engine's Simulation, or the science model's for kinds ode, stochastic, lattice."""
    if scenario.kind == "agents":
        return Simulation(scenario, seed)
    from .models.kinds import science_simulation

    return science_simulation(scenario, seed)


def _write_science(run_dir: Path, sim) -> list[str]:
    from .output.science import write_science_tables
    from .report.science_plots import write_science_plots

    write_science_tables(run_dir, sim)
    return write_science_plots(run_dir, sim)


def default_out(scenario: Scenario, seed: int, parent: Path = Path("runs")) -> Path:
    return rundir.free_name(parent, f"{rundir.slug(scenario.name) or 'run'}-seed{seed}")


def run(scenario: Scenario | str | os.PathLike, *, seed: int | None = None,
        out: str | os.PathLike | None = None, duration: float | None = None,
        overwrite: bool = False, on_tick: Callable[[Simulation], None] | None = None,
        stop: Callable[[], bool] | None = None, heroes: float = HEROES_BUDGET,
        yes: bool = False, checkpoint_every: float = CHECKPOINT_EVERY_S) -> RunResult:
    """Run a scenario (an object, a built-in name or a path) and write its run directory.
    `heroes`: the budget of the heroes report of an agents run, in replays of the run's
    length (0: no report; report.heroes tells how it is spent). A run
    estimated not to fit in the memory available or on the disk is refused (RunTooLarge)
    unless `yes`."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    if duration is not None:
        scenario = scenario.replace(duration=float(duration))
    why = None if yes else too_large(scenario, Path(out) if out else Path("runs"))
    if why:
        raise RunTooLarge(why)
    sim = _simulation(scenario, seed)
    run_dir = rundir.prepare(Path(out) if out else default_out(scenario, sim.seed), overwrite)
    try:
        with _disk_errors(run_dir, sim):
            rundir.save_scenario_files(run_dir, scenario.source_files)
            rundir.write_manifest(run_dir, sim, "running", 0.0)
            return _continue(run_dir, sim, 0.0, on_tick, stop, heroes, checkpoint_every)
    finally:
        rundir.unlock(run_dir)


def resume(run_dir: str | os.PathLike, *, on_tick: Callable[[Simulation], None] | None = None,
           stop: Callable[[], bool] | None = None, heroes: float = HEROES_BUDGET,
           checkpoint_every: float = CHECKPOINT_EVERY_S) -> RunResult:
    """Finish a run that was interrupted, killed or stopped by a full disk: from its checkpoint,
    or from the start if it had none yet. The outputs equal an uninterrupted run's."""
    run_dir = Path(run_dir)
    manifest = rundir.read_manifest(run_dir)
    if manifest["status"] == "complete":
        raise rundir.RunDirError(f"{run_dir} is complete already; nothing to resume")
    rundir.lock(run_dir)
    try:
        rundir.clear_scraps(run_dir)
        source = run_dir / manifest["scenario"]["file"]
        scenario = load_scenario(source).replace(duration=float(manifest["duration_s"]))
        if scenario.sha256 != manifest["scenario"]["sha256"]:
            raise rundir.RunDirError(f"{source} has changed since the run started (sha256 differs)")
        sim = _simulation(scenario, manifest["seed"])
        if (run_dir / CHECKPOINT).is_file():
            _restore(sim, run_dir)
        with _disk_errors(run_dir, sim):
            return _continue(run_dir, sim, float(manifest.get("wall_seconds", 0.0)), on_tick, stop, heroes,
                             checkpoint_every)
    finally:
        rundir.unlock(run_dir)


def _restore(sim, run_dir: Path) -> None:
    path = run_dir / CHECKPOINT
    try:
        sim.restore_arrays(load_checkpoint(path))
    except (DamagedCheckpoint, KeyError, ValueError) as e:
        raise rundir.RunDirError(f"{path} is damaged ({e}); remove it, and `hyosan resume {run_dir}` "
                                 "runs again from the start") from None


@contextmanager
def _disk_errors(run_dir: Path, sim) -> Iterator[None]:
    """A full disk (or a file-size limit) ends the run with a message that says how to go on;
    the files written before are whole (output.atomic)."""
    try:
        yield
    except OSError as e:
        if e.errno not in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            raise
        raise rundir.RunDirError(f"{run_dir}: no room to write {Path(e.filename or '?').name} ({e.strerror}); "
                                 f"the run stopped at tick {sim.tick}: free some space, then "
                                 f"`hyosan resume {run_dir}`") from None


def _continue(run_dir: Path, sim: Simulation, wall_before: float,
              on_tick: Callable[[Simulation], None] | None,
              stop: Callable[[], bool] | None, heroes: float, checkpoint_every: float) -> RunResult:
    started = time.perf_counter()
    last_save = started

    def tick_done(s: Simulation) -> None:
        nonlocal last_save
        if on_tick is not None:
            on_tick(s)
        now = time.perf_counter()
        if now - last_save > checkpoint_every:
            rundir.write_checkpoint(run_dir, s)
            rundir.write_manifest(run_dir, s, "running", wall_before + now - started)
            last_save = now

    try:
        finished = sim.run(on_tick=tick_done, stop=stop)
    except BaseException:
        try:
            rundir.write_manifest(run_dir, sim, "failed", wall_before + time.perf_counter() - started)
        except OSError:
            pass  # a full disk: the manifest written before stands ("running"), and resume takes it
        raise
    wall = wall_before + time.perf_counter() - started
    if not finished:
        rundir.write_checkpoint(run_dir, sim)
        manifest = rundir.write_manifest(run_dir, sim, "interrupted", wall)
        return RunResult(run_dir, manifest, sim)
    extra: dict = {}
    if isinstance(sim, Simulation):
        rundir.write_tables(run_dir, sim)
        extra["plots"] = write_plots(run_dir, sim)
        if heroes:
            extra["heroes_seconds"] = credit_heroes(run_dir, sim, heroes, progress=on_tick is not None)
    else:
        extra["plots"] = _write_science(run_dir, sim)
    # The report reads the finished files. A report that fails is noted, not fatal: the run's
    # own files are whole, and `hyosan report DIR` can try again.
    pending = rundir.write_manifest(run_dir, sim, "running", wall, extra)
    report: list[str] | dict[str, str]
    try:
        report = write_report(run_dir, {**pending, "status": "complete"})
    except Exception as e:
        report = {"failed": f"{type(e).__name__}: {e}"}
    manifest = rundir.write_manifest(run_dir, sim, "complete", wall, {**extra, "report": report})
    (run_dir / CHECKPOINT).unlink(missing_ok=True)
    return RunResult(run_dir, manifest, sim)


def credit_heroes(run_dir: Path, sim: Simulation, budget: float, *, progress: bool = False,
                  acts: int = HEROES_ACTS, horizon_s: float = HEROES_HORIZON_S) -> float:
    """Write a finished run's heroes.md, its replays run on every core; returns the seconds
    it took."""
    from .parallel.executor import on_local_cores

    started = time.perf_counter()
    with on_local_cores(progress=progress, description="heroes: replays") as map_tasks:
        write_run_heroes(run_dir, sim, budget, acts, horizon_s, map_tasks)
    return time.perf_counter() - started
