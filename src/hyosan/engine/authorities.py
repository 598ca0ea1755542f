"""Authorities: the scenario's scheduled quarantines, rescues and bombings.

Bombings and rescues change people, so they are logged and saved with the state. A quarantine
changes only where people may walk: the walkable masks and the safety field are a function of
which orders hold at a tick, recomputed when that set changes and after a restore.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..dice import RESCUE as RESCUE_DRAW, stream, uniform
from ..events import BOMBING as BOMBING_EVENT, QUARANTINE as QUARANTINE_EVENT, RESCUE as RESCUE_EVENT
from ..events import log_event
from ..scenario.model import (BITTEN, BOMBING, DEAD, ESCAPED, EXIT, HALFBIE, HUMAN, QUARANTINE, RESCUE,
                              ZOMBIE)
from ..world.grid import safety_field
from ..world.quarantine import quarantine_line


@njit(cache=True)
def bomb(state, cell, inside, ev_kind, ev_actor, ev_target, ev_cell, n):
    for i in range(state.shape[0]):
        s = state[i]
        if (s == HUMAN or s == BITTEN or s == ZOMBIE or s == HALFBIE) and inside[cell[i]]:
            state[i] = DEAD
            n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, BOMBING_EVENT, -1, i, cell[i])
    return n


@njit(cache=True)
def rescue(seed, tick, state, cell, inside, room, ev_kind, ev_actor, ev_target, ev_cell, n):
    """Take up to `room` people standing inside; when more wait, those with the lowest RESCUE
    draws go first. Returns the next event slot and how many were taken."""
    waiting = np.empty(state.shape[0], np.int64)
    m = 0
    for i in range(state.shape[0]):
        s = state[i]
        if (s == HUMAN or s == BITTEN or s == HALFBIE) and inside[cell[i]]:
            waiting[m] = i
            m += 1
    taken = min(m, room)
    if taken < m:
        key = stream(seed, tick, RESCUE_DRAW)
        draws = np.empty(m)
        for j in range(m):
            draws[j] = uniform(key, waiting[j])
        chosen = np.sort(waiting[:m][np.argsort(draws)[:taken]])
    else:
        chosen = waiting[:taken]
    for i in chosen:
        state[i] = ESCAPED
        n = log_event(ev_kind, ev_actor, ev_target, ev_cell, n, RESCUE_EVENT, -1, i, cell[i])
    return n, taken


class Orders:
    """The scenario's authorities as ticks and zone masks."""

    def __init__(self, sim):
        self.sim = sim
        dt, ticks = sim.rates.tick_seconds, sim.ticks
        self.orders = sim.scenario.authorities
        self.start = [int(round(a.at / dt)) for a in self.orders]
        self.end = []
        for a, start in zip(self.orders, self.start):
            if a.act == QUARANTINE and a.lasts == 0:
                self.end.append(ticks + 1)
            else:
                self.end.append(start + max(1, int(round(a.lasts / dt))))
        self.zones = [sim.world.place_mask(a.zone) for a in self.orders]

    def holding(self, tick: int) -> tuple[int, ...]:
        """The quarantines and rescues in force at a tick."""
        return tuple(k for k, a in enumerate(self.orders)
                     if a.act != BOMBING and self.start[k] <= tick < self.end[k])

    def apply(self, tick: int) -> None:
        """Set the walkable masks and the safety field for the orders holding at `tick`."""
        sim, w = self.sim, self.sim.world
        holding = self.holding(tick)
        sealed = np.zeros(w.cells, dtype=bool)
        safe = (w.terrain == EXIT) | (w.in_shelter != 0)
        for k in holding:
            if self.orders[k].act == QUARANTINE:
                sealed |= quarantine_line(w, self.zones[k])
            else:
                safe |= self.zones[k]
        sim.walk.human[:] = np.where(sealed, 0, w.human_walk)
        sim.walk.zombie[:] = np.where(sealed, 0, w.zombie_walk)
        sim.walk.safety[:] = safety_field(w.links, sim.walk.human, safe)
        sim.walk.holding = holding


def authorities(sim) -> None:
    """The authorities phase: bombings and rescues of this tick; then the standing orders."""
    orders, t = sim.orders, sim.tick
    kind, actor, target, cell = sim.events.buffer(sim.event_room)
    n = 0
    for k, a in enumerate(orders.orders):
        if not orders.start[k] <= t < orders.end[k]:
            continue
        if a.act == BOMBING:
            n = bomb(sim.people.state, sim.people.cell, orders.zones[k], kind, actor, target, cell, n)
        elif a.act == RESCUE:
            room = a.capacity - int(sim.rescued[k])
            n, taken = rescue(sim.seed, t, sim.people.state, sim.people.cell, orders.zones[k], room,
                              kind, actor, target, cell, n)
            sim.rescued[k] += taken
        elif t == orders.start[k]:
            first = int(np.argmax(orders.zones[k]))
            n = log_event(kind, actor, target, cell, n, QUARANTINE_EVENT, -1, -1, first)
    sim.events.commit(t, n)
    if orders.holding(t) != sim.walk.holding:
        orders.apply(t)
