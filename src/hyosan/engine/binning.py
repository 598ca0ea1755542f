"""People sorted by cell (a counting sort), so that a cell's occupants are one slice.

Everyone but the escaped is binned, the dead included, so that the bins do not change when
people die or turn between one move and the next: a bin rebuilt from a checkpoint is the same.
The move phase sorts the people who step by the cell they step into in the same way.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from .shares import share


@njit(parallel=True, cache=True)
def sort_by_cell(cell, keep, cell_start, order, counts):
    """Sort the people with keep[i] by cell[i]: cell_start has cells + 1 entries, and cell c's
    people are order[cell_start[c]:cell_start[c+1]], in increasing id. counts (parts x cells)
    is scratch: part k sorts the k-th share of the people, and a cell takes part 0's people
    first, so the result is the same for any number of parts. Returns how many were sorted."""
    parts, cells = counts.shape
    people = cell.shape[0]
    for part in prange(parts):
        mine = counts[part]
        mine[:] = 0
        lo, hi = share(part, parts, people)
        for i in range(lo, hi):
            if keep[i]:
                mine[cell[i]] += 1
    # Where each part's people go in each cell: a running sum over cells, then parts. It is
    # made in `parts` blocks of cells at once, each block starting from the totals before it.
    block_start = np.zeros(parts + 1, np.int64)
    for b in prange(parts):
        total = 0
        lo, hi = share(b, parts, cells)
        for c in range(lo, hi):
            for part in range(parts):
                total += counts[part, c]
        block_start[b + 1] = total
    for b in range(parts):
        block_start[b + 1] += block_start[b]
    for b in prange(parts):
        at = block_start[b]
        lo, hi = share(b, parts, cells)
        for c in range(lo, hi):
            cell_start[c] = at
            for part in range(parts):
                k = counts[part, c]
                counts[part, c] = at  # from now on: where part's next person in cell c goes
                at += k
    at = block_start[parts]
    cell_start[cells] = at
    for part in prange(parts):
        mine = counts[part]
        lo, hi = share(part, parts, people)
        for i in range(lo, hi):
            if keep[i]:
                c = cell[i]
                order[mine[c]] = i
                mine[c] += 1
    return at
