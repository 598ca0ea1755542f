"""Ranged fight: archers shoot the zombies they can see, while their arrows last.

An archer (a [[character]] with skills = ["archery"]) picks the nearest zombie on their floor
within `reach` cells that they can see (a Bresenham line between the two cells crosses no wall,
window or closed door), and shoots with a chance per tick that grows with bravery. A shot uses
an arrow and stands the archer still for the tick; it destroys the zombie with chance `hit`.

Columns: `arrows` (its own; set from `arrows` for archers at the start), `forbid`, `action`. Acts
logged: "shot", a kill at a distance (actor: the archer; target: the zombie; cell: the zombie's).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform2
from ..events import Sink, log_event
from ..people.states import BITTEN, DEAD, HUMAN, ZOMBIE
from ..people.where import Occupants
from ..world.grid import CLOSED
from .actions import Choices
from .behaviour import Behaviour, Step, numbers
from .registry import register


@dataclass(frozen=True)
class Ranged:
    """Archers (characters with skills = ["archery"]) shoot zombies they can see."""

    on: bool = True
    reach: int = 8  # cells: the longest shot
    rate: float = 0.5  # chance per tick, times 0.5 + bravery, that an archer with a target shoots
    hit: float = 0.5  # chance that an arrow destroys its zombie
    arrows: int = 12  # each archer's arrows at the start


@njit(cache=True)
def in_sight(clear, base, cols, r0, c0, r1, c1):
    """Whether every cell strictly between (r0, c0) and (r1, c1) on a floor is clear."""
    dr = abs(r1 - r0)
    dc = abs(c1 - c0)
    sr = 1 if r1 > r0 else -1
    sc = 1 if c1 > c0 else -1
    err = dc - dr
    r = r0
    c = c0
    while True:
        e2 = 2 * err
        if e2 > -dr:
            err -= dr
            c += sc
        if e2 < dc:
            err += dc
            r += sr
        if r == r1 and c == c1:
            return True
        if clear[base + r * cols + c] == 0:
            return False


Archers = namedtuple("Archers", "state cell arrows bravery forbid")
# What an archer sees through: clear (uint8 per cell: no wall, window, void or closed door), and
# the floors' size.
Sight = namedtuple("Sight", "clear rows cols")


@njit(cache=True)
def shoot(seed: int, tick: int, people: Archers, sight: Sight, occupants: Occupants, params: Ranged,
          choices: Choices, sink: Sink, n: int) -> int:
    """Each archer shoots at the nearest zombie in sight within reach (people: Archers)."""
    state, cell, arrows, bravery, forbid = (people.state, people.cell, people.arrows,
                                            people.bravery, people.forbid)
    clear, rows, cols = sight.clear, sight.rows, sight.cols
    reach, rate, hit = params.reach, params.rate, params.hit
    target, action = choices.target, choices.action
    cell_start, order = occupants.cell_start, occupants.order
    key = stream(seed, tick, SHOOT_DRAW)
    plane = rows * cols
    for i in range(state.shape[0]):
        if arrows[i] == 0 or not (state[i] == HUMAN or state[i] == BITTEN) or (forbid[i] >> SHOT_BIT) & 1:
            continue
        c = cell[i]
        base = (c // plane) * plane
        r0 = (c - base) // cols
        c0 = (c - base) % cols
        prey = -1
        nearest = reach * reach + 1
        for r in range(max(r0 - reach, 0), min(r0 + reach + 1, rows)):
            for cc in range(max(c0 - reach, 0), min(c0 + reach + 1, cols)):
                d2 = (r - r0) * (r - r0) + (cc - c0) * (cc - c0)
                if d2 == 0 or d2 >= nearest:
                    continue
                there = base + r * cols + cc
                z = -1
                for j in range(cell_start[there], cell_start[there + 1]):
                    if state[order[j]] == ZOMBIE:
                        z = order[j]
                        break
                if z >= 0 and in_sight(clear, base, cols, r0, c0, r, cc):
                    prey = z
                    nearest = d2
        if prey < 0 or uniform2(key, i, 0) >= rate * (0.5 + bravery[i] / 255.0):
            continue
        arrows[i] -= 1
        target[i] = c
        action[i] = SHOOT
        if uniform2(key, i, 1) < hit:
            state[prey] = DEAD
            n = log_event(sink, n, SHOT, i, prey, cell[prey])
    return n


def decide(sim) -> None:
    p = sim.people
    if not p.arrows.any():
        return
    params, w = sim.scenario.behaviours.ranged, sim.world
    clear = sim.walk.human.copy()  # no wall, window or void
    clear[w.door_cells[sim.doors.state == CLOSED]] = 0
    sink, n = sim.events.sink()
    n = shoot(sim.seed, sim.tick, p.view(Archers), Sight(clear, w.rows, w.cols), sim.bins.occupants,
              numbers(params), sim.choices, sink, n)
    sim.events.wrote(n)


def arm_archers(sim, characters) -> None:
    """Characters with skills = ["archery"] start with `arrows` arrows."""
    for i, ch in enumerate(characters):
        if "archery" in ch.skills:
            sim.people.arrows[i] = sim.scenario.behaviours.ranged.arrows


BEHAVIOUR = register(Behaviour(
    "ranged", Ranged,
    columns={"arrows": (np.uint16, 0)},  # an archer's arrows left
    actions=("shoot",),
    events=("shot",),
    acts={"shot": "shot down a zombie from a distance in {place}"},
    streams={"shoot": 15},
    start=arm_archers,
    steps=(Step("decide", 130, decide, name="shoot"),),  # a shot stands the archer still this tick
))
SHOOT, SHOT, SHOT_BIT = BEHAVIOUR.action["shoot"], BEHAVIOUR.event["shot"], BEHAVIOUR.bit["shot"]
SHOOT_DRAW = BEHAVIOUR.streams["shoot"]
