"""The machine's memory bandwidth, measured as STREAM measures it (McCalpin 1995): the copy
(a = b) and triad (a = b + s c) kernels over arrays far larger than the caches, on every core,
the best of several passes. STREAM counts the bytes the kernel names (16 for copy, 24 for
triad, per element), not the write-allocate traffic the hardware adds, and so does this.

The reference model reads and writes each person's state every tick, so its speed cannot pass
bandwidth / (2 x state bytes per person): the bound printed beside the speed table.
"""

from __future__ import annotations

import time

import numpy as np
from numba import njit, prange

ELEMENTS = 40_000_000  # 320 MB an array of float64: many times any L3 cache
PASSES = 5


@njit(parallel=True, cache=True)
def _copy(a, b):
    for i in prange(a.shape[0]):
        a[i] = b[i]


@njit(parallel=True, cache=True)
def _triad(a, b, c, s):
    for i in prange(a.shape[0]):
        a[i] = b[i] + s * c[i]


def bandwidth(elements: int = ELEMENTS, passes: int = PASSES) -> dict[str, float]:
    """Bytes per second of copy and triad, each the best of `passes`."""
    a, b, c = (np.full(elements, v) for v in (0.0, 1.0, 2.0))
    _copy(a[:8], b[:8])  # compile (or load) before timing
    _triad(a[:8], b[:8], c[:8], 3.0)
    best = {"copy": 0.0, "triad": 0.0}
    for _ in range(passes):
        t = time.perf_counter()
        _copy(a, b)
        best["copy"] = max(best["copy"], 16 * elements / (time.perf_counter() - t))
        t = time.perf_counter()
        _triad(a, b, c, 3.0)
        best["triad"] = max(best["triad"], 24 * elements / (time.perf_counter() - t))
    return best


def report(state_bytes_per_person: int = 14) -> str:
    """A line for the harness: the bandwidth and the bound it puts on the reference model."""
    bw = bandwidth()
    bound = bw["triad"] / (2 * state_bytes_per_person)
    return (f"memory bandwidth (STREAM-style, every core, best of {PASSES}): copy {bw['copy'] / 1e9:.1f} GB/s, "
            f"triad {bw['triad'] / 1e9:.1f} GB/s; reading and writing {state_bytes_per_person} B of state a "
            f"person each tick, the reference model cannot pass ~{bound / 1e6:.0f} M agent-steps/s")


if __name__ == "__main__":
    print(report())
