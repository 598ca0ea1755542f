"""Counts of people by state, for the whole map and for every room."""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit, prange

from ..shares import share


@njit(parallel=True, cache=True)
def _count_parts(state, cell, zone, counts):
    """counts[k]: what count_states counts, for the k-th share of the people."""
    parts = counts.shape[0]
    people = state.shape[0]
    rooms = counts.shape[1] > 1  # without rooms, skip a read far off in memory for each person
    for part in prange(parts):
        # Its own memory (no false sharing), in four rows taken in turn: neighbours mostly share
        # a state, and one row would make each count wait for the one before.
        mine = np.zeros((4, counts.shape[1], counts.shape[2]), counts.dtype)
        lo, hi = share(part, parts, people)
        for i in range(lo, hi):
            s = state[i]
            mine[i & 3, 0, s] += 1
            if rooms:
                z = zone[cell[i]]
                if z >= 0:
                    mine[i & 3, z + 1, s] += 1
        counts[part] = mine[0] + mine[1] + mine[2] + mine[3]


def count_states(state, cell, zone, out) -> None:
    """out[0] counts everyone, out[1 + r] the people standing in room r."""
    counts = np.empty((get_num_threads(), *out.shape), out.dtype)
    _count_parts(state, cell, zone, counts)
    out[:] = counts.sum(axis=0)


def record(sim) -> None:
    """The record phase: a row of counts every `record.every` ticks (row k is tick k * every),
    and a replay frame every `frames.every` ticks."""
    done = sim.tick + 1
    if done % sim.scenario.record.every == 0:
        count_states(sim.people.state, sim.people.cell, sim.world.zone,
                     sim.series[done // sim.scenario.record.every])
    sim.frames.capture(sim, done)
