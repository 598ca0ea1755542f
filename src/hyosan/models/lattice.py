"""Kernels of the lattice (metapopulation) kind: reactions inside cells, hops between them.

Cells are numbered row by row on a grid of `width` columns; x[c, s] is the count of species s
in cell c. Water cells are never entered. A person of species s hops to each land neighbour
(up, down, left, right) at rate hop[s] per day. Frequency reactions in a cell are divided by
the cell's population at the start (inv_n[c] = 1 / max(n, 1)).

Two ways to advance: `tau_react` + `hops_out` + `hops_in` (a tau leap: Poisson firings per
cell, then binomial departures split evenly over the neighbours) and `nsm_until` (exact: the
next-subvolume method of Elf and Ehrenberg, Syst. Biol. 1, 230 (2004), one event at a time).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ..dice import stream, uniform
from .draws import HOP, LEAP, SSA, binomial, exponential, sub
from .heap import heapify, retime
from .reactions import Reactions, propensity
from .tauleap import leap


UP, DOWN, LEFT, RIGHT = range(4)


@njit(inline="always", cache=True)
def neighbour(c, d, width, cells):
    """The cell next to c in direction d, or -1 off the grid."""
    if d == UP:
        return c - width if c >= width else -1
    if d == DOWN:
        return c + width if c + width < cells else -1
    if d == LEFT:
        return c - 1 if c % width > 0 else -1
    return c + 1 if c % width < width - 1 else -1


@njit(cache=True)
def land_neighbours(land, width):
    """Per cell, a 4-bit mask of its land neighbours."""
    cells = land.shape[0]
    out = np.zeros(cells, np.uint8)
    for c in range(cells):
        for d in range(4):
            e = neighbour(c, d, width, cells)
            if e >= 0 and land[e]:
                out[c] |= np.uint8(1 << d)
    return out


@njit(parallel=True, cache=True)
def tau_react(x, tau, nu, r1, r2, k, freq, inv_n, seed, step):
    root = stream(seed, step, LEAP)
    for c in prange(x.shape[0]):
        idle = True
        for j in range(k.shape[0]):  # cheap test first: most cells have nothing to do
            if (r1[j] < 0 or x[c, r1[j]] > 0) and (r2[j] < 0 or x[c, r2[j]] > 0) and k[j] > 0:
                idle = False
                break
        if not idle:
            leap(x[c], tau, nu, r1, r2, k, freq, inv_n[c], sub(root, c, 0))


@njit(parallel=True, cache=True)
def hops_out(x, s, mask, rate, tau, seed, step, moves):
    """Departures of species s in one leap: each person leaves with probability
    min(1, m rate tau) (m land neighbours; the mean flux of the hop reactions, exact while
    m rate tau <= 1), to a neighbour chosen uniformly. Nobody moves more than one cell a leap."""
    root = stream(seed, step, HOP)
    for c in prange(x.shape[0]):
        for d in range(4):
            moves[c, d] = 0
        n = x[c, s]
        m = 0
        for d in range(4):
            m += (mask[c] >> d) & 1
        if n == 0 or m == 0:
            continue
        left = binomial(sub(root, c, 8 * s), n, min(1.0, m * rate * tau))
        x[c, s] -= left
        for d in range(4):
            if (mask[c] >> d) & 1:
                go = left if m == 1 else binomial(sub(root, c, 8 * s + 1 + d), left, 1.0 / m)
                moves[c, d] = go
                left -= go
                m -= 1


@njit(parallel=True, cache=True)
def hops_in(x, s, width, moves):
    cells = x.shape[0]
    for c in prange(cells):
        arrived = 0
        for d in range(4):
            e = neighbour(c, d, width, cells)
            if e >= 0:
                arrived += moves[e, d ^ 1]  # UP<->DOWN, LEFT<->RIGHT
        x[c, s] += arrived


@njit(parallel=True, cache=True)
def column_totals(x):
    """x.sum(axis=0) for a tall (cells, species) array, in parallel over blocks of cells."""
    blocks = 64
    size = (x.shape[0] + blocks - 1) // blocks
    part = np.zeros((blocks, x.shape[1]), np.int64)
    for b in prange(blocks):
        for c in range(b * size, min((b + 1) * size, x.shape[0])):
            for s in range(x.shape[1]):
                part[b, s] += x[c, s]
    return part.sum(axis=0)


@njit(cache=True)
def _cell_rate(x, c, nu, r1, r2, k, freq, inv_n, hop, m):
    a = 0.0
    for j in range(k.shape[0]):
        a += propensity(j, x[c], r1, r2, k) * (inv_n[c] if freq[j] else 1.0)
    for s in range(hop.shape[0]):
        a += hop[s] * m * x[c, s]
    return a


@njit(cache=True)
def _popcount(b):
    return (b & 1) + ((b >> 1) & 1) + ((b >> 2) & 1) + ((b >> 3) & 1)


@njit(cache=True)
def nsm_until(x: np.ndarray, mask: np.ndarray, width: int, t0: float, stop: float,
              reactions: Reactions, inv_n: np.ndarray, hop: np.ndarray, seed: int,
              tick: int) -> int:
    """Advance every cell exactly from t0 to stop; returns the number of events. Each call
    draws fresh waiting times (exact, as waiting times are memoryless)."""
    nu, r1, r2, k, freq = reactions.nu, reactions.r1, reactions.r2, reactions.k, reactions.freq
    cells = x.shape[0]
    times = np.full(cells, np.inf)
    rate = np.zeros(cells)
    start = stream(seed, tick, SSA)
    for c in range(cells):
        rate[c] = _cell_rate(x, c, nu, r1, r2, k, freq, inv_n, hop, _popcount(mask[c]))
        if rate[c] > 0.0:
            times[c] = t0 + exponential(sub(start, c, 0), 0) / rate[c]
    heap = np.arange(cells)
    pos = np.empty(cells, np.int64)
    heapify(heap, pos, times)
    key = stream(seed, tick, SSA + 1000)
    events = 0
    while times[heap[0]] <= stop:
        c = heap[0]
        t = times[c]
        target = uniform(key, 3 * events) * rate[c]
        other = -1
        acc = 0.0
        done = False
        for j in range(k.shape[0]):
            acc += propensity(j, x[c], r1, r2, k) * (inv_n[c] if freq[j] else 1.0)
            if target < acc:
                for s in range(x.shape[1]):
                    x[c, s] += nu[j, s]
                done = True
                break
        if not done:
            m = _popcount(mask[c])
            for s in range(hop.shape[0]):
                acc += hop[s] * m * x[c, s]
                if target < acc and x[c, s] > 0:
                    pick = int(uniform(key, 3 * events + 1) * m)
                    for d in range(4):
                        if (mask[c] >> d) & 1:
                            if pick == 0:
                                other = neighbour(c, d, width, cells)
                                break
                            pick -= 1
                    x[c, s] -= 1
                    x[other, s] += 1
                    break
        events += 1
        for e in (c, other):
            if e < 0:
                continue
            rate[e] = _cell_rate(x, e, nu, r1, r2, k, freq, inv_n, hop, _popcount(mask[e]))
            wait = exponential(sub(key, events, 1 if e == other else 0), 2) / rate[e] if rate[e] > 0.0 else np.inf
            retime(heap, pos, times, e, t + wait)
    return events
