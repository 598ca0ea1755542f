from collections import deque

import numpy as np
import pytest

from hyosan.scenario.generate import generate_map
from hyosan.world.terrain import DOOR, EXIT, FLOOR, STAIRS, VOID, WALL, WATER

WALKABLE = (FLOOR, DOOR, EXIT, STAIRS)


def city(width=60, height=60, seed=1):
    return generate_map("city", width, height, seed, 20.0, 8)


def neighbours(mask):
    """For each cell, how many of its 4 neighbours are in `mask`."""
    m = mask.astype(np.int8)
    out = np.zeros_like(m)
    out[1:] += m[:-1]
    out[:-1] += m[1:]
    out[:, 1:] += m[:, :-1]
    out[:, :-1] += m[:, 1:]
    return out


def test_same_seed_same_map_and_different_seed_different_map():
    a, b, c = city(seed=3), city(seed=3), city(seed=4)
    assert np.array_equal(a.terrain, b.terrain) and np.array_equal(a.zone, b.zone)
    assert not np.array_equal(a.terrain, c.terrain)


def test_shape_dtypes_and_metadata():
    m = generate_map("city", 90, 70, 0, 20.0, 8)
    assert m.floors == ("ground",)
    assert m.shape == (1, 70, 90)
    assert m.terrain.dtype == np.uint8 and m.zone.dtype == np.int16
    assert m.zone.shape == m.terrain.shape
    assert m.cell_size == 20.0 and m.capacity == 8
    assert 5 <= len(m.rooms) <= 10
    assert len({r.name for r in m.rooms}) == len(m.rooms)


def test_unknown_kind_and_tiny_maps_are_rejected():
    with pytest.raises(ValueError, match="unknown map generator 'desert'"):
        generate_map("desert", 60, 60, 1, 20.0, 8)
    with pytest.raises(ValueError, match="at least"):
        generate_map("city", 5, 60, 1, 20.0, 8)


@pytest.mark.parametrize("seed", range(5))
def test_mostly_passable_with_streets_buildings_river_and_exits(seed):
    t = city(200, 150, seed).terrain[0]
    assert np.mean((t != WALL) & (t != VOID)) >= 0.6
    for code in (FLOOR, WALL, DOOR, WATER, EXIT):
        assert (t == code).any()
    inner = t[1:-1, 1:-1]
    assert not (inner == EXIT).any(), "exits lie on the border only"


def test_a_million_cells_are_mostly_passable():
    m = generate_map("city", 1000, 1000, 1, 20.0, 8)
    t = m.terrain[0]
    assert m.shape == (1, 1000, 1000)
    assert np.mean((t != WALL) & (t != VOID)) * 8 * t.size >= 4_000_000


@pytest.mark.parametrize("seed", range(5))
def test_every_door_joins_a_building_to_a_street(seed):
    m = city(120, 90, seed)
    t, z = m.terrain[0], m.zone[0]
    streets = [i for i, r in enumerate(m.rooms) if "streets" in r.tags]
    buildings = [i for i, r in enumerate(m.rooms) if r.shelter]
    doors = t == DOOR
    assert doors.any()
    assert (neighbours(np.isin(z, streets))[doors] >= 1).all()
    assert (neighbours(np.isin(z, buildings))[doors] >= 1).all()


@pytest.mark.parametrize("size,seed", [((60, 60), s) for s in range(8)] + [((150, 90), 11), ((90, 150), 12)])
def test_every_dry_cell_is_reachable_from_an_exit_on_foot(size, seed):
    t = city(*size, seed).terrain[0]
    walk = np.isin(t, WALKABLE)
    seen = t == EXIT
    queue = deque(zip(*np.nonzero(seen)))
    h, w = t.shape
    while queue:
        y, x = queue.popleft()
        for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
            if 0 <= ny < h and 0 <= nx < w and walk[ny, nx] and not seen[ny, nx]:
                seen[ny, nx] = True
                queue.append((ny, nx))
    assert seen[walk].all(), f"{int((walk & ~seen).sum())} dry cells cannot reach an exit"


@pytest.mark.parametrize("seed", range(3))
def test_zones_are_valid_and_cover_the_floor(seed):
    m = city(200, 200, seed)
    t, z = m.terrain[0], m.zone[0]
    assert z.min() >= -1 and z.max() < len(m.rooms)
    assert (z[t == FLOOR] >= 0).all()
    assert (z[t != FLOOR] == -1).all()
    assert set(np.unique(z[z >= 0])) == set(range(len(m.rooms)))
