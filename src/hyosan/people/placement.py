"""Put a scenario's people into the world: named characters first, then each [[people]] block.

Placement draws from numpy generators seeded by (run seed, block), so the same seed gives the
same people in the same cells. No cell is filled beyond its capacity. Within a block, people are
numbered in the order of their cells: the engine's passes over people then read the arrays
indexed by cell almost in order, which at ten million people makes a tick about three times
faster than numbering them at random. (The block's people are alike, and their traits are
drawn after their cells, so this changes no one's chances.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .states import SKILLS, TRAITS, TRAIT_DEFAULTS
from ..world.grid import World
from .table import TRAIT_SCALE, People

if TYPE_CHECKING:
    from ..scenario.model import Scenario

_PLACE = 0x504C4143  # a fixed word that keeps placement draws apart from the engine's


class PlacementError(ValueError):
    """The scenario asks for more people than the named places can hold."""


def place_people(scenario: Scenario, world: World, seed: int) -> People:
    total = scenario.people_count
    people = People.empty(total)
    room_cells = _RoomCells(world)
    used = np.zeros(world.cells, dtype=np.int32)  # people per cell so far

    groups = sorted({x.group for x in (*scenario.characters, *scenario.people) if x.group})
    people.groups = groups
    ids = {c.name: i for i, c in enumerate(scenario.characters)}
    for i, ch in enumerate(scenario.characters):
        rng = np.random.default_rng([seed, _PLACE, 0, i])
        people.cell[i] = _take(rng, room_cells(ch.where), used, world.capacity, 1, f'character "{ch.name}"')[0]
        people.state[i] = ch.state
        for trait in TRAITS:
            people.column(trait)[i] = _to_byte(ch.traits.get(trait, TRAIT_DEFAULTS[trait]))
        people.group[i] = groups.index(ch.group) if ch.group else -1
        people.names[i] = ch.name
        people.skills[i] = sum(1 << SKILLS.index(k) for k in set(ch.skills))
        relatives = tuple(ids[k] for k in ch.kin)
        if relatives:
            people.relatives[i] = relatives
            people.kin[i] = relatives[0]

    start = len(scenario.characters)
    for b, spec in enumerate(scenario.people):
        rows = slice(start, start + spec.count)
        rng = np.random.default_rng([seed, _PLACE, 1, b])
        label = f'[[people]] block {b + 1} (where = "{spec.where}")'
        people.cell[rows] = _take(rng, room_cells(spec.where), used, world.capacity, spec.count, label)
        people.state[rows] = spec.state
        if spec.group:
            people.group[rows] = groups.index(spec.group)
        for trait in TRAITS:
            dist = spec.traits.get(trait)
            if dist is not None:
                people.column(trait)[rows] = _to_byte(dist.sample(rng, spec.count))
        start += spec.count
    return people


class _RoomCells:
    """Standing cells of a room name, a room tag or "anywhere", computed once per name."""

    def __init__(self, world: World):
        self.world = world
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, where: str) -> np.ndarray:
        if where not in self.cache:
            self.cache[where] = self.world.standing_cells(where)
        return self.cache[where]


def _take(rng: np.random.Generator, cells: np.ndarray, used: np.ndarray, capacity: int,
          count: int, label: str) -> np.ndarray:
    """count cells drawn from cells without filling any beyond capacity (0: no limit)."""
    if capacity == 0:
        if count and not len(cells):
            raise PlacementError(f"{label}: there is no cell to put {count} people in")
        return np.sort(cells[rng.integers(0, len(cells), count)]) if count else cells[:0]
    room = np.maximum(capacity - used[cells], 0)
    free = int(room.sum())
    if count > free:
        raise PlacementError(f"{label}: {count} people do not fit; there is room for {free} "
                             f"(cells x capacity {capacity} minus those already placed)")
    slots = np.repeat(cells, room)
    chosen = np.sort(slots[rng.choice(free, size=count, replace=False)]) if count else slots[:0]
    np.add.at(used, chosen, 1)
    return chosen


def _to_byte(x) -> np.ndarray:
    return np.clip(np.rint(np.asarray(x, dtype=np.float64) * TRAIT_SCALE), 0, TRAIT_SCALE).astype(np.uint8)
