"""`make bench`: hyosan and its peers on the reference model, side by side in one run.

    python -m benchmarks.harness [--sizes 1e4,1e5] [--impls hyosan,numba] [--cap 300] [--smoke]

First the agreement check: every implementation runs the model at a small N over many seeds,
and its mean final counts must agree with hyosan's within Monte-Carlo error (else it stops,
exit code 1). Then the speed table: every implementation at every size, each in a fresh process
(benchmarks.worker), timing only the ticks. A run is skipped when its predicted time (from the
size before) passes the cap or its predicted memory passes what the machine has free. Then
hyosan's time per phase, the hyosan-city figure and the start-up time of `hyosan run classroom`.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import stream
from .reference import STATES, TICKS
from .worker import IMPLEMENTATIONS, REQUIRES

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000, 10_000_000, 30_000_000)
MAX_N = {"mesa": 1_000_000}
Z_FAIL = 4.5  # |difference of means| / its standard error above which the check fails
MEMORY_SHARE = 0.85  # of the memory available, the most a run may be predicted to take


def ours(impl: str) -> bool:
    """hyosan, recording like the peers or every tick: always run, never capped."""
    return impl.startswith("hyosan")


class Failed(Exception):
    """A run that did not finish: its reason goes in the table."""


def available(impl: str) -> bool:
    """Whether the package an implementation needs is installed."""
    need = REQUIRES.get(impl)
    try:
        return need is None or importlib.util.find_spec(need) is not None
    except ModuleNotFoundError:  # its parent package is missing
        return False


def worker(args: list[str], timeout: float) -> dict:
    """Run benchmarks.worker in a fresh process; its result gains `others`: the cores that other
    processes kept busy, on average, while it ran (from /proc/stat less its own CPU time)."""
    cmd = [sys.executable, "-m", "benchmarks.worker", *args]
    busy, own, t0 = cpu_busy_seconds(), children_cpu_seconds(), time.perf_counter()
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Failed(f"over {timeout:.0f} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise Failed(f"exit {done.returncode}: {last}")
    others = (cpu_busy_seconds() - busy - (children_cpu_seconds() - own)) / (time.perf_counter() - t0)
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "others": max(others, 0.0)}


def cpu_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since it booted."""
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # less idle and iowait


def children_cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths))  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def mega(x: float) -> str:
    return f"{x / 1e6:.3g}"


def size(n: int) -> str:
    """3e7 for 30 000 000; plain digits when one significant digit does not say it exactly."""
    short = f"{n:.0e}".replace("e+0", "e").replace("e+", "e")
    return short if float(short) == n and n >= 10_000 else str(n)


# --- agreement ------------------------------------------------------------------------------

def agreement(impls: list[str], n: int, seeds: int, ticks: int, cap: float) -> bool:
    print(f"\n## Agreement: final counts after {ticks} ticks, N = {n}, {seeds} seeds each "
          "(mean +- standard error; z = difference from hyosan / its standard error, "
          f"fail if |z| > {Z_FAIL})\n")
    stats = {}
    for impl in impls:
        result = worker(["agree", impl, str(n), "--seeds", str(seeds), "--ticks", str(ticks)], cap)
        stats[impl] = {s: _mean_se([c[s] for c in result["counts"]]) for s in STATES}
    ok = True
    rows = []
    for impl in impls:
        row = [impl]
        for s in STATES:
            mean, se = stats[impl][s]
            cell = f"{mean:.1f} +- {se:.1f}"
            if impl != "hyosan":
                z = _z(stats["hyosan"][s], stats[impl][s])
                ok &= abs(z) <= Z_FAIL
                cell += f" (z {z:+.1f})"
            row.append(cell)
        rows.append(row)
    print(table(["impl", *STATES], rows))
    print("\nagreement: " + ("ok" if ok else "FAILED: an implementation disagrees with hyosan"))
    return ok


def _mean_se(xs: list[int]) -> tuple[float, float]:
    mean = sum(xs) / len(xs)
    var = sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)
    return mean, (var / len(xs)) ** 0.5


def _z(a: tuple[float, float], b: tuple[float, float]) -> float:
    se = (a[1] ** 2 + b[1] ** 2) ** 0.5
    if se == 0:
        return 0.0 if a[0] == b[0] else float("inf")
    return (b[0] - a[0]) / se


# --- speed ----------------------------------------------------------------------------------

def memory_available() -> int:
    with open("/proc/meminfo") as f:
        info = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in f}
    return info["MemAvailable"]


