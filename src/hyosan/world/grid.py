"""The world as flat cell arrays: terrain, rooms, links between cells, doors and exits.

A cell's index is (floor * rows + row) * cols + col. Every cell has up to six links: north,
east, south, west, and up and down where stairs meet stairs on the next floor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .terrain import DOOR, EXIT, FLOOR, STAIRS, VOID, WALL, WATER, WINDOW
from .fields import distance_field

if TYPE_CHECKING:  # the scenario's map is read, never imported at run time
    from ..scenario.model import MapData, Room

LINKS = 6
OPEN, CLOSED, BROKEN = 0, 1, 2  # states of a door
UNREACHABLE = np.int32(2**31 - 1)


class Graph(NamedTuple):
    """Which cell is linked to which: what every walking kernel reads (`World.graph`)."""

    links: np.ndarray  # int32 (cells, 6): linked cell or -1
    link_bits: np.ndarray  # uint8 per cell (World.link_bits)
    link_offsets: np.ndarray  # int32 (6,)


@dataclass(eq=False)
class World:
    floors: tuple[str, ...]
    rows: int
    cols: int
    cell_size: float
    capacity: int
    rooms: tuple[Room, ...]
    terrain: np.ndarray  # uint8 per cell
    zone: np.ndarray  # int16 per cell: room index or -1
    links: np.ndarray  # int32 (cells, 6): linked cell or -1
    human_walk: np.ndarray  # uint8 per cell: humans may stand here
    zombie_walk: np.ndarray  # uint8 per cell: zombies may stand here (doors counted open)
    in_shelter: np.ndarray  # uint8 per cell: the cell belongs to a shelter room
    water: np.ndarray  # uint8 per cell
    door_cells: np.ndarray  # int32 per door
    door_of_cell: np.ndarray  # int32 per cell: door index or -1
    exit_cells: np.ndarray  # int32
    safety: np.ndarray  # int32 per cell: steps to the nearest exit or shelter cell, for humans
    # The links again, small enough to stay in cache: bit k of link_bits[c] is set when link k
    # of cell c leads to c + link_offsets[k]; bit 7 when a link wraps around the map's edge
    # instead (read links[c] then).
    link_bits: np.ndarray  # uint8 per cell
    link_offsets: np.ndarray  # int32 (6,)

    @property
    def cells(self) -> int:
        return len(self.terrain)

    @property
    def graph(self) -> Graph:
        return Graph(self.links, self.link_bits, self.link_offsets)

    def cell_index(self, floor: int, row: int, col: int) -> int:
        return (floor * self.rows + row) * self.cols + col

    def position(self, cell: int | np.ndarray):
        """(floor, row, col) of a cell index (or of an array of them)."""
        plane = self.rows * self.cols
        floor, rest = np.divmod(cell, plane)
        row, col = np.divmod(rest, self.cols)
        return floor, row, col

    def place_mask(self, where: str) -> np.ndarray:
        """Cells of the rooms named or tagged `where`; every cell but the exits for "anywhere"."""
        if where == "anywhere":
            return self.terrain != EXIT
        rooms = [k for k, r in enumerate(self.rooms) if where in (r.name, *r.tags)]
        return np.isin(self.zone, np.asarray(rooms, dtype=np.int16))

    def standing_cells(self, where: str) -> np.ndarray:
        """Cells of a place where a person may be put at the start (not exits, water or walls)."""
        standing = np.isin(self.terrain, (FLOOR, DOOR, STAIRS))
        return np.flatnonzero(standing & self.place_mask(where)).astype(np.int32)


def build_world(m: MapData) -> World:
    floors, rows, cols = m.terrain.shape
    terrain = np.ascontiguousarray(m.terrain.reshape(-1), dtype=np.uint8)
    zone = np.ascontiguousarray(m.zone.reshape(-1), dtype=np.int16)
    solid = np.isin(terrain, (VOID, WALL, WINDOW))
    human_walk = (~solid).astype(np.uint8)
    zombie_walk = np.isin(terrain, (FLOOR, DOOR, STAIRS)).astype(np.uint8)
    shelter_rooms = np.array([r.shelter for r in m.rooms] + [False], dtype=bool)
    in_shelter = shelter_rooms[zone].astype(np.uint8)  # zone -1 picks the trailing False

    links = _links(terrain.reshape(floors, rows, cols), solid.reshape(floors, rows, cols), m.wrap)
    door_cells = np.flatnonzero(terrain == DOOR).astype(np.int32)
    door_of_cell = np.full(len(terrain), -1, dtype=np.int32)
    door_of_cell[door_cells] = np.arange(len(door_cells), dtype=np.int32)
    exit_cells = np.flatnonzero(terrain == EXIT).astype(np.int32)

    safety = safety_field(links, human_walk, (terrain == EXIT) | in_shelter.astype(bool))
    offsets = np.array([-cols, 1, cols, -1, rows * cols, -rows * cols], np.int32)
    return World(tuple(m.floors), rows, cols, float(m.cell_size), int(m.capacity), tuple(m.rooms),
                 terrain, zone, links, human_walk, zombie_walk, in_shelter,
                 (terrain == WATER).astype(np.uint8), door_cells,
                 door_of_cell, exit_cells, safety, _link_bits(links, offsets), offsets)


def _link_bits(links: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    straight = links == np.arange(len(links))[:, None] + offsets
    wraps = ((links >= 0) & ~straight).any(axis=1)
    return ((straight << np.arange(LINKS)).sum(axis=1) | (wraps << 7)).astype(np.uint8)


def safety_field(links: np.ndarray, walk: np.ndarray, safe: np.ndarray) -> np.ndarray:
    """Steps from every cell to the nearest safe cell, walking through `walk` cells."""
    sources = np.flatnonzero(safe & (walk != 0)).astype(np.int32)
    safety = np.empty(len(walk), dtype=np.int32)
    distance_field(links, walk, sources, np.zeros(len(sources), np.int32), UNREACHABLE, safety)
    return safety


def _links(terrain: np.ndarray, solid: np.ndarray, wrap: bool) -> np.ndarray:
    floors, rows, cols = terrain.shape
    index = np.arange(floors * rows * cols, dtype=np.int32).reshape(floors, rows, cols)
    open_index = np.where(solid, -1, index)
    links = np.full((floors, rows, cols, LINKS), -1, dtype=np.int32)
    if wrap:  # a torus: shifted copies wrap around
        for k, (dr, dc) in enumerate(((-1, 0), (0, 1), (1, 0), (0, -1))):
            links[..., k] = np.roll(open_index, (-dr, -dc), axis=(1, 2))
    else:  # the border links to nothing: pad with -1 and read shifted windows
        padded = np.full((floors, rows + 2, cols + 2), -1, dtype=np.int32)
        padded[:, 1:-1, 1:-1] = open_index
        for k, (dr, dc) in enumerate(((-1, 0), (0, 1), (1, 0), (0, -1))):
            links[..., k] = padded[:, 1 + dr:1 + dr + rows, 1 + dc:1 + dc + cols]
    stairs = terrain == STAIRS
    up = stairs[:-1] & stairs[1:]
    links[:-1, :, :, 4] = np.where(up, index[1:], -1)
    links[1:, :, :, 5] = np.where(up, index[:-1], -1)
    links[solid] = -1
    return links.reshape(-1, LINKS)
