"""Counter-based random variates for the science kernels (see hyosan.dice).

A variate is a function of a key and a counter, never of a generator's state, so results do
not depend on the thread count or the order of work. `sub(key, a, b)` makes the key of one
(cell or replica, purpose) pair; the samplers draw uniform(key, 0), uniform(key, 1), ...
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ..dice import mix, uniform

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_ODD = np.uint64(0xD1B54A32D192ED03)

# Purposes of the science kernels (the agent engine's are 1-9).
SSA, STRIKE, LEAP, HOP, SITE, SEED = 21, 22, 23, 24, 25, 26


@njit(inline="always", cache=True)
def sub(key, a, b):
    """The key of stream (a, b) under `key`: a cell or replica and a reaction or attempt."""
    return mix(mix(key ^ (np.uint64(a) * _GOLDEN)) ^ (np.uint64(b) * _ODD))


@njit(cache=True)
def poisson(key, lam):
    """A Poisson(lam) count: inversion below lam = 12, else Hormann's PTRS (transformed
    rejection with squeeze, W. Hormann, Insurance Math. Econom. 12, 39 (1993))."""
    if lam <= 0.0:
        return 0
    if lam < 12.0:
        u = uniform(key, 0)
        p = math.exp(-lam)
        f = p
        k = 0
        while u > f and k < 200:
            k += 1
            p *= lam / k
            f += p
        return k
    slam = math.sqrt(lam)
    loglam = math.log(lam)
    b = 0.931 + 2.53 * slam
    a = -0.059 + 0.02483 * b
    inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
    vr = 0.9277 - 3.6224 / (b - 2.0)
    i = 0
    while True:
        u = uniform(key, i) - 0.5
        v = uniform(key, i + 1)
        i += 2
        us = 0.5 - abs(u)
        k = math.floor((2.0 * a / us + b) * u + lam + 0.43)
        if us >= 0.07 and v <= vr:
            return int(k)
        if k < 0 or (us < 0.013 and v > us):
            continue
        if math.log(v) + math.log(inv_alpha) - math.log(a / (us * us) + b) <= \
                -lam + k * loglam - math.lgamma(k + 1.0):
            return int(k)


@njit(cache=True)
def binomial(key, n, p):
    """A Binomial(n, p) count: inversion when n * min(p, 1-p) < 15, else the normal
    approximation with continuity correction, clipped to 0..n (the tau-leap error budget)."""
    if n <= 0 or p <= 0.0:
        return 0
    if p >= 1.0:
        return n
    flip = p > 0.5
    q = 1.0 - p if flip else p
    if n * q < 15.0:
        s = q / (1.0 - q)
        r = (1.0 - q) ** n
        u = uniform(key, 0)
        k = 0
        while u > r and k < n:
            u -= r
            k += 1
            r *= s * (n - k + 1) / k
    else:
        z = math.sqrt(-2.0 * math.log(1.0 - uniform(key, 0))) * math.cos(2.0 * math.pi * uniform(key, 1))
        k = int(math.floor(n * q + z * math.sqrt(n * q * (1.0 - q)) + 0.5))
        k = min(max(k, 0), n)
    return n - k if flip else k


@njit(cache=True)
def bernoulli_count(key, n, p):
    """Exactly Binomial(n, p), one uniform per trial: for rare events such as strikes."""
    k = 0
    for i in range(n):
        k += uniform(key, i) < p
    return k


@njit(inline="always", cache=True)
def exponential(key, i):
    return -math.log(1.0 - uniform(key, i))
