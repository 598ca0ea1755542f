"""Lives saved by each act, measured by counterfactual replay.

For an act by a person at tick t, the run is restored to the start of tick t and played on in
replicas, each with its own dice: once as it was (the act allowed) and once with the act
suppressed for that person from then on (they do the next best thing instead). Both runs of a
replica share their dice (common random numbers), so their difference in survivors is the
act's effect in that replica: counted at the end of the run, and `horizon` after the act.

Replicas are added to an act in batches (`LOOKS`) until its interval at the end of the run
excludes zero, or is narrower than `HALF_WIDTH` either side, or the act has `LOOKS[-1]`. An
act is judged after each batch, so each look's interval is a Bonferroni share of the 10% error:
the chance that an act of no effect is credited stays at most 10%. The budget counts simulated
ticks, not seconds, so that the report is the same on any machine and any number of cores.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from typing import Any, Callable, Iterable

import numpy as np

from ..behaviours.registry import credited_acts, forbid_bit
from ..engine.simulation import Simulation
from ..events import KINDS
from ..people.states import ESCAPED, HALFBIE, HUMAN, ZOMBIE, standing_mask
from ..scenario.model import Scenario
from ..world.grid import World

SURVIVING = (HUMAN, HALFBIE, ESCAPED)
ERROR = 0.10  # the chance that an act of no effect is credited, over all its looks
LOOKS = (4, 8, 16, 32)  # replicas at which an act is judged; the last is the most it gets
HALF_WIDTH = 1.0  # lives: an interval this narrow either side settles an act, through zero or not
BUDGET = 16.0  # replays of the whole run's length that the heroes step may make, by default
HORIZON_S = 1200.0  # survivors are also counted this long after each act
MAX_ACTS = 24  # acts considered, named people's first
SCENE_M = 10.0  # metres around an act, on its floor, that its scene counts

MapTasks = Callable[[Callable, list, Any], list]  # (fn, tasks, common) -> [fn(task, common)...]


@dataclass(frozen=True)
class Act:
    tick: int
    kind: str
    actor: int
    cell: int
    target: int = -1  # whom it was for, if one person (events.parquet's `target`)


@dataclass(frozen=True)
class Effect:
    """Lives saved by an act over its replicas: the mean and its interval."""

    saved: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """The interval excludes zero."""
        return self.low > 0 or self.high < 0


@dataclass(frozen=True)
class Scene:
    """Who was around an act when it began: within SCENE_M of it, on its floor."""

    zombies: int
    people: int  # standing (human, bitten or halfbie), the actor included


@dataclass(frozen=True)
class Credit:
    act: Act
    at_end: Effect  # survivors at the end of the run, with the act minus without
    at_horizon: Effect  # the same, `horizon` after the act (or at the end, if sooner)
    with_act: float  # mean survivors at the end with the act
    without_act: float  # and without it
    replicas: int
    stopped: str  # why no more replicas: "clear", "narrow", "cap" or "budget"
    scene: Scene | None = None

    @property
    def saved(self) -> float:
        return self.at_end.saved


def look_level() -> float:
    """The confidence of each look's interval: 1 - ERROR / len(LOOKS)."""
    return 1.0 - ERROR / len(LOOKS)


def effect(diffs: np.ndarray, level: float | None = None) -> Effect:
    """The mean of diffs and its two-sided t-interval (at look_level() by default)."""
    k = len(diffs)
    mean = float(np.mean(diffs))
    if k < 2:
        return Effect(mean, float("-inf"), float("inf"))
    from scipy.stats import t as student_t  # scipy is slow to import; only needed here

    q = float(student_t.ppf(0.5 + (look_level() if level is None else level) / 2, k - 1))
    half = q * float(np.std(diffs, ddof=1)) / np.sqrt(k)
    return Effect(mean, mean - half, mean + half)


def settled(diffs: np.ndarray, cap: int = LOOKS[-1]) -> str | None:
    """Why an act with these replicas (lives saved in each) needs no more, or None."""
    e = effect(diffs)
    if e.clear:
        return "clear"
    if (e.high - e.low) / 2 <= HALF_WIDTH:
        return "narrow"
    if len(diffs) >= cap:
        return "cap"
    return None


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


def snapshots(scenario: Scenario, seed: int, ticks: Iterable[int]) -> tuple[dict[int, dict[str, np.ndarray]], World]:
    """The state at the start of each given tick, from one replay of the run; and its world."""
    sim = Simulation(scenario, seed)
    saved = {}
    for tick in sorted(set(ticks)):
        sim.run(until=tick)
        saved[tick] = {k: v.copy() for k, v in sim.state_arrays().items()}
    return saved, sim.world


def survivors(scenario: Scenario, snapshot: dict, seed: int, horizon: int,
              forbid: tuple[int, int] | None) -> tuple[int, int]:
    """Survivors at tick `horizon` and at the end of a replica from a snapshot, with an act
    forbidden (person, bit) or not."""
    sim = Simulation(scenario, seed)
    sim.restore_arrays(snapshot, reseed=seed)
    if forbid is not None:
        person, bit = forbid
        sim.people.forbid[person] |= np.uint16(1 << bit)
    sim.run(until=horizon)
    early = _count(sim)
    sim.run()
    return early, _count(sim)


def _count(sim: Simulation) -> int:
    return int(np.isin(sim.people.state, SURVIVING).sum())


