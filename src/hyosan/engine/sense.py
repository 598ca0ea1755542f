"""Sensing: the two flow fields everyone reads this tick.

`zombie_near`: steps from the nearest zombie, through cells zombies can walk, closed doors shut.
Humans flee down it. `human_near`: steps from the nearest human (or noise), through cells
zombies can walk with doors counted open, so that zombies gather and push at closed doors.
Both stop at a radius: nobody reacts to what they cannot sense.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..scenario.model import HUMAN, ZOMBIE
from ..world.fields import distance_field
from ..world.grid import CLOSED


@njit(cache=True)
def cells_of_state(state, cell, wanted, out, n):
    """Append the cells of everyone in state `wanted` to out from index n; return the new n."""
    for i in range(state.shape[0]):
        if state[i] == wanted:
            out[n] = cell[i]
            n += 1
    return n


def sense(sim) -> None:
    w, p, f = sim.world, sim.people, sim.fields
    closed = sim.doors.state == CLOSED
    f.zombie_open[w.door_cells] = np.where(closed, 0, w.zombie_walk[w.door_cells])

    n = cells_of_state(p.state, p.cell, ZOMBIE, f.sources, 0)
    distance_field(w.links, f.zombie_open, f.sources[:n], f.no_start[:n], sim.rates.sense, f.zombie_near)

    loud = sim.noise.active(sim.tick)
    n = len(loud)
    f.sources[:n] = sim.noise.cell[loud]
    f.starts[:n] = -sim.noise.loudness[loud]
    order = np.argsort(f.starts[:n], kind="stable")
    f.sources[:n] = f.sources[:n][order]
    f.starts[:n] = f.starts[:n][order]
    m = cells_of_state(p.state, p.cell, HUMAN, f.sources, n)
    f.starts[n:m] = 0
    distance_field(w.links, w.zombie_walk, f.sources[:m], f.starts[:m], sim.rates.chase, f.human_near)
