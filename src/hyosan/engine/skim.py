"""Skimming a byte column eight people at a time.

A pass that acts on a rare state (the bitten, say) would otherwise test every person's byte,
one by one. Read as 64-bit words, eight people are tested at once, and the pass looks closer
only at the words that hold the state.
"""

from __future__ import annotations

import numpy as np
from numba import njit

_ONES = np.uint64(0x0101010101010101)
_HIGHS = np.uint64(0x8080808080808080)


def words(column: np.ndarray) -> np.ndarray:
    """A byte column's whole 64-bit words (its last count % 8 bytes are left out): word w
    holds the bytes of people 8w to 8w + 7."""
    return column[: len(column) - len(column) % 8].view(np.uint64)


@njit(inline="always", cache=True)
def holds(word, value):
    """Whether any of the eight bytes of word equals value. Exact: a byte that is zero after
    the xor borrows in the subtraction and keeps its high bit clear in `~x`; the borrow it
    passes up can only mark bytes above one that is truly zero."""
    x = word ^ (_ONES * np.uint64(value))
    return ((x - _ONES) & ~x & _HIGHS) != 0


@njit(inline="always", cache=True)
def next_to_read(words, value, i, hi):
    """The first person from i on (to hi) whose word may hold value: whole words without it
    are skipped when they start at i."""
    while i & 7 == 0 and i + 8 <= hi and not holds(words[i >> 3], value):
        i += 8
    return i
