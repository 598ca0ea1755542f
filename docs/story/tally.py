"""Tally Hyosan High over many seeds: how often each of the story's people did each act, and
how often they lived. Writes docs/story/hyosan-high.md.

    .venv/bin/python docs/story/tally.py              # seeds 1..100 on every core
    .venv/bin/python docs/story/tally.py --seeds 20   # a quicker look

Nothing here is scripted: each seed is an ordinary run of the built-in scenario.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections import Counter
from pathlib import Path

import numpy as np

from hyosan import Simulation, load_scenario
from hyosan.events import KINDS
from hyosan.output.atomic import write_text
from hyosan.behaviours.registry import credited_acts
from hyosan.report.heroes import SURVIVING

HERE = Path(__file__).parent
STORY_ACTS = tuple(credited_acts()) + ("reunion",)  # the acts people start, and the reunions seek_kin aims at


def one_seed(seed: int) -> tuple[dict[str, bool], dict[tuple[str, str], int], dict[str, int]]:
    """Who lived, which (person, act) pairs happened, and how many people ended in each state."""
    sim = Simulation(load_scenario("hyosan-high"), seed)
    sim.run()
    names = sim.people.names
    lived = {name: bool(np.isin(sim.people.state[pid], SURVIVING)) for pid, name in names.items()}
    ev = sim.events.arrays()
    acts = Counter()
    for kind in STORY_ACTS:
        rows = ev["kind"] == KINDS.index(kind)
        for actor in set(ev["actor"][rows].tolist()) & set(names):
            acts[(names[actor], kind)] = 1
    return lived, dict(acts), sim.counts()


def _one_thread() -> None:
    import numba

    numba.set_num_threads(1)  # one run per core


def tally(seeds: int, processes: int | None = None) -> str:
    """The page for seeds 1..seeds, run in `processes` processes (default: one per core)."""
    started = time.perf_counter()
    if processes == 1:
        results = [one_seed(seed) for seed in range(1, seeds + 1)]
    else:
        with multiprocessing.get_context("spawn").Pool(processes, initializer=_one_thread) as pool:
            results = pool.map(one_seed, range(1, seeds + 1))
    wall = time.perf_counter() - started
    people = list(results[0][0])
    lived = {p: sum(r[0][p] for r in results) for p in people}
    acts = Counter()
    for r in results:
        acts.update(r[1])
    kinds = [k for k in STORY_ACTS if any(acts[(p, k)] for p in people)]
    survivors = np.array([sum(r[2][s] for s in ("human", "halfbie", "escaped")) for r in results])
    lines = [
        "# Hyosan High over many seeds", "",
        f"Seeds 1 to {seeds} of the built-in `hyosan-high` scenario, each an ordinary run (made by "
        f"`docs/story/tally.py` in {wall / 60:.1f} min). For each of the story's people: in how "
        "many seeds they lived to the end (human, halfbie or escaped), and in how many they did "
        "each act at least once. Nothing is scripted; traits, kin and groups make acts likely.", "",
        f"Survivors of all 523 people at the end: median {np.median(survivors):.0f}, "
        f"range {survivors.min()} to {survivors.max()}.", "",
        "| person | lived | " + " | ".join(f"`{k}`" for k in kinds) + " |",
        "|---|---|" + "---|" * len(kinds),
    ]
    for p in people:
        cells = " | ".join(str(acts[(p, k)]) if acts[(p, k)] else "" for k in kinds)
        lines.append(f"| {p} | {lived[p]} | {cells} |")
    lines += ["", f"Counts are out of {seeds} seeds; an empty cell is none."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100)
    args = parser.parse_args()
    write_text(HERE / "hyosan-high.md", tally(args.seeds))
    print(f"wrote {HERE / 'hyosan-high.md'}")


if __name__ == "__main__":
    main()
