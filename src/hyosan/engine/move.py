"""Moves: everyone steps to their chosen cell unless it is full or shut.

A cell takes at most `capacity` living people. When more want in than there is room, those
with the lowest draw of the PRIORITY stream get in, so conflicts are settled fairly at random
and the same way whatever the order of work. People still in a cell count against its room
even when they are leaving it, which keeps the rule simple and never overfills a cell.
A zombie stepping into a closed door pushes on it instead, and wears its strength down until
it breaks. A walker reaching an exit escapes.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..dice import MOVE, PRIORITY, stream, uniform
from ..events import DOOR_BROKEN, ESCAPE, log_event
from ..scenario.model import BITTEN, ESCAPED, EXIT, HALFBIE, HUMAN, ZOMBIE
from ..world.grid import BROKEN, CLOSED
from ..behaviours import carry, injuries

SWIM = 0.3  # speed in water relative to walking


@njit(inline="always", cache=True)
def _alive(s):
    return s == HUMAN or s == BITTEN or s == ZOMBIE or s == HALFBIE


@njit(cache=True)
def move_people(seed, tick, state, cell, target, speed, water, p_human, p_zombie, terrain,
                door_of_cell, door_state, pushes, capacity, cell_start, order, wanted, movers,
                crowded_out, ev_kind, ev_actor, ev_target, ev_cell, n):
    """wanted (cells + 1) and movers (people) are scratch arrays; crowded_out gets the cell
    each person could not enter for want of room (-1 for the others)."""
    people = state.shape[0]
    k_move = stream(seed, tick, MOVE)
    for i in range(people):
        t = target[i]
        c = cell[i]
        if t == c:
            continue
        # A step is made with a chance set by speed: per tick, cells per tick at walking pace.
        p = p_zombie if state[i] == ZOMBIE else p_human
        if water[c] != 0 or water[t] != 0:
            p *= SWIM
        if uniform(k_move, i) >= p * (0.5 + speed[i] / 255.0):
            target[i] = c
            continue
        if state[i] == ZOMBIE:
            d = door_of_cell[t]
            if d >= 0 and door_state[d] == CLOSED:
                pushes[d] += 1
                target[i] = c

    if capacity > 0:
        _enforce_capacity(seed, tick, state, cell, target, capacity, cell_start, order, wanted,
                          movers, crowded_out)

    for i in range(people):
        t = target[i]
        if t == cell[i]:
            continue
        cell[i] = t
        if terrain[t] == EXIT and state[i] != ZOMBIE:
            state[i] = ESCAPED
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, ESCAPE, i, -1, t)
    return n


@njit(cache=True)
def _enforce_capacity(seed, tick, state, cell, target, capacity, cell_start, order, wanted, movers,
                      crowded_out):
    cells = wanted.shape[0] - 1
    for c in range(cells + 1):
        wanted[c] = 0
    for i in range(state.shape[0]):
        if target[i] != cell[i]:
            wanted[target[i] + 1] += 1
    for c in range(cells):
        wanted[c + 1] += wanted[c]
    fill = wanted[:cells].copy()
    for i in range(state.shape[0]):
        t = target[i]
        if t != cell[i]:
            movers[fill[t]] = i
            fill[t] += 1

    key = stream(seed, tick, PRIORITY)
    for c in range(cells):
        lo = wanted[c]
        hi = wanted[c + 1]
        if hi == lo:
            continue
        room = capacity
        for j in range(cell_start[c], cell_start[c + 1]):
            if _alive(state[order[j]]):
                room -= 1
        if hi - lo <= room:
            continue
        # Keep the `room` movers with the lowest priority draws; send the rest back.
        m = hi - lo
        draws = np.empty(m)
        for j in range(m):
            draws[j] = uniform(key, movers[lo + j])
        ranked = np.argsort(draws)
        for j in range(max(room, 0), m):
            p = movers[lo + ranked[j]]
            crowded_out[p] = target[p]
            target[p] = cell[p]


@njit(cache=True)
def wear_doors(door_cells, door_state, strength, pushes, damage, holders, hold, ev_kind, ev_actor,
               ev_target, ev_cell, n):
    """Each push takes `damage` off a closed door's strength, divided by 1 + the holders'
    power times `hold`: holders slow the breach down but, tiring, never stop it."""
    for d in range(door_cells.shape[0]):
        if pushes[d] == 0 or door_state[d] != CLOSED:
            continue
        wear = pushes[d] * damage / (1.0 + holders[d] * hold)
        strength[d] = max(strength[d] - wear, 0.0)
        if strength[d] == 0.0:
            door_state[d] = BROKEN
            c = door_cells[d]
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, DOOR_BROKEN, -1, -1, c)
    return n


def move(sim) -> None:
    """The move phase: steps, door pushes and escapes; then people are binned by their new cell."""
    w, p, s = sim.world, sim.people, sim.scratch
    kind, actor, target, cell = sim.events.buffer(sim.event_room)
    s.pushes[:] = 0
    r = sim.rates
    injuries.before_move(sim)  # the injured and carriers are slower; the carried do not walk
    s.crowded_out[:] = -1
    n = move_people(sim.seed, sim.tick, p.state, p.cell, s.target, p.speed, w.water, r.p_human,
                    r.p_zombie, w.terrain, w.door_of_cell, sim.doors.state, s.pushes, w.capacity,
                    sim.bins.cell_start, sim.bins.order, s.wanted, s.movers, s.crowded_out, kind,
                    actor, target, cell, 0)
    n = carry.after_move(sim, kind, actor, target, cell, n)
    hold = sim.scenario.behaviours.hold_door
    n = wear_doors(w.door_cells, sim.doors.state, sim.doors.strength, s.pushes,
                   sim.rates.door_damage, sim.doors.holders, hold.hold if hold.on else 0.0, kind,
                   actor, target, cell, n)
    sim.doors.pressure[:] = s.pushes
    sim.events.commit(sim.tick, n)
    sim.bins.update(p)
