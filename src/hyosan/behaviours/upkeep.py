"""Upkeep: a shelter's needs run down with the people in it, and someone may tend them.

Every shelter room has three needs, sanitation, water and food, each a stock in person-hours:
each person standing in the room uses `decay` of each per hour. When one runs out the room is
abandoned for good: it is no longer a shelter, and the people in it stop hiding and go looking
for safety elsewhere. A caring person in the room may tend the lowest need once it is below
half its starting stock (an improvised toilet, water fetched from a tap), adding `restore`;
those with skills = ["upkeep"] twice as readily. Needs run down even with upkeep off (set
`decay = 0` to have none).

State: `Needs` (per room, saved with the run; `sim.states["upkeep"]`) and the walk's shelter
mask, which leaves out abandoned rooms. Columns read: `forbid`, `alert`, `action`.
Acts logged: "upkeep" (actor: the person; target: -1, the room is theirs; cell: theirs).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass

import numpy as np
from numba import get_num_threads, njit, prange

from ..dice import stream, uniform
from ..events import Sink, log_event
from ..shares import share
from ..people.states import BITTEN, HALFBIE, HUMAN, SKILLS
from .actions import Choices
from .behaviour import Behaviour, Step
from .registry import register


NEEDS = ("sanitation", "water", "food")
_HOUR = 3600.0
HANDY = SKILLS.index("upkeep")  # a skilled person tends twice as readily


@dataclass(frozen=True)
class Upkeep:
    """Tend a shelter's needs (sanitation, water, food), which its people use up; when one runs
    out, everyone must leave. Stocks are in person-hours."""

    on: bool = True
    rate: float = 1.0  # chance per hour, times altruism, that a sheltered person tends a need below half
    decay: float = 1.0  # stock of each need that each person in the room uses per hour
    restore: float = 3.0  # stock one act of upkeep adds to the room's lowest need
    sanitation: float = 40.0  # starting stock of each shelter room
    water: float = 80.0
    food: float = 120.0


@dataclass(eq=False)
class Needs:
    stock: np.ndarray  # float64 (rooms, 3): person-hours left of each need
    abandoned: np.ndarray  # uint8 per room: a need ran out and everyone must leave

    @classmethod
    def of(cls, sim) -> "Needs":  # behaviour.BehaviourState
        params, rooms = sim.scenario.behaviours.upkeep, len(sim.world.rooms)
        full = np.array([getattr(params, k) for k in NEEDS], np.float64)
        return cls(np.tile(full, (rooms, 1)), np.zeros(rooms, np.uint8))

    def arrays(self) -> dict[str, np.ndarray]:
        return {"stock": self.stock, "abandoned": self.abandoned}

    def restore(self, sim, arrays: dict[str, np.ndarray]) -> None:
        self.stock[:] = arrays["stock"]
        self.abandoned[:] = arrays["abandoned"]
        sim.walk.shelter[:] = shelter_mask(sim.world, self.abandoned)


@njit(parallel=True, cache=True)
def sheltering(state, cell, zone, in_shelter, parts, rooms):
    """How many people (humans, the bitten, halfbies) stand in each shelter room's cells."""
    by_part = np.zeros((parts, rooms), np.int64)
    for part in prange(parts):
        # Its own memory (no false sharing), in four rows taken in turn: most sheltering people
        # are in one room, and one row would make each count wait for the one before.
        mine = np.zeros((4, rooms), np.int64)
        lo, hi = share(part, parts, state.shape[0])
        for i in range(lo, hi):
            s = state[i]
            c = cell[i]
            if (s == HUMAN or s == BITTEN or s == HALFBIE) and in_shelter[c] != 0:
                mine[i & 3, zone[c]] += 1
        by_part[part] = mine.sum(axis=0)
    return by_part.sum(axis=0)


@njit(inline="always", cache=True)
def _lowest(stock, full, r):
    """Room r's need with the least of its starting stock left."""
    low = 0
    for k in range(1, stock.shape[1]):
        if stock[r, k] * full[low] < stock[r, low] * full[k]:
            low = k
    return low


Tenders = namedtuple("Tenders", "state cell altruism skills forbid")
# The shelter rooms and their needs: the world's zone per cell and shelter mask, each room's
# stock of every need (Needs), the stock it started with, whether it was abandoned, and the
# people in it now.
Rooms = namedtuple("Rooms", "zone in_shelter stock full abandoned present")


