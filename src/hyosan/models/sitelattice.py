"""The site lattice of Alemi et al. (2015): one person per site of a square grid.

Every bond between a human and a zombie next to each other is active. Events happen at rate
(beta + kappa) per active bond: pick an active bond at random; with probability
1 / (1 + alpha) (alpha = kappa / beta) the zombie bites (the human becomes a zombie), else the
human kills the zombie (it is removed). The outbreak stops when no bond is active; how far it
got as alpha varies shows the critical kill ratio.

Sites hold S=0, Z=1, R=2. Bond 2c is (c, c+1), bond 2c+1 is (c, c+width); `active` lists the
active bonds and `where[b]` is b's place in that list (-1 when not active).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ..dice import stream, uniform
from .draws import SITE, exponential, sub

S, Z, R = 0, 1, 2


@njit(cache=True)
def _bond_ends(b, width, cells):
    c = b // 2
    if b % 2 == 0:
        return c, (c + 1 if c % width < width - 1 else -1)
    return c, (c + width if c + width < cells else -1)


@njit(cache=True)
def _refresh(b, state, width, active, where, count):
    """Add or remove bond b from the active list as its ends now say; returns the new count."""
    a, e = _bond_ends(b, width, state.shape[0])
    on = e >= 0 and ((state[a] == S and state[e] == Z) or (state[a] == Z and state[e] == S))
    if on and where[b] < 0:
        active[count] = b
        where[b] = count
        return count + 1
    if not on and where[b] >= 0:
        last = active[count - 1]
        active[where[b]] = last
        where[last] = where[b]
        where[b] = -1
        return count - 1
    return count


@njit(cache=True)
def _refresh_site(c, state, width, active, where, count):
    count = _refresh(2 * c, state, width, active, where, count)
    count = _refresh(2 * c + 1, state, width, active, where, count)
    if c % width > 0:
        count = _refresh(2 * (c - 1), state, width, active, where, count)
    if c >= width:
        count = _refresh(2 * (c - width) + 1, state, width, active, where, count)
    return count


@njit(cache=True)
def build_bonds(state, width):
    """The active list and places of a state; returns (active, where, count)."""
    active = np.empty(2 * state.shape[0], np.int64)
    where = np.full(2 * state.shape[0], -1, np.int64)
    count = 0
    for b in range(2 * state.shape[0]):
        count = _refresh(b, state, width, active, where, count)
    return active, where, count


@njit(cache=True)
def site_until(state: np.ndarray, width: int, active: np.ndarray, where: np.ndarray,
               clock: tuple[int, float, int], stop: float, beta: float, kappa: float,
               key: np.uint64) -> tuple[int, float, int]:
    """Advance to time `stop` (days) or until no bond is active. clock: (active bonds, time in
    days, events drawn), as build_bonds and the last call left it; returns it updated."""
    count, t, n = clock
    p_bite = beta / (beta + kappa)
    while count > 0:
        t_next = t + exponential(key, 3 * n) / ((beta + kappa) * count)
        if t_next > stop:
            return count, stop, n + 1
        b = active[min(int(uniform(key, 3 * n + 1) * count), count - 1)]
        bite = uniform(key, 3 * n + 2) < p_bite
        n += 1
        t = t_next
        a, e = _bond_ends(b, width, state.shape[0])
        human, zombie = (a, e) if state[a] == S else (e, a)
        changed = human if bite else zombie
        state[changed] = Z if bite else R
        count = _refresh_site(changed, state, width, active, where, count)  # its four bonds
    return count, stop, n


def centre_start(height: int, width: int, zombies: int = 1) -> np.ndarray:
    """All humans, with `zombies` zombies in a block at the centre."""
    state = np.zeros(height * width, np.int8)
    side = int(np.ceil(np.sqrt(zombies)))
    top, left = (height - side) // 2, (width - side) // 2
    placed = 0
    for r in range(side):
        for c in range(side):
            if placed < zombies:
                state[(top + r) * width + left + c] = Z
                placed += 1
    return state


@njit(cache=True)
def run_key(seed):
    """The stream key of one site-lattice run (made here, as a uint64 from Python would overflow)."""
    return sub(stream(seed, 0, SITE), 0, 0)


@njit(parallel=True, cache=True)
def _outbreaks(start, width, alpha, seed, out):
    root = stream(seed, 0, SITE)
    for i in prange(out.shape[0]):
        state = start.copy()
        active, where, count = build_bonds(state, width)
        site_until(state, width, active, where, (count, 0.0, 0), np.inf, 1.0, alpha, sub(root, i, 0))
        out[i] = np.sum(state != S)


def outbreak_sizes(alpha: float, size: int, replicas: int, seed: int) -> np.ndarray:
    """Fraction of the sites ever turned (zombies plus removed, at the end) in each of
    `replicas` outbreaks from one zombie at the centre of a size x size lattice."""
    out = np.zeros(replicas, np.int64)
    _outbreaks(centre_start(size, size), size, float(alpha), seed, out)
    return out / float(size * size)
