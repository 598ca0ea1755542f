"""The `hyosan` command: run, resume, validate and list scenarios."""

from __future__ import annotations

import json
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import click

from . import runner
from .engine.footprint import RunTooLarge, footprint, too_large
from .output.rundir import RunDirError
from .people.placement import PlacementError
from .scenario import ScenarioError, builtin_names, check_scenario, load_scenario
from .scenario.units import parse_duration
from .scenario.science import describe
from .ensemble.heroes import ENSEMBLE_BUDGET
from .output import rundir

USER_ERRORS = (ScenarioError, RunDirError, PlacementError, RunTooLarge)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hyosan")
def cli() -> None:
    """hyosan: a fast, reproducible simulator of zombie-style outbreaks."""


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(2)
    except USER_ERRORS as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(2)


@cli.command()
@click.argument("scenario", default="hyosan-high")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=None, help="Random seed (default: the scenario's).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Run directory (default: runs/<scenario>-seed<N>).")
@click.option("--duration", default=None, help='Simulated time, e.g. "30m" (default: the scenario\'s).')
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON at the end.")
@click.option("--profile", is_flag=True, help="Print the time spent in each row of the tick's plan.")
@click.option("--heroes", "heroes", type=click.FloatRange(min=0), default=runner.HEROES_BUDGET,
              show_default=True, help="The heroes report's budget, in replays of the run's length (0: none).")
@click.option("--plan", "plan", is_flag=True,
              help="Print the plan of a tick (every step, in order, on or off) and run nothing.")
@click.option("--yes", is_flag=True, help="Run even if the estimate says it will not fit in memory or on disk.")
@click.option("--checkpoint-every", "every", default="60s", show_default=True,
              help="Save the run's state this often, in wall-clock time (a killed run resumes from it).")
def run(scenario: str, seed: int | None, out: Path | None, duration: str | None, quiet: bool,
        as_json: bool, profile: bool, heroes: float, plan: bool, yes: bool, every: str) -> None:
    """Run SCENARIO (a built-in name or a .toml file; default: hyosan-high)."""
    seconds = None if duration is None else _duration(duration, "--duration")
    loaded = load_scenario(scenario)
    if plan:
        _print_plan(loaded)
        return
    with _progress(quiet or as_json) as (on_tick, signals):
        result = runner.run(loaded, seed=seed, out=out, duration=seconds, on_tick=on_tick,
                            stop=lambda: bool(signals), heroes=heroes, yes=yes,
                            checkpoint_every=_duration(every, "--checkpoint-every"))
    _finish(result, quiet, as_json, profile, signals)


@cli.command()
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the manifest as JSON at the end.")
@click.option("--profile", is_flag=True, help="Print the time spent in each row of the tick's plan.")
@click.option("--heroes", "heroes", type=click.FloatRange(min=0), default=runner.HEROES_BUDGET,
              show_default=True, help="The heroes report's budget, in replays of the run's length (0: none).")
@click.option("--checkpoint-every", "every", default="60s", show_default=True,
              help="Save the run's state this often, in wall-clock time.")
def resume(run_dir: Path, quiet: bool, as_json: bool, profile: bool, heroes: float, every: str) -> None:
    """Finish a run that was stopped (Ctrl-C, killed, a full disk) from its last checkpoint."""
    with _progress(quiet or as_json) as (on_tick, signals):
        result = runner.resume(run_dir, on_tick=on_tick, stop=lambda: bool(signals),
                               heroes=heroes, checkpoint_every=_duration(every, "--checkpoint-every"))
    _finish(result, quiet, as_json, profile, signals)


@cli.command()
@click.argument("target")
@click.option("--seeds", default=None,
              help="Make the ensemble article of TARGET (a scenario) over these seeds: 1-100, or 1,5,9.")
@click.option("--budget", type=click.FloatRange(min=0, min_open=True), default=None,
              help=f"Replays of the run's length that the replicas may take in all, per run "
                   f"[default: {runner.HEROES_BUDGET:g}; with --seeds, {ENSEMBLE_BUDGET:g}].")
@click.option("--acts", type=click.IntRange(min=1), default=runner.HEROES_ACTS, show_default=True,
              help="How many acts to consider (the first of each kind by each person, named people first).")
@click.option("--horizon", default=f"{runner.HEROES_HORIZON_S / 60:g}m", show_default=True,
              help="Also count survivors this long after each act (they are always counted at the end).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --seeds: where to write (default: runs/<scenario>-heroes-seeds<S>).")
