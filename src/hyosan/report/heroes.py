"""Lives saved by each act, measured by counterfactual replay.

For an act by a person at tick t, the run is restored to the start of tick t and played on in
K replicas, each with its own dice: once as it was (the act allowed) and once with the act
suppressed for that person from then on (they do the next best thing instead). Both runs of a
replica share their dice (common random numbers), so their difference in survivors is the
act's effect in that replica. The mean over replicas, with a 90% t-interval, is the credit.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from typing import Callable, Iterable

import numpy as np

from ..behaviours.registry import credited_acts, forbid_bit
from ..engine.simulation import Simulation
from ..events import KINDS
from ..people.states import ESCAPED, HALFBIE, HUMAN
from ..scenario.model import Scenario

SURVIVING = (HUMAN, HALFBIE, ESCAPED)


@dataclass(frozen=True)
class Act:
    tick: int
    kind: str
    actor: int
    cell: int
    target: int = -1  # whom it was for, if one person (events.parquet's `target`)


@dataclass(frozen=True)
class Credit:
    act: Act
    saved: float  # mean lives saved over the replicas
    low: float  # 90% interval
    high: float
    with_act: float  # mean survivors with the act
    without_act: float  # mean survivors without it
    replicas: int


def candidate_acts(events: dict[str, np.ndarray], limit: int, named: Iterable[int] = ()) -> list[Act]:
    """The first act of each kind by each person. The acts of named people (the story's
    characters) come before everyone else's; within each, the kinds take turns (in the order
    of registry.credited_acts, each kind's acts by time), so that a few replays cover many kinds of act."""
    named = set(named)
    queues: dict[bool, list[list[Act]]] = {True: [], False: []}
    for kind in credited_acts():
        rows = np.flatnonzero(events["kind"] == KINDS.index(kind))
        firsts: dict[int, Act] = {}
        for r in rows[np.argsort(events["tick"][rows], kind="stable")]:
            actor = int(events["actor"][r])
            firsts.setdefault(actor, Act(int(events["tick"][r]), kind, actor, int(events["cell"][r]),
                                         int(events["target"][r])))
        for is_named in (True, False):
            queues[is_named].append([a for a in firsts.values() if (a.actor in named) == is_named])
    acts = [a for is_named in (True, False) for turn in zip_longest(*queues[is_named])
            for a in turn if a is not None]
    return acts[:limit]


def replica_seed(seed: int, replica: int) -> int:
    return int(np.random.SeedSequence([seed, 0x4E45524F, replica]).generate_state(1)[0])


def snapshots(scenario: Scenario, seed: int, ticks: Iterable[int]) -> dict[int, dict[str, np.ndarray]]:
    """The state at the start of each given tick, from one replay of the run."""
    sim = Simulation(scenario, seed)
    saved = {}
    for tick in sorted(set(ticks)):
        sim.run(until=tick)
        saved[tick] = {k: v.copy() for k, v in sim.state_arrays().items()}
    return saved


def survivors(scenario: Scenario, snapshot: dict, seed: int, until: int, forbid: tuple[int, int] | None) -> int:
    """Survivors at tick `until` of a replica from a snapshot, with an act forbidden or not."""
    sim = Simulation(scenario, seed)
    sim.restore_arrays(snapshot, reseed=seed)
    if forbid is not None:
        person, bit = forbid
        sim.people.forbid[person] |= np.uint16(1 << bit)
    sim.run(until=until)
    return int(np.isin(sim.people.state, SURVIVING).sum())


def credit_acts(scenario: Scenario, seed: int, events: dict[str, np.ndarray], *, replicas: int = 4,
                acts: int = 6, horizon_s: float | None = 1800.0, named: Iterable[int] = (),
                map_tasks: Callable[[Callable, list], list] | None = None) -> list[Credit]:
    """Credit up to `acts` acts of a run, each over `replicas` replicas, counting survivors
    `horizon_s` seconds after the act (None: at the end of the run); the acts of the `named`
    people are replayed first. Ranked by lives saved."""
    chosen = candidate_acts(events, acts, named)
    saved = snapshots(scenario, seed, [a.tick for a in chosen])
    horizon = scenario.ticks if horizon_s is None else max(1, round(horizon_s / scenario.tick))
    tasks: list[tuple] = []
    for a in chosen:
        until = min(scenario.ticks, a.tick + horizon)
        for r in range(replicas):
            s = replica_seed(seed, r)
            tasks.append((scenario, saved[a.tick], s, until, None))
            tasks.append((scenario, saved[a.tick], s, until, (a.actor, forbid_bit(a.kind))))
    run = map_tasks or (lambda fn, items: [fn(*item) for item in items])
    counts = np.array(run(survivors, tasks), dtype=float).reshape(len(chosen), replicas, 2)
    credits = [_credit(a, c[:, 0], c[:, 1]) for a, c in zip(chosen, counts)]
    return sorted(credits, key=lambda c: (-c.saved, c.act.tick, c.act.actor))


def _credit(act: Act, with_act: np.ndarray, without_act: np.ndarray) -> Credit:
    diff = with_act - without_act
    k = len(diff)
    from scipy.stats import t as student_t  # scipy is slow to import; only needed here

    half = float(student_t.ppf(0.95, k - 1) * diff.std(ddof=1) / np.sqrt(k)) if k > 1 else float("nan")
    mean = float(diff.mean())
    return Credit(act, mean, mean - half, mean + half, float(with_act.mean()), float(without_act.mean()), k)
