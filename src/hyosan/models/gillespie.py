"""Exact stochastic simulation (Gillespie's direct method) of many replicas at once.

D. T. Gillespie, J. Phys. Chem. 81, 2340 (1977). Each replica is advanced to a stop time: the
waiting time to the next reaction is exponential with the total propensity a0, and the reaction
is j with probability a_j / a0. A waiting time that overshoots the stop is discarded and the
clock set to the stop: by the memorylessness of the exponential this leaves the process exact.
Replica i draws from key sub(seed-key, i, SSA) with its own event counter, so replicas are
independent and the result does not depend on how they are spread over threads.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from ..dice import stream, uniform
from .draws import SSA, STRIKE, bernoulli_count, sub
from .reactions import Reactions, Strikes, propensity


@njit(cache=True)
def ssa_until(x, t, n, stop, nu, r1, r2, k, key):
    """Advance one replica (state x, clock t, events drawn n) to time `stop`; returns (t, n)."""
    nr = k.shape[0]
    a = np.empty(nr)
    while True:
        a0 = 0.0
        for j in range(nr):
            a[j] = propensity(j, x, r1, r2, k)
            a0 += a[j]
        if a0 <= 0.0:
            return stop, n
        u1 = uniform(key, 2 * n)
        u2 = uniform(key, 2 * n + 1)
        n += 1
        t_next = t - np.log(1.0 - u1) / a0
        if t_next > stop:
            return stop, n
        t = t_next
        target = u2 * a0
        j = 0
        acc = a[0]
        while acc <= target and j < nr - 1:
            j += 1
            acc += a[j]
        for s in range(x.shape[0]):
            x[s] += nu[j, s]


@njit(parallel=True, cache=True)
def advance_replicas(X: np.ndarray, T: np.ndarray, N: np.ndarray, stop: float, reactions: Reactions,
                     seed: int, strikes: Strikes, zombie: int) -> None:
    """Advance every replica (rows of X, clocks T, event counters N) to `stop`, applying the
    strikes (Strikes: times, kill fractions) that fall on the way."""
    nu, r1, r2, k = reactions.nu, reactions.r1, reactions.r2, reactions.k
    strike_t, strike_kill = strikes.at, strikes.kill
    root = stream(seed, 0, SSA)
    for i in prange(X.shape[0]):
        key = sub(root, i, SSA)
        t, n = T[i], N[i]
        for s in range(strike_t.shape[0]):
            if t < strike_t[s] <= stop:
                t, n = ssa_until(X[i], t, n, strike_t[s], nu, r1, r2, k, key)
                hit = sub(root, i, STRIKE * 1000 + s)
                X[i, zombie] -= bernoulli_count(hit, X[i, zombie], strike_kill[s])
        t, n = ssa_until(X[i], t, n, stop, nu, r1, r2, k, key)
        T[i], N[i] = t, n
