"""Shares of work for parallel passes: each thread takes one share of the people or the cells.

A pass split into shares gives the same result for any number of them: counts are summed, and
events are gathered share by share in order (`events.gather_parts`).
"""

from __future__ import annotations

from numba import njit


@njit(inline="always", cache=True)
def share(part, parts, count):
    """Items lo..hi-1 of `count`, share `part` of `parts`: contiguous, in order, as even as can be."""
    return count * part // parts, count * (part + 1) // parts
