"""Carry: a caring person picks up an injured groupmate instead of leaving them behind.

An unhurt human who has seen a zombie (`alert`) and is not busy with another act, next to an
injured human of their own group (same cell or a linked one), picks them up with chance
`rate` x altruism x (0.5 + strength) per tick; people with altruism of at least `stranger` pick
up anyone injured. From then on the carried person is where the carrier is (`follow`, after
each move; if the carrier escapes, so do they), and the carrier makes their step with chance
`pace` x (0.5 + strength) per tick (injuries.hold_back). The carrier goes on deciding their own
steps; they put their load down only when one of them stops standing (bitten people still carry
and are carried), when the carrier can no longer walk or takes up another act (a decoy), or
when carrying is forbidden to them.

Columns: its own `carrying` (whom, -1 for nobody), `act`, `forbid`, `injury`, `alert`. Events:
"carry" when someone is picked up (actor: the carrier; target: the carried person; cell: where).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import stream, uniform
from ..events import ESCAPE, Sink, log_event
from ..people.states import standing, ESCAPED, HUMAN, ZOMBIE
from ..people.where import Occupants
from .behaviour import Behaviour, Step, numbers
from .injuries import IMMOBILE, carried_mask
from .registry import register


@dataclass(frozen=True)
class Carry:
    """Pick up an injured groupmate (or, for the very caring, any injured person) and carry
    them: they go where the carrier goes, and the carrier is slower."""

    on: bool = True
    rate: float = 0.5  # chance per tick, times altruism x (0.5 + strength), of picking someone up
    stranger: float = 0.8  # altruism from which a person picks up people outside their group
    pace: float = 0.6  # chance per tick, times 0.5 + strength, that a carrier makes their step


Bearers = namedtuple("Bearers", "state cell alert group altruism strength injury forbid act carrying "
                                "action")


@njit(cache=True)
def _injured_beside(people: Bearers, carried: np.ndarray, links: np.ndarray, occupants: Occupants,
                    i: int, anyone: bool, waiting: np.ndarray) -> int:
    """An injured human in i's cell or a linked one whom i may pick up; -1 if none."""
    state, cell, group, injury = people.state, people.cell, people.group, people.injury
    carrying = people.carrying
    cell_start, order = occupants.cell_start, occupants.order
    c = cell[i]
    for k in range(-1, links.shape[1]):
        nb = c if k < 0 else links[c, k]
        if nb < 0 or not waiting[nb]:
            continue
        for jj in range(cell_start[nb], cell_start[nb + 1]):
            j = order[jj]
            if (j != i and injury[j] != 0 and state[j] == HUMAN and not carried[j]
                    and carrying[j] < 0 and (anyone or (group[i] >= 0 and group[j] == group[i]))):
                return j
    return -1


@njit(cache=True)
def pick_up(seed: int, tick: int, people: Bearers, carriers: np.ndarray, injured: np.ndarray,
            links: np.ndarray, occupants: Occupants, params: Carry, sink: Sink, n: int) -> int:
    """people: Bearers; carriers: everyone with carrying >= 0; injured: everyone with
    injury != 0; both in increasing id."""
    state, cell, alert, altruism = people.state, people.cell, people.alert, people.altruism
    strength, injury, forbid, act = people.strength, people.injury, people.forbid, people.act
    carrying, action = people.carrying, people.action
    rate, stranger = params.rate, params.stranger
    cell_start = occupants.cell_start
    for i in carriers:
        j = carrying[i]
        if (not standing(state[i]) or not standing(state[j]) or injury[i] == IMMOBILE
                or act[i] != CARRY or (forbid[i] >> CARRY_BIT) & 1):
            carrying[i] = -1
            if act[i] == CARRY:
                act[i] = 0
        else:
            action[i] = CARRY
    carriers = carriers[carrying[carriers] >= 0]
    carried = carried_mask(state, carrying, carriers)
    waiting = np.zeros(cell_start.shape[0] - 1, np.bool_)  # cells with someone to pick up
    spots = np.empty(injured.shape[0], np.int32)
    k = 0
    for j in injured:
        if state[j] == HUMAN and not carried[j] and carrying[j] < 0:
            waiting[cell[j]] = True
            spots[k] = cell[j]
            k += 1
    key = stream(seed, tick, CARRY_DRAW)
    for i in _near(np.unique(spots[:k]), links, occupants):
        if carrying[i] >= 0:
            continue
        if (state[i] != HUMAN or alert[i] == 0 or injury[i] != 0 or carried[i] or act[i] != 0
                or (forbid[i] >> CARRY_BIT) & 1):
            continue
        keen = altruism[i] / 255.0
        if uniform(key, i) >= rate * keen * (0.5 + strength[i] / 255.0):
            continue
        j = _injured_beside(people, carried, links, occupants, i, keen >= stranger, waiting)
        if j < 0:
            continue
        carrying[i] = j
        carried[j] = True
        act[i] = CARRY
        action[i] = CARRY
        n = log_event(sink, n, CARRY_EVENT, i, j, cell[i])
    return n


