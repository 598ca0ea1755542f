"""Procedural maps, built with whole-array numpy operations and deterministic for a seed.

`generate_map("city", ...)` lays out one floor: a street grid whose blocks are buildings
(a wall ring, doors onto the street, floor inside) or parks, a river crossing the map with a
few bridges, and exits where the streets meet the border. Zones are districts: for each of
north, south, east, west and centre, its streets (parks included) and its buildings; walls,
doors, exits and water belong to no zone.
"""

from __future__ import annotations

import numpy as np

from hyosan.world.terrain import DOOR, EXIT, FLOOR, WALL, WATER
from hyosan.scenario.model import MapData, Room

KINDS = ("city",)
DISTRICTS = ("north", "south", "east", "west", "centre")

BLOCK_MIN, BLOCK_MAX = 6, 14  # side of a block, in cells, walls included
WIDE_STREET = 0.25  # fraction of streets two cells wide
PARK = 0.08  # fraction of blocks that are parks
MIN_SIDE = 20


def generate_map(kind: str, width: int, height: int, seed: int, cell_size: float, capacity: int) -> MapData:
    """A procedural map of `kind` ("city"), `width` x `height` cells on one floor."""
    if kind not in KINDS:
        raise ValueError(f"unknown map generator {kind!r}: expected one of {', '.join(KINDS)}")
    if width < MIN_SIDE or height < MIN_SIDE:
        raise ValueError(f"a generated city needs at least {MIN_SIDE}x{MIN_SIDE} cells, got {width}x{height}")
    terrain, zone = _city(np.random.default_rng(seed), int(width), int(height))
    rooms = []
    for i, district in enumerate(DISTRICTS):
        rooms.append(Room(f"{district} streets", chr(ord("a") + 2 * i), False, ("streets",)))
        rooms.append(Room(f"{district} buildings", chr(ord("a") + 2 * i + 1), True, ("buildings", "homes")))
    return MapData(
        floors=("ground",),
        terrain=terrain[None],
        zone=zone[None],
        rooms=tuple(rooms),
        cell_size=float(cell_size),
        capacity=int(capacity),
    )


