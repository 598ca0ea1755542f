"""The parts of a simulation's state besides the people table, and its scratch arrays."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numba import get_num_threads

from ..behaviours.walk import Ways, steps_down, ways_into
from ..people.states import ESCAPED, ZOMBIE
from ..people.where import Contacts, Occupants
from ..scenario.model import Scenario
from ..world.fields import Levels
from ..world.grid import World
from ..shares import pick
from .binning import bins_with_zombies, cells_of, sort_by_cell


@dataclass(frozen=True)
class Rates:
    """Scenario parameters turned into per-tick numbers and cell counts for the kernels."""

    tick_seconds: float
    p_human: float  # chance per tick that a human at normal speed makes its step
    p_zombie: float
    sense: int  # cells; -1: humans never notice zombies
    chase: int  # cells; -1: zombies never notice humans
    wander: float
    bite: float
    fight: float
    halfbie: float
    door_damage: float

    @classmethod
    def of(cls, s: Scenario) -> "Rates":
        cell = s.map.cell_size
        return cls(s.tick, s.movement.human_speed * s.tick / cell, s.movement.zombie_speed * s.tick / cell,
                   _cells(s.movement.sense, cell), _cells(s.movement.chase, cell),
                   s.movement.wander, s.infection.bite, s.infection.fight, s.infection.halfbie,
                   s.doors.damage)


FARTHEST = 2**31 - 1  # steps: the fields count them in 32 bits, and no map is as wide


def _cells(distance: float, cell: float) -> int:
    """A sensing radius in cells: at least one cell, at most FARTHEST, or -1 (nobody senses)
    for a distance of 0."""
    return max(1, round(min(distance / cell, FARTHEST))) if distance > 0 else -1


@dataclass(eq=False)
class Walk:
    """Where people may walk now (the world's masks less any quarantine line), and the safety
    field that goes with it; `holding` names the authorities' orders they reflect."""

    human: np.ndarray  # uint8 per cell
    zombie: np.ndarray  # uint8 per cell (doors counted open)
    safety: np.ndarray  # int32 per cell
    shelter: np.ndarray  # uint8 per cell: shelter cells still fit to hide in (behaviours.upkeep)
    zombie_ways: np.ndarray  # uint8 per cell: the links into `zombie` cells (walk.ways_into)
    safety_step: np.ndarray  # int32 per cell: the step toward safety, -1 for a tie (walk.steps_down)
    holding: tuple[int, ...] = ()

    @classmethod
    def of(cls, world: World) -> "Walk":
        walk = cls(world.human_walk.copy(), world.zombie_walk.copy(), world.safety.copy(),
                   world.in_shelter.copy(), np.zeros(world.cells, np.uint8),
                   np.zeros(world.cells, np.int32))
        walk.changed(world)
        return walk

    @cached_property
    def ways(self) -> Ways:
        """The arrays the walking kernels read (written in place, so made once)."""
        return Ways(self.human, self.zombie, self.shelter, self.safety, self.safety_step)

    def changed(self, world: World) -> None:
        """The masks or the safety field were set: make what is read from them again."""
        ways_into(world.graph, self.zombie, self.zombie_ways)
        steps_down(world.graph, self.human, self.safety,
                   self.safety_step)


@dataclass(eq=False)
class Doors:
    state: np.ndarray  # uint8 per door: OPEN, CLOSED, BROKEN (world.grid)
    strength: np.ndarray  # float32 per door
    pressure: np.ndarray  # int32 per door: zombies that pushed on it in the last tick
    holders: np.ndarray  # float32 per door, scratch: holding power this tick
    held: np.ndarray  # float64 per door: how much holding slows its wear this tick (engine.move)

    @classmethod
    def of(cls, world: World, strength: float) -> "Doors":
        n = len(world.door_cells)
        return cls(np.zeros(n, np.uint8), np.full(n, strength, np.float32), np.zeros(n, np.int32),
                   np.zeros(n, np.float32), np.zeros(n, np.float64))

    def arrays(self) -> dict[str, np.ndarray]:
        return {"state": self.state, "strength": self.strength, "pressure": self.pressure}

    def restore(self, arrays: dict[str, np.ndarray]) -> None:
        for name, values in arrays.items():
            getattr(self, name)[:] = values


@dataclass(eq=False)
class Noise:
    """Noise sources that draw zombies: a cell, a head start in steps, and the tick it stops."""

    cell: np.ndarray
    loudness: np.ndarray
    until: np.ndarray
    # sources of this tick only (a decoy's shouts), read and cleared by the sense phase
    now: list[tuple[np.ndarray, int]] = field(default_factory=list)

    @classmethod
    def none(cls) -> "Noise":
        return cls(np.empty(0, np.int32), np.empty(0, np.int32), np.empty(0, np.int32))

    def this_tick(self, cells: np.ndarray, loudness: int) -> None:
        """Noise at these cells, as loud as `loudness`, for this tick's zombie field only."""
        self.now.append((cells, loudness))

    def arrays(self) -> dict[str, np.ndarray]:
        return {"cell": self.cell, "loudness": self.loudness, "until": self.until}

    def restore(self, arrays: dict[str, np.ndarray]) -> None:
        self.cell, self.loudness, self.until = (arrays[k].copy() for k in ("cell", "loudness", "until"))

    def add(self, cell: int, loudness: int, until: int) -> None:
        self.cell = np.append(self.cell, np.int32(cell))
        self.loudness = np.append(self.loudness, np.int32(loudness))
        self.until = np.append(self.until, np.int32(until))

    def active(self, tick: int) -> np.ndarray:
        return np.flatnonzero(self.until > tick)


class Bins:
    """People sorted by cell (everyone but the escaped). Sorting is the dearest pass over
    people, so the bins are sorted on first use after people moved or escaped, and a tick
    that never reads them (no sensing, no behaviours) never sorts everyone: its bites and
    fights sort only the people who stand with a zombie (`contacts`). The bins are a function
    of the people's cells and states only, so a run resumed from a checkpoint reads the same."""

    def __init__(self, world: World, people):
        self._people = people
        self._cells = world.cells
        self._stale = True
        # made on first use: the bins, then scratch for sorting and for contacts
        self._cell_start = self._order = self._counts = self._ids = None
        self._marks = self._bin_of_cell = self._contact_keys = self._contact_order = None

    def moved(self) -> None:
        """People changed cells or escaped: sort again on next use."""
        self._stale = True

    @property
    def cell_start(self) -> np.ndarray:
        """Cell c's people are order[cell_start[c]:cell_start[c+1]], in increasing id."""
        self._sort()
        return self._cell_start

    @property
    def occupants(self) -> Occupants:
        """Who stands in each cell (sorted first if people moved)."""
        self._sort()
        return Occupants(self._cell_start, self._order)

    @property
    def order(self) -> np.ndarray:
        self._sort()
        return self._order

    def _sort(self) -> None:
        if not self._stale:
            return
        p = self._people
        if self._order is None:
            self._cell_start = np.zeros(self._cells + 1, np.int32)
            self._order = np.zeros(p.count, np.int32)
        binned = pick(p.state != ESCAPED, self.ids())
        sort_by_cell(p.cell, binned, self._cell_start, self._order, self.counts())
        self._stale = False

    def contacts(self) -> Contacts:
        """What bites and fights read: bins of the cells where a zombie stands. Read from the
        bins of every cell when they are sorted already; else, with few zombies, a small share
        of the people and the cells is sorted."""
        if not self._stale:
            return self.zombie_cells()
        self._make_contact_scratch()
        bin_cell, bin_start, order = bins_with_zombies(
            self._people.state, self._people.cell, self._marks, self._bin_of_cell, self.ids(),
            self._contact_keys, self._contact_order)
        return Contacts(bin_cell, bin_start[:-1], bin_start[1:], order)

    def zombie_cells(self) -> Contacts:
        """The bins as contacts gives them, read from the bins of every cell (sorted first)."""
        cell_start, order = self.cell_start, self.order
        cells, = self.cells_of((ZOMBIE,))
        return Contacts(cells, cell_start[cells], cell_start[cells + 1], order)

    def cells_of(self, *groups: tuple[int, ...]) -> list[np.ndarray]:
        """For each group of states, the cells where someone in one of them stands, in
        increasing order (new arrays). Needs no sorting."""
        self._make_contact_scratch()
        p = self._people
        return cells_of(p.state, p.cell, self._bin_of_cell, groups)

    def _make_contact_scratch(self) -> None:
        if self._marks is None:
            self._marks = np.zeros(self._cells, np.uint8)
            self._bin_of_cell = np.zeros(self._cells, np.int32)
            self._contact_keys = np.zeros(self._people.count, np.int32)
            self._contact_order = np.zeros(self._people.count, np.int32)

    def counts(self) -> np.ndarray:
        """Scratch for a counting sort by cell (threads x cells)."""
        if self._counts is None or len(self._counts) != get_num_threads():
            self._counts = np.zeros((get_num_threads(), self._cells), np.int32)
        return self._counts

    def ids(self) -> np.ndarray:
        """Scratch for the ids of the people to sort (one per person), also lent to the move
        phase."""
        if self._ids is None:
            self._ids = np.zeros(self._people.count, np.int32)
        return self._ids


@dataclass(eq=False)
class Fields:
    zombie_near: np.ndarray  # int32 per cell
    near_zombies: np.ndarray  # int32 per cell, its first zombies_reached: cells_near_zombies
    human_near: np.ndarray  # int32 per cell
    zombie_open: np.ndarray  # uint8 per cell: zombie-walkable with closed doors shut
    stroll_ways: np.ndarray  # uint8 per cell: the links into zombie_open cells (walk.ways_into)
    sources: np.ndarray  # scratch: noise and human cells
    starts: np.ndarray  # scratch: their head starts
    no_start: np.ndarray  # zeros
    reach: np.ndarray  # int32 per cell, scratch: steps from the nearest zombie or halfbie
    anywhere: np.ndarray  # uint8 per cell, ones: every cell passable (for `reach`)
    near_readers: np.ndarray  # bool per cell, scratch: where the human field is searched
    levels: Levels  # scratch for the searches by levels
    zombies_reached: int = 0

    @classmethod
    def of(cls, world: World, people: int) -> "Fields":
        n = min(people, world.cells)  # no more source cells than cells with someone in them
        return cls(np.zeros(world.cells, np.int32), np.zeros(world.cells, np.int32),
                   np.zeros(world.cells, np.int32), world.zombie_walk.copy(),
                   np.zeros(world.cells, np.uint8),
                   np.zeros(n, np.int32), np.zeros(n, np.int32),
                   np.zeros(n, np.int32), np.zeros(world.cells, np.int32),
                   np.ones(world.cells, np.uint8), np.zeros(world.cells, np.bool_),
                   Levels(world.cells))

    def cells_near_zombies(self) -> np.ndarray:
        """The cells within sense of a zombie (zombie_near <= sense), as the sense phase's
        search reached them."""
        return self.near_zombies[:self.zombies_reached]

    def make_room(self, noises: int) -> None:
        """Room in the source arrays for the noise sources as well as every occupied cell."""
        need = len(self.no_start) + noises
        if len(self.sources) < need:
            self.sources = np.zeros(need, np.int32)
            self.starts = np.zeros(need, np.int32)


@dataclass(eq=False)
class Scratch:
    target: np.ndarray  # int32 per person: the cell they step to
    pushes: np.ndarray  # int32 per door
    field: np.ndarray  # int32 per cell: a distance field for a behaviour's own use
    cells: np.ndarray  # int32 per cell: a list of cells for a behaviour's own use
    # Only where cells have a capacity (else empty): who steps into which cell, and how they rank
    hits: np.ndarray  # int32 per cell, zeros: movers into each cell (move.contested)
    movers: np.ndarray  # int32 per person
    draws: np.ndarray  # float64 per person
    crowded_out: np.ndarray  # int32 per person: the full cell they could not enter this tick, or -1

    @classmethod
    def of(cls, world: World, people: int) -> "Scratch":
        limited = world.capacity > 0
        return cls(np.zeros(people, np.int32), np.zeros(len(world.door_cells), np.int32),
                   np.zeros(world.cells, np.int32), np.zeros(world.cells, np.int32),
                   np.zeros(world.cells if limited else 0, np.int32),
                   np.zeros(people if limited else 0, np.int32),
                   np.zeros(people if limited else 0, np.float64),
                   np.full(people if limited else 0, -1, np.int32))