@njit(cache=True)
def _near(cells, links, occupants):
    """The people standing in the cells or linked to them, in increasing id: nobody else could
    reach anyone there this tick."""
    cell_start, order = occupants.cell_start, occupants.order
    count = 0
    for twice in range(2):
        if twice:
            near = np.empty(count, np.int32)
            count = 0
        for c in cells:
            for k in range(-1, links.shape[1]):
                nb = c if k < 0 else links[c, k]
                if nb >= 0:
                    for j in range(cell_start[nb], cell_start[nb + 1]):
                        if twice:
                            near[count] = order[j]
                        count += 1
    return np.unique(near)


@njit(cache=True)
def follow(carriers, state, cell, carrying, act, headcount, capacity, sink, n):
    """After the move: the carried are where their carriers are; they leave with them. A carrier
    who stepped into a cell with no room for the one they carry steps back to them; if that
    cell has filled up meanwhile, they put their load down. headcount: standing people per cell
    (zombies too), where carriers and the carried stand."""
    for i in carriers:
        j = carrying[i]
        if not standing(state[j]):
            continue
        if state[i] == ESCAPED:
            state[j] = ESCAPED
            cell[j] = cell[i]
            carrying[i] = -1
            n = log_event(sink, n, ESCAPE, j, -1, cell[i])
        elif standing(state[i]) and cell[j] != cell[i]:
            here, there = cell[j], cell[i]
            if capacity <= 0 or headcount[there] < capacity:
                headcount[here] -= 1
                headcount[there] += 1
                cell[j] = there
            elif headcount[here] < capacity:
                headcount[there] -= 1
                headcount[here] += 1
                cell[i] = here
            else:
                carrying[i] = -1
                act[i] = 0
    return n


def decide(sim) -> None:
    params = sim.scenario.behaviours.carry
    p = sim.people
    carriers, injured = np.flatnonzero(p.carrying >= 0), np.flatnonzero(p.injury != 0)
    if not len(carriers) and not len(injured):
        return  # nobody to carry and nobody carrying: the kernel would change nothing
    sink, n = sim.events.sink()
    n = pick_up(sim.seed, sim.tick, p.view(Bearers), carriers, injured, sim.world.links,
                sim.bins.occupants, numbers(params), sink, n)
    sim.events.wrote(n)


def bring_along(sim) -> None:
    """After the steps: the carried follow their carriers, as far as there is room."""
    p, w = sim.people, sim.world
    carriers = np.flatnonzero(p.carrying >= 0)
    if not len(carriers):
        return
    wanted = np.zeros(w.cells, np.bool_)
    wanted[p.cell[carriers]] = wanted[p.cell[p.carrying[carriers]]] = True
    headcount = np.zeros(w.cells, np.int32)
    count_standing(p.state, p.cell, wanted, headcount)
    sink, n = sim.events.sink()
    n = follow(carriers, p.state, p.cell, p.carrying, p.act, headcount, w.capacity, sink, n)
    sim.events.wrote(n)


@njit(cache=True)
def count_standing(state, cell, wanted, headcount):
    """headcount[c]: the people standing in c, zombies too, for the cells wanted."""
    for i in range(state.shape[0]):
        c = cell[i]
        if wanted[c]:  # first: rarely true, so well predicted
            s = state[i]
            headcount[c] += standing(s) or s == ZOMBIE


BEHAVIOUR = register(Behaviour(
    "carry", Carry,
    columns={"carrying": (np.int32, -1)},  # whom the person carries, -1 for nobody
    actions=("carry",),
    events=("carry",),
    acts={"carry": "picked up {target}, hurt, in {place} and carried them instead of leaving them "
                   "behind"},
    streams={"carry": 21},
    steps=(Step("decide", 90, decide, name="pick_up"), Step("move", 60, bring_along)),
))
CARRY, CARRY_EVENT, CARRY_BIT = BEHAVIOUR.action["carry"], BEHAVIOUR.event["carry"], BEHAVIOUR.bit["carry"]
CARRY_DRAW = BEHAVIOUR.streams["carry"]