def skip_reason(impl: str, n: int, ticks: int, last: dict | str | None, cap: float) -> str | None:
    """Why a run should not start, from the same implementation's run at the size before."""
    if n > MAX_N.get(impl, n):
        return f"skipped: above N = {size(MAX_N[impl])}"
    if isinstance(last, str):
        return "skipped: the size before was skipped or failed"
    if last is None:
        return None
    predicted = n * ticks / last["rate"]
    if predicted > cap and not ours(impl):
        return f"skipped: ~{predicted:.0f} s > cap {cap:.0f} s"
    memory = last["base_bytes"] + last["growth_per_person"] * n
    if memory > MEMORY_SHARE * memory_available():
        return f"skipped: ~{memory / 2**30:.1f} GiB > {MEMORY_SHARE:.0%} of free memory"
    return None


def speed(impls: list[str], sizes: list[int], ticks: int, cap: float, repeat: int) -> dict:
    print(f"\n## Speed: agent-steps per second (N x {ticks} ticks / seconds of the ticks), "
          "each run in a fresh process\n")
    results: dict[tuple[str, int], dict | str] = {}
    for n in sizes:
        for impl in impls:
            smaller = [results[impl, m] for m in sizes if m < n and (impl, m) in results]
            reason = skip_reason(impl, n, ticks, smaller[-1] if smaller else None, cap)
            if reason is None:
                try:  # the cap bounds a peer's ticks; set-up and warm-up get as long again
                    timeout = 7200 if ours(impl) else 2 * cap + 60
                    results[impl, n] = worker(["time", impl, str(n), "--ticks", str(ticks),
                                               "--repeat", str(repeat)], timeout)
                except Failed as e:
                    reason = f"failed: {e}"
            if reason is not None:
                results[impl, n] = reason
            r = results[impl, n]
            shown = r if isinstance(r, str) else f"{mega(r['rate'])} M/s"
            print(f"  {impl:>10} N={size(n):>5}: {shown}", flush=True)
    rows = []
    for n in sizes:
        base = results.get(("hyosan", n))
        for impl in impls:
            r = results[impl, n]
            if isinstance(r, str):
                rows.append([size(n), impl, r, "", "", "", "", "", ""])
                continue
            versus = isinstance(base, dict) and impl != "hyosan"
            ratio = f"{base['rate'] / r['rate']:.2f}" if versus else ""
            state = "" if r["bytes_per_person"] is None else str(r["bytes_per_person"])
            rows.append([size(n), impl, mega(r["rate"]), ratio, f"{r['seconds']:.2f}",
                         f"{r['peak_bytes'] / 2**20:.0f}", state, growth(r),
                         f"{r['others']:.2f}"])
    print()
    print(table(["N", "impl", "M agent-steps/s", "hyosan/impl", "ticks s", "peak MB",
                 "state B/person", "peak growth B/person", "others"], rows))
    print(f"\nothers: cores kept busy by other processes during the run, of {os.cpu_count()}; "
          "above ~0.1 the run competed for the CPU and its speed is low")
    return results


def growth(r: dict) -> str:
    """Peak memory less the memory before the model was built, per person; below 1e5 people
    the interpreter's own churn hides it."""
    return f"{r['growth_per_person']:.0f}" if r["n"] >= 100_000 else "-"


def phases(results: dict, sizes: list[int]) -> None:
    runs = [(n, results.get(("hyosan", n))) for n in sizes]
    runs = [(n, r) for n, r in runs if isinstance(r, dict)]
    if not runs:
        return
    print("\n## hyosan's time per phase on the reference model (seconds over all ticks, share)\n")
    names = list(runs[0][1]["phases"])
    rows = []
    for name in names:
        row = [name]
        for _, r in runs:
            total = sum(r["phases"].values())
            row.append(f"{r['phases'][name]:.3f} ({r['phases'][name] / total:.0%})")
        rows.append(row)
    rows.append(["all phases", *(f"{sum(r['phases'].values()):.3f}" for _, r in runs)])
    print(table(["phase", *(f"N={size(n)}" for n, _ in runs)], rows))


# --- the city, the country and start-up -------------------------------------------------------

def section(title: str, args: list[str], cap: float) -> dict | None:
    """Print a section's title and run its worker; None (said) if it failed."""
    print(f"\n## {title}\n")
    try:
        return worker(args, 2 * cap + 60)
    except Failed as e:
        print(f"  failed: {e}")
        return None


