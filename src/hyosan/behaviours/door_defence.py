"""Holding and barricading doors.

When zombies come near a closed door of a shelter, people inside may go to it and defend it.
While zombies are near but not yet pushing, those at the door pile furniture against it
(raising its strength, up to a limit); once zombies push on it, they hold it (each holder takes
some strength off every tick's damage). Bravery makes a person likelier to go.

Two tables of parameters, [behaviours.hold_door] and [behaviours.barricade]. Columns read: `act`
(TO_DOOR on the way, then HOLD_DOOR or BARRICADE), `forbid`; doors' `pressure` (pushes in the last
tick) and `strength`; sets doors' `held`, which slows their wear (engine.move). Acts logged when
someone starts at the door: "hold_door" and "barricade" (actor: the person; cell: the door).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import njit

from ..dice import TIE, stream, uniform, uniform2
from ..events import Sink, log_event
from ..people.where import people_in
from ..people.states import BITTEN, HALFBIE, HUMAN
from ..shares import pick
from ..world.fields import distance_field_by_levels
from ..world.grid import CLOSED
from .actions import Choices
from .behaviour import Behaviour, Step, numbers
from .registry import register
from .walk import Route


REACH = 10  # steps: how far inside a shelter people notice a door that needs defending


@dataclass(frozen=True)
class HoldDoor:
    """Lean on a closed door that zombies push on, to slow its breaking."""

    on: bool = True
    rate: float = 0.5  # chance per tick, times bravery, that a person by the door starts holding
    hold: float = 1.0  # a door wears at 1 / (1 + hold x the holders' power), power 0.5 + strength each


@dataclass(frozen=True)
class Barricade:
    """Pile furniture against a closed door while zombies are near but not yet pushing."""

    on: bool = True
    rate: float = 0.3  # chance per tick that a person by the door starts barricading
    build: float = 2.0  # strength added per barricader per tick
    most: float = 300.0  # a door's strength is not raised above this


@njit(cache=True)
def _door_beside(links, door_of_cell, door_state, c):
    for k in range(4):
        nb = links[c, k]
        if nb >= 0:
            d = door_of_cell[nb]
            if d >= 0 and door_state[d] == CLOSED:
                return d
    return -1


@njit(cache=True)
def _toward(links, walk, field, c, key, person):
    best = c
    best_value = float(field[c])
    for k in range(4):
        nb = links[c, k]
        if nb >= 0 and walk[nb] != 0:
            v = field[nb] + 0.9 * uniform2(key, person, k)
            if v < best_value:
                best = nb
                best_value = v
    return best


@njit(inline="always", cache=True)
def _living(s):
    return s == HUMAN or s == BITTEN or s == HALFBIE


Defenders = namedtuple("Defenders", "state cell bravery strength forbid act")
# The doors as defend_doors reads them: the world's (cells, of_cell) and engine.state.Doors'.
DoorArrays = namedtuple("DoorArrays", "cells of_cell state strength pressure holders")


@njit(cache=True)
def defend_doors(seed: int, tick: int, ids: np.ndarray, people: Defenders, to_door: Route,
                 doors: DoorArrays, hold: HoldDoor, bar: Barricade, choices: Choices, sink: Sink,
                 n: int) -> int:
    """ids: those on the way to a door or at one, and everyone within reach of one, in
    increasing id (nobody else would do anything); people: Defenders. to_door: a Route, steps to
    a cell beside a door that needs defending (through shelter cells). doors: DoorArrays; its
    holders (per door) is filled with the summed holding power, 0.5 + strength of each."""
    state, cell, bravery, muscle = people.state, people.cell, people.bravery, people.strength
    forbid, act = people.forbid, people.act
    links, walk = to_door.graph.links, to_door.walk
    door_cells, door_of_cell, door_state = doors.cells, doors.of_cell, doors.state
    door_strength, pressure, holders = doors.strength, doors.pressure, doors.holders
    hold_on, hold_rate = hold.on, hold.rate
    bar_on, bar_rate, build, most = bar.on, bar.rate, bar.build, bar.most
    steps = to_door.field
    target, action = choices.target, choices.action
    k_hold = stream(seed, tick, HOLD_DRAW)
    k_bar = stream(seed, tick, BARRICADE_DRAW)
    k_tie = stream(seed, tick, TIE)
    holders[:] = 0.0
    for i in ids:
        a = act[i]
        if a != 0 and a != TO_DOOR and a != HOLD_DOOR and a != BARRICADE:
            continue  # busy with another act
        c = cell[i]
        if not _living(state[i]) or steps[c] > REACH:
            act[i] = 0
            continue
        may_hold = hold_on and not (forbid[i] >> HOLD_BIT) & 1
        may_bar = bar_on and not (forbid[i] >> BARRICADE_BIT) & 1
        keen = bravery[i] / 255.0
        if steps[c] > 0:
            if a == 0:
                rate = max(hold_rate if may_hold else 0.0, bar_rate if may_bar else 0.0) * keen
                if uniform(k_hold, i) >= rate:
                    continue
            act[i] = TO_DOOR
            target[i] = _toward(links, walk, steps, c, k_tie, i)
            action[i] = TO_DOOR
            continue
        d = _door_beside(links, door_of_cell, door_state, c)
        if d < 0:
            act[i] = 0
            continue
        if pressure[d] > 0 and may_hold:
            if a == 0 and uniform(k_hold, i) >= hold_rate * keen:
                continue
            if a != HOLD_DOOR:
                n = log_event(sink, n, HOLD_EVENT, i, -1,
                              door_cells[d])
            act[i] = HOLD_DOOR
            holders[d] += 0.5 + muscle[i] / 255.0
        elif pressure[d] == 0 and may_bar and door_strength[d] < most:
            if a == 0 and uniform(k_bar, i) >= bar_rate * keen:
                continue
            if a != BARRICADE:
                n = log_event(sink, n, BARRICADE_EVENT, i, -1,
                              door_cells[d])
            act[i] = BARRICADE
            door_strength[d] = min(most, door_strength[d] + build)
        else:
            act[i] = 0
            continue
        target[i] = c
        action[i] = act[i]
    return n


@njit(cache=True)
def _zombies_beside(links, door_cells, zombie_near):
    """How near zombies are to each door, read on its four sides: a closed door is out of the
    zombies' field."""
    near = np.full(door_cells.shape[0], np.iinfo(np.int32).max, np.int32)
    for d in range(door_cells.shape[0]):
        for k in range(4):
            nb = links[door_cells[d], k]
            if nb >= 0:
                near[d] = min(near[d], zombie_near[nb])
    return near


