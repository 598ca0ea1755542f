"""Sensing: the two flow fields everyone reads this tick.

`zombie_near`: steps from the nearest zombie, through cells zombies can walk, closed doors shut.
Humans flee down it. `human_near`: steps from the nearest human (or noise), through cells
zombies can walk with doors counted open, so that zombies gather and push at closed doors.
Both stop at a radius: nobody reacts to what they cannot sense.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ..behaviours.walk import shut_ways
from ..events import part_slots
from ..people.where import first_human
from ..people.states import HALFBIE, HUMAN, ZOMBIE
from ..shares import close_gaps, share
from ..world.fields import distance_field, distance_field_listing
from ..world.grid import CLOSED


def infected_cells(sim) -> tuple[np.ndarray, np.ndarray]:
    """The cells where a zombie stands, and those where a zombie or a halfbie stands (who read
    the human field), each in increasing order."""
    state, cell = sim.people.state, sim.people.cell
    readers = np.flatnonzero((state == ZOMBIE) | (state == HALFBIE))
    return np.unique(cell[readers[state[readers] == ZOMBIE]]), np.unique(cell[readers])


@njit(parallel=True, cache=True)
def _human_cells_by_part(occupants, state, cells, first, found):
    """Part k of the cells lists its cells with a human in cells, from its first cell first[k]
    on; found[k] counts them."""
    parts = found.shape[0]
    for part in prange(parts):
        lo, hi = share(part, parts, cells.shape[0])
        first[part] = m = lo
        for c in range(lo, hi):
            cells[m] = c  # branch-free, as in shares.pick
            m += first_human(state, occupants, c, HUMAN) >= 0
        found[part] = m - lo


def human_cells(sim) -> np.ndarray:
    """Every cell with a human, in increasing order (a slice of sim.fields.cell_list)."""
    f = sim.fields
    first, found = part_slots()
    _human_cells_by_part(sim.bins.occupants, sim.people.state, f.cell_list,
                         first, found)
    return close_gaps(f.cell_list, first, found)


@njit(cache=True)
def _human_cells_among(cells, steps, most, occupants, state, out):
    """Those of cells with steps[c] <= most and a human in them, in out; returns how many."""
    n = 0
    for c in cells:
        if steps[c] <= most and first_human(state, occupants, c, HUMAN) >= 0:
            out[n] = c
            n += 1
    return n


def sense(sim) -> None:
    w, f = sim.world, sim.fields
    closed = w.door_cells[sim.doors.state == CLOSED]
    f.zombie_open[:] = sim.walk.zombie
    f.zombie_open[closed] = 0
    f.stroll_ways[:] = sim.walk.zombie_ways
    shut_ways(w.graph, f.stroll_ways, closed)

    # Noise sources first, loudest (lowest start) first; then every cell with a human.
    loud = sim.noise.active(sim.tick)
    cells, loudness = sim.noise.cell[loud], sim.noise.loudness[loud]
    for now, how_loud in sim.noise.now:  # this tick's (behaviours.decoy)
        cells = np.concatenate([cells, now])
        loudness = np.concatenate([loudness, np.full(len(now), how_loud, np.int32)])
    sim.noise.now.clear()
    n = len(cells)
    f.make_room(n)
    by_start = np.argsort(-loudness, kind="stable")
    f.sources[:n] = cells[by_start]
    f.starts[:n] = -loudness[by_start]
    # Nobody senses (sense < 0): the zombie field stays 0 everywhere, as a search with radius
    # -1 leaves it. Nobody chases (chase < 0): only noises can reach into the human field.
    r = sim.rates
    if r.sense >= 0 or r.chase >= 0:
        zombie_cells, readers = infected_cells(sim)
    if r.sense >= 0:
        f.zombies_reached = distance_field_listing(w.links, f.zombie_open, zombie_cells,
                                                   f.no_start[:len(zombie_cells)], r.sense,
                                                   f.zombie_near, f.near_zombies)
    passable, h = sim.walk.zombie, 0
    if r.chase >= 0:  # else the humans, at 0 steps, are beyond the field's reach of -1
        passable, h = _humans_in_reach(sim, readers, loudness, f.sources[n:])
        f.starts[n:n + h] = 0
    distance_field(w.links, passable, f.sources[:n + h], f.starts[:n + h], r.chase, f.human_near)


def _humans_in_reach(sim, readers: np.ndarray, loudness: np.ndarray,
                     out: np.ndarray) -> tuple[np.ndarray, int]:
    """Where the human field need be searched, and how many human cells it is searched from,
    written to out in increasing order.
    Only zombies and halfbies (who may turn hostile) read the field, at their cell and the
    next. The shortest path from there to a human or a noise within reach lies within `reach`
    steps of the reader, so a search kept to those cells, from the humans within chase + 1
    steps of a reader, gives every reader the same values as a search of the whole map from
    every human. f.reach counts steps through any cell, walls too: no more than zombies walk,
    so that it keeps every cell they could walk to, and a human where zombies may not stand
    is counted too. When readers are many, the whole map is searched (it is then cheaper)."""
    f, walk, chase = sim.fields, sim.walk.zombie, sim.rates.chase
    reach = chase + 1 + int(loudness.max(initial=0))
    if len(readers) * (2 * reach + 1) ** 2 * 4 > len(walk):
        humans = human_cells(sim)
        out[:len(humans)] = humans
        return walk, len(humans)
    reached = distance_field_listing(sim.world.links, f.anywhere, readers,
                                     f.no_start[:len(readers)], reach, f.reach, f.cell_list)
    np.logical_and(f.reach <= reach, walk, out=f.near_readers)
    h = _human_cells_among(f.cell_list[:reached], f.reach, chase + 1, sim.bins.occupants, sim.people.state, out)
    out[:h].sort()
    return f.near_readers, h
