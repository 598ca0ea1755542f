"""Rescue: a brave and caring person runs to someone a zombie is closing in on, and fights.

A human is threatened when a zombie is within `threat` steps of them (rescuers themselves do
not count: they are there by choice). An unhurt human of bravery at least `brave`, not busy with
another act, not threatened themselves, and within `reach` steps of a threatened person whom
nobody is going to yet, sets off to them with chance `rate` x bravery x altruism per tick. A
rescuer steps toward the nearest threatened person and stays with them; every tick, in the
interact phase before zombies bite, they strike a zombie in their cell and destroy it with
chance `strike` x (0.5 + strength). The rescue ends when nobody within reach is threatened any
more, or when the rescuer is bitten, hurt, or picks someone up.

Columns read: `act`, `forbid`. Events: "rescue_person" when
a rescuer sets off (actor: the rescuer; target: the threatened person nearest to them; cell:
where the rescuer was), and "kill" for their strikes. (The authorities' "rescue" is another act.)
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from ..dice import TIE, stream, uniform, uniform2
from ..events import KILL, Sink, log_event
from ..people.where import people_in
from ..people.states import DEAD, HUMAN, ZOMBIE
from ..world.fields import nearest_source
from .actions import Choices
from .behaviour import Behaviour, Step, numbers
from .registry import register
from .walk import Route, downhill


@dataclass(frozen=True)
class Rescue:
    """Run to a person a zombie is closing in on and strike the zombies around them."""

    on: bool = True
    rate: float = 0.3  # chance per tick, times bravery x altruism, that a person sets off
    brave: float = 0.6  # only people at least this brave set off
    threat: int = 5  # a person is threatened when a zombie is this many steps from them
    reach: int = 10  # steps: how far a rescuer sees a threatened person
    strike: float = 0.3  # chance per tick, times 0.5 + strength, of destroying a zombie in their cell


@njit(parallel=True, cache=True)
def _threatened(state, cell, act, zombie_near, threat, keep):
    """keep[i]: i is a human with a zombie within `threat` steps, and not a rescuer."""
    for i in prange(state.shape[0]):
        keep[i] = state[i] == HUMAN and zombie_near[cell[i]] <= threat and act[i] != RESCUE


def threatened(sim, threat: int) -> np.ndarray:
    """The humans with a zombie within `threat` steps, but rescuers, in increasing id. Read
    from the people in the cells near zombies, unless `threat` reaches beyond what they sense
    (then every cell is within it)."""
    p, f, r = sim.people, sim.fields, sim.rates
    if r.sense < 0 or threat > r.sense:
        keep = np.empty(p.count, np.bool_)
        _threatened(p.state, p.cell, p.act, f.zombie_near, threat, keep)
        return np.flatnonzero(keep).astype(np.int32)
    near = f.cells_near_zombies()
    them = people_in(near[f.zombie_near[near] <= threat], sim.bins.occupants)
    return them[(p.state[them] == HUMAN) & (p.act[them] != RESCUE)]


Rescuers = namedtuple("Rescuers", "state cell bravery altruism injury carrying forbid act")


@njit(cache=True)
def set_off(seed: int, tick: int, ids: np.ndarray, people: Rescuers, zombie_near: np.ndarray,
            to_them: Route, owner: np.ndarray, params: Rescue, choices: Choices, sink: Sink,
            n: int) -> int:
    """ids: the rescuers and everyone within reach of a threatened person, in increasing id
    (the first to set off covers a person); people: Rescuers. to_them: a Route, steps to the
    nearest threatened person, who is owner[cell]."""
    state, cell, bravery, altruism = people.state, people.cell, people.bravery, people.altruism
    injury, carrying, forbid, act = people.injury, people.carrying, people.forbid, people.act
    graph, walk, dist = to_them.graph, to_them.walk, to_them.field
    threat, reach, rate, brave = params.threat, params.reach, params.rate, params.brave
    target, action = choices.target, choices.action
    key = stream(seed, tick, RESCUE_DRAW)
    k_tie = stream(seed, tick, TIE)
    covered = np.zeros(state.shape[0], np.bool_)  # a rescuer is on their way to them
    for i in ids:
        if act[i] == RESCUE and owner[cell[i]] >= 0:
            covered[owner[cell[i]]] = True
    for i in ids:
        a = act[i]
        c = cell[i]
        able = (state[i] == HUMAN and injury[i] == 0 and carrying[i] < 0
                and not (forbid[i] >> RESCUE_BIT) & 1 and dist[c] <= reach)
        if a == RESCUE:
            if not able:
                act[i] = 0
                continue
        elif a == 0:
            if (not able or zombie_near[c] <= threat or bravery[i] < brave * 255.0
                    or owner[c] == i or covered[owner[c]]):
                continue
            if uniform(key, i) >= rate * (bravery[i] / 255.0) * (altruism[i] / 255.0):
                continue
            act[i] = RESCUE
            covered[owner[c]] = True
            n = log_event(sink, n, RESCUE_PERSON, i, owner[c], c)
        else:
            continue
        target[i] = downhill(graph, walk, dist, c, k_tie, i)
        action[i] = RESCUE
    return n


@njit(cache=True)
def strikes(seed, tick, state, cell, act, strength, occupants, strike, sink, n):
    """Each rescuer strikes at the zombies in their cell, destroying at most one per tick."""
    cell_start, order = occupants.cell_start, occupants.order
    key = stream(seed, tick, RESCUE_DRAW)
    for i in range(state.shape[0]):
        if act[i] != RESCUE or state[i] != HUMAN:
            continue
        c = cell[i]
        p = strike * (0.5 + strength[i] / 255.0)
        for jj in range(cell_start[c], cell_start[c + 1]):
            z = order[jj]
            if state[z] == ZOMBIE and uniform2(key, i, z) < p:
                state[z] = DEAD
                n = log_event(sink, n, KILL, i, z, c)
                break
    return n


def decide(sim) -> None:
    params = sim.scenario.behaviours.rescue
    p, w = sim.people, sim.world
    rescuers = p.act == RESCUE
    people = threatened(sim, params.threat)
    if not len(people):
        p.act[rescuers] = 0
        return
    dist, owner, cells = sim.scratch.field, _owner_scratch(sim), sim.scratch.cells
    reached = nearest_source(w.links, sim.walk.human, p.cell[people], people, params.reach, dist,
                             owner, cells)
    # set_off looks at the rescuers and at whoever stands within reach of a threatened person
    may_act = people_in(cells[:reached], sim.bins.occupants, also=rescuers)
    sink, n = sim.events.sink()
    n = set_off(sim.seed, sim.tick, may_act, p.view(Rescuers), sim.fields.zombie_near,
                Route(w.graph, sim.walk.human, dist), owner, numbers(params), sim.choices, sink, n)
    sim.events.wrote(n)


def strike(sim) -> None:
    """Rescuers strike the zombies in their cell before the zombies bite."""
    p = sim.people
    sink, n = sim.events.sink()
    n = strikes(sim.seed, sim.tick, p.state, p.cell, p.act, p.strength, sim.bins.occupants,
                sim.scenario.behaviours.rescue.strike, sink, n)
    sim.events.wrote(n)


def _owner_scratch(sim) -> np.ndarray:
    owner = getattr(sim.scratch, "rescue_owner", None)
    if owner is None or len(owner) != sim.world.cells:
        owner = np.empty(sim.world.cells, np.int32)
        sim.scratch.rescue_owner = owner
    return owner


BEHAVIOUR = register(Behaviour(
    "rescue", Rescue,
    actions=("rescue_person",),
    events=("rescue_person",),
    acts={"rescue_person": "ran to {target} as the zombies closed in, in {place}, and fought for them"},
    streams={"rescue_person": 22},
    steps=(Step("decide", 100, decide, name="set_off"), Step("interact", 20, strike)),
))
RESCUE, RESCUE_PERSON = BEHAVIOUR.action["rescue_person"], BEHAVIOUR.event["rescue_person"]
RESCUE_BIT, RESCUE_DRAW = BEHAVIOUR.bit["rescue_person"], BEHAVIOUR.streams["rescue_person"]
