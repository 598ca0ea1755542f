"""One measurement in a fresh process, printed as one JSON line, so that its peak memory is its own.

    python -m benchmarks.worker time IMPL N [--ticks T] [--seed S] [--repeat K]
    python -m benchmarks.worker agree IMPL N --seeds K [--ticks T]
    python -m benchmarks.worker city [--ticks T]
    python -m benchmarks.worker country [--ticks T]
    python -m benchmarks.worker sweeps [--smoke]

`time` warms the implementation up on a tiny model first (so numba kernels are compiled or
loaded from their cache), then builds the model of N people and times only its T ticks; with
--repeat it builds and runs it again while the runs so far took under REPEAT_BUDGET seconds,
and keeps the fastest run. `agree` runs seeds 1..K and reports the final counts of each.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import resource
import time

from .reference import TICKS

IMPLEMENTATIONS = {  # name -> "module:class" of a Model(n, seed, ticks)
    "hyosan": "benchmarks.hyosan_szr:Model",
    "hyosan+rec": "benchmarks.hyosan_szr:RecordingModel",
    "numba": "benchmarks.peers.numba_szr:Model",
    "laser": "benchmarks.peers.laser_szr:Model",
    "mesa": "benchmarks.peers.mesa_szr:Model",
}
REQUIRES = {"laser": "laser.core", "mesa": "mesa"}  # the package an implementation needs
WARM_UP_N = 400
REPEAT_BUDGET = 10.0  # seconds of timed runs after which no more repeats start


def rss_bytes() -> int:
    """The resident memory of this process now."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def model_class(impl: str) -> type:
    module, name = IMPLEMENTATIONS[impl].split(":")
    return getattr(importlib.import_module(module), name)


def time_model(impl: str, n: int, ticks: int, seed: int, repeat: int) -> dict:
    Model = model_class(impl)
    Model(WARM_UP_N, 0, 3).run()
    gc.collect()
    base = rss_bytes()
    runs: list[float] = []
    best = {}
    while len(runs) < repeat and sum(runs) < REPEAT_BUDGET:
        t0 = time.perf_counter()
        model = Model(n, seed, ticks)
        setup = time.perf_counter() - t0
        t0 = time.perf_counter()
        model.run()
        runs.append(time.perf_counter() - t0)
        if runs[-1] == min(runs):
            best = {"setup": setup, "counts": model.counts(), "phases": getattr(model, "phases", None),
                    "bytes_per_person": model.bytes_per_person}
        del model
        gc.collect()
    seconds = min(runs)
    peak = peak_rss_bytes()
    return {"impl": impl, "n": n, "ticks": ticks, "seconds": seconds, "runs": runs,
            "rate": n * ticks / seconds, "peak_bytes": peak, "base_bytes": base,
            "growth_per_person": (peak - base) / n, **best}


def agree(impl: str, n: int, ticks: int, seeds: int) -> dict:
    Model = model_class(impl)
    counts = []
    for seed in range(1, seeds + 1):
        model = Model(n, seed, ticks)
        model.run()
        counts.append(model.counts())
    return {"impl": impl, "n": n, "ticks": ticks, "counts": counts}


def _warm_up() -> None:
    """Load the kernels (compiled, or from numba's cache) with a few ticks of the classroom."""
    import hyosan

    warm = hyosan.load("classroom")
    hyosan.Simulation(warm.replace(duration=3 * warm.tick)).run()


def city(ticks: int) -> dict:
    """The built-in hyosan-city with every behaviour on, for `ticks` ticks."""
    import hyosan

    _warm_up()
    scenario = hyosan.load("hyosan-city")
    scenario = scenario.replace(duration=ticks * scenario.tick)
    t0 = time.perf_counter()
    sim = hyosan.Simulation(scenario)
    setup = time.perf_counter() - t0
    t0 = time.perf_counter()
    sim.run()
    seconds = time.perf_counter() - t0
    n = sim.people.count
    return {"impl": "hyosan-city", "n": n, "ticks": ticks, "seconds": seconds, "setup": setup,
            "rate": n * ticks / seconds, "peak_bytes": peak_rss_bytes(),
            "phases": sim.plan.by_phase(), "counts": sim.counts()}