@click.option("--scheduler", default=None, help="With --seeds: a Dask scheduler's address (default: every local core).")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def heroes(target: str, seeds: str | None, budget: float | None, acts: int, horizon: str, out: Path | None,
           scheduler: str | None, quiet: bool) -> None:
    """Recompute the heroes.md of TARGET, a finished agents run; or, with --seeds, write the
    ensemble article of TARGET, a scenario: each person's acts over many outbreaks."""
    horizon_s = _duration(horizon, "--horizon")
    if seeds is not None:
        _ensemble_heroes(target, seeds, budget, acts, horizon_s, out, scheduler, quiet)
        return
    from .engine.simulation import Simulation
    from .output.rundir import read_manifest
    from .report.heroes_article import HEROES

    run_dir = Path(target)
    if not run_dir.is_dir():
        raise click.BadParameter(f"{target} is not a run directory (to run a scenario over seeds, "
                                 f"give --seeds)", param_hint="TARGET")
    m = read_manifest(run_dir)
    if m.get("status") != "complete" or m["scenario"].get("kind", "agents") != "agents":
        raise RunDirError(f"{run_dir} is not a finished agents run (status {m.get('status')!r})")
    scenario = load_scenario(run_dir / m["scenario"]["file"]).replace(duration=float(m["duration_s"]))
    sim = Simulation(scenario, m["seed"])
    sim.run()
    seconds = runner.credit_heroes(run_dir, sim, budget or runner.HEROES_BUDGET, progress=not quiet, acts=acts,
                                   horizon_s=horizon_s)
    if not quiet:
        click.echo(f"wrote {run_dir / HEROES} in {seconds:.0f} s")


def _ensemble_heroes(target: str, seeds_text: str, budget: float | None, acts: int, horizon_s: float,
                     out: Path | None, scheduler: str | None, quiet: bool) -> None:
    from .ensemble.heroes import MARKDOWN, ensemble_heroes, parse_seeds

    try:
        seeds = parse_seeds(seeds_text)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--seeds") from None
    scenario = load_scenario(target)
    if scenario.kind != "agents":
        raise click.BadParameter(f"{target} is of kind {scenario.kind}: only agents runs have heroes",
                                 param_hint="TARGET")
    if out is None:
        out = rundir.free_name(Path("runs"), f"{rundir.slug(scenario.name)}-heroes-seeds{seeds_text.replace(',', '_')}")
    started = time.perf_counter()
    with _progress(True) as (_, signals):  # the executor shows the seeds' bar
        ensemble_heroes(scenario, seeds, out, budget=budget or ENSEMBLE_BUDGET, acts=acts, horizon_s=horizon_s,
                        scheduler=scheduler, progress=not quiet, stop=lambda: bool(signals))
    if not quiet:
        click.echo(f"wrote {out / MARKDOWN} ({len(seeds)} seeds in {time.perf_counter() - started:.0f} s)")


@cli.command()
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def report(run_dir: Path, quiet: bool) -> None:
    """Rebuild a finished run's report.html (and replay.gif) from its files."""
    from .output.rundir import read_manifest
    from .report.html import write_report

    status = read_manifest(run_dir).get("status")
    if status != "complete":
        raise RunDirError(f"{run_dir} is not a finished run (status {status!r}); "
                          f"finish it first with: hyosan resume {run_dir}")
    names = write_report(run_dir)
    if not quiet:
        sizes = ", ".join(f"{name} ({(run_dir / name).stat().st_size / 1e6:.1f} MB)" for name in names)
        click.echo(f"wrote {run_dir}/: {sizes}")


@cli.command()
@click.argument("scenarios", nargs=-1, required=True)
@click.option("--yes", is_flag=True, help="Accept what is estimated not to fit in memory or on disk, and "
              "sweep files past the soft limits of their size, as `run --yes` and `sweep --yes`.")
