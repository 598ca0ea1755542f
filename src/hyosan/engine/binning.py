"""People sorted by cell (a counting sort), so that a cell's occupants are one slice.

Everyone but the escaped is binned, the dead included, so that the bins do not change when
people die or turn between one move and the next. The move phase sorts the people who step by
the cell they step into in the same way, and bites and fights sort only the people who stand
with a zombie.

Every pass splits the people (or cells) into shares, one per thread, and the results are the
same for any number of shares.
"""

from __future__ import annotations

import numpy as np
from numba import get_num_threads, njit, prange

from ..events import part_slots
from ..scenario.model import HUMAN, ZOMBIE
from .shares import share


@njit(parallel=True, cache=True)
def sort_by_cell(cell, ids, cell_start, order, counts):
    """Sort the people `ids` (in increasing id) by cell: cell_start has cells + 1 entries, and
    cell c's people are order[cell_start[c]:cell_start[c+1]], in increasing id. counts
    (parts x cells) is scratch: part k counts and places the k-th share of ids, and a cell
    takes part 0's people first."""
    parts, cells = counts.shape
    for part in prange(parts):
        mine = counts[part]
        mine[:] = 0
        lo, hi = share(part, parts, ids.shape[0])
        for j in range(lo, hi):
            mine[cell[ids[j]]] += 1
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
    cell_start[cells] = block_start[parts]
    for part in prange(parts):
        mine = counts[part]
        lo, hi = share(part, parts, ids.shape[0])
        for j in range(lo, hi):
            i = ids[j]
            c = cell[i]
            order[mine[c]] = i
            mine[c] += 1


def pick(keep, ids) -> np.ndarray:
    """The people with keep[i], in increasing id: a slice of ids (scratch, one per person)."""
    first, found = part_slots()
    _pick_parts(keep, ids, first, found)
    return _close_gaps(ids, first, found)


@njit(parallel=True, cache=True)
def _pick_parts(keep, ids, first, found):
    """Part k writes the ids of its share from ids[first[k]] on, and their number in found[k]."""
    parts = found.shape[0]
    for part in prange(parts):
        lo, hi = share(part, parts, keep.shape[0])
        m = first[part] = lo
        for i in range(lo, hi):
            ids[m] = i
            m += keep[i]  # branch-free: whether i is kept is as unpredictable as it is rare
        found[part] = m - lo


def bins_with_zombies(state, cell, marks, bin_of_cell, ids):
    """(bin_cell, bin_start, order): a bin for each cell where a zombie stands, in increasing
    cell; bin b holds the humans and zombies of cell bin_cell[b], in increasing id, as
    order[bin_start[b]:bin_start[b+1]]. marks (a byte per cell), bin_of_cell (an int32 per
    cell) and ids (one per person) are scratch."""
    marks[:] = 0
    met = in_zombie_cells(state, cell, marks, ids)
    bin_cell = pick(marks, bin_of_cell).copy()  # bin_of_cell is scratch until the next line
    bin_of_cell[bin_cell] = np.arange(len(bin_cell), dtype=np.int32)
    bin_start, by_bin = np.empty(len(bin_cell) + 1, np.int32), np.empty(len(met), np.int32)
    sort_by_cell(_bins_of(cell, met, bin_of_cell), np.arange(len(met), dtype=np.int32), bin_start,
                 by_bin, np.empty((get_num_threads(), len(bin_cell)), np.int32))
    return bin_cell, bin_start, met[by_bin]


def in_zombie_cells(state, cell, marks, ids) -> np.ndarray:
    """The humans and zombies who stand in a cell with a zombie, in increasing id: all that
    bites and fights read. marks (a byte per cell, zeros) and ids (one per person) are
    scratch; the result is a slice of ids."""
    first, found = part_slots()
    _mark_zombie_cells(state, cell, marks)
    _with_zombies(state, cell, marks, ids, first, found)
    return _close_gaps(ids, first, found)


@njit(parallel=True, cache=True)
def _mark_zombie_cells(state, cell, marks):
    for i in prange(state.shape[0]):
        if state[i] == ZOMBIE:
            marks[cell[i]] = 1  # threads may mark a cell at once: they write the same value


@njit(parallel=True, cache=True)
def _with_zombies(state, cell, marks, ids, first, found):
    parts = found.shape[0]
    for part in prange(parts):
        lo, hi = share(part, parts, state.shape[0])
        m = first[part] = lo
        for i in range(lo, hi):
            s = state[i]
            ids[m] = i  # branch-free, as in _pick_parts
            m += ((s == HUMAN) | (s == ZOMBIE)) & (marks[cell[i]] != 0)
        found[part] = m - lo


@njit(parallel=True, cache=True)
def _bins_of(cell, ids, bin_of_cell):
    """The bin of each of the people ids: bin_of_cell of their cell."""
    bins = np.empty(ids.shape[0], np.int32)
    for j in prange(ids.shape[0]):
        bins[j] = bin_of_cell[cell[ids[j]]]
    return bins


def _close_gaps(ids: np.ndarray, first: np.ndarray, found: np.ndarray) -> np.ndarray:
    """Move each part's picks down to follow the part before's."""
    at = int(found[0])
    for k in range(1, len(found)):
        ids[at:at + found[k]] = ids[first[k]:first[k] + found[k]]
        at += int(found[k])
    return ids[:at]