def city(ticks: int, cap: float) -> None:
    r = section(f"hyosan-city, every behaviour on, {ticks} ticks", ["city", "--ticks", str(ticks)], cap)
    if r is None:
        return
    total = sum(r["phases"].values())
    split = ", ".join(f"{k} {v / total:.0%}" for k, v in r["phases"].items())
    print(f"  {r['n']} people: {mega(r['rate'])} M agent-steps/s ({r['seconds']:.2f} s for the ticks, "
          f"set-up {r['setup']:.1f} s, peak {r['peak_bytes'] / 2**20:.0f} MB)\n  phases: {split}")


def outbreak(hours: float) -> None:
    """The city through its outbreak, hour by hour (issue 19: at least 30 M/s in every hour)."""
    title = f"hyosan-city through {hours:g} simulated hours, every behaviour on, hour by hour"
    r = section(title, ["outbreak", "--hours", str(hours)], cap=3600)
    if r is None:
        return
    rows = [[f"{h['hour']:.0f}", f"{h['counts']['zombie']:,}",
             f"{h['counts']['human'] + h['counts']['halfbie']:,}", mega(h["rate"]), f"{h['seconds']:.1f}",
             ", ".join(f"{name} {share:.0%}" for name, share in h["top"])] for h in r["hours"]]
    print(table(["from hour", "zombies at its end", "living at its end", "M agent-steps/s", "s",
                 "rows that took the most"], rows))
    print(f"\n  {r['n']} people, {r['ticks']} ticks: {mega(r['rate'])} M agent-steps/s over the whole run "
          f"({r['seconds']:.0f} s, peak {r['peak_bytes'] / 2**20:.0f} MB)")


def country(ticks: int, cap: float) -> None:
    r = section(f"The lattice kind: synthetic-country, {ticks} ticks",
                ["country", "--ticks", str(ticks)], cap)
    if r is None:
        return
    print(f"  {r['land']:,} land cells of {r['cells']:,}, {r['people'] / 1e6:.0f} M people: "
          f"{mega(r['rate'])} M cell-updates/s ({r['seconds']:.2f} s for the ticks, "
          f"set-up {r['setup']:.1f} s, peak {r['peak_bytes'] / 2**20:.0f} MB)")


def sweeps(cap: float, smoke: bool = False) -> None:
    r = section("Sweeps: runs per second of one sweep, on each setting of workers and threads per run",
                ["sweeps", *(["--smoke"] if smoke else [])], cap)
    if r is None:
        return
    print(f"  {r['tasks']} runs of {r['scenario']}, {r['duration']:.0f} s each, on {r['cores']} cores; "
          f"a run alone takes {r['alone']:.2f} s, a local cluster starts in {r['startup']:.1f} s\n")
    by = {row["setting"]: row for row in r["rows"]}
    one = by["1 worker"]["runs_per_s"]
    print(table(["setting", "runs", "wall s", "runs/s", "x 1 worker", "every round s"],
                [[row["setting"], str(row["runs"]), f"{row['wall']:.1f}", f"{row['runs_per_s']:.3f}",
                  f"{row['runs_per_s'] / one:.2f}", " ".join(f"{w:.1f}" for w in row["walls"])]
                 for row in r["rows"]]))
    print(f"  results equal in every setting: {'yes' if r['equal'] else 'NO'}; the default here is "
          f"{r['default'][0]} workers x {r['default'][1]} thread(s) per run")
    speedup = by["default"]["runs_per_s"] / by["1 worker x 1 thread"]["runs_per_s"]
    print(f"  the default against one worker of one thread: {speedup:.2f} x on {r['cores']} cores, "
          f"efficiency {speedup / r['cores']:.0%}")
    single, ticks = by["1 worker x 1 thread"], by["1 worker x 1 thread, runs of 1 tick"]
    inside = single["wall"] / single["runs"]
    print(f"  a run inside a sweep of {single['runs']} on one worker of one thread, everything included: "
          f"{inside:.2f} s, against {r['alone']:.2f} s alone on one thread ({inside / r['alone'] - 1:+.0%}); "
          f"of the sweep's {single['wall']:.1f} s, {ticks['wall']:.1f} s are what it costs with runs of one tick "
          f"(the cluster, the workers' imports and kernels, the results, summary and plots)")


COUNTRY_TICKS = 20  # a day of tau leaps of 0.05 days

STARTUP = """
import os, sys, time
import hyosan.engine.simulation as simulation
step = simulation.Simulation.step
def first_step(self):
    step(self)
    print(time.time(), flush=True)
    os._exit(0)
simulation.Simulation.step = first_step
from hyosan.cli import main
sys.argv = ["hyosan", "run", "classroom", "--quiet", "--out", sys.argv[1]]
main()
"""