@click.option("--strict", is_flag=True, help="Count warnings (valid input that cannot do what it says) as errors.")
def validate(scenarios: tuple[str, ...], yes: bool, strict: bool) -> None:
    """Check scenario files (or built-in names) and sweep files, and report every problem found,
    then every warning."""
    failed = False
    for source in scenarios:
        try:
            if _is_sweep_file(source):
                _validate_sweep(source, yes)
                continue
            s, warnings = check_scenario(source)
        except ScenarioError as e:
            click.echo(str(e), err=True)
            failed = True
            continue
        for warning in warnings:
            click.echo(str(warning), err=True)
        why = None if yes else too_large(s, Path("runs"))
        if why:
            click.echo(f"{source}: {why}", err=True)
        if (strict and warnings) or why:
            failed = True
            continue
        if s.map is None:
            assert s.model is not None  # a science kind always has its model
            what = describe(s.model, s.lattice)
        else:
            floors, rows, cols = s.map.shape
            what = (f"{floors} floor(s) of {rows}x{cols} cells, {len(s.map.rooms)} rooms, "
                    f"{s.people_count} people")
        click.echo(f"{source}: ok: {s.name!r}, kind {s.kind}, {what}, {s.ticks} ticks; a run "
                   f"{footprint(s).describe()}")
    if failed:
        sys.exit(2)


def _is_sweep_file(source: str) -> bool:
    """A readable TOML file with a [sweep] table (anything else is checked as a scenario)."""
    import tomllib

    try:
        return isinstance(tomllib.loads(Path(source).read_text(encoding="utf-8")).get("sweep"), dict)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _validate_sweep(source: str, yes: bool) -> None:
    from .ensemble import load_sweep

    sweep = load_sweep(source, yes=yes)
    click.echo(f"{source}: ok: sweep {sweep.name!r} of {', '.join(label for label, _ in sweep.scenarios)}: "
               f"{sweep.size.describe()}")


@cli.command()
def scenarios() -> None:
    """List the built-in scenarios."""
    for name in builtin_names():
        s = load_scenario(name)
        first_line = (s.description.strip().splitlines() or [""])[0]
        click.echo(f"{name:14s} {s.name}: {first_line}")


@cli.command()
@click.argument("sweep_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Sweep directory (default: runs/sweep-<name>); rerunning into it skips finished runs.")
@click.option("--scheduler", default=None, help="Address of a running Dask scheduler (default: a local cluster).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes of the local cluster (default: one per core).")
@click.option("--threads-per-run", type=click.IntRange(min=1), default=None,
              help="numba threads of each run (default: its worker's share of its machine's cores).")
@click.option("--cluster", type=click.Choice(["local", "slurm", "pbs"]), default="local", show_default=True,
              help="Where the workers run: this machine, or batch jobs of a SLURM or PBS queue "
                   "(dask-jobqueue).")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="With --cluster: batch jobs to submit (default 1).")
@click.option("--cores", type=click.IntRange(min=1), default=None, help="With --cluster: cores of one job.")
@click.option("--memory", default=None, help='With --cluster: memory of one job, like "16GB".')
@click.option("--walltime", default=None, help='With --cluster: time limit of one job, like "02:00:00".')
@click.option("--queue", default=None, help="With --cluster: the partition (SLURM) or queue (PBS).")
@click.option("--job-script", is_flag=True, help="With --cluster: print the job script and submit nothing.")
@click.option("--yes", is_flag=True, help="Run a sweep past the soft limits (a million runs, the free disk).")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON at the end.")
def sweep(sweep_file: Path, out: Path | None, scheduler: str | None, workers: int | None,
          threads_per_run: int | None, cluster: str, jobs: int | None, cores: int | None, memory: str | None,
          walltime: str | None, queue: str | None, job_script: bool, yes: bool, quiet: bool,
          as_json: bool) -> None:
    """Run SWEEP_FILE: many seeds and parameter values of a scenario, on Dask (docs/sweeps.md)."""
    from .ensemble.command import Where, sweep_command

    where = Where(scheduler, workers, threads_per_run, cluster, jobs, cores, memory, walltime, queue)
    sweep_command(sweep_file, out, where, job_script=job_script, yes=yes, quiet=quiet, as_json=as_json)


# --- progress and summaries ---------------------------------------------------------------