@njit(cache=True)
def tend(seed: int, tick: int, people: Tenders, rooms: Rooms, use: float, rate: float,
         restore: float, choices: Choices, sink: Sink, n: int) -> tuple[int, int]:
    """One tick of needs: the people present in each shelter room use them up, some tend the
    lowest one (people: Tenders). `use` is the stock a person uses per tick, `rate` the chance
    per tick at full altruism. Returns the next event slot and how many rooms were abandoned
    this tick."""
    state, cell, altruism, skills, forbid = (people.state, people.cell, people.altruism,
                                             people.skills, people.forbid)
    zone, in_shelter, stock, full = rooms.zone, rooms.in_shelter, rooms.stock, rooms.full
    abandoned, present = rooms.abandoned, rooms.present
    target, action = choices.target, choices.action
    count = stock.shape[0]
    for r in range(count):
        if abandoned[r] == 0 and present[r] > 0:
            for k in range(stock.shape[1]):
                stock[r, k] = max(stock[r, k] - use * present[r], 0.0)
    # Tending only raises a need, so a room whose lowest need is above half (or gone) now
    # stays so this tick: only the people in the other rooms are looked at.
    needy = np.zeros(count, np.bool_)
    for r in range(count):
        low = _lowest(stock, full, r)
        needy[r] = abandoned[r] == 0 and 0.0 < stock[r, low] < 0.5 * full[low]
    key = stream(seed, tick, UPKEEP_DRAW)
    for i in range(state.shape[0] if needy.any() else 0):
        s = state[i]
        c = cell[i]
        if not (s == HUMAN or s == BITTEN or s == HALFBIE) or in_shelter[c] == 0:
            continue
        r = zone[c]
        if not needy[r] or (forbid[i] >> UPKEEP_BIT) & 1:
            continue
        low = _lowest(stock, full, r)
        if stock[r, low] >= 0.5 * full[low] or stock[r, low] <= 0.0:
            continue
        handy = 2.0 if (skills[i] >> HANDY) & 1 else 1.0
        if uniform(key, i) >= rate * handy * altruism[i] / 255.0:
            continue
        stock[r, low] = min(stock[r, low] + restore, full[low])
        n = log_event(sink, n, UPKEEP_EVENT, i, -1, c)
        target[i] = c
        action[i] = UPKEEP
    newly = 0
    for r in range(count):
        if abandoned[r] == 0 and present[r] > 0:
            for k in range(stock.shape[1]):
                if stock[r, k] <= 0.0:
                    abandoned[r] = 1
                    newly += 1
                    break
    return n, newly


def shelter_mask(world, abandoned: np.ndarray) -> np.ndarray:
    """The world's shelter cells less those of abandoned rooms."""
    gone = np.append(abandoned != 0, False)[world.zone]  # zone -1 picks the trailing False
    return np.where(gone, 0, world.in_shelter).astype(np.uint8)


def decide(sim) -> None:
    """Use and tend the needs of every shelter; send everyone out of a room that ran out."""
    params, p, w, needs = sim.scenario.behaviours.upkeep, sim.people, sim.world, sim.states["upkeep"]
    if not any(room.shelter for room in w.rooms):
        return
    hours = sim.rates.tick_seconds / _HOUR
    full = np.array([getattr(params, k) for k in NEEDS], np.float64)
    sink, n = sim.events.sink()
    present = sheltering(p.state, p.cell, w.zone, sim.walk.shelter, get_num_threads(),
                         len(w.rooms))
    rate = min(params.rate * hours, 1.0) if params.on else 0.0
    rooms = Rooms(w.zone, sim.walk.shelter, needs.stock, full, needs.abandoned, present)
    n, newly = tend(sim.seed, sim.tick, p.view(Tenders), rooms, params.decay * hours, rate,
                    params.restore, sim.choices, sink, n)
    sim.events.wrote(n)
    if newly:
        left = sim.walk.shelter.copy()
        sim.walk.shelter[:] = shelter_mask(w, needs.abandoned)
        # Those in a room that ran out know they must go, whether or not they saw a zombie.
        p.alert[(left[p.cell] != 0) & (sim.walk.shelter[p.cell] == 0)] = 1
        sim.orders.apply(None)


BEHAVIOUR = register(Behaviour(
    "upkeep", Upkeep,
    actions=("upkeep",),
    events=("upkeep",),
    acts={"upkeep": "kept {place} fit to shelter in, tending to what the people there needed"},
    streams={"upkeep": 14},
    state=Needs,
    # needs run down even when nobody tends them (upkeep off)
    steps=(Step("decide", 30, decide, name="tend", on=lambda s: True),),
))
UPKEEP, UPKEEP_EVENT, UPKEEP_BIT = BEHAVIOUR.action["upkeep"], BEHAVIOUR.event["upkeep"], BEHAVIOUR.bit["upkeep"]
UPKEEP_DRAW = BEHAVIOUR.streams["upkeep"]
