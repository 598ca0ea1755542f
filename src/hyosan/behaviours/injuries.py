"""Injuries: people get hurt, and the hurt are slow or cannot walk.

Two ways to get hurt, each checked in the interact phase. A person fleeing (action FLEE) who is
on stairs or in a full cell falls with chance `fall` x (1.5 - strength) per tick: running down
stairs, or pushed in a crush, the weak fall more easily. A person who destroys a zombie hand to
hand (a "kill" event) is hurt with chance `fight`. Of the injured, a share `immobile` cannot
walk at all; the rest are slowed, and make the step they want with chance `slow` per tick.
Injuries do not heal during a run.

The move phase holds people back before anyone steps (`hold_back`): those who cannot walk stay,
the slowed and carriers (behaviours.carry) step less often, and the carried do not walk at all.

Parameters: [behaviours.injuries] (and carry's `pace`). Columns: its own `injury` (0 unhurt, 1
slowed, 2 cannot walk; set for characters hurt from the start), `carrying` (behaviours.carry).
Events: "injured" (actor: the injured person; target: the zombie they fought, or -1 for a fall;
cell: where).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit, prange

from ..dice import stream, uniform, uniform2
from ..events import KILL, Sink, log_event
from ..people.states import standing, DEAD, ESCAPED, ZOMBIE
from ..people.where import Occupants
from ..world.terrain import STAIRS
from .actions import FLEE
from .behaviour import Behaviour, Step, numbers
from .registry import register


@dataclass(frozen=True)
class Injuries:
    """People get hurt: falling while fleeing on stairs or in a full cell, or fighting a zombie
    hand to hand. The injured are slowed, or cannot walk at all."""

    on: bool = True
    fall: float = 0.002  # chance per tick that a fleeing person on stairs or in a full cell falls
    fight: float = 0.1  # chance that a person who destroys a zombie in melee is hurt
    immobile: float = 0.3  # share of the injured who cannot walk (the rest are slowed)
    slow: float = 0.4  # chance per tick that a slowed person makes the step they want

SLOWED, IMMOBILE = 1, 2
_SEVERITY = 0x7FFFFFFF  # draw number of the severity draw (other draws are numbered by person)


@njit(inline="always", cache=True)
def _severity(key, person, immobile):
    return IMMOBILE if uniform2(key, person, _SEVERITY) < immobile else SLOWED


@njit(cache=True)
def carried_mask(state, carrying, carriers):
    """Who is being carried now (by a carrier still on their feet); carriers: everyone with
    carrying >= 0."""
    carried = np.zeros(state.shape[0], np.bool_)
    for i in carriers:
        if standing(state[i]):
            carried[carrying[i]] = True
    return carried


Fallers = namedtuple("Fallers", "state cell injury carrying strength")


@njit(cache=True)
def falls(seed: int, tick: int, people: Fallers, fleeing: np.ndarray, carriers: np.ndarray,
          terrain: np.ndarray, capacity: int, occupants: Occupants, params: Injuries, sink: Sink,
          n: int) -> int:
    """Those fleeing (people: Fallers; `fleeing` lists them, in increasing id) may fall on
    stairs or in a crowded cell. `carriers`: everyone carrying someone."""
    state, cell, injury, carrying = people.state, people.cell, people.injury, people.carrying
    strength = people.strength
    fall, immobile = params.fall, params.immobile
    cell_start, order = occupants.cell_start, occupants.order
    key = stream(seed, tick, INJURY)
    carried = carried_mask(state, carrying, carriers)
    for i in fleeing:
        if injury[i] != 0 or carried[i] or not standing(state[i]):
            continue
        c = cell[i]
        crowded = False
        if capacity > 0:
            living = 0
            for j in range(cell_start[c], cell_start[c + 1]):
                s = state[order[j]]
                living += s != DEAD and s != ESCAPED
            crowded = living >= capacity
        weak = 1.5 - strength[i] / 255.0
        if (terrain[c] == STAIRS or crowded) and uniform(key, i) < fall * weak:
            injury[i] = _severity(key, i, immobile)
            n = log_event(sink, n, INJURED, i, -1, c)
    return n


@njit(cache=True)
def fight_wounds(seed, tick, state, injury, fight, immobile, sink,
                 first, n):
    """Hurt, with chance `fight`, the people who destroyed a zombie in events first..n-1."""
    key = stream(seed, tick, INJURY)
    end = n
    for e in range(first, end):
        h = sink.actor[e]
        if sink.kind[e] != KILL or h < 0 or injury[h] != 0 or not standing(state[h]):
            continue
        if uniform2(key, h, sink.target[e]) < fight:
            injury[h] = _severity(key, h, immobile)
            n = log_event(sink, n, INJURED, h, sink.target[e],
                          sink.cell[e])
    return n


@njit(parallel=True, cache=True)
def hold_back(seed, tick, state, cell, target, injury, carrying, strength, slow, pace):
    """Keep in place, before the move, those whose injuries or load stop this tick's step."""
    key = stream(seed, tick, PACE)
    for i in prange(state.shape[0]):
        j = carrying[i]
        if j >= 0 and standing(state[i]):
            target[j] = cell[j]  # the carried go where their carrier goes (carry.follow)
    for i in prange(state.shape[0]):
        c = cell[i]
        if target[i] == c or state[i] == ZOMBIE:
            continue
        if injury[i] == IMMOBILE:
            target[i] = c
            continue
        p = slow if injury[i] == SLOWED else 1.0
        if carrying[i] >= 0:
            p *= pace * (0.5 + strength[i] / 255.0)
        if p < 1.0 and uniform(key, i) >= p:
            target[i] = c