@contextmanager
def _progress(quiet: bool):
    """Yield (on_tick, signals): a live progress bar (None when quiet), and the list that Ctrl-C
    or SIGTERM appends to; the run stops at the end of the tick in which one arrives."""
    signals: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _frame: signals.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if quiet:
            yield None, signals
        else:
            with _Bar() as bar:
                yield bar.update, signals
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Bar:
    """A rich progress bar: simulated time, ticks per second and live counts."""

    def __enter__(self):
        from rich.progress import BarColumn, Progress, TextColumn

        self.progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(bar_width=20),
                                 TextColumn("{task.fields[clock]}"), TextColumn("{task.fields[rate]}"),
                                 TextColumn("{task.fields[counts]}"), transient=False)
        self.progress.__enter__()
        self.task = None
        self.last = 0.0
        self.started = (time.perf_counter(), 0)
        return self

    def update(self, sim) -> None:
        now = time.perf_counter()
        if self.task is None:
            self.task = self.progress.add_task(sim.scenario.name, total=sim.ticks, clock="",
                                               rate="", counts="")
            self.started = (now, sim.tick - 1)
        if now - self.last < 0.1 and sim.tick < sim.ticks:
            return
        self.last = now
        rate = (sim.tick - self.started[1]) / max(now - self.started[0], 1e-9)
        c = sim.counts()
        counts = " ".join(f"{v} {k}" for k, v in c.items() if v)
        self.progress.update(self.task, completed=sim.tick, rate=f"{rate:,.0f} ticks/s",
                             clock=f"{_clock(sim.tick * sim.rates.tick_seconds)} / "
                                   f"{_clock(sim.ticks * sim.rates.tick_seconds)}",
                             counts=counts)

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)


def _duration(text: str, option: str) -> float:
    try:
        seconds = parse_duration(text)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint=option) from None
    if seconds <= 0:
        raise click.BadParameter(f"found {text!r}, expected a duration above zero", param_hint=option)
    return seconds


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 86400}d {s % 86400 // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 86400 \
        else f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _finish(result: runner.RunResult, quiet: bool, as_json: bool, profile: bool,
            signals: list[int]) -> None:
    m = result.manifest
    if as_json:
        click.echo(json.dumps({"run_dir": str(result.run_dir), **m}, indent=2))
    elif not quiet:
        counts = ", ".join(f"{v} {k}" for k, v in m["final_counts"].items() if v)
        if m["status"] == "complete":
            files = sorted(p.name for p in result.run_dir.iterdir() if p.is_file())
            heroes = f"; heroes in {m['heroes_seconds']:.0f} s" if "heroes_seconds" in m else ""
            click.echo(f"{m['scenario']['name']}, seed {m['seed']}: {m['ticks']} ticks in "
                       f"{m['wall_seconds']:.1f} s{heroes}; {counts}")
            click.echo(f"wrote {result.run_dir}/: {', '.join(files)}")
        else:
            click.echo(f"interrupted at tick {m['ticks']} of {m['ticks_total']}; checkpoint saved. "
                       f"Finish with: hyosan resume {result.run_dir}")
    if profile and not quiet:
        _print_profile(result)
    if m["status"] != "complete":
        sys.exit(128 + (signals[0] if signals else signal.SIGINT))


def _print_plan(scenario) -> None:
    if scenario.kind != "agents":
        click.echo(f"{scenario.name} is of kind {scenario.kind}: its model has no plan of steps")
        return
    from .engine.plan import Plan

    click.echo(f"The plan of a tick of {scenario.name}: rows run in this order, those off never.")
    click.echo(f"{'row':32s} {'owner':16s} {'phase':12s} {'order':>5s}  on")
    for name, owner, at, order, on in Plan.of(scenario).table():
        click.echo(f"{name:32s} {owner:16s} {at:12s} {order:5d}  {on}")


def _print_profile(result: runner.RunResult) -> None:
    plan = getattr(result.simulation, "plan", None)
    if plan is None:
        click.echo("(no profile: this kind of model has no plan of steps)")
        return
    ticks = max(result.manifest["ticks"], 1)
    total = sum(plan.seconds.values()) or 1e-12
    click.echo(f"{'row':32s} {'seconds':>9s} {'share':>7s} {'us/tick':>9s}")
    phases = plan.by_phase()
    for at, phase_seconds in phases.items():
        rows = [r for r in plan.rows if r.at == at and r.name in plan.seconds]
        click.echo(f"{at:32s} {phase_seconds:9.3f} {100 * phase_seconds / total:6.1f}% "
                   f"{1e6 * phase_seconds / ticks:9.1f}")
        for r in rows if len(rows) > 1 else ():
            s = plan.seconds[r.name]
            click.echo(f"  {r.name:30s} {s:9.3f} {100 * s / total:6.1f}% {1e6 * s / ticks:9.1f}")
    steps = result.simulation.people.count * ticks
    click.echo(f"{'total':32s} {total:9.3f} {'':7s} {1e6 * total / ticks:9.1f}   "
               f"({steps / total / 1e6:.2f} M agent-steps/s)")


if __name__ == "__main__":
    main()