def _city(rng: np.random.Generator, w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    row_street = _streets(rng, h)
    col_street = _streets(rng, w)
    row_run, ly, bh = _runs(row_street)
    col_run, lx, bw = _runs(col_street)
    ly, bh, row_run = ly[:, None], bh[:, None], row_run[:, None]
    lx, bw, col_run = lx[None, :], bw[None, :], col_run[None, :]
    street = row_street[:, None] | col_street[None, :]
    block = ~street

    # The river, and every block it comes within a cell of turns into a riverside park.
    if rng.random() < 0.5:
        river = _river(rng, h, w)
        bridges = _bridges(rng, col_street)[None, :]
    else:
        river = _river(rng, w, h).T
        bridges = _bridges(rng, row_street)[:, None]
    park = rng.random((row_run.max() + 1, col_run.max() + 1)) < PARK
    ys, xs = np.nonzero(_dilate(river) & block)
    park[row_run[ys, 0], col_run[0, xs]] = True
    building = block & ~park[row_run, col_run]

    ring = (ly == 0) | (ly == bh - 1) | (lx == 0) | (lx == bw - 1)
    wall = building & ring

    # One door per street-facing side, at a random place along it (never a corner).
    u = rng.random(park.shape)[row_run, col_run]
    v = rng.random(park.shape)[row_run, col_run]
    door_x = lx == 1 + (u * (bw - 2)).astype(np.int64)
    door_y = ly == 1 + (v * (bh - 2)).astype(np.int64)
    above = np.r_[False, row_street[:-1]][:, None]
    below = np.r_[row_street[1:], False][:, None]
    left = np.r_[False, col_street[:-1]][None, :]
    right = np.r_[col_street[1:], False][None, :]
    door = wall & (
        ((ly == 0) & above & door_x)
        | ((ly == bh - 1) & below & door_x)
        | ((lx == 0) & left & door_y)
        | ((lx == bw - 1) & right & door_y)
    )

    water = river & ~(bridges & street)
    terrain = np.full((h, w), FLOOR, dtype=np.uint8)
    terrain[wall] = WALL
    terrain[door] = DOOR
    terrain[water] = WATER

    # The border: exits where a street ends, the river where it leaves, walls elsewhere.
    edge = np.zeros((h, w), dtype=bool)
    edge[[0, -1], :] = True
    edge[:, [0, -1]] = True
    terrain[edge & ~water] = WALL
    terrain[edge & street & ~water] = EXIT

    district = _districts(h, w)
    zone = np.where(building, 2 * district + 1, 2 * district).astype(np.int16)
    zone[terrain != FLOOR] = -1
    return terrain, zone


def _streets(rng: np.random.Generator, n: int) -> np.ndarray:
    """Street flags along one axis: blocks of BLOCK_MIN..BLOCK_MAX cells between streets."""
    flags = np.zeros(n, dtype=bool)
    pos = int(rng.integers(BLOCK_MIN, BLOCK_MAX + 1))
    while pos + 2 + BLOCK_MIN <= n:
        width = 2 if rng.random() < WIDE_STREET else 1
        flags[pos : pos + width] = True
        pos += width + int(rng.integers(BLOCK_MIN, BLOCK_MAX + 1))
    return flags


def _runs(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each position: the index of its run of equal flags, its offset in it, the run's length."""
    n = len(flags)
    first = np.r_[True, flags[1:] != flags[:-1]]
    run = np.cumsum(first) - 1
    start = np.flatnonzero(first)
    length = np.diff(np.r_[start, n])
    return run, np.arange(n) - start[run], length[run]


def _river(rng: np.random.Generator, across: int, along: int) -> np.ndarray:
    """A meandering band crossing the map along its second axis, shape (across, along)."""
    x = np.arange(along)
    centre = np.full(along, across * (0.5 + rng.uniform(-0.1, 0.1)))
    for amplitude, period in ((0.08, rng.uniform(0.6, 1.2)), (0.03, rng.uniform(0.15, 0.3))):
        centre = centre + across * amplitude * np.sin(2 * np.pi * x / (along * period) + rng.uniform(0, 2 * np.pi))
    # Thicken the band where it runs steeply, so that it stays closed to 4-neighbour steps.
    slope = np.abs(np.gradient(centre))
    half = max(1, round(across / 150)) * np.sqrt(1 + slope**2)
    half = np.maximum(half, slope / 2 + 1)
    return np.abs(np.arange(across)[:, None] - centre[None, :]) <= half[None, :]


def _bridges(rng: np.random.Generator, street: np.ndarray) -> np.ndarray:
    """Two or three streets (of those crossing the river) that keep their bridge."""
    starts = np.flatnonzero(street & ~np.r_[False, street[:-1]])
    k = min(len(starts), 2 if len(street) < 400 else 3)
    chosen = np.zeros(len(street), dtype=bool)
    if k == 0:
        return chosen
    # Spread the bridges out: one in each of k equal slices of the streets.
    for group in np.array_split(starts, k):
        s = int(rng.choice(group))
        chosen[s] = True
        if s + 1 < len(street) and street[s + 1]:
            chosen[s + 1] = True
    return chosen


def _dilate(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    out[:, 1:] |= mask[:, :-1]
    out[:, :-1] |= mask[:, 1:]
    return out


def _districts(h: int, w: int) -> np.ndarray:
    """District index per cell (order of DISTRICTS): a central box, and four sectors around it."""
    dy = (np.arange(h)[:, None] + 0.5) / h - 0.5
    dx = (np.arange(w)[None, :] + 0.5) / w - 0.5
    vertical = np.abs(dy) >= np.abs(dx)
    out = np.where(vertical, np.where(dy < 0, 0, 1), np.where(dx > 0, 2, 3))
    out[(np.abs(dy) < 0.2) & (np.abs(dx) < 0.2)] = 4
    return out
