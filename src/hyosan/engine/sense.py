"""Sensing: the two flow fields everyone reads this tick.

`zombie_near`: steps from the nearest zombie, through cells zombies can walk, closed doors shut.
Humans flee down it. `human_near`: steps from the nearest human (or noise), through cells
zombies can walk with doors counted open, so that zombies gather and push at closed doors.
Both stop at a radius: nobody reacts to what they cannot sense.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ..behaviours import decoy
from ..behaviours.walk import shut_ways
from ..scenario.model import HALFBIE, HUMAN, ZOMBIE
from ..world.fields import distance_field
from ..world.grid import CLOSED
from .binning import pick


@njit(parallel=True, cache=True)
def occupancy(cell_start, order, state, has):
    """has[c]: bit 0 if cell c holds a zombie, bit 1 a human, bit 2 a halfbie."""
    for c in prange(cell_start.shape[0] - 1):
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


def sense(sim) -> None:
    w, p, f = sim.world, sim.people, sim.fields
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
        occupancy(sim.bins.cell_start, sim.bins.order, p.state, f.occupied)
        human_cells = _cells_with(f, 2)
        h = len(human_cells)
        f.sources[n:n + h] = human_cells
        f.starts[n:n + h] = 0
    if r.sense >= 0:
        zombie_cells = _cells_with(f, 1)
        distance_field(w.links, f.zombie_open, zombie_cells, f.no_start[:len(zombie_cells)],
                       r.sense, f.zombie_near)
    passable, searched = _around_readers(sim, loudness)
    if searched:  # a human more than chase + 1 steps from every reader is out of their reach
        h = _keep_within(f.sources[n:n + h], f.reach, r.chase + 1)
    distance_field(w.links, passable, f.sources[:n + h], f.starts[:n + h], r.chase, f.human_near)


def _cells_with(f, bits: int) -> np.ndarray:
    """The cells whose occupancy has any of `bits`, in increasing order: a slice of scratch,
    good until the next call."""
    return pick((f.occupied & bits) != 0, f.cell_list)


def _around_readers(sim, loudness: np.ndarray) -> tuple[np.ndarray, bool]:
    """Where the human field need be searched, and whether that is less than the whole map
    (then f.reach holds the steps from the nearest reader). Only zombies and halfbies (who may
    turn hostile) read the field, at their cell and the next. The shortest path from there to
    a human or a noise within reach lies within `reach` steps of the reader, so a search kept
    to those cells gives every reader the same values as a search of the whole map. f.reach
    counts steps through any cell, walls too: no more than zombies walk, so that it keeps every
    cell they could walk to, and a human where zombies may not stand is counted too. When
    readers are many, the whole map is searched (it is then cheaper)."""
    f, walk, chase = sim.fields, sim.walk.zombie, sim.rates.chase
    if chase < 0:
        return walk, False
    reach = chase + 1 + int(loudness.max(initial=0))
    readers = _cells_with(f, 5)
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
