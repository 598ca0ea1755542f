"""Authorities: the scenario's scheduled quarantines, rescues and bombings, which a delivered
message (behaviours.messenger) may bring forward, lift or call off.

Bombings and rescues change people, so they are logged and saved with the state. A quarantine
changes only where people may walk: the walkable masks and the safety field are a function of
which orders hold at a tick, recomputed when that set changes and after a restore.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ..dice import AUTHORITY_RESCUE, stream, uniform
from ..events import BOMBING as BOMBING_EVENT, QUARANTINE as QUARANTINE_EVENT, RESCUE as RESCUE_EVENT
from ..events import log_event
from ..people.states import BITTEN, DEAD, ESCAPED, HALFBIE, HUMAN, ZOMBIE
from ..world.terrain import EXIT
from ..scenario.model import BOMBING, CANCEL, LIFT, QUARANTINE, RESCUE
from ..world.grid import safety_field
from ..world.quarantine import quarantine_line


@njit(cache=True)
def bomb(state, cell, inside, sink, n):
    for i in range(state.shape[0]):
        s = state[i]
        if (s == HUMAN or s == BITTEN or s == ZOMBIE or s == HALFBIE) and inside[cell[i]]:
            state[i] = DEAD
            n = log_event(sink, n, BOMBING_EVENT, -1, i, cell[i])
    return n


@njit(cache=True)
def rescue(seed, tick, state, cell, inside, room, sink, n):
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
        key = stream(seed, tick, AUTHORITY_RESCUE)
        draws = np.empty(m)
        for j in range(m):
            draws[j] = uniform(key, waiting[j])
        chosen = np.sort(waiting[:m][np.argsort(draws)[:taken]])
    else:
        chosen = waiting[:taken]
    for i in chosen:
        state[i] = ESCAPED
        n = log_event(sink, n, RESCUE_EVENT, -1, i, cell[i])
    return n, taken


class Orders:
    """The scenario's authorities as ticks and zone masks.

    `delivered` is the tick of the first delivered message (-1: none yet); the orders' start
    and end ticks follow from it and the schedule (Authority.on_message), so it is all that a
    checkpoint needs to keep of them.
    """

    def __init__(self, sim):
        self.sim = sim
        self.orders = sim.scenario.authorities
        self.zones = [sim.world.place_mask(a.zone) for a in self.orders]
        self.retime(-1)

    def retime(self, delivered: int) -> None:
        """Start and end ticks of the orders, given the tick a message was delivered (or -1)."""
        dt, never = self.sim.rates.tick_seconds, self.sim.ticks + 1
        self.delivered = delivered
        self.start, self.end = [], []
        for a in self.orders:
            start = int(round(a.at / dt))
            trigger = a.on_message
            if delivered >= 0 and trigger is not None and trigger not in (LIFT, CANCEL):
                start = min(start, delivered + int(round(trigger / dt)))
            if a.act == QUARANTINE and a.lasts == 0:
                end = never
            else:
                end = start + max(1, int(round(a.lasts / dt)))
            if delivered >= 0 and trigger == LIFT:
                end = min(end, max(delivered, start))
            if delivered >= 0 and trigger == CANCEL and delivered < start:
                start = end = never
            self.start.append(start)
            self.end.append(end)

    def deliver(self, tick: int) -> None:
        """A message reached the authorities at `tick`: the first one changes their orders."""
        if self.delivered < 0:
            self.retime(tick)

    def holding(self, tick: int) -> tuple[int, ...]:
        """The quarantines and rescues in force at a tick."""
        return tuple(k for k, a in enumerate(self.orders)
                     if a.act != BOMBING and self.start[k] <= tick < self.end[k])

    def apply(self, tick: int | None) -> None:
        """Set the walkable masks and the safety field for the orders holding at `tick` (None:
        the orders holding now, after a shelter was abandoned)."""
        sim, w = self.sim, self.sim.world
        holding = self.holding(tick) if tick is not None else sim.walk.holding
        sealed = np.zeros(w.cells, dtype=bool)
        safe = (w.terrain == EXIT) | (sim.walk.shelter != 0)
        for k in holding:
            if self.orders[k].act == QUARANTINE:
                sealed |= quarantine_line(w, self.zones[k])
            else:
                safe |= self.zones[k]
        sim.walk.human[:] = np.where(sealed, 0, w.human_walk)
        sim.walk.zombie[:] = np.where(sealed, 0, w.zombie_walk)
        sim.walk.safety[:] = safety_field(w.links, sim.walk.human, safe)
        sim.walk.changed(w)
        sim.walk.holding = holding


def authorities(sim) -> None:
    """The authorities phase: bombings and rescues of this tick; then the standing orders."""
    orders, t = sim.orders, sim.tick
    sink, n = sim.events.sink()
    for k, a in enumerate(orders.orders):
        if not orders.start[k] <= t < orders.end[k]:
            continue
        if a.act == BOMBING:
            n = bomb(sim.people.state, sim.people.cell, orders.zones[k], sink, n)
        elif a.act == RESCUE:
            room = a.capacity - int(sim.rescued[k])
            n, taken = rescue(sim.seed, t, sim.people.state, sim.people.cell, orders.zones[k], room,
                              sink, n)
            sim.rescued[k] += taken
            if taken:
                sim.bins.moved()  # the rescued are no longer in the bins
        elif t == orders.start[k]:
            first = int(np.argmax(orders.zones[k]))
            n = log_event(sink, n, QUARANTINE_EVENT, -1, -1, first)
    sim.events.wrote(n)
    if orders.holding(t) != sim.walk.holding:
        orders.apply(t)
