"""Sensing: the two flow fields everyone reads this tick.

`zombie_near`: steps from the nearest zombie, through cells zombies can walk, closed doors shut.
Humans flee down it. `human_near`: steps from the nearest human (or noise), through cells
zombies can walk with doors counted open, so that zombies gather and push at closed doors.
Both stop at a radius: nobody reacts to what they cannot sense.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..behaviours.walk import shut_ways
from ..people.where import first_human
from ..people.states import HALFBIE, HUMAN, ZOMBIE
from ..shares import pick
from ..world.fields import distance_field_by_levels
from ..world.grid import CLOSED


def infected_cells(sim) -> tuple[np.ndarray, np.ndarray]:
    """The cells where a zombie stands, and those where a zombie or a halfbie stands (who read
    the human field), each in increasing order."""
    zombies, readers = sim.bins.cells_of((ZOMBIE,), (ZOMBIE, HALFBIE))
    return zombies, readers


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
        distance_field_by_levels(w.graph, f.zombie_open, zombie_cells,
                                 f.no_start[:len(zombie_cells)], r.sense, f.zombie_near, f.levels,
                                 ways=f.stroll_ways)
        f.zombies_reached = len(pick(f.zombie_near <= r.sense, f.near_zombies))
    passable, ways, h = sim.walk.zombie, sim.walk.zombie_ways, 0
    if r.chase >= 0:  # else the humans, at 0 steps, are beyond the field's reach of -1
        reach = r.chase + 1 + int(loudness.max(initial=0))
        if len(readers) * (2 * reach + 1) ** 2 * 4 > w.cells:
            # So many read the field that the cells near them would cover much of the map:
            # searching only there would cost more than it saves.
            humans, = sim.bins.cells_of((HUMAN,))
            h = len(humans)
            f.sources[n:n + h] = humans
        else:
            passable, ways = f.near_readers, None
            h = _humans_in_reach(sim, readers, reach, f.sources[n:])
        f.starts[n:n + h] = 0
    distance_field_by_levels(w.graph, passable, f.sources[:n + h], f.starts[:n + h], r.chase,
                             f.human_near, f.levels, ways=ways)


def _humans_in_reach(sim, readers: np.ndarray, reach: int, out: np.ndarray) -> int:
    """Marks where the human field need be searched (f.near_readers), and writes the human
    cells it is searched from to out, in increasing order; returns how many.
    Only zombies and halfbies (who may turn hostile) read the field, at their cell and the
    next. The shortest path from there to a human or a noise within reach lies within `reach`
    steps of the reader, so a search kept to those cells, from the humans within chase + 1
    steps of a reader, gives every reader the same values as a search of the whole map from
    every human. f.reach counts steps through any cell, walls too: no more than zombies walk,
    so that it keeps every cell they could walk to, and a human where zombies may not stand
    is counted too."""
    f = sim.fields
    distance_field_by_levels(sim.world.graph, f.anywhere, readers, f.no_start[:len(readers)],
                             reach, f.reach, f.levels)
    within = f.reach <= reach
    np.logical_and(within, sim.walk.zombie, out=f.near_readers)
    near = pick(within, sim.scratch.cells)
    return _human_cells_among(near, f.reach, sim.rates.chase + 1, sim.bins.occupants,
                              sim.people.state, out)


@njit(cache=True)
def _human_cells_among(cells, steps, most, occupants, state, out):
    """Those of cells with steps[c] <= most and a human in them, in out; returns how many."""
    n = 0
    for c in cells:
        if steps[c] <= most and first_human(state, occupants, c, HUMAN) >= 0:
            out[n] = c
            n += 1
    return n
