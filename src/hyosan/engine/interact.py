"""Contacts: a zombie meets the humans who share its cell, in increasing id.

For each pair the human may destroy the zombie (FIGHT draw, stronger people more often) or
the zombie may bite (BITE draw). A zombie bites at most once per tick, and a destroyed zombie
does nothing more. Every cell is independent, so the order of cells does not matter.

A zombie with nobody to bite in its cell (no human, no bitten person) that could not step into
the cell it chased (a full cell: people packed in a corner) lunges across at the first human
there: they may destroy it, or it may bite them, REACH times as often as at close quarters.
"""

from __future__ import annotations

from collections import namedtuple

import numpy as np
from numba import njit, prange

from ..dice import (BITE as BITE_DRAW, FIGHT, INCUBATION, LUNGE, Incubation, incubation_ticks,
                   stream, uniform2)
from ..events import BITE, KILL, Parts, Sink, gather_parts, log_event, part_slots
from ..people.states import BITTEN, DEAD, HUMAN, ZOMBIE
from ..people.where import Contacts, Occupants, first_human
from ..shares import share


REACH = 0.5  # a lunge into the next cell bites this fraction as often as a bite at close quarters


Fighters = namedtuple("Fighters", "state cell strength turn_tick")


@njit(parallel=True, cache=True)
def _fights_by_part(seed: int, tick: int, people: Fighters, bins: Contacts, bite: float,
                    fight: float, incubation: Incubation, sink: Sink, n: int, parts: Parts) -> None:
    """people: Fighters; bins: Contacts. Part k takes the k-th share of the bins. Each zombie
    makes one event at most, so part k's events fit from slot parts.first[k] = n + (its first
    person in the bins) on; parts.found[k] counts them."""
    state, strength, turn_tick = people.state, people.strength, people.turn_tick
    bin_cell, bin_lo, bin_hi, order = bins.cell, bins.lo, bins.hi, bins.order
    first, found = parts.first, parts.found
    k_bite = stream(seed, tick, BITE_DRAW)
    k_fight = stream(seed, tick, FIGHT)
    k_incubation = stream(seed, tick, INCUBATION)
    parts = found.shape[0]
    for part in prange(parts):
        lo_bin, hi_bin = share(part, parts, bin_cell.shape[0])
        first[part] = m = n + (bin_lo[lo_bin] if lo_bin < hi_bin else 0)
        for b in range(lo_bin, hi_bin):
            lo = bin_lo[b]
            hi = bin_hi[b]
            if hi - lo < 2:
                continue
            humans = 0
            zombies = 0
            for j in range(lo, hi):
                s = state[order[j]]
                humans += s == HUMAN
                zombies += s == ZOMBIE
            if humans == 0 or zombies == 0:
                continue
            c = bin_cell[b]
            for jz in range(lo, hi):
                z = order[jz]
                if state[z] != ZOMBIE:
                    continue
                for jh in range(lo, hi):
                    h = order[jh]
                    if state[h] != HUMAN:
                        continue
                    if uniform2(k_fight, z, h) < fight * (0.5 + strength[h] / 255.0):
                        state[z] = DEAD
                        m = log_event(sink, m, KILL, h, z, c)
                        break
                    if uniform2(k_bite, z, h) < bite:
                        state[h] = BITTEN
                        turn_tick[h] = tick + incubation_ticks(k_incubation, h, incubation)
                        m = log_event(sink, m, BITE, z, h, c)
                        break
        found[part] = m - first[part]


def bite_and_fight(seed, tick, people, bins, bite, fight, incubation, sink, n):
    """Every cell's bites and fights, in parallel; bins as Bins.contacts gives them. The events
    are logged in cell order, the same whatever the number of threads."""
    parts = part_slots()
    _fights_by_part(seed, tick, people, bins, bite, fight, incubation, sink, n, parts)
    return gather_parts(parts.first, parts.found, sink, n)


@njit(cache=True)
def lunge(seed: int, tick: int, people: Fighters, crowded_out: np.ndarray, occupants: Occupants,
          bite: float, fight: float, incubation: Incubation, sink: Sink, n: int) -> int:
    """Zombies crowded out of a full cell lunge at its first human (people: Fighters)."""
    state, cell, strength, turn_tick = people.state, people.cell, people.strength, people.turn_tick
    key = stream(seed, tick, LUNGE)
    k_incubation = stream(seed, tick, INCUBATION)
    for z in range(state.shape[0]):
        c, t = cell[z], crowded_out[z]
        if state[z] != ZOMBIE or t < 0 or first_human(state, occupants, c, BITTEN) >= 0:
            continue  # busy with someone in its own cell (perhaps just bitten): no lunge
        h = first_human(state, occupants, t, HUMAN)
        if h < 0:
            continue
        if uniform2(key, z, 2 * h) < fight * (0.5 + strength[h] / 255.0):
            state[z] = DEAD
            n = log_event(sink, n, KILL, h, z, t)
        elif uniform2(key, z, 2 * h + 1) < REACH * bite:
            state[h] = BITTEN
            turn_tick[h] = tick + incubation_ticks(k_incubation, h, incubation)
            n = log_event(sink, n, BITE, z, h, t)
    return n


def fights(sim) -> None:
    """Bites and fights in every cell with a zombie, then lunges into full cells."""
    p, r = sim.people, sim.rates
    acts = sim.scenario.behaviours
    sink, n = sim.events.sink()
    lunges = sim.world.capacity > 0  # else nobody is crowded out
    # Sort only the people who stand with a zombie, unless the bins are read later anyway.
    sorted_later = lunges or acts.injuries.on or acts.hostile.on
    bins = sim.bins.zombie_cells() if sorted_later else sim.bins.contacts()
    fighters = p.view(Fighters)
    n = bite_and_fight(sim.seed, sim.tick, fighters, bins, r.bite, r.fight, sim.incubation, sink, n)
    if lunges:
        n = lunge(sim.seed, sim.tick, fighters, sim.scratch.crowded_out, sim.bins.occupants, r.bite,
                  r.fight, sim.incubation, sink, n)
    sim.events.wrote(n)
