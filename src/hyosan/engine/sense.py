"""Sensing: the two flow fields everyone reads this tick.

`zombie_near`: steps from the nearest zombie, through cells zombies can walk, closed doors shut.
Humans flee down it. `human_near`: steps from the nearest human (or noise), through cells
zombies can walk with doors counted open, so that zombies gather and push at closed doors.
Both stop at a radius: nobody reacts to what they cannot sense.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..behaviours import decoy
from ..scenario.model import HUMAN, ZOMBIE
from ..world.fields import distance_field
from ..world.grid import CLOSED


@njit(cache=True)
def source_cells(cell_start, order, state, zombie_cells, human_cells, h):
    """Fill zombie_cells from 0 and human_cells from h with the cells holding a zombie and a
    human, in increasing cell order (which keeps the searches cache-friendly). Returns both ends."""
    z = 0
    for c in range(cell_start.shape[0] - 1):
        has_zombie = False
        has_human = False
        for j in range(cell_start[c], cell_start[c + 1]):
            s = state[order[j]]
            has_zombie |= s == ZOMBIE
            has_human |= s == HUMAN
        if has_zombie:
            zombie_cells[z] = c
            z += 1
        if has_human:
            human_cells[h] = c
            h += 1
    return z, h

def sense(sim) -> None:
    w, p, f = sim.world, sim.people, sim.fields
    f.zombie_open[:] = sim.walk.zombie
    f.zombie_open[w.door_cells[sim.doors.state == CLOSED]] = 0

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
    z, h = source_cells(sim.bins.cell_start, sim.bins.order, p.state, f.zombie_sources, f.sources, n)
    f.starts[n:h] = 0

    distance_field(w.links, f.zombie_open, f.zombie_sources[:z], f.no_start[:z], sim.rates.sense,
                   f.zombie_near)
    distance_field(w.links, sim.walk.zombie, f.sources[:h], f.starts[:h], sim.rates.chase,
                   f.human_near)
