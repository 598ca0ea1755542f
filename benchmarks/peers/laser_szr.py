"""The reference model written the LASER way (laser-core): agents are rows of a LaserFrame,
parameters a PropertySet, each process a component whose `step(tick)` calls a numba kernel over
the frame's columns, and draws come from laser-core's seeded per-thread generators."""

from __future__ import annotations

import time

import laser.core.random as lrandom
import numba as nb
import numpy as np
from laser.core import LaserFrame, PropertySet

from ..reference import P_EVENT, P_KILL, STATES, TICKS, side, zombies

HUMAN, BITTEN, ZOMBIE, DEAD = range(len(STATES))


@nb.njit(parallel=True, nogil=True, cache=True)
def _random_walk(state, nodeid, side):
    for i in nb.prange(state.shape[0]):
        if state[i] == DEAD:
            continue
        way = np.random.randint(0, 6)  # north, east, south, west, or stay (4 and 5)
        node = nodeid[i]
        row, col = node // side, node % side
        if way == 0:
            row = (row - 1) % side
        elif way == 1:
            col = (col + 1) % side
        elif way == 2:
            row = (row + 1) % side
        elif way == 3:
            col = (col - 1) % side
        nodeid[i] = row * side + col


class Movement:
    def __init__(self, model: "LatticeSZR"):
        self.model = model

    def step(self, tick: int) -> None:
        _random_walk(self.model.people.state, self.model.people.nodeid, self.model.params.side)


@nb.njit(nogil=True, cache=True)
def _bin_by_node(state, nodeid, first, order):
    """A counting sort: node k's living agents are order[first[k]:first[k + 1]], in id order."""
    first[:] = 0
    for i in range(state.shape[0]):
        if state[i] != DEAD:
            first[nodeid[i] + 1] += 1
    for k in range(first.shape[0] - 1):
        first[k + 1] += first[k]
    fill = first[:-1].copy()
    for i in range(state.shape[0]):
        if state[i] != DEAD:
            order[fill[nodeid[i]]] = i
            fill[nodeid[i]] += 1


@nb.njit(parallel=True, nogil=True, cache=True)
def _bite_and_fight(state, itimer, first, order, p_kill, p_event):
    for node in nb.prange(first.shape[0] - 1):
        lo, hi = first[node], first[node + 1]
        if hi - lo < 2:
            continue
        for jz in range(lo, hi):
            z = order[jz]
            if state[z] != ZOMBIE:
                continue
            for jh in range(lo, hi):
                h = order[jh]
                if state[h] != HUMAN:
                    continue
                u = np.random.random()
                if u < p_kill:
                    state[z] = DEAD
                    break
                if u < p_event:
                    state[h] = BITTEN
                    itimer[h] = 2  # counted down at the end of this tick and of the next
                    break


class Transmission:
    def __init__(self, model: "LatticeSZR"):
        self.model = model
        model.nodes.add_scalar_property("first", np.int32)  # where a node's agents start in `order`
        model.people.add_scalar_property("order", np.int32)  # agents sorted by node

    def step(self, tick: int) -> None:
        people, nodes, p = self.model.people, self.model.nodes, self.model.params
        _bin_by_node(people.state, people.nodeid, nodes.first, people.order)
        _bite_and_fight(people.state, people.itimer, nodes.first, people.order, p.p_kill, p.p_event)


@nb.njit(parallel=True, nogil=True, cache=True)
def _incubate(state, itimer):
    for i in nb.prange(state.shape[0]):
        if state[i] == BITTEN:
            itimer[i] -= 1
            if itimer[i] == 0:
                state[i] = ZOMBIE


class Incubation:
    def __init__(self, model: "LatticeSZR"):
        self.model = model

    def step(self, tick: int) -> None:
        _incubate(self.model.people.state, self.model.people.itimer)


class LatticeSZR:
    def __init__(self, params: PropertySet):
        self.params = params
        prng = lrandom.seed(params.seed)
        n, cells = params.n, params.side**2
        self.people = LaserFrame(n)
        self.people.add_scalar_property("state", np.uint8, HUMAN)
        self.people.add_scalar_property("nodeid", np.int32)
        self.people.add_scalar_property("itimer", np.uint8)
        self.people.nodeid[:] = prng.integers(0, cells, n)
        self.people.state[n - params.zombies:] = ZOMBIE
        self.nodes = LaserFrame(cells + 1)  # one row more: the end of the last node's agents
        self.components = [Movement(self), Transmission(self), Incubation(self)]
        self.phase_seconds = {type(c).__name__: 0.0 for c in self.components}

    def run(self) -> None:
        for tick in range(self.params.nticks):
            for component in self.components:
                t0 = time.perf_counter()
                component.step(tick)
                self.phase_seconds[type(component).__name__] += time.perf_counter() - t0


class Model:
    def __init__(self, n: int, seed: int, ticks: int = TICKS):
        params = PropertySet({"n": n, "side": side(n), "zombies": zombies(n), "nticks": ticks,
                              "p_kill": P_KILL, "p_event": P_EVENT, "seed": seed})
        self.model = LatticeSZR(params)

    def run(self) -> None:
        self.model.run()

    def counts(self) -> dict[str, int]:
        totals = np.bincount(self.model.people.state, minlength=len(STATES))
        return {name: int(totals[k]) for k, name in enumerate(STATES)}

    @property
    def bytes_per_person(self) -> int:
        return sum(a.itemsize for a in self.model.people._properties.values())

    @property
    def phases(self) -> dict[str, float]:
        return dict(self.model.phase_seconds)
