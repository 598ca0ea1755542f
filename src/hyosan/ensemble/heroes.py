"""Heroes across many outbreaks: `hyosan heroes SCENARIO --seeds 1-100`.

Each seed is an ordinary run of the scenario; its acts (the named characters' first) are
replayed with and without them, one replica each (report.heroes, one look), within the budget.
Across seeds, each person's act has: how often it happened, how often it was replayed, and the
mean lives it saved over the seeds where it was, with a 90% t-interval across them (their
spread is the replicas' spread and the seeds' together). Unnamed people are pooled as
"someone else". Writes heroes-ensemble.md and heroes-ensemble.parquet (a row per seed and
replayed act) into the output directory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..behaviours.registry import credited_acts
from ..engine.simulation import Simulation
from ..events import KINDS
from ..output.atomic import atomic_path, write_text
from ..report.heroes import BUDGET, HORIZON_S, MAX_ACTS, credit_acts, effect
from ..scenario.model import Scenario
from ..parallel.executor import run_tasks

SOMEONE = "someone else"
ENTRIES = 10
ENSEMBLE_BUDGET = BUDGET / 2  # per seed: one replica an act, so half of a run's budget goes far
MARKDOWN, TABLE = "heroes-ensemble.md", "heroes-ensemble.parquet"


@dataclass(frozen=True)
class SeedHeroes:
    seed: int
    happened: frozenset[tuple[str, str]]  # (who, act) that happened in this seed
    credits: tuple[tuple[str, str, int, float, float], ...]  # (who, act, tick, saved at end, at horizon)


def one_seed(seed: int, common: tuple[Scenario, float, int, float]) -> SeedHeroes:
    """Run a seed and replay its acts, one replica each, in this process."""
    scenario, budget, acts, horizon_s = common
    sim = Simulation(scenario, seed)
    sim.run()
    names = sim.people.names
    ev = sim.events.arrays()
    happened = {(names.get(int(actor), SOMEONE), kind)
                for kind in credited_acts() for actor in ev["actor"][ev["kind"] == KINDS.index(kind)]}
    credits = credit_acts(scenario, seed, ev, budget=budget, acts=acts, horizon_s=horizon_s, named=names,
                          looks=(1,))
    return SeedHeroes(seed, frozenset(happened), tuple(
        (names.get(c.act.actor, SOMEONE), c.act.kind, c.act.tick, c.at_end.saved, c.at_horizon.saved)
        for c in credits))


def ensemble_heroes(scenario: Scenario, seeds: list[int], out: Path, *, budget: float = ENSEMBLE_BUDGET,
                    acts: int = MAX_ACTS, horizon_s: float = HORIZON_S, scheduler: Any = None,
                    workers: int | None = None, progress: bool = True,
                    stop: Callable[[], bool] | None = None) -> str:
    """Run and replay every seed (on parallel.executor: a local cluster of one process a
    core, or `scheduler`), then write the article and the table into `out`; returns the article."""
    results: dict[int, SeedHeroes] = {}
    run_tasks(one_seed, seeds, lambda i, r: results.__setitem__(seeds[i], r),
              common=(scenario, budget, acts, horizon_s), scheduler=scheduler, workers=workers,
              progress=progress, description="heroes: seeds", stop=stop)
    done = [results[s] for s in seeds if s in results]
    out.mkdir(parents=True, exist_ok=True)
    rows = [(r.seed, *c) for r in done for c in r.credits]
    table = pa.table({
        "seed": [x[0] for x in rows], "person": [x[1] for x in rows], "act": [x[2] for x in rows],
        "tick": pa.array([x[3] for x in rows], pa.int64()),
        "saved_at_end": pa.array([x[4] for x in rows], pa.float64()),
        "saved_at_horizon": pa.array([x[5] for x in rows], pa.float64())})
    with atomic_path(out / TABLE) as tmp:
        pq.write_table(table, tmp)
    text = ensemble_markdown(scenario.name, done)
    write_text(out / MARKDOWN, text)
    return text


def ensemble_markdown(name: str, results: list[SeedHeroes]) -> str:
    n = len(results)
    happened: dict[tuple[str, str], int] = defaultdict(int)
    saved: dict[tuple[str, str], list[float]] = defaultdict(list)
    for r in results:
        for key in r.happened:
            happened[key] += 1
        for who, kind, _, at_end, _ in r.credits:
            saved[(who, kind)].append(at_end)
    measured = []
    for key, values in saved.items():
        e = effect(np.array(values), 0.90)
        measured.append((key, e, len(values)))
    measured.sort(key=lambda m: (-m[1].saved, m[0]))
    seeds = f"seed {results[0].seed}" if n == 1 else f"{n} seeds" if n else "no seeds"
    lines = [f"# The bravest acts in {name}, over {seeds}", "",
             f"Each seed is an ordinary run; in each, the first act of each kind by each person (the "
             f"story's people first) was played on again from that moment with the act and without it, "
             f"once, with the same dice both times. Lives saved is the difference in survivors at the end "
             f"of the run, averaged over the seeds where the act was replayed, with a 90% interval across "
             f"them. People without a name are counted together as \"{SOMEONE}\".", ""]
    top = [m for m in measured if m[2] >= 2][:ENTRIES]
    if not top:
        lines += ["No act was replayed in two seeds or more.", ""]
    else:
        lines += ["| rank | person | act | happened in | replays | lives saved | 90% interval |",
                  "|---:|---|---|---:|---:|---:|---|"]
        for rank, ((who, kind), e, k) in enumerate(top, 1):
            lines.append(f"| {rank} | {who} | `{kind}` | {happened[(who, kind)]} of {n} | {k} | "
                         f"{e.saved:.1f} | {e.low:.1f} to {e.high:.1f} |")
        lines.append("")
    rest = sorted((k for k in happened if k not in saved), key=lambda k: (-happened[k], k))
    if rest:
        often = ", ".join(f"{who} `{kind}` ({happened[(who, kind)]})" for who, kind in rest[:ENTRIES])
        lines += [f"{len(rest)} acts happened but were never replayed (the budget reached others first); "
                  f"the most frequent, with their seeds: {often}.", ""]
    return "\n".join(lines)


def parse_seeds(text: str) -> list[int]:
    """"1-100", "3", "1,5,9" or "1-10,20": the seeds, in order, each once."""
    seeds: list[int] = []
    for part in text.replace(" ", "").split(","):
        lo, dash, hi = part.partition("-")
        if not lo.isdigit() or (dash and not hi.isdigit()) or (dash and int(hi) < int(lo)):
            raise ValueError(f"found {part!r}; expected a seed (7), a range (1-100) or several joined by "
                             f"commas (1-10,20)")
        for s in range(int(lo), int(hi if dash else lo) + 1):
            if s not in seeds:
                seeds.append(s)
    return seeds