def startup(runs: int = 2) -> None:
    """Seconds from a fresh process's start to the end of the first tick of `hyosan run classroom`."""
    print("\n## Start-up: a fresh process to the end of the first tick of `hyosan run classroom`\n")
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(runs):
            t0 = time.time()
            done = subprocess.run([sys.executable, "-c", STARTUP, str(Path(tmp) / f"run{k}")], cwd=ROOT,
                                  capture_output=True, text=True, timeout=300)
            if done.returncode != 0:
                print(f"  failed: {(done.stderr.strip().splitlines() or ['no output'])[-1]}")
                return
            seconds.append(float(done.stdout.split()[-1]) - t0)
    shown = ", ".join(f"{s:.2f} s" for s in seconds)
    print(f"  runs: {shown}; cached kernels (the last): {seconds[-1]:.2f} s (target < 3 s)")


# --- main -----------------------------------------------------------------------------------

def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    versions = []
    for pkg in ("numpy", "numba", "mesa", "laser-core"):
        try:
            versions.append(f"{pkg} {importlib.metadata.version(pkg)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{pkg} not installed")
    return (f"{datetime.datetime.now():%Y-%m-%d %H:%M}, {cpu}, {os.cpu_count()} cores, "
            f"{memory_available() / 2**30:.1f} GiB free, Python {platform.python_version()}, "
            f"{', '.join(versions)}, load average {os.getloadavg()[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.harness", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default=",".join(f"{n:.0e}" for n in SIZES),
                   help="comma-separated N (default: %(default)s)")
    p.add_argument("--impls", default=",".join(IMPLEMENTATIONS), help="default: %(default)s")
    p.add_argument("--ticks", type=int, default=TICKS)
    p.add_argument("--cap", type=float, default=300.0,
                   help="seconds of ticks a peer's run may take (hyosan always runs)")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs per point while under 10 s; the fastest counts")
    p.add_argument("--agree-n", type=int, default=10_000)
    p.add_argument("--agree-seeds", type=int, default=20)
    p.add_argument("--no-city", action="store_true")
    p.add_argument("--outbreak-hours", type=float, default=8.0,
                   help="simulated hours of the city's outbreak row (0: none); default %(default)s")
    p.add_argument("--no-startup", action="store_true")
    p.add_argument("--no-country", action="store_true")
    p.add_argument("--no-sweeps", action="store_true")
    p.add_argument("--smoke", action="store_true",
                   help="a tiny run for the tests: N = 2000, 30 ticks, 16 seeds, a small sweep, no city, country "
                        "or start-up")
    a = p.parse_args(argv)
    if a.smoke:
        a.sizes, a.ticks, a.agree_n, a.agree_seeds, a.repeat = "2000", 30, 2000, 16, 1
        a.no_city = a.no_startup = a.no_country = True
        a.outbreak_hours = 0
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    wanted = [i.strip() for i in a.impls.split(",")]
    unknown = [i for i in wanted if i not in IMPLEMENTATIONS]
    if unknown:
        p.error(f"unknown implementation(s) {unknown}; known: {', '.join(IMPLEMENTATIONS)}")
    impls = ["hyosan", *(i for i in wanted if i != "hyosan" and available(i))]
    print(f"# hyosan benchmarks: the lattice SZR reference model (benchmarks/README.md)\n\n{machine()}")
    missing = [i for i in wanted if i not in impls and i != "hyosan"]
    if missing:
        print(f"not installed, left out: {', '.join(missing)} (pip install -e '.[bench]')")
    if not agreement(impls, a.agree_n, a.agree_seeds, a.ticks, 2 * a.cap + 60):
        return 1
    results = speed(impls, sizes, a.ticks, a.cap, a.repeat)
    if not a.smoke:  # 1 GB of arrays: not for the tests' tiny run
        state = [r["bytes_per_person"] for (impl, _), r in results.items()
                 if impl == "hyosan" and isinstance(r, dict) and r["bytes_per_person"]]
        print("\n" + stream.report(state[-1] if state else 14))
    phases(results, sizes)
    if not a.no_city:
        city(a.ticks, a.cap)
    if a.outbreak_hours > 0:
        outbreak(a.outbreak_hours)
    if not a.no_country:
        country(COUNTRY_TICKS, a.cap)
    if not a.no_sweeps:
        sweeps(a.cap, a.smoke)
    if not a.no_startup:
        startup()
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
