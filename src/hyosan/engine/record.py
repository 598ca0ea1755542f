"""Counts of people by state, for the whole map and for every room."""

from __future__ import annotations

from numba import njit


@njit(cache=True)
def count_states(state, cell, zone, out):
    """out[0] counts everyone, out[1 + r] the people standing in room r."""
    out[:] = 0
    rooms = out.shape[0] > 1  # without rooms, skip a read far off in memory for each person
    for i in range(state.shape[0]):
        s = state[i]
        out[0, s] += 1
        if rooms:
            z = zone[cell[i]]
            if z >= 0:
                out[z + 1, s] += 1


def record(sim) -> None:
    """The record phase: a row of counts every `record.every` ticks (row k is tick k * every),
    and a replay frame every `frames.every` ticks."""
    done = sim.tick + 1
    if done % sim.scenario.record.every == 0:
        count_states(sim.people.state, sim.people.cell, sim.world.zone,
                     sim.series[done // sim.scenario.record.every])
    sim.frames.capture(sim, done)
