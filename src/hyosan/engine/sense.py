"""Sensing: the two flow fields everyone reads this tick.

`zombie_near`: steps from the nearest zombie, through cells zombies can walk, closed doors shut.
Humans flee down it. `human_near`: steps from the nearest human (or noise), through cells
zombies can walk with doors counted open, so that zombies gather and push at closed doors.
Both stop at a radius: nobody reacts to what they cannot sense.
"""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit, prange

from ..behaviours import decoy
from ..behaviours.walk import shut_ways
from ..scenario.model import HALFBIE, HUMAN, ZOMBIE
from ..world.fields import distance_field
from ..world.grid import CLOSED
from .binning import close_gaps
from ..shares import share


@njit(parallel=True, cache=True)
def _occupancy_by_part(cell_start, order, state, has, lists, first, found):
    """has[c]: bit 0 if cell c holds a zombie, bit 1 a human, bit 2 a halfbie. Part k of the
    cells also lists, from its first cell first[k] on, its cells with a human (lists[0]), with
    a zombie (lists[1]) and with a zombie or a halfbie (lists[2]); found[:, k] counts them."""
    parts = found.shape[1]
    for part in prange(parts):
        lo, hi = share(part, parts, has.shape[0])
        first[part] = humans = zombies = readers = lo
        for c in range(lo, hi):
            bits = 0
            for j in range(cell_start[c], cell_start[c + 1]):
                s = state[order[j]]
                if s == ZOMBIE:
                    bits |= 1
                elif s == HUMAN:
                    bits |= 2
                elif s == HALFBIE:
                    bits |= 4
            has[c] = bits
            lists[0, humans] = c  # branch-free, as in binning.pick
            lists[1, zombies] = c
            lists[2, readers] = c
            humans += (bits >> 1) & 1
            zombies += bits & 1
            readers += (bits & 5) != 0
        found[0, part] = humans - lo
        found[1, part] = zombies - lo
        found[2, part] = readers - lo


def occupancy(sim) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Fill sim.fields.occupied; return the cells with a human, the cells with a zombie and the
    cells with a zombie or a halfbie (who read the human field), each in increasing order."""
    f = sim.fields
    cells = len(f.occupied)
    if f.cell_lists.shape[1] != cells:
        f.cell_lists = np.zeros((3, cells), np.int32)
    first, found = np.zeros(get_num_threads(), np.int64), np.zeros((3, get_num_threads()), np.int64)
    _occupancy_by_part(sim.bins.cell_start, sim.bins.order, sim.people.state, f.occupied,
                       f.cell_lists, first, found)
    return tuple(close_gaps(f.cell_lists[k], first, found[k]) for k in range(3))


def sense(sim) -> None:
    w, f = sim.world, sim.fields
    closed = w.door_cells[sim.doors.state == CLOSED]
    f.zombie_open[:] = sim.walk.zombie
    f.zombie_open[closed] = 0
    f.stroll_ways[:] = sim.walk.zombie_ways
    shut_ways(w.links, w.link_bits, w.link_offsets, f.stroll_ways, closed)

    # Noise sources first, loudest (lowest start) first; then every cell with a human.
    loud = sim.noise.active(sim.tick)
    cells, loudness = sim.noise.cell[loud], sim.noise.loudness[loud]
    if sim.scenario.behaviours.decoy.on:
        decoys, decoy_loudness = decoy.noise(sim)
        cells = np.concatenate([cells, decoys])
        loudness = np.concatenate([loudness, np.full(len(decoys), decoy_loudness, np.int32)])
    n = len(cells)
    f.make_room(n)
    by_start = np.argsort(-loudness, kind="stable")
    f.sources[:n] = cells[by_start]
    f.starts[:n] = -loudness[by_start]
    # Nobody senses (sense < 0): the zombie field stays 0 everywhere, as a search with radius
    # -1 leaves it. Nobody chases (chase < 0): only noises can reach into the human field.
    r = sim.rates
    h = 0
    if r.sense >= 0 or r.chase >= 0:
        human_cells, zombie_cells, readers = occupancy(sim)
        h = len(human_cells)
        f.sources[n:n + h] = human_cells
        f.starts[n:n + h] = 0
    if r.sense >= 0:
        distance_field(w.links, f.zombie_open, zombie_cells, f.no_start[:len(zombie_cells)],
                       r.sense, f.zombie_near)
    passable, searched = sim.walk.zombie, False
    if r.chase >= 0:
        passable, searched = _around_readers(sim, readers, loudness)
    if searched:  # a human more than chase + 1 steps from every reader is out of their reach
        h = _keep_within(f.sources[n:n + h], f.reach, r.chase + 1)
    distance_field(w.links, passable, f.sources[:n + h], f.starts[:n + h], r.chase, f.human_near)


def _around_readers(sim, readers: np.ndarray, loudness: np.ndarray) -> tuple[np.ndarray, bool]:
    """Where the human field need be searched, and whether that is less than the whole map
    (then f.reach holds the steps from the nearest reader). Only zombies and halfbies (who may
    turn hostile) read the field, at their cell and the next. The shortest path from there to
    a human or a noise within reach lies within `reach` steps of the reader, so a search kept
    to those cells gives every reader the same values as a search of the whole map. f.reach
    counts steps through any cell, walls too: no more than zombies walk, so that it keeps every
    cell they could walk to, and a human where zombies may not stand is counted too. When
    readers are many, the whole map is searched (it is then cheaper)."""
    f, walk, chase = sim.fields, sim.walk.zombie, sim.rates.chase
    reach = chase + 1 + int(loudness.max(initial=0))
    if len(readers) * (2 * reach + 1) ** 2 * 4 > len(walk):
        return walk, False
    distance_field(sim.world.links, f.anywhere, readers, f.no_start[:len(readers)], reach, f.reach)
    np.logical_and(f.reach <= reach, walk, out=f.near_readers)
    return f.near_readers, True


@njit(cache=True)
def _keep_within(cells, steps, most):
    """Keep, in order at the front of cells, those with steps[c] <= most; return how many."""
    kept = 0
    for c in cells:
        cells[kept] = c
        kept += steps[c] <= most
    return kept
