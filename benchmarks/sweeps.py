"""Sweeps, side by side in one run: runs per second of one fixed sweep on one worker, on the
default local cluster, on explicit settings of workers and threads per run, and on an external
cluster of a `dask scheduler` and `dask worker` processes started here on loopback. Every setting
must give the same results, bit for bit; the bench says so, or fails.

    python -m benchmarks.worker sweeps [--smoke]

Also what a run costs inside a sweep against the same run made alone (in this process, its
kernels warm), both on one thread, and what the same sweep costs with runs of one tick: the
cluster, the workers' imports and kernels, the results, summary and plots.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SWEEP = """\
[sweep]
name = "bench"
scenario = "{scenario}"
replicas = {replicas}
seed = 1
timeseries = true

[set]
duration = "{duration}"
"""
REPEAT = 3  # rounds of every setting; each setting's fastest counts
FULL = {"scenario": "hyosan-high", "replicas": 16, "duration": "10m"}
SMOKE = {"scenario": "classroom", "replicas": 4, "duration": "60s"}

# (label, workers, threads per run, rounds): None is the default; the oversubscribed setting
# (what the default was before each run was given its share) is slow, and timed once
SETTINGS = [
    ("1 worker", 1, None, REPEAT),
    ("default", None, None, REPEAT),
    ("2 workers x 1 thread", 2, 1, REPEAT),
    ("2 workers x 2 threads", 2, 2, 1),
    ("1 worker x 1 thread", 1, 1, REPEAT),
]
SMOKE_SETTINGS = [SETTINGS[0], SETTINGS[1], SETTINGS[4]]
# the same sweep of runs of one tick: what the sweep costs but for the simulating
TICK = "1 worker x 1 thread, runs of 1 tick"


def measure(smoke: bool = False) -> dict:
    """Every setting's wall time and runs per second, the external cluster's, the run alone.
    An untimed sweep first warms what a first sweep pays once (the client's imports, the disk
    cache); then the settings take turns, REPEAT rounds, so that a slow spell of the machine
    falls on all of them, and each keeps its fastest round."""
    from hyosan.ensemble import load_sweep, read_results, run_sweep
    from hyosan.parallel.threads import host_cores, share

    spec = SMOKE if smoke else FULL
    walls: dict[str, list[float]] = {}
    results = {}
    with tempfile.TemporaryDirectory() as tmp, external_cluster(Path(tmp), 2) as address:
        def sweep_of(duration: str):
            path = Path(tmp) / f"bench-{duration}.toml"
            path.write_text(SWEEP.format(**{**spec, "duration": duration}))
            return load_sweep(path)

        sweep, ticks = sweep_of(spec["duration"]), sweep_of("1s")
        alone = run_alone(sweep)
        startup = cluster_startup()  # for the record: the cluster's own part of the fixed costs
        settings = [(label, sweep, {"workers": w, "threads": t}, rounds) for label, w, t, rounds in
                    (SMOKE_SETTINGS if smoke else SETTINGS)]
        settings += [("external, 2 workers", sweep, {"scheduler": address}, REPEAT),
                     (TICK, ticks, {"workers": 1, "threads": 1}, REPEAT)]
        run_sweep(sweep, Path(tmp) / "warm-up", progress=False)
        for k in range(1 if smoke else REPEAT):
            for label, which, how, rounds in settings:
                if k >= rounds:
                    continue
                out = Path(tmp) / f"{label.replace(' ', '-')}-{k}"
                t0 = time.perf_counter()
                outcome = run_sweep(which, out, progress=False, **how)
                walls.setdefault(label, []).append(time.perf_counter() - t0)
                assert outcome.status == "complete" and outcome.ran == which.tasks, outcome.status
                results[label] = read_results(out)
    rows = [{"setting": label, "runs": which.tasks, "wall": min(walls[label]), "walls": walls[label],
             "runs_per_s": which.tasks / min(walls[label])} for label, which, _, _ in settings]
    first = results["1 worker"]
    del results[TICK]
    equal = all(table.equals(first) for table in results.values())
    workers = min(host_cores(), sweep.tasks)  # what the default is on this machine
    return {"tasks": sweep.tasks, "scenario": sweep.scenarios[0][1].name, "duration": sweep.scenarios[0][1].duration,
            "cores": os.cpu_count(), "alone": alone, "startup": startup, "rows": rows, "equal": equal,
            "default": [workers, share(host_cores(), workers)]}


def run_alone(sweep) -> float:
    """Seconds of the sweep's first run made alone on one thread, as `hyosan run` makes it
    without a report, after a first run that compiles or loads the kernels; the best of two."""
    from hyosan.ensemble.seeds import run_seed
    from hyosan.ensemble.tasks import run_tables
    from hyosan.parallel.threads import use_threads

    use_threads(1)

    scenario = sweep.scenarios[0][1]
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(3):
            t0 = time.perf_counter()
            run_tables(scenario, run_seed(sweep.seed, 0, 0), Path(tmp) / f"run{k}")
            seconds.append(time.perf_counter() - t0)
    return min(seconds[1:])


def cluster_startup() -> float:
    """Seconds to start a local cluster of one worker per core and run a task on each."""
    from hyosan.parallel.executor import dask_client

    t0 = time.perf_counter()
    with dask_client() as client:
        client.run(os.getpid)
    return time.perf_counter() - t0


class external_cluster:
    """A `dask scheduler` and `workers` processes of `dask worker --nthreads 1` (no nanny) on
    loopback, as a user would start them; `.workers` are their processes; all are killed on exit."""

    def __init__(self, tmp: Path, workers: int):
        self.tmp, self.count = tmp, workers
        self.workers: list[subprocess.Popen] = []
        self.scheduler: subprocess.Popen | None = None

    def start(self, *args: str) -> subprocess.Popen:
        with open(self.tmp / "cluster.log", "a") as log:
            return subprocess.Popen([sys.executable, "-m", *args], stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)

    def __enter__(self) -> str:
        from distributed import Client

        info = self.tmp / "scheduler.json"
        self.scheduler = self.start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                                    "--no-dashboard", "--scheduler-file", str(info))
        try:
            deadline = time.monotonic() + 60
            while not info.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            address = json.loads(info.read_text())["address"]
            self.workers = [self.start("distributed.cli.dask_worker", address, "--host", "127.0.0.1", "--nthreads",
                                       "1", "--no-nanny", "--no-dashboard", "--name", f"w{k}")
                            for k in range(self.count)]
            with Client(address, timeout="30s") as client:
                client.wait_for_workers(self.count, timeout=60)
        except BaseException:
            self.__exit__()
            raise
        return address

    def __exit__(self, *exc) -> None:
        for p in [*self.workers, self.scheduler]:
            if p is not None and p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
            if p is not None:
                p.wait()