def outbreak(hours: float) -> dict:
    """The built-in hyosan-city with every behaviour on, through `hours` simulated hours, timed
    hour by hour: the agent-steps per second of each hour, the counts at its end, and the
    plan's rows that took the most of it."""
    import hyosan

    _warm_up()
    scenario = hyosan.load("hyosan-city")
    scenario = scenario.replace(duration=hours * 3600.0)
    sim = hyosan.Simulation(scenario)
    per_hour = round(3600.0 / scenario.tick)
    rows: list[dict] = []
    total = 0.0
    while not sim.done:
        before, first = dict(sim.plan.seconds), sim.tick
        t0 = time.perf_counter()
        sim.run(until=min(first + per_hour, sim.ticks))
        seconds = time.perf_counter() - t0
        total += seconds
        spent = {k: v - before.get(k, 0.0) for k, v in sim.plan.seconds.items()}
        top = sorted(spent.items(), key=lambda kv: -kv[1])[:4]
        rows.append({"hour": first * scenario.tick / 3600.0, "ticks": sim.tick - first,
                     "seconds": seconds, "rate": sim.people.count * (sim.tick - first) / seconds,
                     "counts": sim.counts(), "top": [(k, v / seconds) for k, v in top]})
    n = sim.people.count
    return {"impl": "hyosan-city", "n": n, "ticks": sim.tick, "seconds": total,
            "rate": n * sim.tick / total, "hours": rows, "peak_bytes": peak_rss_bytes()}


def country(ticks: int) -> dict:
    """The built-in synthetic-country (the `lattice` kind): its first tick compiles or loads the
    kernels, the next `ticks` are timed."""
    import hyosan
    from hyosan.models.kinds import science_simulation

    scenario = hyosan.load("synthetic-country")
    scenario = scenario.replace(duration=(ticks + 1) * scenario.tick)
    t0 = time.perf_counter()
    sim = science_simulation(scenario)
    setup = time.perf_counter() - t0
    sim.step()
    t0 = time.perf_counter()
    for _ in range(ticks):
        sim.step()
    seconds = time.perf_counter() - t0
    cells, land = sim.cells.count, int(sim.cells.land.sum())
    return {"impl": "synthetic-country", "cells": cells, "land": land, "ticks": ticks,
            "seconds": seconds, "setup": setup, "rate": land * ticks / seconds,
            "people": int(sim.x.sum()), "peak_bytes": peak_rss_bytes()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("mode", choices=("time", "agree", "city", "outbreak", "country", "sweeps"))
    parser.add_argument("impl", nargs="?", choices=tuple(IMPLEMENTATIONS))
    parser.add_argument("n", nargs="?", type=int)
    parser.add_argument("--ticks", type=int, default=TICKS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--hours", type=float, default=8.0, help="outbreak: simulated hours")
    parser.add_argument("--smoke", action="store_true", help="sweeps: a small sweep, two settings")
    a = parser.parse_args(argv)
    if a.mode in ("time", "agree") and (a.impl is None or a.n is None):
        parser.error(f"{a.mode} needs IMPL and N")
    if a.mode == "time":
        result = time_model(a.impl, a.n, a.ticks, a.seed, a.repeat)
    elif a.mode == "agree":
        result = agree(a.impl, a.n, a.ticks, a.seeds)
    elif a.mode == "city":
        result = city(a.ticks)
    elif a.mode == "outbreak":
        result = outbreak(a.hours)
    elif a.mode == "sweeps":
        from .sweeps import measure

        result = measure(a.smoke)
    else:
        result = country(a.ticks)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