def door_field(sim) -> tuple[np.ndarray, np.ndarray] | None:
    """Steps, through shelter cells, to a cell beside a closed door that zombies push on or
    come near (REACH + 1 and beyond: no such door), and the cells within REACH; None when no
    door needs defending."""
    w, doors, f = sim.world, sim.doors, sim.fields
    closed = np.flatnonzero(doors.state == CLOSED)
    near = _zombies_beside(w.links, w.door_cells[closed], f.zombie_near)
    needy = closed[(doors.pressure[closed] > 0) | (near < sim.rates.sense)]
    if not len(needy):
        return None
    beside = w.links[w.door_cells[needy], :4].reshape(-1)
    beside = beside[beside >= 0]
    shelter = sim.walk.shelter  # shelters not yet abandoned (behaviours.upkeep)
    beside = np.unique(beside[shelter[beside] != 0]).astype(np.int32)
    inside = (sim.walk.human & shelter).astype(np.uint8)
    field, cells = sim.scratch.field, sim.scratch.cells
    distance_field_by_levels(w.graph, inside, beside, np.zeros(len(beside), np.int32), REACH,
                             field, sim.fields.levels)
    return field, pick(field <= REACH, cells)


def decide(sim) -> None:
    hold, bar = sim.scenario.behaviours.hold_door, sim.scenario.behaviours.barricade
    w, p, doors = sim.world, sim.people, sim.doors
    defending = (p.act == TO_DOOR) | (p.act == HOLD_DOOR) | (p.act == BARRICADE)
    needed = door_field(sim)
    if needed is None:
        doors.held[:] = 0.0
        p.act[defending] = 0
        return
    to_door, near_doors = needed
    ids = people_in(near_doors, sim.bins.occupants, also=defending)
    route = Route(w.graph, sim.walk.human, to_door)
    arrays = DoorArrays(w.door_cells, w.door_of_cell, doors.state, doors.strength, doors.pressure,
                        doors.holders)
    sink, n = sim.events.sink()
    n = defend_doors(sim.seed, sim.tick, ids, p.view(Defenders), route, arrays, numbers(hold),
                     numbers(bar), sim.choices, sink, n)
    sim.events.wrote(n)
    doors.held[:] = doors.holders.astype(np.float64) * (hold.hold if hold.on else 0.0)


HOLD = register(Behaviour(
    "hold_door", HoldDoor,
    actions=("hold_door",),
    events=("hold_door",),
    acts={"hold_door": "held the door of {place} shut against the zombies pushing on it"},
    streams={"hold_door": 11},
))
BARRICADING = register(Behaviour(
    "barricade", Barricade,
    actions=("barricade", "to_door"),
    events=("barricade",),
    acts={"barricade": "piled furniture against the door of {place} before the zombies reached it"},
    streams={"barricade": 12},
    steps=(Step("decide", 80, decide, name="defend_doors",
                on=lambda s: s.behaviours.hold_door.on or s.behaviours.barricade.on),),
))
HOLD_DOOR, HOLD_EVENT, HOLD_BIT = HOLD.action["hold_door"], HOLD.event["hold_door"], HOLD.bit["hold_door"]
HOLD_DRAW = HOLD.streams["hold_door"]
BARRICADE, TO_DOOR = BARRICADING.action["barricade"], BARRICADING.action["to_door"]
BARRICADE_EVENT, BARRICADE_BIT = BARRICADING.event["barricade"], BARRICADING.bit["barricade"]
BARRICADE_DRAW = BARRICADING.streams["barricade"]
