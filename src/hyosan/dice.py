"""Counter-based randomness: every draw is a hash of (seed, tick, person, purpose).

No generator carries state from one draw to the next, so results do not depend on the order in
which people are processed, on the number of threads, or on whether a run was resumed.
The hash is the splitmix64 finaliser, applied twice.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numba import njit


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_ODD = np.uint64(0xD1B54A32D192ED03)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2**-53

# Distribution codes of scenario.model.Distribution, read by `sample`.
FIXED, UNIFORM, NORMAL, LOGNORMAL, BETA, EXPONENTIAL = range(6)
DIST_NAMES = ("fixed", "uniform", "normal", "lognormal", "beta", "exponential")

# Streams: one per kind of decision, so that switching one mechanism off leaves the draws of
# every other mechanism unchanged. A stream's number is baked into compiled kernels and into
# results: a number is never changed or given to another stream. The engine's streams are
# here; each behaviour declares its own (`Behaviour.streams`) and STREAMS names them all.
WANDER, MOVE, TIE, PRIORITY, BITE, FIGHT, INCUBATION, HALFBIE, AUTHORITY_RESCUE = range(1, 10)
LUNGE, STEP = 27, 28
STREAMS = {"wander": WANDER, "move": MOVE, "tie": TIE, "priority": PRIORITY, "bite": BITE,
           "fight": FIGHT, "incubation": INCUBATION, "halfbie": HALFBIE,
           "authority_rescue": AUTHORITY_RESCUE, "lunge": LUNGE, "step": STEP}


def declare_streams(owner: str, streams: dict[str, int]) -> None:
    """Add a behaviour's streams to STREAMS: no name or number may be taken already."""
    for name, number in streams.items():
        if name in STREAMS:
            raise ValueError(f"{owner}: stream {name!r} is declared already")
        if number in STREAMS.values() or number < 1:
            taken = next((k for k, v in STREAMS.items() if v == number), None)
            raise ValueError(f"{owner}: stream {name!r} has number {number}, "
                             + (f"which is {taken!r}'s" if taken else "expected a positive one")
                             + f"; the first free number is {max(STREAMS.values()) + 1}")
    STREAMS.update(streams)


def forget_streams(streams: dict[str, int]) -> None:
    for name in streams:
        del STREAMS[name]


@njit(inline="always", cache=True)
def mix(z):
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


@njit(inline="always", cache=True)
def stream(seed, tick, purpose):
    """The key of one purpose at one tick; computed once per kernel call."""
    t = np.uint64(tick) * _GOLDEN + np.uint64(purpose)
    return mix(mix(np.uint64(seed) ^ _ODD) ^ t)


@njit(inline="always", cache=True)
def uniform(key, person):
    """A uniform draw in [0, 1) for one person from a stream key."""
    h = mix(key ^ (np.uint64(person) * _GOLDEN))
    return np.float64(h >> np.uint64(11)) * _TO_UNIT


@njit(inline="always", cache=True)
def uniform2(key, person, other):
    """A uniform draw for a pair (a person and another person, neighbour or attempt)."""
    h = mix(mix(key ^ (np.uint64(person) * _GOLDEN)) ^ (np.uint64(other) * _ODD))
    return np.float64(h >> np.uint64(11)) * _TO_UNIT


@njit(cache=True)
def _normal(key, person, j):
    u1 = 1.0 - uniform2(key, person, j)
    u2 = uniform2(key, person, j + 1)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


@njit(cache=True)
def _gamma(key, person, shape, j):
    """Marsaglia and Tsang's method; the counter j numbers the attempts."""
    boost = 1.0
    if shape < 1.0:
        boost = uniform2(key, person, j) ** (1.0 / shape)
        shape += 1.0
        j += 1
    d = shape - 1.0 / 3.0
    c = 1.0 / np.sqrt(9.0 * d)
    for _ in range(64):
        x = _normal(key, person, j)
        v = (1.0 + c * x) ** 3
        u = uniform2(key, person, j + 2)
        j += 3
        if v > 0.0 and np.log(u) < 0.5 * x * x + d - d * v + d * np.log(v):
            return d * v * boost
    return d * boost


@njit(cache=True)
def sample(key, person, kind, a, b):
    """One draw of a scenario distribution (codes from scenario.model) for one person."""
    if kind == FIXED:
        return a
    if kind == UNIFORM:
        return a + (b - a) * uniform2(key, person, 0)
    if kind == NORMAL:
        return a + b * _normal(key, person, 0)
    if kind == LOGNORMAL:
        return a * np.exp(b * _normal(key, person, 0))
    if kind == EXPONENTIAL:
        return -a * np.log(1.0 - uniform2(key, person, 0))
    if kind == BETA:
        x = _gamma(key, person, a, 0)
        y = _gamma(key, person, b, 1000)
        return x / (x + y)
    return a


class Incubation(NamedTuple):
    """How long the bitten take to turn: a distribution (`sample`) in seconds, and the tick."""

    kind: int  # a distribution code (FIXED, UNIFORM...)
    a: float
    b: float
    tick_seconds: float


@njit(inline="always", cache=True)
def incubation_ticks(key: np.uint64, person: int, incubation: Incubation) -> int:
    """A person's incubation, drawn from the scenario's distribution, in whole ticks (>= 1)."""
    ticks = int(round(sample(key, person, incubation.kind, incubation.a, incubation.b)
                      / incubation.tick_seconds))
    return max(ticks, 1)