def slow_down(sim) -> None:
    """Before anyone steps: the hurt and carriers may not make their step this tick."""
    p, acts = sim.people, sim.scenario.behaviours
    carrying = acts.carry.on and (p.carrying >= 0).any()  # (only carry picks anyone up)
    if not carrying and not p.injury.any():
        return  # nobody hurt and nobody carrying: nobody is held back
    hold_back(sim.seed, sim.tick, p.state, p.cell, sim.scratch.target, p.injury, p.carrying,
              p.strength, acts.injuries.slow, acts.carry.pace)


def hurt(sim) -> None:
    """After the fights: falls, and wounds of the kills in this phase's fights so far (the
    rescuers' strikes and the fights in cells: the sink's events from slot 0)."""
    params = sim.scenario.behaviours.injuries
    p, w = sim.people, sim.world
    sink, n = sim.events.sink()
    n = fight_wounds(sim.seed, sim.tick, p.state, p.injury, params.fight, params.immobile, sink, 0, n)
    # the two lists are made by numpy, several times faster at this than a kernel
    n = falls(sim.seed, sim.tick, p.view(Fallers), np.flatnonzero(p.action == FLEE),
              np.flatnonzero(p.carrying >= 0), w.terrain, w.capacity, sim.bins.occupants,
              numbers(params), sink, n)
    sim.events.wrote(n)


def hurt_from_the_start(sim, characters) -> None:
    """Characters with `injury = "slow"` or `"immobile"` start hurt."""
    for i, ch in enumerate(characters):
        sim.people.injury[i] = ("none", "slow", "immobile").index(ch.injury)


BEHAVIOUR = register(Behaviour(
    "injuries", Injuries,
    columns={"injury": (np.uint8, 0)},  # 0 unhurt, 1 slowed, 2 cannot walk
    events=("injured",),
    streams={"injury": 20, "pace": 23},
    start=hurt_from_the_start,
    # the hurt are held back even with injuries off (some start hurt)
    steps=(Step("move", 10, slow_down, on=lambda s: True), Step("interact", 60, hurt)),
))
INJURED = BEHAVIOUR.event["injured"]
INJURY, PACE = BEHAVIOUR.streams["injury"], BEHAVIOUR.streams["pace"]
