"""Shares of work for parallel passes: each thread takes one share of the people or the cells.

A pass split into shares gives the same result for any number of them: counts are summed,
events are gathered share by share in order (`events.gather_parts`), and so are the people a
pass picks (`pick`, `close_gaps`).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .events import part_slots


@njit(inline="always", cache=True)
def share(part, parts, count):
    """Items lo..hi-1 of `count`, share `part` of `parts`: contiguous, in order, as even as can be."""
    return count * part // parts, count * (part + 1) // parts


def pick(keep, ids) -> np.ndarray:
    """The people with keep[i] (a bool or a 0/1 byte each), in increasing id: a slice of ids
    (scratch, one per person)."""
    first, found = part_slots()
    whole = len(keep) // 8 * 8
    _pick_parts(keep, keep[:whole].view(np.uint64), ids, first, found)
    return close_gaps(ids, first, found)


@njit(parallel=True, cache=True)
def _pick_parts(keep, words, ids, first, found):
    """Part k writes the ids of its share from ids[first[k]] on, and their number in found[k].
    keep is read eight at a time (words): eight not kept are passed over at once, which makes
    a sparse pick several times faster and a dense one no slower."""
    parts = found.shape[0]
    for part in prange(parts):
        lo, hi = share(part, parts, words.shape[0])
        m = first[part] = 8 * lo
        for w in range(lo, hi):
            if words[w] == 0:
                continue
            for i in range(8 * w, 8 * w + 8):
                ids[m] = i
                m += keep[i]  # branch-free: whether i is kept is as unpredictable as it is rare
        if part == parts - 1:
            for i in range(8 * words.shape[0], keep.shape[0]):
                ids[m] = i
                m += keep[i]
        found[part] = m - first[part]


def close_gaps(ids: np.ndarray, first: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Move each part's picks down to follow the part before's."""
    at = int(found[0])
    for k in range(1, len(found)):
        ids[at:at + found[k]] = ids[first[k]:first[k] + found[k]]
        at += int(found[k])
    return ids[:at]