def replay(task: tuple[int, int, bool], common: tuple) -> tuple[int, int]:
    """One run of a replica: task (act's index, replica, forbidden?); common (scenario, seed,
    acts, snapshots by tick, horizon in ticks)."""
    scenario, seed, acts, saved, horizon = common
    i, replica, forbidden = task
    a = acts[i]
    forbid = (a.actor, forbid_bit(a.kind)) if forbidden else None
    return survivors(scenario, saved[a.tick], replica_seed(seed, replica),
                     min(scenario.ticks, a.tick + horizon), forbid)


def in_process(fn: Callable, tasks: list, common: Any) -> list:
    return [fn(task, common) for task in tasks]


def credit_acts(scenario: Scenario, seed: int, events: dict[str, np.ndarray], *, budget: float = BUDGET,
                acts: int = MAX_ACTS, horizon_s: float = HORIZON_S, named: Iterable[int] = (),
                map_tasks: MapTasks = in_process, looks: tuple[int, ...] = LOOKS) -> list[Credit]:
    """Credit the acts of a run (up to `acts`, the `named` people's first), adding replicas to
    each until it is settled (see the module's doc), within `budget` replays of the whole run's
    length. map_tasks runs the replays (in this process by default; runner passes a map on
    every core, parallel.executor.on_local_cores). `looks`: the replicas at which acts are
    judged (one look of one replica for an ensemble of seeds, whose spread across seeds makes
    the interval). Ranked by lives saved at the end of the run."""
    chosen = candidate_acts(events, acts, named)
    horizon = max(1, round(horizon_s / scenario.tick))
    saved: dict[int, dict[str, np.ndarray]] = {}
    worlds: list[World] = []

    def play(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], tuple[int, ...]]:
        if not saved:  # the first batch has every act that will be replayed
            states, world = snapshots(scenario, seed, {chosen[i].tick for i, _ in pairs})
            saved.update(states)
            worlds.append(world)
        # the longest first (the earliest acts), so that no core waits long for the last
        pairs = sorted(pairs, key=lambda pair: chosen[pair[0]].tick)
        tasks = [(i, r, forbidden) for i, r in pairs for forbidden in (False, True)]
        results = map_tasks(replay, tasks, (scenario, seed, chosen, saved, horizon))
        return {pair: (*with_act, *without_act)
                for pair, with_act, without_act in zip(pairs, results[::2], results[1::2])}

    costs = [2 * (scenario.ticks - a.tick) for a in chosen]
    counts, stopped = replicate(costs, budget * scenario.ticks, play, looks)
    credits = [_credit(chosen[i], np.array(c, dtype=float), stopped[i],
                       scene(worlds[0], saved[chosen[i].tick], chosen[i].cell)) for i, c in counts.items()]
    return sorted(credits, key=lambda c: (-c.saved, c.act.tick, c.act.actor))


def replicate(costs: list[int], budget: float,
              play: Callable[[list[tuple[int, int]]], dict[tuple[int, int], tuple[int, ...]]],
              looks: tuple[int, ...] = LOOKS) -> tuple[dict[int, list[tuple[int, ...]]], dict[int, str]]:
    """The adaptive replicas: acts i = 0, 1, ... each cost costs[i] a replica; play(pairs)
    gives, for each (act, replica) of pairs, its survivors (with at the horizon, with at the end,
    without at the horizon, without at the end). The first look takes the acts that the
    budget has room for, in order; later looks add replicas to those not yet settled while
    there is room. Returns each taken act's results and why it stopped."""
    counts: dict[int, list[tuple[int, ...]]] = {}
    stopped: dict[int, str] = {}
    for look in looks:
        pairs = []
        for i, cost in enumerate(costs):
            if i in stopped or (look > looks[0] and i not in counts):
                continue
            have = len(counts.get(i, ()))
            if cost * (look - have) > budget:
                if i in counts:
                    stopped[i] = "budget"
                continue
            budget -= cost * (look - have)
            counts.setdefault(i, [])
            pairs += [(i, r) for r in range(have, look)]
        if not pairs:
            break
        played = play(pairs)
        for i, r in pairs:
            counts[i].append(played[i, r])
        for i, c in counts.items():
            if i not in stopped:
                why = settled(np.array([x[1] - x[3] for x in c], dtype=float), looks[-1])
                if why:
                    stopped[i] = why
    return counts, {i: stopped.get(i, "budget") for i in counts}


def scene(world: World, snapshot: dict[str, np.ndarray], cell: int) -> Scene:
    """Zombies and standing people within SCENE_M of a cell, on its floor, in a snapshot."""
    floor, row, col = world.position(cell)
    floors, rows, cols = world.position(snapshot["people.cell"])
    steps = np.maximum(np.abs(rows - row), np.abs(cols - col))
    near = (floors == floor) & (steps * world.cell_size <= SCENE_M)
    state = snapshot["people.state"]
    return Scene(int((near & (state == ZOMBIE)).sum()), int((near & standing_mask(state)).sum()))


def _credit(act: Act, counts: np.ndarray, why: str, where: Scene) -> Credit:
    """counts: per replica, survivors (with at horizon, with at end, without at horizon,
    without at end)."""
    return Credit(act, effect(counts[:, 1] - counts[:, 3]), effect(counts[:, 0] - counts[:, 2]),
                  float(counts[:, 1].mean()), float(counts[:, 3].mean()), len(counts), why, where)
