"""Tau-leaping of a reaction system (Gillespie, J. Chem. Phys. 115, 1716 (2001)).

In a leap of length tau every reaction j fires a Poisson(a_j(x) tau) number of times, the
propensities frozen at the start of the leap. Firings are applied reaction by reaction and cut
so that no count goes below zero. The error is of order tau: the docs (models/stochastic.md)
give its size for the built-in models; `method = "exact"` has none.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ..dice import stream
from .draws import LEAP, STRIKE, binomial, poisson, sub
from .reactions import Reactions, Strikes, propensity


@njit(cache=True)
def leap(x, tau, nu, r1, r2, k, freq, scale, key):
    """One leap of a state x in place; the propensities of the reactions flagged in `freq`
    are multiplied by `scale` (a lattice cell's 1 / population). Returns the total propensity
    at the start of the leap (0: nothing can happen any more)."""
    nr = k.shape[0]
    a0 = 0.0
    for j in range(nr):
        a0 += propensity(j, x, r1, r2, k)
    if a0 <= 0.0:
        return 0.0  # most cells of a lattice, most of the time: nothing to draw
    fire = np.empty(nr, np.int64)
    for j in range(nr):
        a = propensity(j, x, r1, r2, k) * (scale if freq[j] else 1.0)
        fire[j] = poisson(sub(key, j, 0), a * tau)
    for j in range(nr):
        m = fire[j]
        for s in range(x.shape[0]):
            if nu[j, s] < 0:
                m = min(m, x[s] // -nu[j, s])
        if m > 0:
            for s in range(x.shape[0]):
                x[s] += m * nu[j, s]
    return a0


@njit(parallel=True, cache=True)
def leap_replicas(X: np.ndarray, T: np.ndarray, step: int, stop: float, tau: float,
                  reactions: Reactions, seed: int, strikes: Strikes, zombie: int) -> None:
    """Leap every replica from its clock to `stop` in leaps of at most tau; `step` is the
    tick, so that each leap has its own stream."""
    nu, r1, r2, k, freq = reactions.nu, reactions.r1, reactions.r2, reactions.k, reactions.freq
    strike_t, strike_kill = strikes.at, strikes.kill
    for i in prange(X.shape[0]):
        t = T[i]
        m = 0
        while t < stop - 1e-12:
            h = min(tau, stop - t)
            key = sub(stream(seed, step, LEAP), i, m)
            a0 = leap(X[i], h, nu, r1, r2, k, freq, 1.0, key)
            m += 1
            t += h
            if a0 <= 0.0 and strike_t.shape[0] == 0:
                break
            for s in range(strike_t.shape[0]):
                if t - h < strike_t[s] <= t:
                    hit = sub(stream(seed, s, STRIKE), i, 0)
                    X[i, zombie] -= binomial(hit, X[i, zombie], strike_kill[s])
        T[i] = stop
