"""Rear guard: when a group flees through a chokepoint, its bravest member goes last.

A group passes a chokepoint when a member, with zombies in sense, steps for a door or stairs
cell. Then the bravest member near it (within REACH cells, not busy with another act) may step
up, with a chance per tick of `rate` x bravery: they go to the chokepoint and hold it while
anyone else of the group is still within CLOSE cells of it, then `wait` ticks more, and
only then flee themselves. While holding, bitten or not, they keep the zombies in their cell
busy (those do not move on), and fight each with an extra chance `fight` x (0.5 + strength)
per tick of destroying it, before the bites.

Columns: `act` (REAR_GUARD), its own `guard_cell` and `guard_wait`, `forbid`. Acts logged:
"rear_guard" (actor: the guard; target: -1, the group is theirs; cell: the chokepoint); their
kills as "kill".
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform, uniform2
from ..events import KILL, Sink, log_event
from ..people.states import BITTEN, DEAD, HUMAN, ZOMBIE
from ..people.where import Occupants
from ..world.fields import Senses
from ..world.terrain import DOOR, STAIRS
from .actions import Choices
from .behaviour import Behaviour, Step, numbers
from .registry import register


REACH = 6  # cells: how near the chokepoint the one who steps up must be
CLOSE = 2  # cells: a member this near the chokepoint has not yet got through


@dataclass(frozen=True)
class RearGuard:
    """When a fleeing group goes through a door or stairs, its bravest member stays behind it
    to go last, fighting the zombies that come."""

    on: bool = True
    rate: float = 0.3  # chance per tick, times bravery, that the bravest member steps up
    fight: float = 0.2  # extra chance per zombie contact per tick, times 0.5 + strength, to destroy it
    wait: int = 15  # ticks the rear guard holds after the last of the group is through


@njit(inline="always", cache=True)
def _apart(a, b, rows, cols):
    """Cells between two cells on the same floor (the larger of the row and column gaps);
    a large number across floors."""
    plane = rows * cols
    if a // plane != b // plane:
        return 1 << 20
    ra, ca = (a % plane) // cols, a % cols
    rb, cb = (b % plane) // cols, b % cols
    return max(abs(ra - rb), abs(ca - cb))


Guards = namedtuple("Guards", "state cell group bravery forbid act guard_cell guard_wait")
# The world as a rear guard reads it: links, where humans walk, doors and stairs, and the floors' size.
Ground = namedtuple("Ground", "links walk terrain rows cols")


@njit(cache=True)
def stand(seed: int, tick: int, people: Guards, groups: int, ground: Ground, senses: Senses,
          occupants: Occupants, params: RearGuard, choices: Choices, sink: Sink, n: int) -> int:
    """The bravest member near the door or stairs a threatened group goes through steps up
    (people: Guards); guards hold their post while the group passes."""
    state, cell, group, bravery = people.state, people.cell, people.group, people.bravery
    forbid, act, guard_cell, guard_wait = people.forbid, people.act, people.guard_cell, people.guard_wait
    links, walk, terrain, rows, cols = ground.links, ground.walk, ground.terrain, ground.rows, ground.cols
    zombie_near, sense = senses.zombie_near, senses.sense
    rate, wait = params.rate, params.wait
    target, action = choices.target, choices.action
    cell_start, order = occupants.cell_start, occupants.order
    choke = np.full(groups, -1, np.int64)
    guarded = np.zeros(groups, np.bool_)
    for i in range(state.shape[0]):
        g = group[i]
        if g < 0 or not (state[i] == HUMAN or state[i] == BITTEN):
            continue
        if act[i] == REAR_GUARD:
            guarded[g] = True
        t = target[i]
        if choke[g] < 0 and (terrain[t] == DOOR or terrain[t] == STAIRS) and zombie_near[cell[i]] <= sense:
            choke[g] = t
    # The bravest member near each chokepoint, who is free to step up.
    bravest = np.full(groups, -1, np.int64)
    for i in range(state.shape[0]):
        g = group[i]
        if g < 0 or choke[g] < 0 or guarded[g] or state[i] != HUMAN or act[i] != 0:
            continue
        if (forbid[i] >> REAR_GUARD_BIT) & 1 or _apart(cell[i], choke[g], rows, cols) > REACH:
            continue
        if bravest[g] < 0 or bravery[i] > bravery[bravest[g]]:
            bravest[g] = i
    key = stream(seed, tick, GUARD_DRAW)
    for g in range(groups):
        i = bravest[g]
        if i >= 0 and uniform(key, i) < rate * bravery[i] / 255.0:
            act[i] = REAR_GUARD
            guard_cell[i] = choke[g]
            guard_wait[i] = wait
            n = log_event(sink, n, GUARD_EVENT, i, -1, choke[g])
    for i in range(state.shape[0]):
        if act[i] != REAR_GUARD:
            guard_cell[i] = -1
            continue
        if not (state[i] == HUMAN or state[i] == BITTEN):
            act[i] = 0
            guard_cell[i] = -1
            continue
        post = guard_cell[i]
        passing = False
        for j in range(state.shape[0]):
            if (j != i and group[j] == group[i] and (state[j] == HUMAN or state[j] == BITTEN)
                    and _apart(cell[j], post, rows, cols) <= CLOSE):
                passing = True
                break
        if passing:
            guard_wait[i] = wait
        else:
            guard_wait[i] -= 1
            if guard_wait[i] <= 0:
                act[i] = 0
                guard_cell[i] = -1
                continue
        # Step toward the post (or hold it).
        c = cell[i]
        best = c
        best_gap = _apart(c, post, rows, cols)
        for k in range(links.shape[1]):
            nb = links[c, k]
            if nb >= 0 and walk[nb] != 0:
                gap = _apart(nb, post, rows, cols)
                if gap < best_gap:
                    best = nb
                    best_gap = gap
        target[i] = best
        action[i] = REAR_GUARD
        # The zombies that reached the guard are kept busy: they do not get past this tick.
        for j in range(cell_start[c], cell_start[c + 1]):
            if state[order[j]] == ZOMBIE:
                target[order[j]] = c
    return n


@njit(cache=True)
def guard_fights(seed, tick, state, cell, strength, act, occupants, fight, sink, n):
    cell_start, order = occupants.cell_start, occupants.order
    key = stream(seed, tick, GUARD_DRAW)
    for i in range(state.shape[0]):
        if act[i] != REAR_GUARD or not (state[i] == HUMAN or state[i] == BITTEN):
            continue
        c = cell[i]
        for j in range(cell_start[c], cell_start[c + 1]):
            z = order[j]
            if state[z] == ZOMBIE and uniform2(key, i, z) < fight * (0.5 + strength[i] / 255.0):
                state[z] = DEAD
                n = log_event(sink, n, KILL, i, z, c)
    return n


def decide(sim) -> None:
    params, p, w = sim.scenario.behaviours.rear_guard, sim.people, sim.world
    if not len(p.groups):
        return
    sink, n = sim.events.sink()
    ground = Ground(w.links, sim.walk.human, w.terrain, w.rows, w.cols)
    n = stand(sim.seed, sim.tick, p.view(Guards), len(p.groups), ground, sim.senses,
              sim.bins.occupants, numbers(params), sim.choices, sink, n)
    sim.events.wrote(n)


def fight(sim) -> None:
    """The rear guard fights the zombies that reach the chokepoint, as they come (the end of
    the move phase), before the fights in every cell."""
    p = sim.people
    if not (p.act == REAR_GUARD).any():
        return
    sink, n = sim.events.sink()
    n = guard_fights(sim.seed, sim.tick, p.state, p.cell, p.strength, p.act, sim.bins.occupants,
                     sim.scenario.behaviours.rear_guard.fight, sink, n)
    sim.events.wrote(n)


BEHAVIOUR = register(Behaviour(
    "rear_guard", RearGuard,
    columns={"guard_cell": (np.int32, -1),  # the chokepoint a rear guard holds
             "guard_wait": (np.int16, 0)},  # ticks they still hold it once the group is through
    actions=("rear_guard",),
    events=("rear_guard",),
    acts={"rear_guard": "stayed behind in {place} to be the last through, holding off the zombies"},
    streams={"rear_guard": 17},
    steps=(Step("decide", 150, decide, name="stand"), Step("move", 90, fight)),
))
REAR_GUARD, GUARD_EVENT = BEHAVIOUR.action["rear_guard"], BEHAVIOUR.event["rear_guard"]
REAR_GUARD_BIT, GUARD_DRAW = BEHAVIOUR.bit["rear_guard"], BEHAVIOUR.streams["rear_guard"]
