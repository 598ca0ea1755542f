"""The reference model as one hand-written numba program: people are kept sorted by cell, so a
cell's people are one slice and every pass reads memory in order.

A tick: (1) each thread walks its share of the cells, draws everyone's step and counts where
they go; (2) the counts become each thread's write position per cell; (3) each thread scatters
its people into the other buffer, which is sorted by cell again (stably: a cell's people keep
the order of their thread and position); (4) each thread takes its share of the cells for bites
and fights (in id order, after a short insertion sort of the few cells that hold both a zombie
and a human) and turns the bitten of the tick before. Draws are a hash of (seed, tick, purpose,
position or pair), so a run is the same whatever the thread count.
"""

from __future__ import annotations

import numba as nb
import numpy as np

from ..reference import P_EVENT, P_KILL, STATES, TICKS, side, zombies

HUMAN, BITTEN, ZOMBIE, DEAD = range(len(STATES))
NEW = len(STATES)  # bitten during this tick
MIXED = (1 << HUMAN) | (1 << ZOMBIE)  # a cell where zombies meet humans
TURNING = (1 << BITTEN) | (1 << NEW)  # a cell where someone progresses
MOVE, PAIR = 1, 2  # purposes of draws
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_ODD = np.uint64(0xD1B54A32D192ED03)
_UNIT = 1.0 / 2.0**53


@nb.njit(inline="always", cache=True)
def _mix(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@nb.njit(inline="always", cache=True)
def _key(seed, tick, purpose):
    return _mix(_mix(np.uint64(seed) ^ _ODD) ^ (np.uint64(tick) * _GOLDEN + np.uint64(purpose)))


@nb.njit(inline="always", cache=True)
def _cells_of(part, parts, cells):
    return cells * part // parts, cells * (part + 1) // parts


@nb.njit(parallel=True, cache=True)
def _walk(seed, tick, side, state, start, dest, counts):
    """dest[j]: the cell person j steps to; counts[part, c]: how many of part's people go to c."""
    key = _key(seed, tick, MOVE)
    parts, cells = counts.shape
    for part in nb.prange(parts):
        row_counts = counts[part]
        row_counts[:] = 0
        to = np.empty(6, np.int64)  # the cells of the six ways out of a cell: N, E, S, W, stay, stay
        lo, hi = _cells_of(part, parts, cells)
        for c in range(lo, hi):
            row, col = c // side, c % side
            to[0] = c - side if row > 0 else c + side * (side - 1)
            to[1] = c + 1 if col < side - 1 else c - (side - 1)
            to[2] = c + side if row < side - 1 else c - side * (side - 1)
            to[3] = c - 1 if col > 0 else c + (side - 1)
            to[4] = c
            to[5] = c
            for j in range(start[c], start[c + 1]):
                h = _mix(key ^ (np.uint64(j) * _GOLDEN)) >> np.uint64(32)
                way = (h * np.uint64(6)) >> np.uint64(32)  # 0..5, uniform
                t = to[way] if state[j] != DEAD else c
                dest[j] = t
                row_counts[t] += 1


@nb.njit(cache=True)
def _positions(counts, start):
    """Turn counts into each part's first write position per cell, and set the new cell starts."""
    parts, cells = counts.shape
    at = 0
    for c in range(cells):
        start[c] = at
        for part in range(parts):
            k = counts[part, c]
            counts[part, c] = at
            at += k
    start[cells] = at


@nb.njit(parallel=True, cache=True)
def _scatter(start, dest, counts, state, ident, new_state, new_ident):
    parts, cells = counts.shape
    for part in nb.prange(parts):
        lo, hi = _cells_of(part, parts, cells)
        for j in range(start[lo], start[hi]):
            t = dest[j]
            k = counts[part, t]
            counts[part, t] = k + 1
            new_state[k] = state[j]
            new_ident[k] = ident[j]


@nb.njit(inline="always", cache=True)
def _sort_by_id(state, ident, lo, hi):
    for j in range(lo + 1, hi):
        s, i = state[j], ident[j]
        k = j - 1
        while k >= lo and ident[k] > i:
            state[k + 1] = state[k]
            ident[k + 1] = ident[k]
            k -= 1
        state[k + 1] = s
        ident[k + 1] = i


@nb.njit(parallel=True, cache=True)
def _interact(seed, tick, start, state, ident, p_kill, p_event, parts):
    key = _key(seed, tick, PAIR)
    cells = start.shape[0] - 1
    for part in nb.prange(parts):
        lo_cell, hi_cell = _cells_of(part, parts, cells)
        for c in range(lo_cell, hi_cell):
            lo, hi = start[c], start[c + 1]
            here = 0  # a bit for each state present in the cell
            for j in range(lo, hi):
                here |= 1 << state[j]
            if here & MIXED == MIXED:
                _sort_by_id(state, ident, lo, hi)
                for jz in range(lo, hi):
                    if state[jz] != ZOMBIE:
                        continue
                    kz = _mix(key ^ (np.uint64(ident[jz]) * _GOLDEN))
                    for jh in range(lo, hi):
                        if state[jh] != HUMAN:
                            continue
                        u = (_mix(kz ^ (np.uint64(ident[jh]) * _ODD)) >> np.uint64(11)) * _UNIT
                        if u < p_kill:
                            state[jz] = DEAD
                            break
                        if u < p_event:
                            state[jh] = NEW
                            here |= 1 << NEW
                            break
            if here & TURNING:
                for j in range(lo, hi):
                    if state[j] == BITTEN:
                        state[j] = ZOMBIE
                    elif state[j] == NEW:
                        state[j] = BITTEN


class Model:
    def __init__(self, n: int, seed: int, ticks: int = TICKS):
        self.seed, self.ticks, self.side = seed, ticks, side(n)
        cells = self.side**2
        cell = np.random.default_rng(seed).integers(0, cells, n)
        by_cell = np.argsort(cell, kind="stable")  # ids increase within each cell
        self.ident = by_cell.astype(np.int32)
        self.state = np.where(by_cell >= n - zombies(n), ZOMBIE, HUMAN).astype(np.uint8)
        self.start = np.searchsorted(cell[by_cell], np.arange(cells + 1)).astype(np.int32)
        self.dest = np.empty(n, np.int32)
        self.spare = (np.empty_like(self.state), np.empty_like(self.ident), np.empty_like(self.start))
        self.counts_by_part = np.empty((nb.get_num_threads(), cells), np.int32)

    def step(self, tick: int) -> None:
        new_state, new_ident, new_start = self.spare
        _walk(self.seed, tick, self.side, self.state, self.start, self.dest,
              self.counts_by_part)
        _positions(self.counts_by_part, new_start)
        _scatter(self.start, self.dest, self.counts_by_part, self.state, self.ident, new_state,
                 new_ident)
        self.spare = (self.state, self.ident, self.start)
        self.state, self.ident, self.start = new_state, new_ident, new_start
        _interact(self.seed, tick, self.start, self.state, self.ident, P_KILL, P_EVENT,
                  len(self.counts_by_part))

    def run(self) -> None:
        for tick in range(self.ticks):
            self.step(tick)

    def counts(self) -> dict[str, int]:
        totals = np.bincount(self.state, minlength=len(STATES))
        return {name: int(totals[k]) for k, name in enumerate(STATES)}

    @property
    def bytes_per_person(self) -> int:
        """The people arrays: state and id, their spare buffers, and the step targets."""
        return 2 * (self.state.itemsize + self.ident.itemsize) + self.dest.itemsize
